// Icons of the stage's own controls and badges (layouts, pin, connection quality). The media state
// badges and the page arrows are icons.tsx; the frame is lib/ui/icons.tsx.
import { Icon } from '../../lib/ui/icons';

export function GridIcon() {
  return (
    <Icon paint="fill">
      <rect x="3" y="3" width="8" height="8" rx="1.5" />
      <rect x="13" y="3" width="8" height="8" rx="1.5" />
      <rect x="3" y="13" width="8" height="8" rx="1.5" />
      <rect x="13" y="13" width="8" height="8" rx="1.5" />
    </Icon>
  );
}

export function SpeakerLayoutIcon() {
  return (
    <Icon paint="fill">
      <rect x="2" y="3" width="20" height="12" rx="1.5" />
      <rect x="2" y="17" width="6" height="4" rx="1" />
      <rect x="9" y="17" width="6" height="4" rx="1" />
      <rect x="16" y="17" width="6" height="4" rx="1" />
    </Icon>
  );
}

export function PresentationIcon() {
  return (
    <Icon paint="own">
      <rect x="2.5" y="3.5" width="19" height="13" rx="1.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M8 21h8M12 17v4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <path d="M12 6.5l3 3h-2v3h-2v-3H9z" fill="currentColor" />
    </Icon>
  );
}

export function PinIcon({ filled }: { filled: boolean }) {
  return (
    <Icon paint="own">
      <path
        d="M9 3h6l-1 6 3.5 3.5v1.5h-4.5v6l-1 1-1-1v-6H6.5v-1.5L10 9z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
    </Icon>
  );
}

/** Three rising bars; CSS lights as many as the quality deserves. */
export function SignalBarsIcon() {
  return (
    <Icon paint="own" viewBox="0 0 16 16">
      <rect className="quality__bar quality__bar--1" x="1" y="10" width="3.5" height="5" rx="1" />
      <rect className="quality__bar quality__bar--2" x="6.25" y="6" width="3.5" height="9" rx="1" />
      <rect className="quality__bar quality__bar--3" x="11.5" y="2" width="3.5" height="13" rx="1" />
    </Icon>
  );
}
