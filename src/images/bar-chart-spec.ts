import type { Spec } from 'vega-typings';

export interface BarSeries {
  title: string;
  /** Category labels, e.g. dates. */
  labels: string[];
  values: number[];
  /** The unit the values are in, shown on the axis (e.g. "MB"). */
  unit: string;
}

const text = '#464646';
const muted = '#6e7079';
const bar = '#5865F2';

// Vega measures text without a canvas by estimate; this is close to its guess for a 12 px sans face.
const labelCharPx = 7;

/** Long category names (providers) turn to a slant before they would run into each other. */
function slanted(labels: readonly string[], plotWidth: number): boolean {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return labels.length > 10 || longest * labelCharPx > (plotWidth / Math.max(1, labels.length)) * 0.9;
}

/** A Vega description of one daily-usage style bar chart: title, category axis, value axis with its unit. */
export function barChartSpec(series: BarSeries, size: { width: number; height: number }, family: string): Spec {
  const slant = slanted(series.labels, size.width - 100);
  return {
    width: size.width,
    height: size.height,
    autosize: { type: 'fit', contains: 'padding' },
    padding: { left: 16, right: 24, top: 12, bottom: 12 },
    background: '#ffffff',
    title: { text: series.title, font: family, fontSize: 16, fontWeight: 'bold', color: text, offset: 12 },
    data: [{ name: 'bars', values: series.labels.map((label, i) => ({ label, value: series.values[i] ?? 0 })) }],
    scales: [
      { name: 'x', type: 'band', domain: { data: 'bars', field: 'label' }, range: 'width', padding: 0.3 },
      {
        name: 'y',
        type: 'linear',
        // A chart of zeros still needs a scale to stand on.
        domain: series.values.some((v) => v > 0) ? { data: 'bars', field: 'value' } : [0, 1],
        range: 'height',
        nice: true,
        zero: true,
      },
    ],
    axes: [
      {
        orient: 'bottom',
        scale: 'x',
        labelFont: family,
        labelFontSize: 12,
        labelColor: muted,
        domainColor: muted,
        tickColor: muted,
        labelAngle: slant ? -45 : 0,
        labelPadding: slant ? 6 : 4,
        // Like a person would: when dates crowd, every other one is left out rather than overprinted.
        labelOverlap: 'parity',
        labelAlign: slant ? 'right' : 'center',
        labelBaseline: slant ? 'middle' : 'top',
      },
      {
        orient: 'left',
        scale: 'y',
        grid: true,
        gridColor: '#e0e6f1',
        domain: false,
        ticks: false,
        labelFont: family,
        labelFontSize: 12,
        labelColor: muted,
        title: series.unit,
        titleFont: family,
        titleFontSize: 12,
        titleFontWeight: 'normal',
        titleColor: muted,
        titleAngle: 0,
        titleAlign: 'right',
        titleBaseline: 'bottom',
        titleX: 0,
        titleY: -8,
      },
    ],
    marks: [
      {
        type: 'rect',
        from: { data: 'bars' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'label' },
            width: { scale: 'x', band: 1 },
            y: { scale: 'y', field: 'value' },
            y2: { scale: 'y', value: 0 },
            fill: { value: bar },
          },
        },
      },
    ],
  };
}
