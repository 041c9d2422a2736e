#include "app/serve.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <sstream>
#include <stop_token>
#include <thread>

#include <fmt/format.h>

#include "accounts/account_service.hpp"
#include "api/routes.hpp"
#include "app/startup.hpp"
#include "audit/audit_log.hpp"
#include "audit/audit_policy.hpp"
#include "audit/syslog_forwarder.hpp"
#include "auth/admin_access.hpp"
#include "auth/auth_service.hpp"
#include "auth/ldap_directory.hpp"
#include "common/attempt_limiter.hpp"
#include "common/logging.hpp"
#include "http/server.hpp"
#include "http/tls_certificate.hpp"
#include "media/service/media_service.hpp"
#include "meeting/meeting_registry.hpp"
#include "signaling/connection_handler.hpp"

namespace dienhong::app {
namespace {

namespace fs = std::filesystem;
using logging::Category;

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    const auto first = item.find_first_not_of(' ');
    const auto last = item.find_last_not_of(' ');
    if (first != std::string::npos) out.push_back(item.substr(first, last - first + 1));
  }
  return out;
}

http::ServerOptions serverOptions(const Config& c) {
  http::ServerOptions o;
  o.redirectAddress = c.bind;
  o.redirectPort = c.redirectPort;
  o.webRoot = c.webRoot.empty() ? fs::path(DIENHONG_DEFAULT_WEB_ROOT) : fs::path(c.webRoot);
  o.ioThreads = static_cast<unsigned>(c.ioThreads);
  o.handlerThreads = static_cast<unsigned>(c.handlerThreads);
  auto& l = o.limits;
  l.maxHeaderBytes = static_cast<size_t>(c.maxHeaderBytes);
  l.maxBodyBytes = static_cast<size_t>(c.maxBodyBytes);
  l.requestTimeout = std::chrono::seconds(c.requestTimeoutSeconds);
  l.idleTimeout = std::chrono::seconds(c.idleTimeoutSeconds);
  l.requestsPerSecond = c.requestsPerSecond;
  l.requestBurst = c.requestBurst;
  l.maxConnectionsPerClient = static_cast<size_t>(c.maxConnectionsPerClient);
  l.maxWebSocketMessageBytes = static_cast<size_t>(c.websocketMaxMessageBytes);
  l.webSocketPingInterval = std::chrono::seconds(c.websocketPingSeconds);
  return o;
}

media::MediaServiceOptions mediaOptions(const Config& c) {
  media::MediaServiceOptions o;
  o.workers = static_cast<unsigned>(c.mediaWorkers);
  o.bindAddress = c.mediaBind;
  o.port = c.mediaPort;
  o.announcedAddresses = splitList(c.mediaAnnouncedAddresses);
  o.iceTcp = c.mediaIceTcp != 0;
  o.resumeGrace = std::chrono::seconds(c.mediaResumeGraceSeconds);
  o.maxParticipantsPerRoom = static_cast<size_t>(c.mediaMaxParticipantsPerRoom);
  o.maxRooms = static_cast<size_t>(c.mediaMaxRooms);
  return o;
}

void printBanner(uint16_t httpPort, uint16_t adminPort, uint16_t redirectPort, const std::vector<uint16_t>& mediaPorts,
                 const std::optional<std::string>& oneTimePassword) {
  std::string text = fmt::format(
      "\n"
      "  Diên Hồng {} đang chạy / is running\n"
      "  Trang chủ / Home:              https://localhost:{}/\n"
      "  Quản trị / Administration:     https://localhost:{}/admin\n",
      DIENHONG_VERSION, httpPort, adminPort);
  if (oneTimePassword) {
    text += fmt::format(
        "\n"
        "  Quản trị viên đầu tiên / First administrator\n"
        "    Tên đăng nhập / Username:            admin\n"
        "    Mật khẩu một lần / One-time password: {}\n"
        "  Mật khẩu này chỉ hiện một lần và phải đổi khi đăng nhập lần đầu.\n"
        "  This password is shown only once and must be changed at first sign-in.\n",
        *oneTimePassword);
  }
  std::fputs(text.c_str(), stdout);
  // Machine-readable lines for scripts and the test harness.
  std::fprintf(stdout, "\nlistening public=%u admin=%u media=%s", httpPort, adminPort,
               fmt::format("{}", fmt::join(mediaPorts, ",")).c_str());
  if (redirectPort != 0) std::fprintf(stdout, " redirect=%u", redirectPort);
  std::fputs("\n", stdout);
  std::fflush(stdout);
}

// Every half minute: keeps the sign-in sessions of people in meetings alive (S2.2). Every five
// minutes: deletes expired sessions, so the table holds only live ones, and audit entries older
// than the audit policy's retention (S3.2).
class Housekeeper {
 public:
  Housekeeper(store::Store& store, audit::AuditPolicyStore& auditPolicy, signaling::ConnectionHandler& signaling)
      : thread_([&store, &auditPolicy, &signaling](std::stop_token stop) { loop(stop, store, auditPolicy, signaling); }) {}

 private:
  static void loop(std::stop_token stop, store::Store& store, audit::AuditPolicyStore& auditPolicy,
                   signaling::ConnectionHandler& signaling) {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    for (int round = 0; !stop.stop_requested(); ++round) {
      const int64_t now = auth::AuthService::systemNowMs();
      signaling.keepAccountSessionsAlive(now);
      if (round % 10 != 0) {
        wake.wait_for(lock, stop, std::chrono::seconds(30), [] { return false; });
        continue;
      }
      if (auto removed = store.sessions().removeExpired(now); !removed) {
        logging::logger(Category::Error).error("msg=session_sweep_failed detail={}",
                                               logging::quote(removed.error().message));
      }
      const int64_t cutoff = now - int64_t{auditPolicy.current().retentionDays} * 24 * 3'600'000;
      if (auto removed = store.audit().removeOlderThan(cutoff); !removed) {
        logging::logger(Category::Error).error("msg=audit_retention_failed detail={}",
                                               logging::quote(removed.error().message));
      } else if (*removed > 0) {
        logging::logger(Category::System).info("msg=audit_retention removed={} cutoff_ms={}", *removed, cutoff);
      }
      wake.wait_for(lock, stop, std::chrono::seconds(30), [] { return false; });
    }
  }

  std::jthread thread_;
};

// S2.3: the administration listener admits only the allowed networks. Each refusal is logged;
// the audit log gets the first per address and minute, so a flood cannot fill it.
std::function<bool(const std::string&)> adminClientFilter(auth::AdminAccessStore& access, audit::AuditLog& audit) {
  auto recent = std::make_shared<AttemptLimiter>(1, 60'000);
  return [&access, &audit, recent](const std::string& address) {
    if (access.current().allows(address)) return true;
    logging::logger(logging::Category::Access).warn("msg=admin_connection_refused client={}", address);
    const int64_t now = auth::AuthService::systemNowMs();
    if (!recent->blocked(address, now)) {
      recent->fail(address, now);
      audit.record({.category = store::AuditCategory::Access,
                    .actor = "",
                    .sourceAddress = address,
                    .action = "admin.connect",
                    .target = "admin listener",
                    .outcome = store::AuditOutcome::Denied,
                    .detail = "address not in the allowed networks"});
    }
    return false;
  };
}

}  // namespace

int runServe(const Config& config) {
  auto dataDir = prepareDataDir(config);
  if (!dataDir) {
    printFailure("cannot start", dataDir.error());
    return 1;
  }
  logging::Options logOptions;
  logOptions.level = config.logLevel;
  logOptions.directory = config.logDirectory.empty() ? dataDir.value() / "logs" : fs::path(config.logDirectory);
  logOptions.maxFileBytes = static_cast<size_t>(config.logMaxFileMb) * 1024 * 1024;
  logOptions.maxFiles = static_cast<size_t>(config.logMaxFiles);
  if (auto ok = logging::init(logOptions); !ok) {
    printFailure("cannot start logging", ok.error());
    return 1;
  }
  auto& log = logging::logger(Category::System);
  const auto started = std::chrono::steady_clock::now();

  auto store = store::Store::open(databaseUrlFor(config, dataDir.value()));
  if (!store) {
    printFailure("cannot open the database", store.error());
    log.critical("msg=database_open_failed code={} detail={}", store.error().code,
                 logging::quote(store.error().message));
    return 1;
  }
  auth::SecurityPolicyStore policies(*store.value());
  if (auto loaded = policies.load(); !loaded) {
    printFailure("cannot read the security policy", loaded.error());
    return 1;
  }
  auth::AdminAccessStore adminAccess(*store.value());
  if (auto loaded = adminAccess.load(); !loaded) {
    printFailure("cannot read the administration access setting", loaded.error());
    return 1;
  }
  audit::AuditPolicyStore auditPolicy(*store.value());
  if (auto loaded = auditPolicy.load(); !loaded) {
    printFailure("cannot read the audit policy", loaded.error());
    return 1;
  }
  audit::AuditLog auditLog(*store.value());
  audit::SyslogForwarder forwarder(*store.value(), auditPolicy);
  auto secrets = openSecretBox(config, dataDir.value());
  if (!secrets) {
    printFailure("cannot open the master key", secrets.error());
    return 1;
  }
  auth::AuthService authService(*store.value(), policies, auditLog, secrets.value());
  auth::DirectoryConfigStore directoryConfig(*store.value());
  if (auto loaded = directoryConfig.load(); !loaded) {
    printFailure("cannot read the directory setting", loaded.error());
    return 1;
  }
  auth::LdapDirectory directory(dataDir.value() / "secrets");
  authService.useDirectory(directory, directoryConfig);
  accounts::AccountService accountService(*store.value(), authService, auditLog);
  auto oneTimePassword = authService.bootstrapFirstAdmin();
  if (!oneTimePassword) {
    printFailure("cannot create the first administrator", oneTimePassword.error());
    return 1;
  }

  http::ServerOptions options = serverOptions(config);
  if (config.certificate.empty()) {
    auto generated = http::ensureGeneratedCertificate(dataDir.value(), splitList(config.hostnames));
    if (!generated) {
      printFailure("cannot create a TLS certificate", generated.error());
      return 1;
    }
    options.certificateFile = http::generatedCertificatePath(dataDir.value());
    options.privateKeyFile = http::generatedKeyPath(dataDir.value());
    log.info("msg=tls_certificate kind=generated fingerprint={}", generated->sha256Fingerprint);
  } else {
    auto provided = http::inspectCertificate(config.certificate, config.privateKey);
    if (!provided) {
      printFailure("cannot use the configured TLS certificate", provided.error());
      return 1;
    }
    options.certificateFile = config.certificate;
    options.privateKeyFile = config.privateKey;
    log.info("msg=tls_certificate kind=operator subject={} fingerprint={}",
             logging::quote(provided->subject), provided->sha256Fingerprint);
  }

  // Media rooms tell the meeting layer who left; the handler that listens is made further down.
  std::atomic<signaling::ConnectionHandler*> meetingListener{nullptr};
  media::MediaServiceOptions mediaServiceOptions = mediaOptions(config);
  mediaServiceOptions.participantLeft = [&meetingListener](const std::string& roomId, const std::string& participantId,
                                                           std::string_view reason) {
    if (auto* listener = meetingListener.load()) listener->onParticipantLeft(roomId, participantId, reason);
  };
  auto mediaService = media::MediaService::start(mediaServiceOptions);
  if (!mediaService) {
    printFailure("cannot start the media workers", mediaService.error());
    log.critical("msg=media_start_failed detail={}", logging::quote(mediaService.error().message));
    return 1;
  }
  meeting::MeetingRegistry meetings;
  http::Router publicRouter;
  http::Router adminRouter;
  std::unique_ptr<http::Server> server;
  api::ApiContext context{authService, accountService, *store.value(), policies, adminAccess, directoryConfig,
                          secrets.value(), auditLog,
                          auditPolicy, &forwarder,
                          {DIENHONG_VERSION, auth::AuthService::systemNowMs(),
                           [&server] { return server->boundPort(http::ListenerKind::Admin); },
                           [&server] { return server->boundPort(http::ListenerKind::Public); },
                           config.publicAdminUrl},
                          mediaService.value().get(), &meetings};
  api::buildPublicRoutes(publicRouter, context);
  api::buildAdminRoutes(adminRouter, context);
  signaling::ConnectionHandler signalingHandler({authService, *store.value(), *mediaService.value(), meetings, auditLog});
  meetingListener = &signalingHandler;

  // S2.1: the console's port setting, once saved, wins over the configuration file.
  const auto savedAdminPort = adminAccess.current().port;
  if (savedAdminPort && *savedAdminPort != config.adminPort) {
    log.info("msg=admin_port source=console port={} config_port={}", *savedAdminPort, config.adminPort);
  }
  options.listeners = {
      {http::ListenerKind::Public, config.bind, config.httpPort, &publicRouter, &signalingHandler, {}},
      {http::ListenerKind::Admin, config.adminBind.empty() ? config.bind : config.adminBind,
       savedAdminPort.value_or(config.adminPort), &adminRouter, nullptr, adminClientFilter(adminAccess, auditLog)},
  };
  server = std::make_unique<http::Server>(std::move(options));
  if (auto ok = server->start(); !ok) {
    printFailure("cannot start the server", ok.error());
    log.critical("msg=start_failed detail={}", logging::quote(ok.error().message));
    return 1;
  }
  const uint16_t httpPort = server->boundPort(http::ListenerKind::Public);
  const uint16_t adminPort = server->boundPort(http::ListenerKind::Admin);
  const auto startupMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started).count();
  log.info("msg=listening version={} public_port={} admin_port={} redirect_port={} database={} "
           "schema={} startup_ms={}",
           DIENHONG_VERSION, httpPort, adminPort, server->boundRedirectPort(),
           store.value()->backendName(), store.value()->schemaVersion(), startupMs);
  printBanner(httpPort, adminPort, server->boundRedirectPort(), mediaService.value()->udpPorts(),
              oneTimePassword.value());

  Housekeeper housekeeper(*store.value(), auditPolicy, signalingHandler);
  server->run();
  // The server has drained its connections; rooms close before the handler they call goes.
  mediaService.value()->stop();
  meetingListener = nullptr;
  return 0;
}

}  // namespace dienhong::app
