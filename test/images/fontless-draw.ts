// Run in a child process whose system font folders are hidden, as on a slim image without fonts:
// writes the default chart and, to prove the machine really has no fonts, one drawn with system fonts only.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { renderBarChartPng, renderBarChartSvg } from '../../src/images/chart.js';
import { usageSeries } from './series.js';

const out = process.argv[2] as string;
writeFileSync(join(out, 'chart.png'), await renderBarChartPng(usageSeries));
const systemOnly = new Resvg(await renderBarChartSvg(usageSeries), {
  background: '#ffffff',
  font: { loadSystemFonts: true },
}).render();
writeFileSync(join(out, 'system-fonts-only.png'), systemOnly.asPng());
