// The console's sections, each behind the permission its API routes need (docs/security.md,
// "Permissions"). Showing only what the user may open is for clarity, not control: the server
// checks every call. Sections without a page yet stay listed, marked as not yet available.
import type { Permission } from '../../lib/api-types';
import type { MessageKey } from '../../lib/i18n/translate';

export type ConsoleSectionId = 'overview' | 'users' | 'rooms' | 'security' | 'audit';

export interface ConsoleSection {
  readonly id: ConsoleSectionId;
  readonly path: string;
  readonly permission: Permission;
  readonly label: MessageKey;
  /** False while this version has no page for it. */
  readonly available: boolean;
}

export const CONSOLE_SECTIONS: readonly ConsoleSection[] = [
  { id: 'overview', path: '/admin', permission: 'monitoring.view', label: 'console.section.overview', available: true },
  { id: 'users', path: '/admin/users', permission: 'users.view', label: 'console.section.users', available: false },
  { id: 'rooms', path: '/admin/rooms', permission: 'rooms.manage', label: 'console.section.rooms', available: false },
  {
    id: 'security',
    path: '/admin/security',
    permission: 'settings.manage',
    label: 'console.section.security',
    available: true,
  },
  { id: 'audit', path: '/admin/audit', permission: 'audit.view', label: 'console.section.audit', available: false },
];

export function visibleSections(permissions: ReadonlySet<string>): readonly ConsoleSection[] {
  return CONSOLE_SECTIONS.filter((section) => permissions.has(section.permission));
}

/** The section at a console path ("/admin/security/" too), or null for an unknown one. */
export function sectionAt(pathname: string): ConsoleSection | null {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  return CONSOLE_SECTIONS.find((section) => section.path === path) ?? null;
}
