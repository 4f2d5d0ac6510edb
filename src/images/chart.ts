import { Resvg } from '@resvg/resvg-js';
import { type BarSeries, barChartSpec } from './bar-chart-spec.js';
import { bundledChartFont, type ChartFont, checkChartFont } from './chart-font.js';
import { parse, View } from './vega.js';

export type { BarSeries } from './bar-chart-spec.js';

export interface ChartOptions {
  width?: number;
  height?: number;
  /** The bundled DejaVu Sans unless given. */
  font?: ChartFont;
}

/** A bar chart as SVG: Vega lays it out on the server, without a DOM or a canvas. */
export async function renderBarChartSvg(series: BarSeries, options: ChartOptions = {}): Promise<string> {
  const size = { width: options.width ?? 800, height: options.height ?? 400 };
  const family = (options.font ?? bundledChartFont()).family;
  const view = new View(parse(barChartSpec(series, size, family)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * A bar chart as PNG. resvg draws the text with the given font files only, never the machine's own
 * fonts, so the chart has its labels and looks the same on a slim image without fonts as anywhere else.
 */
export async function renderBarChartPng(series: BarSeries, options: ChartOptions = {}): Promise<Buffer> {
  const font = options.font ?? bundledChartFont();
  checkChartFont(font);
  const svg = await renderBarChartSvg(series, { ...options, font });
  const png = new Resvg(svg, {
    background: '#ffffff',
    font: {
      fontFiles: font.files,
      loadSystemFonts: false,
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
    },
  }).render();
  return png.asPng();
}
