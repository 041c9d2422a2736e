import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app/App';
import { auditEventBody } from '../../test/admin';
import { errorReply, installFakeApi, reply, sessionBody, type FakeRequest, type FakeRoute } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';

const events = [
  auditEventBody(),
  auditEventBody({
    id: 'e2',
    at: Date.UTC(2026, 0, 5, 7, 0, 0),
    category: 'admin_login',
    actor: '',
    sourceAddress: '203.0.113.9',
    action: 'auth.login',
    target: 'user:<img src=x onerror=alert(1)>',
    outcome: 'denied',
    detail: 'wrong password 1 of 5\n<b>not bold</b>',
  }),
  auditEventBody({ id: 'e3', category: 'configuration', actor: 'system', action: 'account.lock', outcome: 'failure' }),
  auditEventBody({ id: 'e4', category: 'future_kind', actor: 'cli', action: 'admin.reset', outcome: 'unknown_outcome' }),
];

function atAudit(routes: Record<string, FakeRoute> = {}, lang: 'vi' | 'en' = 'vi') {
  window.history.replaceState(null, '', '/admin/audit');
  const api = installFakeApi({
    'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'system_admin' })),
    'GET /api/v1/admin/audit': reply(200, { events, total: events.length }),
    ...routes,
  });
  renderWithProviders(<App />, lang);
  return api;
}

const listCalls = (calls: FakeRequest[]) => calls.filter((c) => c.path === '/api/v1/admin/audit');
const lastQuery = (calls: FakeRequest[]) => Object.fromEntries(listCalls(calls).at(-1)?.query ?? []);
const rows = () => screen.getAllByTestId('audit-row');
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('audit log page', () => {
  it('S3_1_shows_the_entries_as_text_newest_first', async () => {
    const { calls } = atAudit();
    await screen.findByTestId('audit-table');
    expect(lastQuery(calls)).toEqual({ offset: '0', limit: '50' });
    expect(screen.getByTestId('audit-total').textContent).toBe('Hiển thị 1–4 trong 4 mục.');
    const first = within(rows()[0]!);
    expect(first.getByTestId('audit-category').textContent).toBe('Tài khoản');
    expect(first.getByTestId('audit-actor').textContent).toBe('u1');
    expect(first.getByTestId('audit-action').textContent).toBe('account.create');
    expect(first.getByTestId('audit-outcome').textContent).toBe('Thành công');
    expect(rows()[0]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-01-05T07:08:09.000Z');

    // Whatever someone typed into a name or detail stays text.
    const second = within(rows()[1]!);
    expect(second.getByTestId('audit-target').textContent).toBe('user:<img src=x onerror=alert(1)>');
    expect(second.getByTestId('audit-detail').textContent).toBe('wrong password 1 of 5\n<b>not bold</b>');
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('.audit-detail b')).toBeNull();
    expect(second.getByTestId('audit-actor').textContent).toBe('(chưa đăng nhập)');
    expect(second.getByTestId('audit-category').textContent).toBe('Đăng nhập quản trị');
    expect(second.getByTestId('audit-outcome').textContent).toBe('Bị từ chối');
    expect(within(rows()[2]!).getByTestId('audit-actor').textContent).toBe('Hệ thống');
    // Values of a newer server are shown as they are.
    expect(within(rows()[3]!).getByTestId('audit-category').textContent).toBe('future_kind');
    expect(within(rows()[3]!).getByTestId('audit-outcome').textContent).toBe('unknown_outcome');
    expect(within(rows()[3]!).getByTestId('audit-actor').textContent).toBe('Dòng lệnh trên máy chủ');
  });

  it('S3_1_filters_on_the_server_and_exports_with_the_same_filters', async () => {
    const { calls } = atAudit();
    await screen.findByTestId('audit-table');
    expect(screen.getByTestId('audit-export-csv').getAttribute('href')).toBe('/api/v1/admin/audit/export?format=csv');
    expect(screen.getByTestId('audit-export-json').hasAttribute('download')).toBe(true);

    fireEvent.change(screen.getByTestId('audit-filter-category'), { target: { value: 'account' } });
    fireEvent.change(screen.getByTestId('audit-filter-outcome'), { target: { value: 'success' } });
    type('audit-filter-actor', ' u1 ');
    type('audit-filter-q', 'quantri');
    type('audit-filter-from', '2026-01-05T08:00');
    type('audit-filter-to', '2026-01-05T17:30');
    // Nothing is asked before "Lọc".
    expect(listCalls(calls)).toHaveLength(1);
    fireEvent.click(screen.getByTestId('audit-apply'));
    const from = String(new Date(2026, 0, 5, 8, 0).getTime());
    const to = String(new Date(2026, 0, 5, 17, 30, 59, 999).getTime());
    await waitFor(() =>
      expect(lastQuery(calls)).toEqual({ category: 'account', outcome: 'success', actor: 'u1', q: 'quantri', from, to, offset: '0', limit: '50' }),
    );
    const href = new URL(screen.getByTestId('audit-export-csv').getAttribute('href') ?? '', 'https://x');
    expect(Object.fromEntries(href.searchParams)).toEqual({ format: 'csv', category: 'account', outcome: 'success', actor: 'u1', q: 'quantri', from, to });

    fireEvent.click(screen.getByTestId('audit-clear'));
    await waitFor(() => expect(lastQuery(calls)).toEqual({ offset: '0', limit: '50' }));
    expect((screen.getByTestId('audit-filter-q') as HTMLInputElement).value).toBe('');
  });

  it('filters by an actor of the table', async () => {
    const { calls } = atAudit();
    await screen.findByTestId('audit-table');
    fireEvent.click(within(rows()[0]!).getByRole('button', { name: 'Lọc nhật ký theo người thực hiện u1' }));
    await waitFor(() => expect(lastQuery(calls)).toMatchObject({ actor: 'u1' }));
    expect((screen.getByTestId('audit-filter-actor') as HTMLInputElement).value).toBe('u1');
  });

  it('refuses an end before the start, before asking', async () => {
    const { calls } = atAudit();
    await screen.findByTestId('audit-table');
    type('audit-filter-from', '2026-01-05T10:00');
    type('audit-filter-to', '2026-01-05T09:00');
    fireEvent.click(screen.getByTestId('audit-apply'));
    expect(screen.getByTestId('audit-filter-error').textContent).toBe('“Đến lúc” phải sau “Từ lúc”.');
    expect(document.activeElement).toBe(screen.getByTestId('audit-filter-to'));
    expect(listCalls(calls)).toHaveLength(1);
  });

  it('pages through the entries', async () => {
    const { calls } = atAudit({ 'GET /api/v1/admin/audit': reply(200, { events, total: 120 }) });
    await screen.findByTestId('audit-table');
    expect(screen.getByTestId('audit-page-label').textContent).toBe('Trang 1/3');
    fireEvent.click(screen.getByTestId('audit-page-next'));
    await waitFor(() => expect(lastQuery(calls)).toEqual({ offset: '50', limit: '50' }));
    await waitFor(() => expect(screen.getByTestId('audit-total').textContent).toBe('Hiển thị 51–54 trong 120 mục.'));
    fireEvent.click(screen.getByTestId('audit-page-prev'));
    await waitFor(() => expect(lastQuery(calls)).toEqual({ offset: '0', limit: '50' }));
  });

  it('says when nothing matches, and translates a refusal', async () => {
    atAudit({ 'GET /api/v1/admin/audit': reply(200, { events: [], total: 0 }) }, 'en');
    expect((await screen.findByTestId('audit-total')).textContent).toBe('No audit entry matches.');
  });

  it('S2_5_translates_a_refused_read', async () => {
    atAudit({ 'GET /api/v1/admin/audit': errorReply(403, 'forbidden', 'req-a') });
    expect((await screen.findByTestId('audit-error')).textContent).toBe('Bạn không có quyền thực hiện thao tác này.');
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-a');
  });

  it('S2_4_is_not_offered_without_audit_view', async () => {
    window.history.replaceState(null, '', '/admin/audit');
    const { calls } = installFakeApi({ 'GET /api/v1/auth/session': reply(200, sessionBody({ role: 'meeting_admin' })) });
    renderWithProviders(<App />);
    await screen.findByTestId('console-section-denied');
    expect(screen.queryByTestId('console-nav-audit')).toBeNull();
    expect(calls.some((c) => c.path === '/api/v1/admin/audit')).toBe(false);
  });
});
