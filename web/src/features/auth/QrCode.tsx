// A QR code drawn by React as an SVG from the symbol's module matrix (npm `qrcode` only computes
// the matrix): no data: URL, no innerHTML, no inline style — the colours and size are CSS classes,
// as the Content-Security-Policy requires (style-src 'self').
import { create, type QRCodeErrorCorrectionLevel } from 'qrcode';
import { useMemo } from 'react';

/** Light modules around the symbol, as the QR specification asks for reliable scanning. */
export const QUIET_ZONE = 4;

export interface QrMatrix {
  /** Modules per side. */
  readonly size: number;
  /** Row-major; true for a dark module. */
  readonly dark: (row: number, col: number) => boolean;
}

export function qrMatrix(text: string, errorCorrectionLevel: QRCodeErrorCorrectionLevel = 'M'): QrMatrix {
  const { modules } = create(text, { errorCorrectionLevel });
  return { size: modules.size, dark: (row, col) => modules.get(row, col) !== 0 };
}

/**
 * SVG path data of the dark modules, one rectangle per horizontal run ("M x y h n v 1 h -n z"),
 * offset by the quiet zone.
 */
export function qrPath(matrix: QrMatrix, quietZone = QUIET_ZONE): string {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.dark(row, col)) col++;
      const run = col - start;
      parts.push(`M${start + quietZone} ${row + quietZone}h${run}v1h-${run}z`);
    }
  }
  return parts.join('');
}

export function QrCode({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { side, path } = useMemo(() => {
    const matrix = qrMatrix(text);
    return { side: matrix.size + 2 * QUIET_ZONE, path: qrPath(matrix) };
  }, [text]);
  return (
    <svg
      className="qr-code"
      viewBox={`0 0 ${side} ${side}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid={testId}
    >
      <rect className="qr-code__background" x={0} y={0} width={side} height={side} />
      <path className="qr-code__modules" d={path} />
    </svg>
  );
}
