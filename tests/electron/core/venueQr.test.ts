import { describe, expect, it } from 'vitest';
import { renderVenueQr } from '../../../electron/core/venueQr';
import { decodeQrPng } from '../../support/qrDecode';

describe('venue QR', () => {
  it.each([
    'https://tokhaiyte.vn/?page=QrCodeInfo&qrCode=ABCDEF0123456789',
    'QRĐĐ|Cảng Lý Sơn|Thôn Đông, Xã An Vĩnh, Huyện Lý Sơn, Quảng Ngãi|51/LS-0007',
  ])('renders a PNG that an independent decoder reads back exactly: %s', async (text) => {
    const { png, svg } = await renderVenueQr(text);
    expect(png.startsWith('data:image/png;base64,')).toBe(true);
    expect(decodeQrPng(Buffer.from(png.split(',')[1], 'base64'))).toBe(text);
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
    expect(svg).toContain('<path');
  });
});
