import { PNG } from 'pngjs';
import decodeQR from 'qr/decode.js';

/** What a phone's camera reads from a QR code PNG: a decoder independent of the encoder that drew it. */
export function decodeQrPng(png: Buffer): string {
  const image = PNG.sync.read(png);
  return decodeQR({ width: image.width, height: image.height, data: image.data }, { format: 'RGBA' });
}
