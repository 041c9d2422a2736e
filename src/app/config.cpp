#include "app/config.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <charconv>
#include <functional>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

extern char** environ;  // NOLINT: POSIX

namespace dienhong::app {
namespace {

enum class Kind { Integer, String };

// One configuration key: how to parse it, check it, and store it.
struct Key {
  std::string name;  // "section.key"
  Kind kind;
  std::string help;
  std::function<Result<void>(Config&, std::string_view)> set;  // from text
  std::function<std::string(const Config&)> show;
};

Error invalid(std::string message) { return Error{"invalid_config", std::move(message)}; }

template <class T>
Key integerKey(std::string name, T Config::*member, int64_t min, int64_t max, std::string help) {
  auto set = [member, min, max](Config& c, std::string_view text) -> Result<void> {
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
      return invalid(fmt::format("expected an integer from {} to {}", min, max));
    }
    c.*member = static_cast<T>(value);
    return success();
  };
  auto show = [member](const Config& c) { return std::to_string(c.*member); };
  return Key{std::move(name), Kind::Integer, std::move(help), set, show};
}

Key stringKey(std::string name, std::string Config::*member, std::string help,
              std::function<Result<void>(std::string_view)> check = {}) {
  auto set = [member, check](Config& c, std::string_view text) -> Result<void> {
    if (check) {
      if (auto ok = check(text); !ok) return ok;
    }
    c.*member = std::string(text);
    return success();
  };
  auto show = [member](const Config& c) { return c.*member; };
  return Key{std::move(name), Kind::String, std::move(help), set, show};
}

Result<void> ipAddress(std::string_view text) {
  const std::string address(text.substr(0, INET6_ADDRSTRLEN));
  in6_addr storage{};
  const bool ok = text.size() < INET6_ADDRSTRLEN && (::inet_pton(AF_INET, address.c_str(), &storage) == 1 ||
                                                    ::inet_pton(AF_INET6, address.c_str(), &storage) == 1);
  if (!ok) return invalid("expected an IP address such as 0.0.0.0, 127.0.0.1 or ::");
  return success();
}

Result<void> ipAddressList(std::string_view text) {
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    std::string_view item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (auto ok = ipAddress(item); !ok) return invalid("expected comma-separated IP addresses");
    start = comma + 1;
  }
  return success();
}

Result<void> optionalIpAddress(std::string_view text) {
  return text.empty() ? success() : ipAddress(text);
}

Result<void> logLevel(std::string_view text) {
  static const std::set<std::string_view> levels = {"trace", "debug", "info", "warn",
                                                     "error", "critical", "off"};
  if (levels.count(text) == 0) {
    return invalid("expected one of trace, debug, info, warn, error, critical, off");
  }
  return success();
}

Result<void> databaseUrl(std::string_view text) {
  if (text.empty() || text.starts_with("sqlite:") || text.starts_with("postgresql://") ||
      text.starts_with("postgres://")) {
    return success();
  }
  return invalid("expected empty (SQLite in data_dir), sqlite:PATH, or postgresql://…");
}

Result<void> httpsUrl(std::string_view text) {
  if (text.empty() || text.starts_with("https://")) return success();
  return invalid("expected empty or an https:// URL");
}

Result<void> notEmpty(std::string_view text) {
  if (text.empty()) return invalid("expected a non-empty value");
  return success();
}

const std::vector<Key>& keys() {
  static const std::vector<Key> all = {
      stringKey("server.bind", &Config::bind, "address of the user listener", ipAddress),
      integerKey("server.http_port", &Config::httpPort, 0, 65535, "HTTPS port for users (0: any free port)"),
      stringKey("server.admin_bind", &Config::adminBind, "address of the administration listener (empty: server.bind)", optionalIpAddress),
      integerKey("server.admin_port", &Config::adminPort, 0, 65535, "HTTPS port of the administration API and console"),
      integerKey("server.redirect_port", &Config::redirectPort, 0, 65535, "plain-HTTP port that only redirects to HTTPS (0: off)"),
      stringKey("server.public_admin_url", &Config::publicAdminUrl, "console URL shown to administrators (empty: same host, admin port)", httpsUrl),
      stringKey("server.web_root", &Config::webRoot, "directory of the built web client (empty: built-in default)"),
      integerKey("server.io_threads", &Config::ioThreads, 1, 64, "threads for network I/O of the control plane"),
      integerKey("server.handler_threads", &Config::handlerThreads, 1, 256, "threads for request handlers"),
      stringKey("tls.certificate", &Config::certificate, "PEM certificate chain (empty: generated self-signed in data_dir/tls)"),
      stringKey("tls.private_key", &Config::privateKey, "PEM private key of tls.certificate"),
      stringKey("tls.hostnames", &Config::hostnames, "comma-separated names and addresses for the generated certificate", notEmpty),
      integerKey("media.port", &Config::mediaPort, 0, 65535, "UDP and ICE-TCP port of the first media worker; worker i uses port + i (0: any free ports)"),
      integerKey("media.workers", &Config::mediaWorkers, 0, 256, "media worker threads (0: one per core)"),
      stringKey("media.bind", &Config::mediaBind, "address the media ports listen on (:: serves IPv4 and IPv6)", ipAddress),
      stringKey("media.announced_addresses", &Config::mediaAnnouncedAddresses, "comma-separated addresses put in ICE candidates, e.g. the public address behind NAT (empty: every interface address)", ipAddressList),
      integerKey("media.ice_tcp", &Config::mediaIceTcp, 0, 1, "1: also accept media over ICE-TCP (RFC 6544) for networks that block UDP"),
      integerKey("media.resume_grace_seconds", &Config::mediaResumeGraceSeconds, 1, 600, "how long a participant whose connection dropped can resume without joining again"),
      integerKey("media.max_participants_per_room", &Config::mediaMaxParticipantsPerRoom, 2, 10000, "participants per room"),
      integerKey("media.max_rooms", &Config::mediaMaxRooms, 1, 100000, "rooms open at once on this server"),
      stringKey("storage.data_dir", &Config::dataDir, "directory for the database, certificate, logs", notEmpty),
      stringKey("storage.database_url", &Config::databaseUrl, "empty (SQLite in data_dir), sqlite:PATH, or postgresql://…", databaseUrl),
      stringKey("storage.master_key_file", &Config::masterKeyFile, "key that seals secrets at rest, made at first start (empty: data_dir/secrets/master.key)"),
      integerKey("limits.max_header_bytes", &Config::maxHeaderBytes, 1024, 1 << 20, "largest request header block"),
      integerKey("limits.max_body_bytes", &Config::maxBodyBytes, 1024, 1 << 30, "largest request body"),
      integerKey("limits.request_timeout_seconds", &Config::requestTimeoutSeconds, 1, 3600, "time to receive a whole request"),
      integerKey("limits.idle_timeout_seconds", &Config::idleTimeoutSeconds, 1, 3600, "keep-alive connection idle time"),
      integerKey("limits.requests_per_second", &Config::requestsPerSecond, 1, 1000000, "sustained requests per client address"),
      integerKey("limits.request_burst", &Config::requestBurst, 1, 1000000, "burst of requests per client address"),
      integerKey("limits.max_connections_per_client", &Config::maxConnectionsPerClient, 1, 1000000, "open connections per client address"),
      integerKey("limits.websocket_max_message_bytes", &Config::websocketMaxMessageBytes, 1024, 16 << 20, "largest WebSocket message"),
      integerKey("limits.websocket_ping_seconds", &Config::websocketPingSeconds, 1, 3600, "WebSocket keepalive ping interval"),
      stringKey("log.level", &Config::logLevel, "trace, debug, info, warn, error, critical, off", logLevel),
      stringKey("log.directory", &Config::logDirectory, "log directory (empty: data_dir/logs)"),
      integerKey("log.max_file_mb", &Config::logMaxFileMb, 1, 10240, "size at which a log file rotates"),
      integerKey("log.max_files", &Config::logMaxFiles, 1, 1000, "rotated log files kept"),
  };
  return all;
}

const Key* findKey(std::string_view name) {
  for (const auto& key : keys()) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

std::string printable(std::string_view value) {
  std::string out;
  for (char c : value.substr(0, 200)) out.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
  return out;
}

Result<void> apply(Config& config, const Key& key, std::string_view value, std::string_view origin) {
  if (auto ok = key.set(config, value); !ok) {
    return invalid(fmt::format("{} = \"{}\" (from {}): {}", key.name, printable(value), origin,
                               ok.error().message));
  }
  return success();
}

std::string kindName(Kind kind) {
  switch (kind) {
    case Kind::Integer: return "an integer";
    case Kind::String: return "a string";
  }
  return "a value";
}

// A TOML value as the text the key parsers take, refusing the wrong TOML type.
Result<std::string> tomlText(const toml::node& node, const Key& key) {
  if (key.kind == Kind::Integer && node.is_integer()) return std::to_string(*node.value<int64_t>());
  if (key.kind == Kind::String && node.is_string()) return *node.value<std::string>();
  return invalid(fmt::format("{} must be {}", key.name, kindName(key.kind)));
}

Result<void> applyFile(Config& config, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return invalid(fmt::format("{} line {} column {}: {}", path, where.line, where.column,
                               e.description()));
  }
  for (const auto& [section, value] : table) {
    const auto* inner = value.as_table();
    if (inner == nullptr) {
      return invalid(fmt::format("{}: '{}' must be a [section]; sections are server, tls, media, "
                                 "storage, limits, log",
                                 path, section.str()));
    }
    for (const auto& [name, node] : *inner) {
      const std::string full = fmt::format("{}.{}", section.str(), name.str());
      const Key* key = findKey(full);
      if (key == nullptr && section.str() == "session") {
        return invalid(fmt::format("{} line {}: '{}' is now part of the security policy, set in the "
                                   "administration console (Cài đặt bảo mật / Security settings); "
                                   "remove the [session] section",
                                   path, node.source().begin.line, full));
      }
      if (key == nullptr) {
        return invalid(fmt::format("{} line {}: unknown key '{}' (see `dienhong help config`)", path,
                                   node.source().begin.line, full));
      }
      auto text = tomlText(node, *key);
      if (!text) return invalid(fmt::format("{} line {}: {}", path, node.source().begin.line, text.error().message));
      if (auto ok = apply(config, *key, text.value(), path); !ok) return ok;
    }
  }
  return success();
}

Result<void> checkCombination(const Config& c) {
  if (c.httpPort != 0 && c.httpPort == c.adminPort) {
    return invalid(fmt::format("server.admin_port = {} equals server.http_port: the administration "
                               "listener needs its own port (S2.1)", c.adminPort));
  }
  if (c.certificate.empty() != c.privateKey.empty()) {
    return invalid("tls.certificate and tls.private_key must be set together");
  }
  if (c.requestBurst < c.requestsPerSecond) {
    return invalid(fmt::format("limits.request_burst = {} is below limits.requests_per_second = {}",
                               c.requestBurst, c.requestsPerSecond));
  }
  return success();
}

}  // namespace

std::string environmentName(std::string_view key) {
  std::string out = "DIENHONG_";
  for (char c : key) out.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

std::map<std::string, std::string> processEnvironment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (!entry.starts_with("DIENHONG_")) continue;
    const size_t eq = entry.find('=');
    if (eq != std::string_view::npos) out.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return out;
}

Result<Config> loadConfig(const ConfigSources& sources) {
  Config config;
  if (sources.file) {
    if (auto ok = applyFile(config, *sources.file); !ok) return ok.error();
  }
  for (const auto& key : keys()) {
    const std::string env = environmentName(key.name);
    if (auto it = sources.environment.find(env); it != sources.environment.end()) {
      if (auto ok = apply(config, key, it->second, env); !ok) return ok.error();
    }
  }
  for (const auto& [name, value] : sources.overrides) {
    const Key* key = findKey(name);
    if (key == nullptr) return invalid(fmt::format("unknown configuration key '{}'", name));
    if (auto ok = apply(config, *key, value, "command line"); !ok) return ok.error();
  }
  if (auto ok = checkCombination(config); !ok) return ok.error();
  return config;
}

std::string describeKeys() {
  const Config defaults;
  std::string out;
  for (const auto& key : keys()) {
    out += fmt::format("  {:<36} {:<40} default: \"{}\"\n      {}\n", key.name,
                       environmentName(key.name), key.show(defaults), key.help);
  }
  return out;
}

}  // namespace dienhong::app
