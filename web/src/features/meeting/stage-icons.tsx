// Inline SVG icons of the stage (layouts, pin, pages, tile badges). Decorative: the button or badge
// that holds one carries the accessible name.
import type { ReactNode } from 'react';

function Svg({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export function GridIcon() {
  return (
    <Svg>
      <rect x="3" y="3" width="8" height="8" rx="1.5" fill="currentColor" />
      <rect x="13" y="3" width="8" height="8" rx="1.5" fill="currentColor" />
      <rect x="3" y="13" width="8" height="8" rx="1.5" fill="currentColor" />
      <rect x="13" y="13" width="8" height="8" rx="1.5" fill="currentColor" />
    </Svg>
  );
}

export function SpeakerLayoutIcon() {
  return (
    <Svg>
      <rect x="2" y="3" width="20" height="12" rx="1.5" fill="currentColor" />
      <rect x="2" y="17" width="6" height="4" rx="1" fill="currentColor" />
      <rect x="9" y="17" width="6" height="4" rx="1" fill="currentColor" />
      <rect x="16" y="17" width="6" height="4" rx="1" fill="currentColor" />
    </Svg>
  );
}

export function PresentationIcon() {
  return (
    <Svg>
      <rect x="2.5" y="3.5" width="19" height="13" rx="1.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M8 21h8M12 17v4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <path d="M12 6.5l3 3h-2v3h-2v-3H9z" fill="currentColor" />
    </Svg>
  );
}

export function PinIcon({ filled }: { filled: boolean }) {
  return (
    <Svg>
      <path
        d="M9 3h6l-1 6 3.5 3.5v1.5h-4.5v6l-1 1-1-1v-6H6.5v-1.5L10 9z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
    </Svg>
  );
}

export function MicOffIcon() {
  return (
    <Svg>
      <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3z" fill="currentColor" />
      <path d="M19 11a7 7 0 0 1-14 0M12 18v3" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <path d="M4 3l16 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </Svg>
  );
}

export function HandIcon() {
  return (
    <Svg>
      <path
        d="M7 12V6.5a1.5 1.5 0 0 1 3 0V11V4.5a1.5 1.5 0 0 1 3 0V11V5.5a1.5 1.5 0 0 1 3 0V12V8.5a1.5 1.5 0 0 1 3 0V15a7 7 0 0 1-7 7h-.5a6 6 0 0 1-4.8-2.4L3.6 15a1.6 1.6 0 0 1 2.4-2.1z"
        fill="currentColor"
      />
    </Svg>
  );
}

export function ChevronIcon({ direction }: { direction: 'left' | 'right' }) {
  return (
    <Svg>
      <path
        d={direction === 'left' ? 'M15 5l-7 7 7 7' : 'M9 5l7 7-7 7'}
        fill="none"
        stroke="currentColor"
        strokeWidth="2.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </Svg>
  );
}

/** Three rising bars; CSS lights as many as the quality deserves. */
export function SignalBarsIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect className="quality__bar quality__bar--1" x="1" y="10" width="3.5" height="5" rx="1" />
      <rect className="quality__bar quality__bar--2" x="6.25" y="6" width="3.5" height="9" rx="1" />
      <rect className="quality__bar quality__bar--3" x="11.5" y="2" width="3.5" height="13" rx="1" />
    </svg>
  );
}
