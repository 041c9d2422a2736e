// Texts of the security section's other pages — administration access and the audit policy —
// merged into the admin catalogue (i18n.ts). Vietnamese is the reference; English must have the
// same keys (compiler).
export const settingsVi = {
  'console.security.tabs': 'Các trang cài đặt bảo mật',
  'console.security.tab.policy': 'Chính sách bảo mật',
  'console.security.tab.access': 'Truy cập trang quản trị',
  'console.security.tab.auditPolicy': 'Lưu giữ và chuyển nhật ký',

  'console.access.title': 'Truy cập trang quản trị',
  'console.access.intro':
    'Chỉ máy trong các dải mạng dưới đây mới kết nối được tới cổng quản trị; kết nối từ nơi khác bị đóng ngay. Thay đổi áp dụng cho kết nối tiếp theo và được ghi vào nhật ký.',
  'console.access.activePort': 'Cổng quản trị đang dùng',
  'console.access.updatedAtLabel': 'Lưu lần cuối',
  'console.access.defaults': 'Chưa ai lưu (giá trị mặc định)',
  'console.access.restartRequired':
    'Cần khởi động lại máy chủ: cổng quản trị đã lưu là {port} nhưng máy chủ vẫn đang dùng cổng {active} cho đến lần khởi động tiếp theo.',
  'console.access.networks': 'Các dải mạng được phép (mỗi dòng một dải)',
  'console.access.networksHint':
    'Dạng CIDR như 10.0.0.0/8 hoặc 2001:db8::/32; một địa chỉ đơn lẻ cũng được. Từ 1 đến {max} dải. Danh sách phải có địa chỉ của máy bạn đang dùng.',
  'console.access.port': 'Cổng quản trị',
  'console.access.portHint':
    'Từ 1024 đến 65535, khác cổng người dùng. Để trống: dùng cổng trong tệp cấu hình. Cổng mới chỉ có hiệu lực sau khi khởi động lại máy chủ.',
  'console.access.error.empty': 'Hãy nhập ít nhất một dải mạng.',
  'console.access.error.tooMany': 'Chỉ được tối đa {max} dải mạng.',
  'console.access.error.network': '“{network}” không phải dải mạng hợp lệ. Hãy viết dạng 10.0.0.0/8, 192.168.1.20 hoặc 2001:db8::/32.',
  'console.access.error.port': 'Cổng quản trị phải là số nguyên từ {min} đến {max}, hoặc để trống.',

  'console.auditPolicy.title': 'Lưu giữ và chuyển nhật ký',
  'console.auditPolicy.intro':
    'Thời gian giữ nhật ký trên máy chủ, và máy chủ nhật ký tập trung (syslog qua TLS) nhận bản sao của mọi mục. Khi máy chủ nhật ký không kết nối được, các mục được giữ lại và gửi sau, không mất mục nào.',
  'console.auditPolicy.retention': 'Lưu giữ',
  'console.auditPolicy.retentionDays': 'Giữ nhật ký trong (ngày)',
  'console.auditPolicy.retentionHint': 'Từ 1 đến 3650. Các mục cũ hơn bị xóa, kể cả khi chưa chuyển được tới máy chủ nhật ký.',
  'console.auditPolicy.syslog': 'Máy chủ nhật ký tập trung',
  'console.auditPolicy.enabled': 'Chuyển mọi mục nhật ký tới máy chủ nhật ký',
  'console.auditPolicy.host': 'Máy chủ (tên hoặc địa chỉ)',
  'console.auditPolicy.port': 'Cổng',
  'console.auditPolicy.portHint': 'Thường là 6514 (syslog qua TLS).',
  'console.auditPolicy.serverName': 'Tên trên chứng chỉ của máy chủ nhật ký',
  'console.auditPolicy.serverNameHint': 'Để trống: dùng tên máy chủ ở trên.',
  'console.auditPolicy.ca': 'Chứng chỉ của tổ chức cấp chứng chỉ (PEM)',
  'console.auditPolicy.caHint':
    'Chứng chỉ của tổ chức đã ký chứng chỉ máy chủ nhật ký, dạng “-----BEGIN CERTIFICATE-----”. Không chấp nhận chứng chỉ nào khác.',
  'console.auditPolicy.forwarding': 'Tình trạng chuyển nhật ký',
  'console.auditPolicy.state': 'Trạng thái',
  'console.auditPolicy.state.off': 'Đang tắt',
  'console.auditPolicy.state.connecting': 'Đang kết nối',
  'console.auditPolicy.state.connected': 'Đã kết nối',
  'console.auditPolicy.state.retrying': 'Mất kết nối, đang thử lại',
  'console.auditPolicy.pending': 'Mục chờ gửi',
  'console.auditPolicy.lastDelivered': 'Gửi thành công lần cuối',
  'console.auditPolicy.never': 'Chưa có',
  'console.auditPolicy.lastError': 'Lỗi gần nhất (chi tiết kỹ thuật của máy chủ, bằng tiếng Anh)',
  'console.auditPolicy.error.retention': 'Số ngày giữ nhật ký phải là số nguyên từ {min} đến {max}.',
  'console.auditPolicy.error.host': 'Hãy nhập tên hoặc địa chỉ của máy chủ nhật ký (chữ, số và . - : _).',
  'console.auditPolicy.error.serverName': 'Tên trên chứng chỉ chỉ gồm chữ, số và . - : _, hoặc để trống.',
  'console.auditPolicy.error.port': 'Cổng phải là số nguyên từ {min} đến {max}.',
  'console.auditPolicy.error.ca': 'Khi bật chuyển nhật ký, hãy dán chứng chỉ PEM của tổ chức cấp chứng chỉ.',

  'errorCode.adminAccess.would_lock_out':
    'Không lưu: danh sách này không có địa chỉ của máy bạn đang dùng, nên bạn sẽ bị khóa ngoài trang quản trị. Hãy thêm dải mạng của mình.',
  'errorCode.adminAccess.invalid_setting':
    'Máy chủ không nhận cài đặt này: có dải mạng không hợp lệ, quá 64 dải, hoặc cổng nằm ngoài giới hạn hay trùng cổng người dùng.',
  'errorCode.auditPolicy.invalid_setting':
    'Máy chủ không nhận cài đặt này: có giá trị nằm ngoài giới hạn, tên máy chủ không hợp lệ, hoặc chứng chỉ không đọc được. Hãy kiểm tra lại các ô.',
} as const satisfies Record<string, string>;

export const settingsEn: Readonly<Record<keyof typeof settingsVi, string>> = {
  'console.security.tabs': 'Security settings pages',
  'console.security.tab.policy': 'Security policy',
  'console.security.tab.access': 'Console access',
  'console.security.tab.auditPolicy': 'Log retention and forwarding',

  'console.access.title': 'Console access',
  'console.access.intro':
    'Only computers in the networks below can connect to the administration port; a connection from anywhere else is closed at once. A change applies to the next connection and is recorded in the audit log.',
  'console.access.activePort': 'Administration port in use',
  'console.access.updatedAtLabel': 'Last saved',
  'console.access.defaults': 'Never saved (the defaults)',
  'console.access.restartRequired':
    'Restart required: the saved administration port is {port}, but the server keeps using port {active} until it next starts.',
  'console.access.networks': 'Allowed networks (one per line)',
  'console.access.networksHint':
    'CIDR ranges such as 10.0.0.0/8 or 2001:db8::/32; a single address works too. 1 to {max} ranges. The list must include the address of the computer you are using.',
  'console.access.port': 'Administration port',
  'console.access.portHint':
    "1024 to 65535, not the user port. Empty: the configuration file's port. A new port applies only after the server restarts.",
  'console.access.error.empty': 'Type at least one network.',
  'console.access.error.tooMany': 'At most {max} networks are allowed.',
  'console.access.error.network': '“{network}” is not a valid network. Write it as 10.0.0.0/8, 192.168.1.20 or 2001:db8::/32.',
  'console.access.error.port': 'The administration port must be a whole number from {min} to {max}, or empty.',

  'console.auditPolicy.title': 'Log retention and forwarding',
  'console.auditPolicy.intro':
    'How long the server keeps the audit log, and the central log server (syslog over TLS) that receives a copy of every entry. While the log server cannot be reached, entries wait and are sent later; none is lost.',
  'console.auditPolicy.retention': 'Retention',
  'console.auditPolicy.retentionDays': 'Keep the audit log for (days)',
  'console.auditPolicy.retentionHint': '1 to 3650. Older entries are removed, even if they have not reached the log server.',
  'console.auditPolicy.syslog': 'Central log server',
  'console.auditPolicy.enabled': 'Forward every audit entry to the log server',
  'console.auditPolicy.host': 'Server (name or address)',
  'console.auditPolicy.port': 'Port',
  'console.auditPolicy.portHint': 'Usually 6514 (syslog over TLS).',
  'console.auditPolicy.serverName': "Name on the log server's certificate",
  'console.auditPolicy.serverNameHint': 'Empty: the server name above.',
  'console.auditPolicy.ca': 'Certificate authority (PEM)',
  'console.auditPolicy.caHint':
    "The certificate of the authority that signed the log server's certificate, “-----BEGIN CERTIFICATE-----”. No other certificate is accepted.",
  'console.auditPolicy.forwarding': 'Forwarding status',
  'console.auditPolicy.state': 'State',
  'console.auditPolicy.state.off': 'Off',
  'console.auditPolicy.state.connecting': 'Connecting',
  'console.auditPolicy.state.connected': 'Connected',
  'console.auditPolicy.state.retrying': 'Connection lost, retrying',
  'console.auditPolicy.pending': 'Entries waiting',
  'console.auditPolicy.lastDelivered': 'Last delivered',
  'console.auditPolicy.never': 'Not yet',
  'console.auditPolicy.lastError': "Last error (the server's technical detail)",
  'console.auditPolicy.error.retention': 'The days to keep the log must be a whole number from {min} to {max}.',
  'console.auditPolicy.error.host': 'Type the name or address of the log server (letters, digits and . - : _).',
  'console.auditPolicy.error.serverName': 'The certificate name may contain only letters, digits and . - : _, or be empty.',
  'console.auditPolicy.error.port': 'The port must be a whole number from {min} to {max}.',
  'console.auditPolicy.error.ca': 'To forward the log, paste the PEM certificate of the certificate authority.',

  'errorCode.adminAccess.would_lock_out':
    'Not saved: this list leaves out the address of the computer you are using, so you would be locked out of the console. Add your own network.',
  'errorCode.adminAccess.invalid_setting':
    'The server did not accept this setting: a network is not valid, there are more than 64, or the port is out of range or the same as the user port.',
  'errorCode.auditPolicy.invalid_setting':
    'The server did not accept this setting: a value is out of range, a server name is not valid, or the certificate cannot be read. Check the fields.',
};
