import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The font every chart is drawn with: its family name as the SVG asks for it, and the files that hold it. */
export interface ChartFont {
  family: string;
  files: string[];
}

/** A chart font that is missing or is no font: drawing on would silently drop every label. */
export class ChartFontError extends Error {
  override name = 'ChartFontError';
}

const bundledFamily = 'DejaVu Sans';
const bundledFiles = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

/**
 * The fonts live in `assets/fonts/` at the package root. They are looked up from this module's own
 * location, walking up, because the module runs from `src/images/` today and from a compiled `dist/`
 * (at whatever depth the build puts it) later, and both must reach the same root folder.
 */
function findFontsDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  const root = parse(dir).root;
  for (;;) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(join(candidate, bundledFiles[0] as string))) return candidate;
    if (dir === root) return undefined;
    dir = dirname(dir);
  }
}

let bundled: ChartFont | undefined;

/** DejaVu Sans, shipped with the package, so charts look the same on every machine. */
export function bundledChartFont(): ChartFont {
  if (bundled) return bundled;
  const dir = findFontsDir();
  if (!dir) {
    throw new ChartFontError(
      `The chart font ${bundledFiles[0]} was not found in assets/fonts/ at the package root; charts would have no text. Reinstall resellerops so that folder is complete.`,
    );
  }
  bundled = { family: bundledFamily, files: bundledFiles.map((f) => join(dir, f)) };
  return bundled;
}

// TrueType, OpenType (CFF), Apple TrueType and font collections: what resvg can draw from.
const fontSignatures = new Set(['00010000', '4f54544f', '74727565', '74746366']);

/** Throws a ChartFontError naming the file when a font cannot be used, since resvg would skip it without a word. */
export function checkChartFont(font: ChartFont): void {
  if (font.files.length === 0) {
    throw new ChartFontError(`No font files were given for "${font.family}"; charts would have no text.`);
  }
  for (const file of font.files) {
    const head = Buffer.alloc(4);
    let read = 0;
    try {
      const fd = openSync(file, 'r');
      try {
        read = readSync(fd, head, 0, 4, 0);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new ChartFontError(
        `The chart font ${file} cannot be read (${reason}); charts would have no text. Reinstall resellerops so assets/fonts/ is complete.`,
      );
    }
    if (read < 4 || !fontSignatures.has(head.toString('hex'))) {
      throw new ChartFontError(
        `The chart font ${file} is not a TrueType or OpenType font; charts would have no text. Replace it with the .ttf from the package.`,
      );
    }
  }
}
