import { describe, expect, it } from 'vitest';
import { auditPolicyBody, PEM } from '../../test/admin';
import { checkAuditPolicyForm, formFromAuditPolicy, isHostShaped, looksLikePemCertificate } from './audit-policy-form';

const form = formFromAuditPolicy(auditPolicyBody.policy);
const forwarding = { ...form, enabled: true, host: 'log.bo.gov.vn', caCertificate: PEM };

describe('audit policy form', () => {
  it('round-trips the document unchanged', () => {
    expect(form).toEqual({ retentionDays: '365', enabled: false, host: '', port: '6514', serverName: '', caCertificate: '' });
    expect(checkAuditPolicyForm(form)).toEqual({ ok: true, policy: auditPolicyBody.policy });
  });

  it('S3_2_sends_the_log_server_with_its_certificate_authority', () => {
    expect(checkAuditPolicyForm({ ...forwarding, host: ' log.bo.gov.vn ', serverName: 'syslog.bo.gov.vn', retentionDays: '30' })).toEqual({
      ok: true,
      policy: {
        retentionDays: 30,
        syslog: { enabled: true, host: 'log.bo.gov.vn', port: 6514, serverName: 'syslog.bo.gov.vn', caCertificate: PEM },
      },
    });
  });

  it('S3_2_checks_the_retention_and_the_destination', () => {
    for (const days of ['0', '3651', '', 'một năm']) {
      expect(checkAuditPolicyForm({ ...form, retentionDays: days })).toMatchObject({
        ok: false,
        field: 'retentionDays',
        params: { min: 1, max: 3650 },
      });
    }
    expect(checkAuditPolicyForm({ ...forwarding, host: '' })).toMatchObject({ field: 'host' });
    expect(checkAuditPolicyForm({ ...forwarding, host: 'log server' })).toMatchObject({ field: 'host' });
    expect(checkAuditPolicyForm({ ...forwarding, serverName: 'a/b' })).toMatchObject({ field: 'serverName' });
    expect(checkAuditPolicyForm({ ...forwarding, port: '0' })).toMatchObject({ field: 'port', params: { min: 1, max: 65535 } });
    expect(checkAuditPolicyForm({ ...forwarding, caCertificate: '  ' })).toMatchObject({ field: 'caCertificate' });
    // Off: no certificate is needed, and no host either.
    expect(checkAuditPolicyForm({ ...forwarding, enabled: false, caCertificate: '' }).ok).toBe(true);
  });

  it('recognises host names and PEM blocks', () => {
    expect(isHostShaped('10.0.0.5')).toBe(true);
    expect(isHostShaped('fd00::5')).toBe(true);
    expect(isHostShaped('')).toBe(false);
    expect(looksLikePemCertificate(PEM)).toBe(true);
    expect(looksLikePemCertificate('-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----')).toBe(false);
  });
});
