// Icons of the side panels' own controls. The media state icons (microphone, camera, hand, screen)
// and the arrowheads are icons.tsx, so that they look alike everywhere; the frame and the close,
// check and lock icons are lib/ui/icons.tsx.
import { Icon } from '../../lib/ui/icons';

export const SendIcon = () => (
  <Icon>
    <path d="M21 3L10 14" />
    <path d="M21 3l-7 18-4-7-7-4z" />
  </Icon>
);

export const UnlockIcon = () => (
  <Icon>
    <rect x="5" y="11" width="14" height="10" rx="2" />
    <path d="M8 11V7a4 4 0 0 1 7.7-1.5" />
  </Icon>
);

export const PencilIcon = () => (
  <Icon>
    <path d="M4 20h4L19 9l-4-4L4 16z" />
    <path d="M13 7l4 4" />
  </Icon>
);

export const MoreIcon = () => (
  <Icon paint="fill">
    <circle cx="12" cy="5" r="1.8" />
    <circle cx="12" cy="12" r="1.8" />
    <circle cx="12" cy="19" r="1.8" />
  </Icon>
);

export const SearchIcon = () => (
  <Icon>
    <circle cx="11" cy="11" r="7" />
    <path d="M20 20l-4-4" />
  </Icon>
);

export const SettingsIcon = () => (
  <Icon>
    <path d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1" />
    <circle cx="15" cy="6" r="2" />
    <circle cx="9" cy="12" r="2" />
    <circle cx="17" cy="18" r="2" />
  </Icon>
);

export const EndCallIcon = () => (
  <Icon>
    <path d="M2.5 14.5c5.2-5 13.8-5 19 0l-2.3 2.6-3.6-1.4v-2.6a11 11 0 0 0-7.2 0v2.6l-3.6 1.4z" />
  </Icon>
);

export const SortIcon = () => (
  <Icon>
    <path d="M7 4v16M3.5 7.5L7 4l3.5 3.5M17 20V4M13.5 16.5L17 20l3.5-3.5" />
  </Icon>
);

export const ArrowDownIcon = () => (
  <Icon>
    <path d="M12 5v14M6 13l6 6 6-6" />
  </Icon>
);
