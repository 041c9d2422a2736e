// The frame every inline SVG icon of the client shares (no icon font, nothing fetched: CSP;
// nothing inline-styled), and the icons more than one feature draws. Decorative: the control or
// text beside an icon carries the accessible name. Drawn in currentColor so that a control's
// colour states apply; the stylesheet of the place sizes it (class `icon`, 20×20 otherwise).
import type { ReactNode } from 'react';

/**
 * How the shapes are painted: `stroke` (2px round lines, the default), `fill` (solid), or `own`
 * (each shape says, for icons that mix both).
 */
export type IconPaint = 'stroke' | 'fill' | 'own';

const PAINT = {
  stroke: { fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' },
  fill: { fill: 'currentColor', stroke: 'none' },
  own: {},
} as const;

/** Round 2px lines, for one shape of an icon painted `own`. */
export const STROKE = PAINT.stroke;

/** What every icon component takes: a class besides `icon`, for the place that shows it. */
export interface IconProps {
  readonly className?: string | undefined;
}

export function Icon({
  children,
  className,
  paint = 'stroke',
  viewBox = '0 0 24 24',
}: IconProps & { readonly children: ReactNode; readonly paint?: IconPaint; readonly viewBox?: string }) {
  return (
    <svg
      className={className === undefined ? 'icon' : `icon ${className}`}
      viewBox={viewBox}
      width="20"
      height="20"
      {...PAINT[paint]}
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export function CheckIcon({ className }: IconProps) {
  return (
    <Icon className={className}>
      <path d="M5 12.5l4.5 4.5L19 7.5" />
    </Icon>
  );
}

export function LockIcon({ className }: IconProps) {
  return (
    <Icon className={className}>
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </Icon>
  );
}

export function CloseIcon({ className }: IconProps) {
  return (
    <Icon className={className}>
      <path d="M6 6l12 12M18 6L6 18" />
    </Icon>
  );
}
