/** The venue's QR code for phones (the official venue code of the national platform), as SVG and PNG. */
import QRCode from 'qrcode';

export interface VenueQr {
  readonly svg: string;
  /** `data:image/png;base64,...` */
  readonly png: string;
}

/** Renders the venue QR; error correction M, a quiet zone of 4 modules (the standard's minimum). */
export async function renderVenueQr(text: string): Promise<VenueQr> {
  const options = { errorCorrectionLevel: 'M' as const, margin: 4 };
  const [svg, png] = await Promise.all([
    QRCode.toString(text, { ...options, type: 'svg' }),
    QRCode.toDataURL(text, { ...options, width: 1024 }),
  ]);
  return { svg, png };
}

/**
 * The venue QR the screens show: the official one from the settings, else the venue code the
 * district issued (`fromDistrict`), or null when the kiosk has neither.
 */
export class VenueQrSource {
  constructor(
    private readonly venueQrText: () => string | null,
    private readonly districtVenueCode: () => string | null,
  ) {}

  async render(): Promise<(VenueQr & { readonly fromDistrict?: boolean }) | null> {
    const text = this.venueQrText();
    const venueCode = this.districtVenueCode();
    return text ? renderVenueQr(text) : venueCode ? { ...(await renderVenueQr(venueCode)), fromDistrict: true } : null;
  }
}
