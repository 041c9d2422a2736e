// dienhong: the one binary of the platform. Subcommands: serve, admin, config, version, help.
#include <cstdio>

#include <fmt/format.h>
#include <sodium.h>

#include "app/command_line.hpp"
#include "app/config.hpp"
#include "app/serve.hpp"
#include "app/startup.hpp"
#include "auth/admin_access.hpp"
#include "auth/auth_service.hpp"

namespace {

using namespace dienhong;  // NOLINT(google-build-using-namespace): main only wires modules

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

int usageError(std::string_view message) {
  fmt::print(stderr, "dienhong: {}\nRun `dienhong help` for usage.\n", message);
  return kExitUsage;
}

Result<app::Config> loadOrReport(const app::ConfigSources& sources) {
  auto config = app::loadConfig(sources);
  if (!config) fmt::print(stderr, "dienhong: configuration error: {}\n", config.error().message);
  return config;
}

int resetPassword(const app::Config& config, const std::string& username) {
  auto store = app::openStore(config);
  if (!store) {
    app::printFailure("cannot open the database", store.error());
    return kExitFailure;
  }
  auth::SecurityPolicyStore policies(*store.value());
  if (auto loaded = policies.load(); !loaded) {
    app::printFailure("cannot read the security policy", loaded.error());
    return kExitFailure;
  }
  audit::AuditLog audit(*store.value());
  auto dataDir = app::prepareDataDir(config);
  auto secrets = dataDir ? app::openSecretBox(config, dataDir.value()) : Result<auth::SecretBox>(dataDir.error());
  if (!secrets) {
    app::printFailure("cannot open the master key", secrets.error());
    return kExitFailure;
  }
  auth::AuthService service(*store.value(), policies, audit, secrets.value());
  auto password = service.resetPassword(username);
  if (!password) {
    app::printFailure("cannot reset the password", password.error());
    return kExitFailure;
  }
  fmt::print("Mật khẩu một lần mới cho / New one-time password for {}: {}\n"
             "Người dùng phải đổi mật khẩu khi đăng nhập / The user must change it at sign-in.\n",
             username, password.value());
  return kExitOk;
}

// The way back in for an operator who locked the console away from every address they have.
int resetAdminAccess(const app::Config& config) {
  auto store = app::openStore(config);
  if (!store) {
    app::printFailure("cannot open the database", store.error());
    return kExitFailure;
  }
  auth::AdminAccessStore access(*store.value());
  if (auto saved = access.save(auth::AdminAccess{}, "cli", auth::AuthService::systemNowMs()); !saved) {
    app::printFailure("cannot reset the administration access", saved.error());
    return kExitFailure;
  }
  audit::AuditLog(*store.value())
      .record({.category = store::AuditCategory::Configuration,
               .actor = "cli",
               .sourceAddress = "",
               .action = "settings.admin_access",
               .target = "admin_access",
               .outcome = store::AuditOutcome::Success,
               .detail = "reset to loopback and private networks, configured port"});
  fmt::print("Trang quản trị lại cho phép truy cập từ máy này và mạng nội bộ, cổng {} (khởi động lại để áp dụng cổng).\n"
             "The console again accepts loopback and private networks, on port {} (restart to apply the port).\n",
             config.adminPort, config.adminPort);
  return kExitOk;
}

int run(int argc, const char* const* argv) {
  auto line = app::parseCommandLine(argc, argv);
  if (!line) return usageError(line.error().message);
  const auto& words = line->words;
  if (line->help || words.empty() || words[0] == "help") {
    if (words.size() >= 2 && words[1] == "config") {
      fmt::print("Configuration keys (TOML [section] key, environment variable):\n{}",
                 app::describeKeys());
    } else {
      std::fputs(app::usageText().c_str(), stdout);
    }
    return words.empty() && !line->help ? kExitUsage : kExitOk;
  }
  const std::string& command = words[0];
  if (command == "version") {
    fmt::print("dienhong {}\n", DIENHONG_VERSION);
    return kExitOk;
  }
  if (command == "config") {
    if (words.size() != 3 || words[1] != "check") return usageError("usage: dienhong config check FILE");
    app::ConfigSources sources;
    sources.file = words[2];
    if (!loadOrReport(sources)) return kExitUsage;
    fmt::print("{}: OK\n", words[2]);
    return kExitOk;
  }
  if (command == "serve") {
    if (words.size() != 1) return usageError(fmt::format("unexpected argument '{}'", words[1]));
    auto config = loadOrReport(line->config);
    if (!config) return kExitUsage;
    return app::runServe(config.value());
  }
  if (command == "admin") {
    const bool reset = words.size() == 3 && words[1] == "reset-password";
    const bool access = words.size() == 2 && words[1] == "reset-admin-access";
    if (!reset && !access) {
      return usageError("usage: dienhong admin reset-password USER | dienhong admin reset-admin-access");
    }
    auto config = loadOrReport(line->config);
    if (!config) return kExitUsage;
    return reset ? resetPassword(config.value(), words[2]) : resetAdminAccess(config.value());
  }
  return usageError(fmt::format("unknown command '{}'", command));
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::fputs("dienhong: libsodium failed to initialise\n", stderr);
    return kExitFailure;
  }
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    // Programming errors only: expected failures are Result values handled above.
    fmt::print(stderr, "dienhong: fatal error: {}\n", e.what());
    return kExitFailure;
  }
}
