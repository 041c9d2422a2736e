import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CSRF_HEADER } from '../../lib/api';
import { errorReply, installFakeApi, reply, sessionBody, type FakeRoute } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { createdBody, roomBody } from '../../test/rooms';
import { HomePage } from './HomePage';
import { formatMeetingTime } from './meeting-time';
import { toLocalDateTimeValue } from './schedule-form';

const signedIn = { 'GET /api/v1/auth/session': reply(200, sessionBody({}, { csrfToken: 'csrf-home' })) };
const origin = window.location.origin;

function setup(routes: Record<string, FakeRoute>, lang: 'vi' | 'en' = 'vi') {
  const fake = installFakeApi({ ...signedIn, 'GET /api/v1/rooms': reply(200, { rooms: [] }), ...routes });
  renderWithProviders(<HomePage />, lang);
  return fake;
}

function change(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function stubClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
});

describe('home page: anonymous', () => {
  it('shows only the join form and a hint to sign in', async () => {
    installFakeApi({ 'GET /api/v1/auth/session': errorReply(401, 'unauthenticated') });
    renderWithProviders(<HomePage />);
    const link = await screen.findByRole('link', { name: 'Đăng nhập để tạo phòng họp' });
    expect(link.getAttribute('href')).toBe('/login');
    expect(screen.getByTestId('home-join-input')).toBeTruthy();
    expect(screen.queryByTestId('create-room-card')).toBeNull();
    expect(screen.queryByTestId('my-rooms')).toBeNull();
  });
});

describe('home page: create a room', () => {
  it('creates an instant meeting titled after the user and shows the result', async () => {
    let lists = 0;
    const { calls } = setup({
      'GET /api/v1/rooms': () => {
        lists += 1;
        return reply(200, { rooms: lists > 1 ? [roomBody({ title: 'Cuộc họp của Nguyễn Văn A' })] : [] });
      },
      'POST /api/v1/rooms': reply(201, createdBody({ title: 'Cuộc họp của Nguyễn Văn A' })),
    });
    fireEvent.click(await screen.findByTestId('create-room-instant'));

    const panel = await screen.findByTestId('room-created');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ title: 'Cuộc họp của Nguyễn Văn A', scheduledAt: null });
    expect(post?.headers.get(CSRF_HEADER)).toBe('csrf-home');

    const heading = within(panel).getByRole('heading', { name: 'Đã tạo phòng họp “Cuộc họp của Nguyễn Văn A”' });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByTestId('room-created-code').textContent).toBe('482 915 306');
    const link = screen.getByLabelText('Đường dẫn mời họp') as HTMLInputElement;
    expect(link).toBe(screen.getByTestId('room-created-link'));
    expect(link.value).toBe(`${origin}/r/482915306?t=Inv1te_Tok-en`);
    expect(link.readOnly).toBe(true);
    const invitation = screen.getByTestId('room-created-invitation').textContent ?? '';
    expect(invitation).toContain('Cuộc họp: Cuộc họp của Nguyễn Văn A');
    expect(invitation).toContain(`Tham gia qua đường dẫn: ${origin}/r/482915306?t=Inv1te_Tok-en`);
    expect(invitation).toContain('482 915 306');
    expect(invitation).not.toContain('Thời gian:');

    // The list is read again and shows the new room.
    expect(await screen.findByTestId('my-room')).toBeTruthy();

    fireEvent.click(screen.getByTestId('room-created-enter'));
    expect(window.location.pathname + window.location.search).toBe('/r/482915306?t=Inv1te_Tok-en');
  });

  it('shows a translated error with the request ID when creation fails', async () => {
    setup({ 'POST /api/v1/rooms': errorReply(500, 'internal', 'req-c1') });
    fireEvent.click(await screen.findByTestId('create-room-instant'));
    expect((await screen.findByTestId('create-room-error')).textContent).toBe('Đã xảy ra lỗi');
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-c1');
    expect(screen.queryByTestId('room-created')).toBeNull();
  });

  it('checks the schedule form before sending and points at the field to fix', async () => {
    const { calls } = setup({});
    fireEvent.click(await screen.findByTestId('create-room-schedule'));
    expect(document.activeElement).toBe(screen.getByTestId('schedule-title'));
    expect(screen.getByLabelText('Tên cuộc họp')).toBe(screen.getByTestId('schedule-title'));
    expect((screen.getByLabelText('Bật phòng chờ') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText('Cho phép khách không có tài khoản') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByTestId('schedule-max') as HTMLInputElement).value).toBe('100');

    fireEvent.click(screen.getByTestId('schedule-submit'));
    expect(screen.getByTestId('schedule-error').textContent).toBe('Hãy nhập tên cuộc họp.');
    expect(screen.getByTestId('schedule-title').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByTestId('schedule-title'));

    change('schedule-title', 'Giao ban tuần');
    change('schedule-time', toLocalDateTimeValue(Date.now() - 3_600_000));
    fireEvent.click(screen.getByTestId('schedule-submit'));
    expect(screen.getByTestId('schedule-error').textContent).toBe('Thời gian bắt đầu phải ở trong tương lai.');
    expect(screen.getByTestId('schedule-title').getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByTestId('schedule-time').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByTestId('schedule-time'));

    change('schedule-time', toLocalDateTimeValue(Date.now() + 86_400_000));
    change('schedule-password', 'abc');
    fireEvent.click(screen.getByTestId('schedule-submit'));
    expect(screen.getByTestId('schedule-error').textContent).toBe('Mật khẩu phòng họp phải có ít nhất 4 ký tự.');

    change('schedule-password', '');
    change('schedule-max', '1');
    fireEvent.click(screen.getByTestId('schedule-submit'));
    expect(screen.getByTestId('schedule-error').textContent).toBe(
      'Số người tham gia tối đa phải là số nguyên từ 2 đến 1000.',
    );
    expect(screen.queryByTestId('error-request-id')).toBeNull();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('schedules a room with its settings; the password enters the invitation only when ticked', async () => {
    const when = new Date(Date.now() + 2 * 86_400_000);
    when.setSeconds(0, 0);
    const scheduledAt = when.getTime();
    const { calls } = setup({
      'POST /api/v1/rooms': reply(
        201,
        createdBody({ title: 'Họp Sở Y tế', scheduledAt, passwordProtected: true, lobbyEnabled: true }),
      ),
    });
    fireEvent.click(await screen.findByTestId('create-room-schedule'));
    change('schedule-title', '  Họp Sở Y tế ');
    change('schedule-time', toLocalDateTimeValue(scheduledAt));
    change('schedule-password', 'hop-kin-2026');
    fireEvent.click(screen.getByTestId('schedule-lobby'));
    fireEvent.click(screen.getByTestId('schedule-guests'));
    fireEvent.click(screen.getByTestId('schedule-start-muted'));
    change('schedule-max', '30');
    fireEvent.click(screen.getByTestId('schedule-submit'));

    await screen.findByTestId('room-created');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      title: 'Họp Sở Y tế',
      scheduledAt,
      lobbyEnabled: true,
      allowGuests: true,
      maxParticipants: 30,
      startMuted: true,
      password: 'hop-kin-2026',
    });
    const invitation = screen.getByTestId('room-created-invitation');
    expect(invitation.textContent).toContain(`Thời gian: ${formatMeetingTime('vi', scheduledAt, { withZone: true })}`);
    expect(invitation.textContent).toContain('Phòng họp có mật khẩu');
    expect(invitation.textContent).not.toContain('hop-kin-2026');

    fireEvent.click(screen.getByLabelText('Kèm mật khẩu trong lời mời'));
    expect(invitation.textContent).toContain('Mật khẩu phòng họp: hop-kin-2026');
  });

  it('translates a refusal of the settings and keeps the form', async () => {
    setup({ 'POST /api/v1/rooms': errorReply(400, 'invalid_request', 'req-s9') });
    fireEvent.click(await screen.findByTestId('create-room-schedule'));
    change('schedule-title', 'Giao ban');
    fireEvent.click(screen.getByTestId('schedule-submit'));
    expect((await screen.findByTestId('schedule-error')).textContent).toBe(
      'Máy chủ không chấp nhận các thiết lập phòng họp. Hãy kiểm tra lại các ô.',
    );
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-s9');
    expect(document.body.textContent).not.toContain('english log text');
    expect((screen.getByTestId('schedule-title') as HTMLInputElement).value).toBe('Giao ban');
  });

  it('returns focus to "Lên lịch" when the form is cancelled', async () => {
    setup({});
    fireEvent.click(await screen.findByTestId('create-room-schedule'));
    fireEvent.click(screen.getByRole('button', { name: 'Hủy' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('create-room-schedule')));
  });

  it('copies the link and the code, or says to copy by hand when the clipboard is unavailable', async () => {
    const writeText = vi.fn(async () => {});
    stubClipboard(writeText);
    setup({ 'POST /api/v1/rooms': reply(201, createdBody()) });
    fireEvent.click(await screen.findByTestId('create-room-instant'));
    await screen.findByTestId('room-created');

    fireEvent.click(screen.getByTestId('room-created-copy-link'));
    expect(await screen.findByText('Đã sao chép đường dẫn.')).toBeTruthy();
    expect(writeText).toHaveBeenLastCalledWith(`${origin}/r/482915306?t=Inv1te_Tok-en`);
    fireEvent.click(screen.getByTestId('room-created-copy-code'));
    expect(await screen.findByText('Đã sao chép mã phòng.')).toBeTruthy();
    expect(writeText).toHaveBeenLastCalledWith('482 915 306');

    Reflect.deleteProperty(navigator, 'clipboard');
    fireEvent.click(screen.getByTestId('room-created-copy-link'));
    expect(await screen.findByText(/^Trình duyệt không cho sao chép tự động\./)).toBeTruthy();
    const link = screen.getByTestId('room-created-link') as HTMLInputElement;
    expect(link.selectionStart).toBe(0);
    expect(link.selectionEnd).toBe(link.value.length);
  });

  it('writes the instant title and the invitation in English for the English UI', async () => {
    const { calls } = setup({ 'POST /api/v1/rooms': reply(201, createdBody({ title: 'Meeting of Nguyễn Văn A' })) }, 'en');
    fireEvent.click(await screen.findByTestId('create-room-instant'));
    await screen.findByTestId('room-created');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ title: 'Meeting of Nguyễn Văn A', scheduledAt: null });
    expect(screen.getByTestId('room-created-invitation').textContent).toMatch(/^You are invited to an online meeting\./);
  });
});

describe('home page: my rooms', () => {
  it('lists the rooms with code, time and badges, and enters as owner without a token', async () => {
    const at = Date.UTC(2026, 11, 1, 2, 0);
    setup({
      'GET /api/v1/rooms': reply(200, {
        rooms: [
          roomBody({ id: '482915306', title: 'Giao ban tuần', scheduledAt: at, passwordProtected: true, lobbyEnabled: true }),
          roomBody({ id: '700000001', title: 'Họp nhanh', locked: true }),
        ],
      }),
    });
    const items = await screen.findAllByTestId('my-room');
    expect(items.map((item) => item.getAttribute('data-room-id'))).toEqual(['482915306', '700000001']);
    const first = items[0] as HTMLElement;
    expect(within(first).getByRole('heading').textContent).toBe('Giao ban tuần');
    expect(within(first).getByTestId('my-room-code').textContent).toBe('482 915 306');
    expect(first.textContent).toContain(formatMeetingTime('vi', at));
    expect(within(first).getByText('Có mật khẩu')).toBeTruthy();
    expect(within(first).getByText('Phòng chờ')).toBeTruthy();
    expect(within(first).queryByText('Đã khóa')).toBeNull();
    const second = items[1] as HTMLElement;
    expect(second.textContent).toContain('Không hẹn giờ');
    expect(within(second).getByText('Đã khóa')).toBeTruthy();

    fireEvent.click(within(second).getByRole('button', { name: 'Vào phòng Họp nhanh' }));
    expect(window.location.pathname + window.location.search).toBe('/r/700000001');
  });

  it('says so when there is no room', async () => {
    setup({});
    expect((await screen.findByTestId('my-rooms-empty')).textContent).toBe(
      'Bạn chưa có phòng họp nào. Hãy tạo phòng bằng “Họp ngay” hoặc “Lên lịch”.',
    );
  });

  it('renews the invitation link and warns that the old one stops working', async () => {
    const { calls } = setup({
      'GET /api/v1/rooms': reply(200, { rooms: [roomBody()] }),
      'POST /api/v1/rooms/482915306/invitation': reply(200, {
        inviteToken: 'N3w_token',
        invitationPath: '/r/482915306?t=N3w_token',
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Tạo lại đường dẫn mời cho phòng Giao ban tuần' }));
    const link = (await screen.findByTestId('my-room-link')) as HTMLInputElement;
    expect(link.value).toBe(`${origin}/r/482915306?t=N3w_token`);
    expect(screen.getByText('Đã tạo đường dẫn mời mới. Đường dẫn cũ không còn dùng được nữa.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.headers.get(CSRF_HEADER)).toBe('csrf-home');
    await waitFor(() => expect(document.activeElement).toBe(link));
  });

  it('asks before deleting and explains that a running meeting prevents it', async () => {
    setup({
      'GET /api/v1/rooms': reply(200, { rooms: [roomBody()] }),
      'DELETE /api/v1/rooms/482915306': errorReply(409, 'meeting_in_progress', 'req-d4'),
    });
    const remove = await screen.findByTestId('my-room-delete');
    remove.focus();
    fireEvent.click(remove);
    const dialog = screen.getByRole('alertdialog', { name: 'Xóa phòng họp?' });
    expect(dialog.textContent).toContain('Phòng “Giao ban tuần” (mã 482 915 306) sẽ bị xóa');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Hủy' }));

    fireEvent.click(screen.getByTestId('confirm-delete-accept'));
    expect((await screen.findByTestId('my-room-error')).textContent).toBe(
      'Cuộc họp trong phòng này đang diễn ra. Hãy kết thúc cuộc họp rồi thử lại.',
    );
    expect(screen.getByTestId('error-request-id').textContent).toBe('Mã yêu cầu: req-d4');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getAllByTestId('my-room')).toHaveLength(1);
    expect(document.activeElement).toBe(remove);
  });

  it('deletes after confirmation and says so', async () => {
    const { calls } = setup({
      'GET /api/v1/rooms': reply(200, { rooms: [roomBody(), roomBody({ id: '700000001', title: 'Họp nhanh' })] }),
      'DELETE /api/v1/rooms/482915306': reply(204),
    });
    fireEvent.click((await screen.findAllByTestId('my-room-delete'))[0] as HTMLElement);
    fireEvent.click(screen.getByTestId('confirm-delete-accept'));
    expect(await screen.findByText('Đã xóa phòng “Giao ban tuần”.')).toBeTruthy();
    expect(screen.getAllByTestId('my-room').map((item) => item.getAttribute('data-room-id'))).toEqual(['700000001']);
    expect(calls.find((c) => c.method === 'DELETE')?.headers.get(CSRF_HEADER)).toBe('csrf-home');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Phòng của tôi' }));
  });

  it('closes the confirmation with Escape, deletes nothing, and gives focus back', async () => {
    const { calls } = setup({ 'GET /api/v1/rooms': reply(200, { rooms: [roomBody()] }) });
    const remove = await screen.findByTestId('my-room-delete');
    remove.focus();
    fireEvent.click(remove);
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(remove);
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);
  });

  it('offers to retry when the list cannot be read', async () => {
    let fail = true;
    setup({
      'GET /api/v1/rooms': () => (fail ? errorReply(503, 'unavailable', 'req-l1') : reply(200, { rooms: [roomBody()] })),
    });
    expect((await screen.findByTestId('my-rooms-error')).textContent).toBe('Đã xảy ra lỗi');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByTestId('my-room')).toBeTruthy();
    expect(screen.queryByTestId('my-rooms-error')).toBeNull();
  });
});
