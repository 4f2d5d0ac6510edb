import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts/core';
import { install as BarChart } from 'echarts/lib/chart/bar/install.js';
import { install as GridComponent } from 'echarts/lib/component/grid/installSimple.js';
import { install as TitleComponent } from 'echarts/lib/component/title/install.js';
import { install as SVGRenderer } from 'echarts/lib/renderer/installSVGRenderer.js';

// Only what a bar chart needs: `echarts/charts` and friends load every chart type (tens of MB more).
echarts.use([BarChart, GridComponent, TitleComponent, SVGRenderer]);

export interface BarSeries {
  title: string;
  /** Category labels, e.g. dates. */
  labels: string[];
  values: number[];
  /** The unit the values are in, shown on the axis (e.g. "MB"). */
  unit: string;
}

/**
 * A bar chart as PNG: ECharts draws SVG without a DOM (server-side rendering) and resvg rasterises
 * it, so no native canvas build is needed.
 */
export function renderBarChartPng(series: BarSeries, size = { width: 800, height: 400 }): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: { text: series.title, left: 'center', textStyle: { fontSize: 16, fontFamily: 'DejaVu Sans, sans-serif' } },
      grid: { left: 70, right: 24, top: 48, bottom: 56 },
      xAxis: {
        type: 'category',
        data: series.labels,
        axisLabel: { rotate: series.labels.length > 10 ? 45 : 0, fontFamily: 'DejaVu Sans, sans-serif' },
      },
      yAxis: {
        type: 'value',
        name: series.unit,
        axisLabel: { fontFamily: 'DejaVu Sans, sans-serif' },
      },
      series: [{ type: 'bar', data: series.values, itemStyle: { color: '#5865F2' } }],
    });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      background: '#ffffff',
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    }).render();
    return png.asPng();
  } finally {
    chart.dispose();
  }
}
