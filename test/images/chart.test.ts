import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { afterEach, describe, expect, it } from 'vitest';
import { renderBarChartPng, renderBarChartSvg } from '../../src/images/chart.js';
import { bundledChartFont, ChartFontError } from '../../src/images/chart-font.js';
import { categoryBand, inkIn, inkOnlyIn, titleBand, valueBand } from './ink.js';
import { digestSeries, usageSeries } from './series.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The same chart as a machine without fonts draws it: resvg with no font at all. */
async function drawnWithoutFonts(svg: string): Promise<Buffer> {
  return new Resvg(svg, { background: '#ffffff', font: { fontFiles: [], loadSystemFonts: false } }).render().asPng();
}

let scratch: string | undefined;
afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('charts carry their own font', () => {
  it('draws the title, the day labels, the values and the unit with the bundled font alone', async () => {
    const png = await renderBarChartPng(usageSeries);
    const bare = await drawnWithoutFonts(await renderBarChartSvg(usageSeries));

    // Without a font resvg drops every text node and says nothing: the title band is blank.
    expect(inkIn(bare, titleBand)).toBe(0);
    expect(inkIn(png, titleBand)).toBeGreaterThan(500);
    expect(inkOnlyIn(png, bare, categoryBand)).toBeGreaterThan(300);
    expect(inkOnlyIn(png, bare, valueBand)).toBeGreaterThan(200);
  });

  it("draws the digest's provider names under their bars", async () => {
    const png = await renderBarChartPng(digestSeries);
    const bare = await drawnWithoutFonts(await renderBarChartSvg(digestSeries));

    expect(inkIn(png, titleBand)).toBeGreaterThan(500);
    expect(inkOnlyIn(png, bare, categoryBand)).toBeGreaterThan(400);
  });

  it('keeps a name with markup characters as text', async () => {
    const series = { ...usageSeries, title: 'a<b>&"c" on ProxyShard: daily usage' };
    const svg = await renderBarChartSvg(series);
    expect(svg).toContain('a&lt;b&gt;&amp;');

    expect(inkIn(await renderBarChartPng(series), titleBand)).toBeGreaterThan(500);
  });

  it('draws a chart of zeros on a scale from 0, with its labels', async () => {
    const series = { title: 'bob on Youproxy: daily usage', labels: ['06-01'], values: [0], unit: 'KB' };
    const svg = await renderBarChartSvg(series);
    expect(svg).not.toContain('NaN');
    expect(inkOnlyIn(await renderBarChartPng(series), await drawnWithoutFonts(svg), valueBand)).toBeGreaterThan(100);
  });
});

describe('a chart font that cannot be used is named, not silently dropped', () => {
  it('a missing font file', async () => {
    const file = join(tmpdir(), 'no-such-dir', 'Missing.ttf');
    const drawing = renderBarChartPng(usageSeries, { font: { family: 'DejaVu Sans', files: [file] } });
    await expect(drawing).rejects.toBeInstanceOf(ChartFontError);
    await expect(drawing).rejects.toThrow(`The chart font ${file} cannot be read (ENOENT)`);
  });

  it('a file that is no font', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'badfont-'));
    const file = join(scratch, 'DejaVuSans.ttf');
    writeFileSync(file, '<html>Not Found</html>');
    await expect(renderBarChartPng(usageSeries, { font: { family: 'DejaVu Sans', files: [file] } })).rejects.toThrow(
      `The chart font ${file} is not a TrueType or OpenType font`,
    );
  });

  it('no font files at all', async () => {
    await expect(renderBarChartPng(usageSeries, { font: { family: 'DejaVu Sans', files: [] } })).rejects.toThrow(
      'No font files were given for "DejaVu Sans"',
    );
  });
});

describe('the bundled font', () => {
  it('is DejaVu Sans from assets/fonts at the package root, with its licence beside it', () => {
    const font = bundledChartFont();
    expect(font.family).toBe('DejaVu Sans');
    expect(font.files.map((f) => f.slice(repoRoot.length))).toEqual([
      'assets/fonts/DejaVuSans.ttf',
      'assets/fonts/DejaVuSans-Bold.ttf',
    ]);
    expect(existsSync(join(dirname(font.files[0] as string), 'DejaVu-LICENSE.txt'))).toBe(true);
  });
});
