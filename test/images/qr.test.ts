import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderQrPng } from '../../src/images/qr.js';
import { decodeQrPng } from './qr-decode.js';

const wireguardConfig = [
  '[Interface]',
  'PrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=',
  'Address = 10.8.0.17/32',
  'DNS = 1.1.1.1',
  '',
  '[Peer]',
  'PublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=',
  'AllowedIPs = 0.0.0.0/0, ::/0',
  'Endpoint = de-fra-01.vpnresellers.example:51820',
  '',
].join('\n');

describe('QR codes', () => {
  it('scans back to the exact WireGuard config it was drawn from', async () => {
    expect(decodeQrPng(await renderQrPng(wireguardConfig))).toBe(wireguardConfig);
  });

  it('keeps text outside ASCII (a server comment in UTF-8) when scanned', async () => {
    const config = `# Zürich – Москва\n${wireguardConfig}`;
    expect(decodeQrPng(await renderQrPng(config))).toBe(config);
  });

  it('is pure black on white with a quiet zone of two 6-pixel modules, so a camera finds its edges', async () => {
    const image = PNG.sync.read(await renderQrPng(wireguardConfig));
    expect(image.width).toBe(image.height);
    expect(image.width % 6).toBe(0);
    const colours = new Set<string>();
    let darkInQuietZone = 0;
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const i = (y * image.width + x) * 4;
        const rgba = [...image.data.subarray(i, i + 4)].join(',');
        colours.add(rgba);
        const inQuietZone = x < 12 || y < 12 || x >= image.width - 12 || y >= image.height - 12;
        if (inQuietZone && rgba !== '255,255,255,255') darkInQuietZone++;
      }
    }
    expect([...colours].sort()).toEqual(['0,0,0,255', '255,255,255,255']);
    expect(darkInQuietZone).toBe(0);
  });
});
