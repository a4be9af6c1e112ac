// The arithmetic of the image cropper, kept free of the DOM so it can be tested. A crop is a
// zoom and the centre of the crop box in source-image pixels; at zoom 1 the box is the largest
// one of the target's aspect that fits the image, and it always stays inside the image.

export interface Size {
  width: number;
  height: number;
}

export interface Crop {
  zoom: number;
  centerX: number;
  centerY: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 4;

/** What each profile image is encoded to (square avatars, 3:1 backgrounds). */
export const CROP_TARGETS = {
  avatar: { width: 512, height: 512 },
  background: { width: 1500, height: 500 },
} as const satisfies Record<string, Size>;
export type CropKind = keyof typeof CROP_TARGETS;

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** The crop box's size in source pixels for a zoom. */
export function boxSize(image: Size, aspect: number, zoom: number): Size {
  const width = Math.min(image.width, image.height * aspect) / clamp(zoom, MIN_ZOOM, MAX_ZOOM);
  return { width, height: width / aspect };
}

/** The crop with its zoom in range and its box moved back inside the image. */
export function clampCrop(image: Size, aspect: number, crop: Crop): Crop {
  const zoom = clamp(crop.zoom, MIN_ZOOM, MAX_ZOOM);
  const box = boxSize(image, aspect, zoom);
  return {
    zoom,
    centerX: clamp(crop.centerX, box.width / 2, image.width - box.width / 2),
    centerY: clamp(crop.centerY, box.height / 2, image.height - box.height / 2),
  };
}

export function initialCrop(image: Size): Crop {
  return { zoom: MIN_ZOOM, centerX: image.width / 2, centerY: image.height / 2 };
}

export function cropRect(image: Size, aspect: number, crop: Crop): Rect {
  const clamped = clampCrop(image, aspect, crop);
  const box = boxSize(image, aspect, clamped.zoom);
  return { x: clamped.centerX - box.width / 2, y: clamped.centerY - box.height / 2, width: box.width, height: box.height };
}

/**
 * Moves the image under the box by a fraction of the box (dragging the image right by a
 * quarter of the view shows what was a quarter further left).
 */
export function panBy(image: Size, aspect: number, crop: Crop, dxFraction: number, dyFraction: number): Crop {
  const box = boxSize(image, aspect, crop.zoom);
  return clampCrop(image, aspect, { ...crop, centerX: crop.centerX - dxFraction * box.width, centerY: crop.centerY - dyFraction * box.height });
}

/** Zooms about the centre of the box. */
export function zoomTo(image: Size, aspect: number, crop: Crop, zoom: number): Crop {
  return clampCrop(image, aspect, { ...crop, zoom });
}
