// Icons of the meeting's own-media controls and of everyone's media state (toolbar, pre-join
// toggles, device menus, the participant list and the stage's tiles: the same drawing wherever a
// microphone, camera, screen or hand is shown). The frame, the close (×), check and lock icons
// are lib/ui/icons.tsx.
import { Icon, STROKE } from '../../lib/ui/icons';

/** The slash across an icon that is off. */
function Slash() {
  return <path d="M4 3l16 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />;
}

export function MicrophoneIcon({ off = false }: { off?: boolean }) {
  return (
    <Icon paint="own">
      <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3z" fill="currentColor" />
      <path d="M19 11a7 7 0 0 1-14 0M12 18v3M8 21h8" {...STROKE} />
      {off && <Slash />}
    </Icon>
  );
}

export function CameraIcon({ off = false }: { off?: boolean }) {
  return (
    <Icon paint="own">
      <rect x="2" y="6" width="13" height="12" rx="2" fill="currentColor" />
      <path d="M16 10.5l6-3.5v10l-6-3.5z" fill="currentColor" />
      {off && <path d="M3 3l18 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />}
    </Icon>
  );
}

export function SpeakerIcon() {
  return (
    <Icon paint="own">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      <path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" {...STROKE} />
    </Icon>
  );
}

export function ScreenShareIcon({ stop = false }: { stop?: boolean }) {
  return (
    <Icon>
      <rect x="2" y="4" width="20" height="13" rx="2" />
      <path d="M8 21h8M12 17v4" />
      {stop ? <path d="M9.5 8l5 5M14.5 8l-5 5" /> : <path d="M12 13.5V7.5M9 10l3-3 3 3" />}
    </Icon>
  );
}

export function HandIcon() {
  return (
    <Icon>
      <path d="M8 13V5.5a1.5 1.5 0 0 1 3 0V11M11 10.5V4a1.5 1.5 0 0 1 3 0v7M14 10.5V5.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7h-.6a6 6 0 0 1-4.8-2.4L2.9 15a1.6 1.6 0 0 1 2.5-2L8 15.5" />
    </Icon>
  );
}

export function ChatIcon() {
  return (
    <Icon>
      <path d="M5 4h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H10l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" />
      <path d="M8 9h8M8 12.5h5" />
    </Icon>
  );
}

export function PeopleIcon() {
  return (
    <Icon>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20a6.5 6.5 0 0 1 13 0" />
      <circle cx="17" cy="9" r="2.5" />
      <path d="M16.5 14a5 5 0 0 1 5 6" />
    </Icon>
  );
}

export function KeyboardIcon() {
  return (
    <Icon>
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M8 14h8" />
    </Icon>
  );
}

export function LeaveIcon() {
  return (
    <Icon paint="fill">
      <path d="M2.3 14.3l1 1.3a1.5 1.5 0 0 0 1.9.4l2.6-1.3a1.5 1.5 0 0 0 .8-1.5l-.2-1.8a11.5 11.5 0 0 1 7.2 0l-.2 1.8a1.5 1.5 0 0 0 .8 1.5l2.6 1.3a1.5 1.5 0 0 0 1.9-.4l1-1.3a1.5 1.5 0 0 0-.1-2A15.5 15.5 0 0 0 2.4 12.3a1.5 1.5 0 0 0-.1 2z" />
    </Icon>
  );
}

const CHEVRON: Readonly<Record<'up' | 'down' | 'left' | 'right', string>> = {
  up: 'M6 15l6-6 6 6',
  down: 'M6 9l6 6 6-6',
  left: 'M15 5l-7 7 7 7',
  right: 'M9 5l7 7-7 7',
};

/** An arrowhead: the device menus' and sections' (up/down), the display order's, the grid's pages. */
export function ChevronIcon({ direction }: { direction: keyof typeof CHEVRON }) {
  return (
    <Icon>
      <path d={CHEVRON[direction]} />
    </Icon>
  );
}
