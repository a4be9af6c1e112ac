import { describe, expect, it } from "vitest";
import { boxSize, clampCrop, cropRect, initialCrop, MAX_ZOOM, panBy, zoomTo } from "./crop-geometry";

const landscape = { width: 4000, height: 3000 };
const portrait = { width: 1000, height: 2000 };

describe("crop geometry", () => {
  it("starts with the largest centred box of the aspect", () => {
    expect(cropRect(landscape, 1, initialCrop(landscape))).toEqual({ x: 500, y: 0, width: 3000, height: 3000 });
    expect(cropRect(landscape, 3, initialCrop(landscape))).toEqual({ x: 0, y: 1500 - 4000 / 6, width: 4000, height: 4000 / 3 });
    expect(cropRect(portrait, 3, initialCrop(portrait))).toEqual({ x: 0, y: 1000 - 1000 / 6, width: 1000, height: 1000 / 3 });
  });

  it("zooms about the centre, within range", () => {
    const zoomed = zoomTo(landscape, 1, initialCrop(landscape), 2);
    expect(cropRect(landscape, 1, zoomed)).toEqual({ x: 1250, y: 750, width: 1500, height: 1500 });
    expect(zoomTo(landscape, 1, zoomed, 99).zoom).toBe(MAX_ZOOM);
    expect(zoomTo(landscape, 1, zoomed, 0.2).zoom).toBe(1);
  });

  it("pans by fractions of the box and never leaves the image", () => {
    const crop = zoomTo(landscape, 1, initialCrop(landscape), 2);
    // Dragging the image left by half a view shows what is to the right.
    expect(cropRect(landscape, 1, panBy(landscape, 1, crop, -0.5, 0)).x).toBe(2000);
    const farAway = panBy(landscape, 1, crop, -100, 100);
    expect(cropRect(landscape, 1, farAway)).toEqual({ x: 2500, y: 0, width: 1500, height: 1500 });
    // Zooming out again pulls a box at the edge back inside.
    expect(cropRect(landscape, 1, zoomTo(landscape, 1, farAway, 1))).toEqual({ x: 1000, y: 0, width: 3000, height: 3000 });
  });

  it("clamps a crop whose centre is nonsense", () => {
    expect(clampCrop(portrait, 1, { zoom: 1, centerX: -5, centerY: 1e9 })).toEqual({ zoom: 1, centerX: 500, centerY: 1500 });
    expect(boxSize(portrait, 1, 4)).toEqual({ width: 250, height: 250 });
  });
});
