// Plain records the repositories read and write. Times are Unix milliseconds (UTC).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dienhong::store {

// S2.4: three groups at least — ordinary users, usage-level administrators, system administrators.
enum class Role { User, MeetingAdmin, SystemAdmin };

std::string_view toString(Role role);
std::optional<Role> roleFromString(std::string_view text);

// A person's name as others see it: at most this many characters (accounts::checkDisplayName).
inline constexpr size_t kMaxDisplayNameCharacters = 100;

struct User {
  std::string id;        // random, not guessable
  std::string username;  // unique, lower-case
  std::string displayName;
  std::string passwordHash;  // argon2id encoded string (libsodium crypto_pwhash_str)
  Role role = Role::User;
  std::string email;                   // may be empty
  std::optional<std::string> unitId;   // none: the top of the organisation
  // An administrator's own permissions, space-separated names (S2.5); none: all its group allows.
  std::optional<std::string> permissions;
  // Two-factor sign-in (TOTP): seeds sealed by auth::SecretBox; the last step accepted.
  std::optional<std::string> totpSecret;
  std::optional<std::string> totpPending;
  std::optional<int64_t> totpLastStep;
  // An account of the directory (F6): its DN there; the directory checks its password.
  std::optional<std::string> directoryDn;
  bool mustChangePassword = false;
  bool disabled = false;
  int64_t passwordChangedAtMs = 0;
  int64_t createdAtMs = 0;
  // S1.4: wrong passwords in the current window, which began at firstFailedAtMs.
  int failedSignIns = 0;
  int64_t firstFailedAtMs = 0;
  // Set while the account is locked; lockedUntilMs none means until an administrator unlocks.
  std::optional<int64_t> lockedAtMs;
  std::optional<int64_t> lockedUntilMs;

  bool lockedAt(int64_t nowMs) const {
    return lockedAtMs.has_value() && (!lockedUntilMs.has_value() || nowMs < *lockedUntilMs);
  }
};

// A unit of the organisation: a ministry, its departments, their offices. Usage administrators
// manage the accounts and rooms of their unit and the units under it.
struct Unit {
  std::string id;
  std::optional<std::string> parentId;  // none: a top-level unit
  std::string name;
  int64_t createdAtMs = 0;
};

// A named, JSON-valued setting that the administration console changes (the security policy…).
struct Setting {
  std::string name;
  std::string value;  // JSON text
  int64_t updatedAtMs = 0;
  std::string updatedBy;  // the user id of whoever saved it
};

// A filter on accounts: Locked as of a given time; Active is neither locked nor disabled.
enum class UserStatus { Any, Active, Locked, Disabled };
std::string_view toString(UserStatus status);  // "" for Any
std::optional<UserStatus> userStatusFromString(std::string_view text);

struct Session {
  std::string id;  // SHA-256 (hex) of the token the client holds; the token itself is never stored
  std::string userId;
  std::string csrfToken;
  std::string clientAddress;
  std::string userAgent;
  int64_t createdAtMs = 0;
  int64_t lastSeenAtMs = 0;
  int64_t expiresAtMs = 0;
};

// A meeting room. The bool and maxParticipants fields are the room's policy as last saved; the
// meeting module chooses their defaults, the store only keeps them.
struct Room {
  std::string id;  // 9 decimal digits chosen by the application; on "conflict", pick another
  std::string ownerId;
  std::string title;
  std::optional<int64_t> scheduledAtMs;  // none: an instant meeting
  std::string inviteTokenHash;  // SHA-256 (hex) of the invite token; the token is never stored
  std::optional<std::string> passwordHash;  // argon2id encoded string; none: no password
  bool locked = false;
  bool lobbyEnabled = false;
  bool allowGuests = false;
  int maxParticipants = 0;  // must be > 0 (the schema refuses anything else)
  bool startMuted = false;
  // What ordinary participants may do unless a moderator changes it for one of them.
  bool mayShareContent = false;
  bool mayRecordAudio = false;
  bool mayRecordVideo = false;
  int64_t createdAtMs = 0;
  int64_t updatedAtMs = 0;
};

struct ChatMessage {
  std::string id;
  std::string roomId;
  std::string senderParticipantId;
  std::string senderName;                   // as shown when it was sent
  std::optional<std::string> senderUserId;  // none: a guest; kept after the account is deleted
  std::string body;
  int64_t sentAtMs = 0;
};

// The audit log: what happened, who did it, from where, and how it ended.
enum class AuditCategory { Access, AdminLogin, Error, Account, Configuration, Meeting };
enum class AuditOutcome { Success, Denied, Failure };

std::string_view toString(AuditCategory category);
std::optional<AuditCategory> auditCategoryFromString(std::string_view text);
std::string_view toString(AuditOutcome outcome);
std::optional<AuditOutcome> auditOutcomeFromString(std::string_view text);

struct AuditEvent {
  std::string id;
  int64_t atMs = 0;
  AuditCategory category = AuditCategory::Access;
  std::string actor;  // a user id, or a description of a participant
  std::string sourceAddress;
  std::string action;
  std::string target;
  AuditOutcome outcome = AuditOutcome::Success;
  std::string detail;
};

}  // namespace dienhong::store
