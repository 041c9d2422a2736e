// The audit policy form (S3.2): retention and the central syslog server, checked before sending
// with the server's rules (src/audit/audit_policy.cpp); the server also parses the CA certificate.
import type { MessageKey, MessageParams } from '../../lib/i18n/translate';
import type { AuditPolicy } from './admin-types';

export const RETENTION_RANGE = { min: 1, max: 3650 } as const;
export const SYSLOG_PORT_RANGE = { min: 1, max: 65_535 } as const;

export interface AuditPolicyFormValues {
  readonly retentionDays: string;
  readonly enabled: boolean;
  readonly host: string;
  readonly port: string;
  readonly serverName: string;
  readonly caCertificate: string;
}

export type AuditPolicyField = 'retentionDays' | 'host' | 'port' | 'serverName' | 'caCertificate';

export type AuditPolicyCheck =
  | { readonly ok: true; readonly policy: AuditPolicy }
  | { readonly ok: false; readonly field: AuditPolicyField; readonly key: MessageKey; readonly params?: MessageParams };

export function formFromAuditPolicy(policy: AuditPolicy): AuditPolicyFormValues {
  const { syslog } = policy;
  return {
    retentionDays: String(policy.retentionDays),
    enabled: syslog.enabled,
    host: syslog.host,
    port: String(syslog.port),
    serverName: syslog.serverName,
    caCertificate: syslog.caCertificate,
  };
}

function wholeNumber(text: string, range: { readonly min: number; readonly max: number }): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= range.min && value <= range.max ? value : null;
}

/** A host name or address as the server takes it: letters, digits and . - : _ (up to 253). */
export function isHostShaped(text: string): boolean {
  return text.length > 0 && text.length <= 253 && /^[A-Za-z0-9.\-:_]+$/.test(text);
}

/** At least one PEM certificate block (the server parses it for real). */
export function looksLikePemCertificate(text: string): boolean {
  return /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(text);
}

export function checkAuditPolicyForm(values: AuditPolicyFormValues): AuditPolicyCheck {
  const retentionDays = wholeNumber(values.retentionDays, RETENTION_RANGE);
  if (retentionDays === null) {
    return { ok: false, field: 'retentionDays', key: 'console.auditPolicy.error.retention', params: RETENTION_RANGE };
  }
  const host = values.host.trim();
  const serverName = values.serverName.trim();
  if (values.enabled || host !== '') {
    if (!isHostShaped(host)) return { ok: false, field: 'host', key: 'console.auditPolicy.error.host' };
    if (serverName !== '' && !isHostShaped(serverName)) {
      return { ok: false, field: 'serverName', key: 'console.auditPolicy.error.serverName' };
    }
  }
  const port = wholeNumber(values.port, SYSLOG_PORT_RANGE);
  if (port === null) return { ok: false, field: 'port', key: 'console.auditPolicy.error.port', params: SYSLOG_PORT_RANGE };
  const caCertificate = values.caCertificate.trim() === '' ? '' : values.caCertificate;
  if (values.enabled && !looksLikePemCertificate(caCertificate)) {
    return { ok: false, field: 'caCertificate', key: 'console.auditPolicy.error.ca' };
  }
  return {
    ok: true,
    policy: { retentionDays, syslog: { enabled: values.enabled, host, port, serverName, caCertificate } },
  };
}
