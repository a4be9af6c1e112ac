// Draws the cropped part of an image at the target size and encodes it in the browser, so the
// upload is a few hundred KB whatever the camera produced. WebP where the browser can encode
// it, JPEG otherwise (canvas.toBlob quietly falls back to PNG for types it cannot encode).
import type { Rect, Size } from "./crop-geometry";

const QUALITY = 0.9;

function toBlob(canvas: HTMLCanvasElement, type: string): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, QUALITY));
}

function draw(source: CanvasImageSource, rect: Rect, target: Size, background?: string): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = target.width;
  canvas.height = target.height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw images.");
  if (background) {
    // JPEG has no transparency: transparent pixels would turn black.
    context.fillStyle = background;
    context.fillRect(0, 0, target.width, target.height);
  }
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = "high";
  context.drawImage(source, rect.x, rect.y, rect.width, rect.height, 0, 0, target.width, target.height);
  return canvas;
}

/** The crop as a File named `{baseName}.webp` (or `.jpg`). */
export async function encodeCrop(source: CanvasImageSource, rect: Rect, target: Size, baseName: string): Promise<File> {
  const webp = await toBlob(draw(source, rect, target), "image/webp");
  if (webp?.type === "image/webp") return new File([webp], `${baseName}.webp`, { type: "image/webp" });
  const jpeg = await toBlob(draw(source, rect, target, "#ffffff"), "image/jpeg");
  if (jpeg?.type === "image/jpeg") return new File([jpeg], `${baseName}.jpg`, { type: "image/jpeg" });
  throw new Error("This browser cannot encode images.");
}
