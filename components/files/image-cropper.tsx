"use client";
import { type KeyboardEvent, type PointerEvent, useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CROP_TARGETS, type Crop, type CropKind, cropRect, initialCrop, MAX_ZOOM, MIN_ZOOM, panBy, zoomTo } from "./crop-geometry";
import { encodeCrop } from "./encode-image";

interface ImageCropperProps {
  /** The decoded source image (createImageBitmap applies its EXIF orientation). */
  image: ImageBitmap;
  kind: CropKind;
  /** Disables saving while the result uploads. */
  busy?: boolean;
  onCancel(): void;
  onCropped(file: File): void;
}

// The on-screen preview is drawn smaller than the target: it only has to look right.
const PREVIEW_WIDTH = { avatar: 320, background: 960 } as const;
const KEY_STEP = 0.02;
const WHEEL_SENSITIVITY = 500;

/**
 * A fixed-aspect cropper: drag (pointer or arrow keys) to move the image, zoom with the
 * slider, the wheel or +/−. What the preview shows is exactly what gets encoded.
 */
export function ImageCropper({ image, kind, busy, onCancel, onCropped }: ImageCropperProps) {
  const target = CROP_TARGETS[kind];
  const aspect = target.width / target.height;
  const size = { width: image.width, height: image.height };
  const [crop, setCrop] = useState<Crop>(() => initialCrop(size));
  const [encoding, setEncoding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const helpId = useId();
  const zoomId = useId();
  const previewWidth = PREVIEW_WIDTH[kind];
  const previewHeight = Math.round(previewWidth / aspect);
  const imageWidth = image.width;
  const imageHeight = image.height;

  useEffect(() => {
    const context = canvas.current?.getContext("2d");
    if (!context) return;
    const rect = cropRect({ width: imageWidth, height: imageHeight }, aspect, crop);
    context.imageSmoothingQuality = "high";
    context.clearRect(0, 0, previewWidth, previewHeight);
    context.drawImage(image, rect.x, rect.y, rect.width, rect.height, 0, 0, previewWidth, previewHeight);
  }, [image, imageWidth, imageHeight, aspect, crop, previewWidth, previewHeight]);

  // React's wheel listener is passive; zooming must stop the page from scrolling instead.
  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      setCrop((c) => zoomTo({ width: imageWidth, height: imageHeight }, aspect, c, c.zoom * Math.exp(-event.deltaY / WHEEL_SENSITIVITY)));
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, [imageWidth, imageHeight, aspect]);

  const pan = (dx: number, dy: number) => setCrop((c) => panBy(size, aspect, c, dx, dy));
  const zoom = (value: number) => setCrop((c) => zoomTo(size, aspect, c, value));

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const bounds = event.currentTarget.getBoundingClientRect();
    pan((event.clientX - drag.current.x) / bounds.width, (event.clientY - drag.current.y) / bounds.height);
    drag.current = { x: event.clientX, y: event.clientY };
  };
  const endDrag = () => {
    drag.current = null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? KEY_STEP * 5 : KEY_STEP;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (move) pan(...move);
    else if (event.key === "+" || event.key === "=") zoom(crop.zoom * 1.1);
    else if (event.key === "-" || event.key === "_") zoom(crop.zoom / 1.1);
    else return;
    event.preventDefault();
  };

  const save = async () => {
    setEncoding(true);
    setError(null);
    try {
      onCropped(await encodeCrop(image, cropRect(size, aspect, crop), target, kind));
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : "The image could not be encoded.");
    } finally {
      setEncoding(false);
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <div
        ref={viewport}
        role="group"
        aria-label={`Crop area for the ${kind}`}
        aria-describedby={helpId}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onKeyDown={onKeyDown}
        className="relative w-full cursor-grab touch-none select-none overflow-hidden rounded-lg bg-inset-strong focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 active:cursor-grabbing"
        style={{ aspectRatio: `${target.width} / ${target.height}` }}
      >
        <canvas ref={canvas} width={previewWidth} height={previewHeight} aria-hidden="true" className="block h-full w-full" />
        {kind === "avatar" ? <div aria-hidden="true" className="pointer-events-none absolute inset-0 rounded-full shadow-[0_0_0_9999px_rgba(0,0,0,0.45)]" /> : null}
      </div>
      <p id={helpId} className="text-xs text-muted">
        Drag the image or use the arrow keys to move it; zoom with the slider, the mouse wheel or the + and − keys. It is saved at {target.width}×{target.height} pixels.
      </p>
      <div className="flex items-center gap-3">
        <label htmlFor={zoomId} className="text-sm font-medium">
          Zoom
        </label>
        <input
          id={zoomId}
          type="range"
          min={MIN_ZOOM}
          max={MAX_ZOOM}
          step={0.01}
          value={crop.zoom}
          aria-valuetext={`${Math.round(crop.zoom * 100)}%`}
          onChange={(event) => zoom(Number(event.currentTarget.value))}
          className="flex-1 accent-indigo-600"
        />
      </div>
      <Alert tone="error" inline>
        {error}
      </Alert>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button onClick={() => void save()} disabled={busy || encoding} aria-busy={busy || encoding} className={cn(busy || encoding ? "cursor-wait" : undefined)}>
          {busy || encoding ? "Saving…" : `Save ${kind}`}
        </Button>
      </div>
    </div>
  );
}
