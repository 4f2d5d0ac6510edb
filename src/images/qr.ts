import { Resvg } from '@resvg/resvg-js';
import { renderSVG } from 'uqr';

/** A QR code PNG of `text` (WireGuard apps import a config by scanning it). */
export async function renderQrPng(text: string): Promise<Buffer> {
  // Whole pixels per module, so the squares meet edge to edge without grey seams.
  const svg = renderSVG(text, { ecc: 'M', border: 2, pixelSize: 6 });
  // A QR code has no text: skip reading the machine's fonts.
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
}
