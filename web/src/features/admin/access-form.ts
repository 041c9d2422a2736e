// The administration access form (S2.1, S2.3): the allowed networks typed one per line and the
// port, checked for shape before sending — CIDR ranges, 1–64 of them; a port from 1024 to
// 65535 or empty (the configuration file's). Whether the list still includes the administrator's
// own address only the server knows (would_lock_out).
import type { MessageKey, MessageParams } from '../../lib/i18n/translate';
import type { AdminAccess } from './admin-types';

export const MAX_NETWORKS = 64;
export const PORT_RANGE = { min: 1024, max: 65_535 } as const;

export interface AccessFormValues {
  /** One range per line. */
  readonly networks: string;
  /** Empty: the configuration file's port. */
  readonly port: string;
}

export type AccessField = 'networks' | 'port';

export type AccessCheck =
  | { readonly ok: true; readonly access: AdminAccess }
  | { readonly ok: false; readonly field: AccessField; readonly key: MessageKey; readonly params?: MessageParams };

export function formFromAccess(access: AdminAccess): AccessFormValues {
  return { networks: access.allowedNetworks.join('\n'), port: access.port === null ? '' : String(access.port) };
}

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

function isIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  let groups = 0;
  for (const [index, half] of halves.entries()) {
    if (half === '') continue;
    const pieces = half.split(':');
    for (const [i, piece] of pieces.entries()) {
      const last = index === halves.length - 1 && i === pieces.length - 1;
      if (last && piece.includes('.')) {
        // An IPv4 tail (::ffff:192.0.2.1) stands for two groups.
        if (!isIpv4(piece)) return false;
        groups += 2;
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        groups += 1;
      } else {
        return false;
      }
    }
  }
  return halves.length === 2 ? groups <= 7 : groups === 8;
}

/** "10.0.0.0/8", "2001:db8::/32", or a single address (then /32 or /128). */
export function isNetwork(text: string): boolean {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const prefix = slash === -1 ? null : text.slice(slash + 1);
  const v4 = isIpv4(address);
  if (!v4 && !isIpv6(address)) return false;
  if (prefix === null) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (v4 ? 32 : 128);
}

/** The non-empty lines, trimmed. */
export function networkLines(text: string): readonly string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function checkAccessForm(values: AccessFormValues): AccessCheck {
  const networks = networkLines(values.networks);
  if (networks.length === 0) return { ok: false, field: 'networks', key: 'console.access.error.empty' };
  if (networks.length > MAX_NETWORKS) {
    return { ok: false, field: 'networks', key: 'console.access.error.tooMany', params: { max: MAX_NETWORKS } };
  }
  const bad = networks.find((network) => !isNetwork(network));
  if (bad !== undefined) return { ok: false, field: 'networks', key: 'console.access.error.network', params: { network: bad } };
  const portText = values.port.trim();
  let port: number | null = null;
  if (portText !== '') {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
    if (!(port >= PORT_RANGE.min && port <= PORT_RANGE.max)) {
      return { ok: false, field: 'port', key: 'console.access.error.port', params: PORT_RANGE };
    }
  }
  return { ok: true, access: { allowedNetworks: networks, port } };
}
