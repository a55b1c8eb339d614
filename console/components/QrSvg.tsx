/** A QR code drawn as SVG squares from the `qrcode` package's matrix (no canvas, no data URL, no inline script). */
import QRCode from 'qrcode';
import { useMemo } from 'react';

export interface QrSvgProps {
  readonly text: string;
  /** Accessible name of the image. */
  readonly label: string;
  readonly className?: string;
}

export function QrSvg({ text, label, className }: QrSvgProps) {
  const { size, path } = useMemo(() => {
    const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    let d = '';
    for (let row = 0; row < modules.size; row += 1) {
      for (let col = 0; col < modules.size; col += 1) if (modules.get(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    }
    return { size: modules.size + 8, path: d };
  }, [text]);
  return (
    <svg
      className={className}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      data-testid="qr"
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
