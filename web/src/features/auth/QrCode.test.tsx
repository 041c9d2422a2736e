import { render } from '@testing-library/react';
import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { QrCode, QUIET_ZONE, qrMatrix, qrPath } from './QrCode';

const URI =
  'otpauth://totp/Di%C3%AAn%20H%E1%BB%93ng:admin?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Di%C3%AAn%20H%E1%BB%93ng&algorithm=SHA1&digits=6&period=30';

/** The dark modules the path draws, read back from its "M x y h n v 1 h -n z" runs. */
function modulesOf(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, n] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(n); i++) {
      const row = grid[Number(y) - QUIET_ZONE];
      if (row === undefined) throw new Error(`row ${y} outside the symbol`);
      row[Number(x) - QUIET_ZONE + i] = true;
    }
  }
  return grid;
}

describe('QrCode', () => {
  it('draws exactly the modules of the symbol of the text', () => {
    const { modules } = create(URI, { errorCorrectionLevel: 'M' });
    const path = qrPath(qrMatrix(URI));
    // Nothing but runs in the path.
    expect(path.replace(/M\d+ \d+h\d+v1h-\d+z/g, '')).toBe('');
    const drawn = modulesOf(path, modules.size);
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        expect(drawn[row]?.[col], `${row},${col}`).toBe(modules.get(row, col) === 1);
      }
    }
  });

  it('renders an SVG with classes only: no inline style, no data: URL, a name for screen readers', () => {
    const { container } = render(<QrCode text={URI} label="Mã QR" testId="qr" />);
    const svg = container.querySelector('svg');
    expect(svg).not.toBeNull();
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toBe('Mã QR');
    expect(svg?.getAttribute('data-testid')).toBe('qr');
    const side = qrMatrix(URI).size + 2 * QUIET_ZONE;
    expect(svg?.getAttribute('viewBox')).toBe(`0 0 ${side} ${side}`);
    expect(container.querySelector('rect')?.getAttribute('class')).toBe('qr-code__background');
    expect(container.querySelector('path')?.getAttribute('class')).toBe('qr-code__modules');
    expect(container.querySelector('[style]')).toBeNull();
    expect(container.innerHTML).not.toContain('data:');
    expect(container.querySelector('image, img, foreignObject')).toBeNull();
  });

  it('draws a new symbol for new text', () => {
    const first = qrPath(qrMatrix(URI));
    const second = qrPath(qrMatrix(URI.replace('JBSW', 'KRSX')));
    expect(second).not.toBe(first);
  });
});
