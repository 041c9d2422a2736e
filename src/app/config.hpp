// Configuration: defaults, then a TOML file, then DIENHONG_* environment variables, then
// command-line flags. Every key is declared once in config.cpp with its type, range and help;
// an invalid value is refused with the key, the value, where it came from and what is allowed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace dienhong::app {

struct Config {
  // [server]
  std::string bind = "0.0.0.0";
  uint16_t httpPort = 8443;
  std::string adminBind;  // empty: same as bind
  uint16_t adminPort = 8444;
  uint16_t redirectPort = 0;
  std::string publicAdminUrl;
  std::string webRoot;  // empty: the build's web/dist
  int ioThreads = 1;
  int handlerThreads = 4;
  // [tls]
  std::string certificate;
  std::string privateKey;
  std::string hostnames = "localhost,127.0.0.1,::1";
  // [media]
  uint16_t mediaPort = 10000;
  int mediaWorkers = 0;  // 0: one per core
  std::string mediaBind = "::";
  std::string mediaAnnouncedAddresses;  // empty: every interface address
  int mediaIceTcp = 1;
  int mediaResumeGraceSeconds = 30;
  int mediaMaxParticipantsPerRoom = 100;
  int mediaMaxRooms = 1000;
  // [storage]
  std::string dataDir = "data";
  std::string databaseUrl;  // empty: SQLite file in data_dir
  std::string masterKeyFile;  // empty: data_dir/secrets/master.key
  // [limits]
  int maxHeaderBytes = 8 * 1024;
  int maxBodyBytes = 1024 * 1024;
  int requestTimeoutSeconds = 15;
  int idleTimeoutSeconds = 60;
  int requestsPerSecond = 50;
  int requestBurst = 100;
  int maxConnectionsPerClient = 256;
  int websocketMaxMessageBytes = 2 * 1024 * 1024;  // a large room's subscribe answer (1 MiB of SDP, escaped)
  int websocketPingSeconds = 20;
  // [log]
  std::string logLevel = "info";
  std::string logDirectory;  // empty: data_dir/logs
  int logMaxFileMb = 10;
  int logMaxFiles = 10;
};

struct ConfigSources {
  std::optional<std::string> file;
  std::map<std::string, std::string> environment;  // only DIENHONG_* entries matter
  std::map<std::string, std::string> overrides;    // key ("server.http_port") → value, from flags
};

// Error code "invalid_config"; the message is meant for the operator as is.
Result<Config> loadConfig(const ConfigSources& sources);

// The environment of this process, DIENHONG_* entries only.
std::map<std::string, std::string> processEnvironment();

// Every key with its default and help, for `dienhong help config` and docs.
std::string describeKeys();

// The environment variable that sets a key: server.http_port → DIENHONG_SERVER_HTTP_PORT.
std::string environmentName(std::string_view key);

}  // namespace dienhong::app
