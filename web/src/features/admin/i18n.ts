// Texts of the administration console's navigation and its security settings page, with those of
// its other pages (accounts and units, audit log, access and audit policy) merged in.
// Vietnamese is the reference; the English catalogue must have exactly the same keys (compiler).
import { auditEn, auditVi } from './i18n-audit';
import { settingsEn, settingsVi } from './i18n-settings';
import { usersEn, usersVi } from './i18n-users';

export const adminVi = {
  ...usersVi,
  ...auditVi,
  ...settingsVi,
  'console.sections': 'Các mục quản trị',
  'console.section.overview': 'Tổng quan',
  'console.section.users': 'Người dùng',
  'console.section.rooms': 'Phòng họp',
  'console.section.security': 'Cài đặt bảo mật',
  'console.section.audit': 'Nhật ký',
  'console.notAvailable': 'chưa có',
  'console.notAvailableTitle': 'Mục này chưa có',
  'console.notAvailableBody': 'Phiên bản này chưa có trang cho mục này.',
  'console.noSections': 'Tài khoản của bạn chưa được cấp quyền cho mục quản trị nào.',
  'console.sectionDenied': 'Bạn không có quyền vào mục này.',
  'console.sectionUnknown': 'Không có mục quản trị nào ở địa chỉ này.',

  'console.security.title': 'Cài đặt bảo mật',
  'console.security.intro':
    'Các quy định này áp dụng cho mọi tài khoản ngay từ yêu cầu tiếp theo, không cần khởi động lại máy chủ. Mỗi lần lưu đều được ghi vào nhật ký.',
  'console.security.updatedAt': 'Lưu lần cuối: {time}.',
  'console.security.defaults': 'Đang dùng giá trị mặc định: chưa ai lưu cài đặt này.',
  'console.security.save': 'Lưu cài đặt',
  'console.security.saving': 'Đang lưu…',
  'console.security.saved': 'Đã lưu cài đặt lúc {time}.',
  'console.security.reload': 'Tải lại',

  'console.security.password': 'Mật khẩu',
  'console.security.minLength': 'Độ dài tối thiểu (ký tự)',
  'console.security.minLengthHint': 'Từ 8 đến 64 ký tự, đếm cả chữ có dấu là một ký tự.',
  'console.security.classes': 'Các loại ký tự bắt buộc',
  'console.security.requireLower': 'Chữ thường (a–z)',
  'console.security.requireUpper': 'Chữ hoa (A–Z)',
  'console.security.requireDigit': 'Chữ số (0–9)',
  'console.security.requireSymbol': 'Ký hiệu (mọi ký tự khác, kể cả chữ có dấu như “ă”)',
  'console.security.history': 'Số mật khẩu cũ không được dùng lại',
  'console.security.historyHint': 'Từ 0 đến 24. Mật khẩu mới luôn phải khác mật khẩu hiện tại; 0: chỉ cấm trùng mật khẩu hiện tại.',
  'console.security.changeAfter': 'Đề nghị đổi mật khẩu sau (ngày)',
  'console.security.changeAfterHint':
    'Từ 0 đến 3650; 0: không đề nghị. Người dùng được nhắc đổi mật khẩu nhưng vẫn làm việc bình thường.',
  'console.security.validDays': 'Mật khẩu hết hạn sau (ngày)',
  'console.security.validDaysHint':
    'Từ 0 đến 3650; 0: không hết hạn. Phải lớn hơn số ngày đề nghị đổi. Mật khẩu hết hạn thì tài khoản chỉ còn được đổi mật khẩu.',

  'console.security.lockout': 'Khóa tài khoản khi đăng nhập sai',
  'console.security.maxFailures': 'Số lần đăng nhập sai',
  'console.security.maxFailuresHint': 'Từ 1 đến 100. Sai đủ số lần này trong khoảng thời gian dưới đây thì tài khoản bị khóa.',
  'console.security.window': 'Trong khoảng (phút)',
  'console.security.windowHint': 'Từ 1 đến 1440 (một ngày).',
  'console.security.action': 'Cách khóa',
  'console.security.actionLockFor': 'Khóa trong một thời gian rồi tự mở',
  'console.security.actionUntilUnlocked': 'Khóa cho đến khi quản trị viên mở khóa',
  'console.security.lockMinutes': 'Thời gian khóa (phút)',
  'console.security.lockMinutesHint': 'Từ 1 đến 43200 (30 ngày). Chỉ dùng khi khóa trong một thời gian.',

  'console.security.address': 'Giới hạn theo địa chỉ mạng',
  'console.security.addressFailures': 'Số lần đăng nhập sai mỗi phút từ một địa chỉ',
  'console.security.addressFailuresHint':
    'Từ 1 đến 1000. Quá số này, địa chỉ đó bị từ chối đăng nhập trong một phút, dù mật khẩu đúng.',
  'console.security.proofAfterFailures': 'Yêu cầu xác minh trình duyệt sau số lần sai',
  'console.security.proofAfterFailuresHint':
    'Từ 1 đến 100. Khi một địa chỉ, hoặc một tên đăng nhập, đã sai chừng này lần trong khoảng thời gian tính khóa, mỗi lần đăng nhập tiếp theo trình duyệt phải giải một bài toán nhỏ trước khi mật khẩu được kiểm tra.',
  'console.security.proofBits': 'Độ khó của bài toán',
  'console.security.proofBitsHint':
    'Từ 8 đến 24. Mức 18 mất chưa tới một giây trên máy tính thông thường; mỗi mức thêm làm công việc tăng gấp đôi, khiến việc dò mật khẩu tự động tốn kém hơn.',

  'console.security.session': 'Phiên làm việc',
  'console.security.idle': 'Tự đăng xuất khi không hoạt động (phút)',
  'console.security.idleHint': 'Từ 1 đến 10080 (7 ngày), không dài hơn thời hạn tối đa của phiên.',
  'console.security.absolute': 'Thời hạn tối đa của phiên (giờ)',
  'console.security.absoluteHint': 'Từ 1 đến 2160 (90 ngày), tính từ lúc đăng nhập, dù có hoạt động hay không.',

  'console.security.twoFactor': 'Xác thực hai lớp',
  'console.security.twoFactorHint':
    'Nhóm được đánh dấu phải đăng nhập bằng mật khẩu và mã của ứng dụng xác thực trên điện thoại. Người chưa thiết lập sẽ phải thiết lập ở lần đăng nhập tiếp theo trước khi làm việc khác.',
  'console.security.twoFactorUsers': 'Bắt buộc với người dùng',
  'console.security.twoFactorMeetingAdmins': 'Bắt buộc với quản trị cuộc họp',
  'console.security.twoFactorSystemAdmins': 'Bắt buộc với quản trị hệ thống',

  'console.security.error.range': 'Ô “{field}” phải là số nguyên từ {min} đến {max}.',
  'console.security.error.changeAfterValid':
    'Số ngày đề nghị đổi mật khẩu phải nhỏ hơn số ngày mật khẩu hết hạn (hoặc đặt một trong hai ô là 0 để tắt).',
  'console.security.error.idleAbsolute': 'Thời gian tự đăng xuất khi không hoạt động không được dài hơn thời hạn tối đa của phiên.',
} as const satisfies Record<string, string>;

export const adminEn: Readonly<Record<keyof typeof adminVi, string>> = {
  ...usersEn,
  ...auditEn,
  ...settingsEn,
  'console.sections': 'Administration sections',
  'console.section.overview': 'Overview',
  'console.section.users': 'Users',
  'console.section.rooms': 'Rooms',
  'console.section.security': 'Security settings',
  'console.section.audit': 'Audit log',
  'console.notAvailable': 'not yet available',
  'console.notAvailableTitle': 'Not yet available',
  'console.notAvailableBody': 'This version has no page for this section yet.',
  'console.noSections': 'Your account has not been given any administration section.',
  'console.sectionDenied': 'You do not have permission to open this section.',
  'console.sectionUnknown': 'There is no administration section at this address.',

  'console.security.title': 'Security settings',
  'console.security.intro':
    'These rules apply to every account from the next request on, without restarting the server. Every save is recorded in the audit log.',
  'console.security.updatedAt': 'Last saved: {time}.',
  'console.security.defaults': 'The defaults apply: nobody has saved these settings yet.',
  'console.security.save': 'Save settings',
  'console.security.saving': 'Saving…',
  'console.security.saved': 'Settings saved at {time}.',
  'console.security.reload': 'Reload',

  'console.security.password': 'Passwords',
  'console.security.minLength': 'Minimum length (characters)',
  'console.security.minLengthHint': '8 to 64 characters; a letter with diacritics counts as one.',
  'console.security.classes': 'Required kinds of character',
  'console.security.requireLower': 'Lower-case letter (a–z)',
  'console.security.requireUpper': 'Upper-case letter (A–Z)',
  'console.security.requireDigit': 'Digit (0–9)',
  'console.security.requireSymbol': 'Symbol (any other character, including letters with diacritics such as “ă”)',
  'console.security.history': 'Previous passwords that may not be reused',
  'console.security.historyHint': '0 to 24. A new password always differs from the current one; 0: only that is checked.',
  'console.security.changeAfter': 'Suggest a change after (days)',
  'console.security.changeAfterHint': '0 to 3650; 0: off. Users are asked to change their password but can go on working.',
  'console.security.validDays': 'Passwords expire after (days)',
  'console.security.validDaysHint':
    '0 to 3650; 0: never. Must be more than the days before a change is suggested. With an expired password, the account can only change it.',

  'console.security.lockout': 'Account lockout',
  'console.security.maxFailures': 'Failed sign-ins',
  'console.security.maxFailuresHint': '1 to 100. This many failures within the period below lock the account.',
  'console.security.window': 'Within (minutes)',
  'console.security.windowHint': '1 to 1440 (one day).',
  'console.security.action': 'Kind of lock',
  'console.security.actionLockFor': 'Lock for a while, then unlock by itself',
  'console.security.actionUntilUnlocked': 'Lock until an administrator unlocks it',
  'console.security.lockMinutes': 'Lock duration (minutes)',
  'console.security.lockMinutesHint': '1 to 43200 (30 days). Only for a lock that ends by itself.',

  'console.security.address': 'Address throttle',
  'console.security.addressFailures': 'Failed sign-ins per minute from one address',
  'console.security.addressFailuresHint':
    '1 to 1000. Beyond this, the address is refused for a minute, even with a correct password.',
  'console.security.proofAfterFailures': 'Browser check after this many failures',
  'console.security.proofAfterFailuresHint':
    '1 to 100. Once an address, or a user name, has failed this many times within the lockout window, the browser must solve a small puzzle before each further password is checked.',
  'console.security.proofBits': 'Puzzle difficulty',
  'console.security.proofBitsHint':
    '8 to 24. At 18 it takes well under a second on an ordinary computer; each step up doubles the work, which makes automated guessing costlier.',

  'console.security.session': 'Sessions',
  'console.security.idle': 'Sign out after inactivity (minutes)',
  'console.security.idleHint': '1 to 10080 (7 days), and no longer than the maximum session length.',
  'console.security.absolute': 'Maximum session length (hours)',
  'console.security.absoluteHint': '1 to 2160 (90 days), counted from sign-in, active or not.',

  'console.security.twoFactor': 'Two-factor sign-in',
  'console.security.twoFactorHint':
    'A group that is ticked must sign in with a password and a code from an authenticator app on a phone. Anyone who has not set it up yet must do so at their next sign-in before anything else.',
  'console.security.twoFactorUsers': 'Required for users',
  'console.security.twoFactorMeetingAdmins': 'Required for meeting administrators',
  'console.security.twoFactorSystemAdmins': 'Required for system administrators',

  'console.security.error.range': '“{field}” must be a whole number from {min} to {max}.',
  'console.security.error.changeAfterValid':
    'The days before a change is suggested must be fewer than the days before the password expires (or set either to 0 to turn it off).',
  'console.security.error.idleAbsolute': 'The inactivity sign-out may not be longer than the maximum session length.',
};
