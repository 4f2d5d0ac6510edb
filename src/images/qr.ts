import QRCode from 'qrcode';

/** A QR code PNG of `text` (WireGuard apps import a config by scanning it). */
export function renderQrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
}
