import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { auditPolicyBody, PEM } from '../../test/admin';
import { errorReply, installFakeApi, reply, sessionBody, type FakeRoute } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import type { AuditPolicyAnswer } from './admin-types';

const SAVED_AT = new Date(2026, 0, 5, 14, 7, 9).getTime();
const DELIVERED = new Date(2026, 0, 5, 13, 0, 0).getTime();

function atPolicy(routes: Record<string, FakeRoute> = {}, lang: 'vi' | 'en' = 'vi') {
  window.history.replaceState(null, '', '/admin/security/audit-policy');
  const api = installFakeApi({
    'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' })),
    'GET /api/v1/admin/audit-policy': reply(200, auditPolicyBody),
    'PUT /api/v1/admin/audit-policy': (request) =>
      reply(200, {
        policy: request.body,
        updatedAt: SAVED_AT,
        forwarding: { state: 'connecting', lastError: '', lastDeliveredAt: null, pending: 12 },
      }),
    ...routes,
  });
  renderWithProviders(<App />, lang);
  return api;
}

const field = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;
const puts = <T extends { method: string }>(calls: T[]) => calls.filter((c) => c.method === 'PUT');

describe('audit policy page', () => {
  it('S3_2_shows_the_retention_the_destination_and_the_forwarding_state', async () => {
    atPolicy();
    await screen.findByTestId('audit-policy-form');
    expect(field('audit-retention').value).toBe('365');
    expect(field('syslog-enabled').checked).toBe(false);
    expect(field('syslog-port').value).toBe('6514');
    expect(screen.getByTestId('forwarding-state').textContent).toBe('Đang tắt');
    expect(screen.getByTestId('forwarding-pending').textContent).toBe('0');
    expect(screen.getByTestId('forwarding-last-delivered').textContent).toBe('Chưa có');
    expect(screen.queryByTestId('forwarding-last-error')).toBeNull();
  });

  it('S3_2_shows_the_last_error_as_a_technical_detail', async () => {
    const retrying: AuditPolicyAnswer = {
      ...auditPolicyBody,
      forwarding: {
        state: 'retrying',
        lastError: 'cannot connect to log.bo.gov.vn port 6514: Connection refused <script>',
        lastDeliveredAt: DELIVERED,
        pending: 1234,
      },
    };
    atPolicy({ 'GET /api/v1/admin/audit-policy': reply(200, retrying) });
    await screen.findByTestId('audit-policy-form');
    expect(screen.getByTestId('forwarding-state').textContent).toBe('Mất kết nối, đang thử lại');
    expect(screen.getByTestId('forwarding-state').getAttribute('data-state')).toBe('retrying');
    expect(screen.getByTestId('forwarding-pending').textContent).toBe('1.234');
    const error = screen.getByTestId('forwarding-last-error');
    expect(error.tagName).toBe('CODE');
    expect(error.textContent).toBe('cannot connect to log.bo.gov.vn port 6514: Connection refused <script>');
    expect(error.closest('figure')?.querySelector('figcaption')?.textContent).toBe(
      'Lỗi gần nhất (chi tiết kỹ thuật của máy chủ, bằng tiếng Anh)',
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('S3_2_saves_forwarding_to_a_log_server_with_its_CA', async () => {
    const { calls } = atPolicy();
    await screen.findByTestId('audit-policy-form');
    fireEvent.change(field('audit-retention'), { target: { value: '180' } });
    fireEvent.click(field('syslog-enabled'));
    fireEvent.change(field('syslog-host'), { target: { value: 'log.bo.gov.vn' } });
    fireEvent.change(field('syslog-ca'), { target: { value: PEM } });
    fireEvent.click(screen.getByTestId('audit-policy-save'));
    expect((await screen.findByTestId('audit-policy-saved')).textContent).toBe('Đã lưu cài đặt lúc 14:07:09.');
    expect(puts(calls)[0]?.body).toEqual({
      retentionDays: 180,
      syslog: { enabled: true, host: 'log.bo.gov.vn', port: 6514, serverName: '', caCertificate: PEM },
    });
    expect(screen.getByTestId('forwarding-state').textContent).toBe('Đang kết nối');
    expect(screen.getByTestId('forwarding-pending').textContent).toBe('12');
  });

  it('checks before sending: a certificate is needed to forward', async () => {
    const { calls } = atPolicy();
    await screen.findByTestId('audit-policy-form');
    fireEvent.click(field('syslog-enabled'));
    fireEvent.change(field('syslog-host'), { target: { value: 'log.bo.gov.vn' } });
    fireEvent.click(screen.getByTestId('audit-policy-save'));
    expect(screen.getByTestId('audit-policy-error').textContent).toBe(
      'Khi bật chuyển nhật ký, hãy dán chứng chỉ PEM của tổ chức cấp chứng chỉ.',
    );
    expect(document.activeElement).toBe(field('syslog-ca'));
    fireEvent.change(field('audit-retention'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('audit-policy-save'));
    expect(screen.getByTestId('audit-policy-error').textContent).toBe('Số ngày giữ nhật ký phải là số nguyên từ 1 đến 3650.');
    expect(puts(calls)).toHaveLength(0);
  });

  it('translates a refused save', async () => {
    atPolicy({ 'PUT /api/v1/admin/audit-policy': errorReply(400, 'invalid_setting', 'req-p') }, 'en');
    await screen.findByTestId('audit-policy-form');
    fireEvent.click(screen.getByTestId('audit-policy-save'));
    expect((await screen.findByTestId('audit-policy-error')).textContent).toBe(
      'The server did not accept this setting: a value is out of range, a server name is not valid, or the certificate cannot be read. Check the fields.',
    );
    expect(screen.getByTestId('error-request-id').textContent).toBe('Request ID: req-p');
  });

  it('works with a server that runs no forwarder', async () => {
    const { forwarding: _, ...bare } = auditPolicyBody;
    atPolicy({ 'GET /api/v1/admin/audit-policy': reply(200, bare) });
    await screen.findByTestId('audit-policy-form');
    expect(screen.queryByTestId('forwarding')).toBeNull();
  });
});
