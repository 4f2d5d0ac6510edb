import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { bundledChartFont } from '../../src/images/chart-font.js';
import { inkInEach } from './ink.js';

/**
 * The bundled fonts are cut down to what charts show (assets/fonts/README.md). Samples of every range
 * kept: ASCII, the accented Latin of Europe and Vietnam, Greek, Cyrillic, punctuation, currency signs,
 * № ™, arrows, maths operators and shapes.
 */
const promised = [
  'AZaz09@#%&*+/=?_~|',
  'ÄÖÜßàéîõñçøåæÿ¡¿©®°±×÷µ',
  'ĀĄĆČĐĘĞĦİĲŁŃŐŒŘŚŞŠŢŦŰŮŹŻŽ',
  'ƏƒƠƯǍǦȘȚȳ',
  'ẠẶẾỆỒỢỨỰỲ',
  'ΑΒΓΔΩαβγδωάήΐϊ',
  'АБВЯабвяЁёЄєЇїҐґЎўҚҳӘә',
  '–—‘’‚“”„†‡•…‰′″‹›',
  '€£¥₽₴₺₹₩₪₫¢',
  '№™℃',
  '←↑→↓↔⇒',
  '−≈≠≤≥∞√∑',
  '■□▲△▶▼◆○●',
].join('');

const cell = 32;
const columns = 32;

/** Each character alone in its own cell, so a missing glyph shows as an empty cell. */
function grid(chars: readonly string[], weight: 'normal' | 'bold'): Buffer {
  const family = bundledChartFont().family;
  const rows = Math.ceil(chars.length / columns);
  const texts = chars.map((c, i) => {
    const x = (i % columns) * cell + cell / 2;
    const y = Math.floor(i / columns) * cell + 24;
    const escaped = c.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return `<text x="${x}" y="${y}" font-family="${family}" font-weight="${weight}" font-size="20" text-anchor="middle">${escaped}</text>`;
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${columns * cell}" height="${rows * cell}">${texts.join('')}</svg>`;
  const fontFiles = bundledChartFont().files;
  return new Resvg(svg, { background: '#ffffff', font: { fontFiles, loadSystemFonts: false } }).render().asPng();
}

/** The characters whose cell got no ink. */
function undrawn(chars: readonly string[], weight: 'normal' | 'bold'): string[] {
  const cells = chars.map((_, i) => {
    const x0 = (i % columns) * cell;
    const y0 = Math.floor(i / columns) * cell;
    return { x0, y0, x1: x0 + cell, y1: y0 + cell };
  });
  const ink = inkInEach(grid(chars, weight), cells);
  return chars.filter((_, i) => ink[i] === 0);
}

describe('the bundled chart font', () => {
  it.each(['normal', 'bold'] as const)('draws every kind of character charts may show (%s)', (weight) => {
    expect(undrawn([...promised], weight)).toEqual([]);
  });

  it('leaves a cell empty for a character it lacks, so a missing glyph would be seen', () => {
    expect(undrawn(['A', '中', 'Я'], 'normal')).toEqual(['中']);
  });
});
