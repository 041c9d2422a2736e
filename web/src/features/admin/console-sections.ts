// The console's sections, each behind the permission its API routes need (docs/security.md,
// "Permissions"). Showing only what the user may open is for clarity, not control: the server
// checks every call. Sections without a page yet stay listed, marked as not yet available.
// A section may have pages of its own under its path (the security settings do).
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
  { id: 'users', path: '/admin/users', permission: 'users.view', label: 'console.section.users', available: true },
  { id: 'rooms', path: '/admin/rooms', permission: 'rooms.manage', label: 'console.section.rooms', available: false },
  {
    id: 'security',
    path: '/admin/security',
    permission: 'settings.manage',
    label: 'console.section.security',
    available: true,
  },
  { id: 'audit', path: '/admin/audit', permission: 'audit.view', label: 'console.section.audit', available: true },
];

export type SecurityPageId = 'policy' | 'access' | 'auditPolicy';

export interface SecurityPage {
  readonly id: SecurityPageId;
  readonly path: string;
  readonly label: MessageKey;
  /** The `data-testid` of its tab. */
  readonly testId: string;
}

/** The security settings' pages (all behind settings.manage, like the section). */
export const SECURITY_PAGES: readonly SecurityPage[] = [
  { id: 'policy', path: '/admin/security', label: 'console.security.tab.policy', testId: 'security-tab-policy' },
  { id: 'access', path: '/admin/security/access', label: 'console.security.tab.access', testId: 'security-tab-access' },
  {
    id: 'auditPolicy',
    path: '/admin/security/audit-policy',
    label: 'console.security.tab.auditPolicy',
    testId: 'security-tab-audit-policy',
  },
];

function withoutTrailingSlash(pathname: string): string {
  return pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
}

export function visibleSections(permissions: ReadonlySet<string>): readonly ConsoleSection[] {
  return CONSOLE_SECTIONS.filter((section) => permissions.has(section.permission));
}

/** The security page at a path ("/admin/security/access/" too), or null for none. */
export function securityPageAt(pathname: string): SecurityPage | null {
  const path = withoutTrailingSlash(pathname);
  return SECURITY_PAGES.find((page) => page.path === path) ?? null;
}

/** The section at a console path ("/admin/security/" and its pages too), or null for an unknown one. */
export function sectionAt(pathname: string): ConsoleSection | null {
  const path = withoutTrailingSlash(pathname);
  const exact = CONSOLE_SECTIONS.find((section) => section.path === path);
  if (exact !== undefined) return exact;
  // Any path under the security section belongs to it (the section says when the page is unknown).
  const security = CONSOLE_SECTIONS.find((section) => section.id === 'security');
  return security !== undefined && path.startsWith(`${security.path}/`) ? security : null;
}
