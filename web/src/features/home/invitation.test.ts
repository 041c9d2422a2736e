import { describe, expect, it } from 'vitest';
import { invitationText, invitationUrl } from './invitation';
import { formatMeetingTime } from './meeting-time';

const at = Date.UTC(2026, 4, 14, 2, 0); // 09:00 in Hà Nội
const hanoi = (lang: 'vi' | 'en') => (ms: number) => formatMeetingTime(lang, ms, { timeZone: 'Asia/Ho_Chi_Minh', withZone: true });
const details = {
  title: 'Giao ban tuần',
  scheduledAt: at,
  roomId: '482915306',
  link: 'https://hop.example.gov.vn/r/482915306?t=Tok_en-1',
  site: 'https://hop.example.gov.vn',
  passwordProtected: false,
};

describe('invitationUrl', () => {
  it('is the origin with the invitation path', () => {
    expect(invitationUrl('https://hop.example.gov.vn', '482915306', 'Tok_en-1')).toBe(
      'https://hop.example.gov.vn/r/482915306?t=Tok_en-1',
    );
  });
});

describe('formatMeetingTime', () => {
  it('puts the time first in Vietnamese and after the date in English', () => {
    expect(formatMeetingTime('vi', at, { timeZone: 'Asia/Ho_Chi_Minh' })).toBe('09:00, Thứ Năm, 14 tháng 5, 2026');
    expect(formatMeetingTime('en', at, { timeZone: 'Asia/Ho_Chi_Minh' })).toBe('Thursday, 14 May 2026 at 09:00');
    expect(formatMeetingTime('vi', at, { timeZone: 'Asia/Ho_Chi_Minh', withZone: true })).toBe(
      '09:00 GMT+7, Thứ Năm, 14 tháng 5, 2026',
    );
  });
});

describe('invitationText', () => {
  it('has title, time, link and code in Vietnamese', () => {
    expect(invitationText('vi', details, hanoi('vi')).split('\n')).toEqual([
      'Trân trọng kính mời anh/chị tham dự cuộc họp trực tuyến.',
      'Cuộc họp: Giao ban tuần',
      'Thời gian: 09:00 GMT+7, Thứ Năm, 14 tháng 5, 2026',
      'Tham gia qua đường dẫn: https://hop.example.gov.vn/r/482915306?t=Tok_en-1',
      'Hoặc mở https://hop.example.gov.vn, chọn “Tham gia cuộc họp” và nhập mã phòng: 482 915 306',
    ]);
  });

  it('is in English for the English UI and leaves the time out for an instant meeting', () => {
    const text = invitationText('en', { ...details, scheduledAt: null }, hanoi('en'));
    expect(text).toContain('Meeting: Giao ban tuần');
    expect(text).toContain('enter the room code: 482 915 306');
    expect(text).not.toContain('Time:');
  });

  it('says there is a password but gives it only when asked', () => {
    const protectedRoom = { ...details, passwordProtected: true };
    const note = invitationText('vi', { ...protectedRoom, password: null }, hanoi('vi'));
    expect(note).toContain('Phòng họp có mật khẩu');
    expect(note).not.toContain('bí-mật');
    const withPassword = invitationText('vi', { ...protectedRoom, password: 'bí-mật' }, hanoi('vi'));
    expect(withPassword.split('\n').at(-1)).toBe('Mật khẩu phòng họp: bí-mật');
  });
});
