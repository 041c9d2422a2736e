// Inline SVG icons of the meeting's own-media controls (toolbar, pre-join toggles, device menus);
// no icon font, nothing fetched (CSP). Decorative: the control that holds one carries the
// accessible name. 24×24, drawn in currentColor so that a button's colour states apply.
import type { ReactNode } from 'react';

function Svg({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const STROKE = { fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

/** The slash across an icon that is off. */
function Slash() {
  return <path d="M4 3l16 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />;
}

export function MicrophoneIcon({ off = false }: { off?: boolean }) {
  return (
    <Svg>
      <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3z" fill="currentColor" />
      <path d="M19 11a7 7 0 0 1-14 0M12 18v3M8 21h8" {...STROKE} />
      {off && <Slash />}
    </Svg>
  );
}

export function CameraIcon({ off = false }: { off?: boolean }) {
  return (
    <Svg>
      <rect x="2" y="6" width="13" height="12" rx="2" fill="currentColor" />
      <path d="M16 10.5l6-3.5v10l-6-3.5z" fill="currentColor" />
      {off && <path d="M3 3l18 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />}
    </Svg>
  );
}

export function SpeakerIcon() {
  return (
    <Svg>
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      <path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" {...STROKE} />
    </Svg>
  );
}

export function ScreenShareIcon({ stop = false }: { stop?: boolean }) {
  return (
    <Svg>
      <rect x="2" y="4" width="20" height="13" rx="2" {...STROKE} />
      <path d="M8 21h8M12 17v4" {...STROKE} />
      {stop ? <path d="M9.5 8l5 5M14.5 8l-5 5" {...STROKE} /> : <path d="M12 13.5V7.5M9 10l3-3 3 3" {...STROKE} />}
    </Svg>
  );
}

export function HandIcon() {
  return (
    <Svg>
      <path
        d="M8 13V5.5a1.5 1.5 0 0 1 3 0V11M11 10.5V4a1.5 1.5 0 0 1 3 0v7M14 10.5V5.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7h-.6a6 6 0 0 1-4.8-2.4L2.9 15a1.6 1.6 0 0 1 2.5-2L8 15.5"
        {...STROKE}
      />
    </Svg>
  );
}

export function ChatIcon() {
  return (
    <Svg>
      <path d="M5 4h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H10l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" {...STROKE} />
      <path d="M8 9h8M8 12.5h5" {...STROKE} />
    </Svg>
  );
}

export function PeopleIcon() {
  return (
    <Svg>
      <circle cx="9" cy="8" r="3.5" {...STROKE} />
      <path d="M2.5 20a6.5 6.5 0 0 1 13 0" {...STROKE} />
      <circle cx="17" cy="9" r="2.5" {...STROKE} />
      <path d="M16.5 14a5 5 0 0 1 5 6" {...STROKE} />
    </Svg>
  );
}

export function KeyboardIcon() {
  return (
    <Svg>
      <rect x="2" y="6" width="20" height="12" rx="2" {...STROKE} />
      <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M8 14h8" {...STROKE} />
    </Svg>
  );
}

export function LeaveIcon() {
  return (
    <Svg>
      <path
        d="M2.3 14.3l1 1.3a1.5 1.5 0 0 0 1.9.4l2.6-1.3a1.5 1.5 0 0 0 .8-1.5l-.2-1.8a11.5 11.5 0 0 1 7.2 0l-.2 1.8a1.5 1.5 0 0 0 .8 1.5l2.6 1.3a1.5 1.5 0 0 0 1.9-.4l1-1.3a1.5 1.5 0 0 0-.1-2A15.5 15.5 0 0 0 2.4 12.3a1.5 1.5 0 0 0-.1 2z"
        fill="currentColor"
      />
    </Svg>
  );
}

export function ChevronUpIcon() {
  return (
    <Svg>
      <path d="M7 14.5l5-5 5 5" {...STROKE} />
    </Svg>
  );
}

export function CheckIcon() {
  return (
    <Svg>
      <path d="M5 12.5l4.5 4.5L19 7.5" {...STROKE} />
    </Svg>
  );
}

export function CloseIcon() {
  return (
    <Svg>
      <path d="M6 6l12 12M18 6L6 18" {...STROKE} />
    </Svg>
  );
}
