import { PNG } from 'pngjs';

/** A band of the picture, in pixels, end exclusive. */
export interface Band {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function isInk(data: Buffer, i: number): boolean {
  const r = data[i] as number;
  const g = data[i + 1] as number;
  const b = data[i + 2] as number;
  // Dark and grey, as the title and labels are; the blue bars and near-white grid lines are not.
  return Math.max(r, g, b) < 200 && Math.max(r, g, b) - Math.min(r, g, b) < 40;
}

/** How many pixels of the band are ink in `png` but not in `without`: text that only the font put there. */
export function inkOnlyIn(png: Buffer, without: Buffer, band: Band): number {
  const a = PNG.sync.read(png);
  const b = PNG.sync.read(without);
  if (a.width !== b.width || a.height !== b.height) throw new Error('the two pictures differ in size');
  let count = 0;
  for (let y = band.y0; y < Math.min(band.y1, a.height); y++) {
    for (let x = band.x0; x < Math.min(band.x1, a.width); x++) {
      const i = (y * a.width + x) * 4;
      if (isInk(a.data, i) && !isInk(b.data, i)) count++;
    }
  }
  return count;
}

/** How many pixels of the band are ink. */
export function inkIn(png: Buffer, band: Band): number {
  return inkInEach(png, [band])[0] as number;
}

/** How many pixels of each band are ink, reading the picture once. */
export function inkInEach(png: Buffer, bands: readonly Band[]): number[] {
  const image = PNG.sync.read(png);
  return bands.map((band) => {
    let count = 0;
    for (let y = band.y0; y < Math.min(band.y1, image.height); y++) {
      for (let x = band.x0; x < Math.min(band.x1, image.width); x++) {
        if (isInk(image.data, (y * image.width + x) * 4)) count++;
      }
    }
    return count;
  });
}

// Where an 800 × 400 chart keeps its text: the title above the plot, the categories below it, the
// values and the unit to its left.
export const titleBand: Band = { x0: 0, y0: 0, x1: 800, y1: 36 };
export const categoryBand: Band = { x0: 0, y0: 345, x1: 800, y1: 400 };
export const valueBand: Band = { x0: 0, y0: 36, x1: 50, y1: 340 };
