#include "app/command_line.hpp"

#include <fmt/format.h>

namespace dienhong::app {
namespace {

// Flags that set one configuration key each.
const std::map<std::string, std::string, std::less<>>& flagKeys() {
  static const std::map<std::string, std::string, std::less<>> map = {
      {"--data-dir", "storage.data_dir"},   {"--bind", "server.bind"},
      {"--http-port", "server.http_port"},  {"--admin-port", "server.admin_port"},
      {"--media-port", "media.port"},       {"--database-url", "storage.database_url"},
      {"--log-level", "log.level"},         {"--web-root", "server.web_root"},
      {"--redirect-port", "server.redirect_port"},
  };
  return map;
}

Error usage(std::string message) { return Error{"usage", std::move(message)}; }

}  // namespace

Result<CommandLine> parseCommandLine(int argc, const char* const* argv) {
  CommandLine out;
  out.config.environment = processEnvironment();
  if (auto it = out.config.environment.find("DIENHONG_CONFIG"); it != out.config.environment.end()) {
    out.config.file = it->second;
  }
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      out.help = true;
      continue;
    }
    if (!arg.starts_with("--")) {
      out.words.push_back(arg);
      continue;
    }
    std::string value;
    const size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
    } else {
      if (i + 1 >= argc) return usage(fmt::format("{} needs a value", arg));
      value = argv[++i];
    }
    if (arg == "--config") {
      out.config.file = value;
    } else if (arg == "--set") {
      const size_t sep = value.find('=');
      if (sep == std::string::npos) return usage("--set takes key=value, e.g. --set log.level=debug");
      out.config.overrides[value.substr(0, sep)] = value.substr(sep + 1);
    } else if (auto it = flagKeys().find(arg); it != flagKeys().end()) {
      out.config.overrides[it->second] = value;
    } else {
      return usage(fmt::format("unknown option {}", arg));
    }
  }
  return out;
}

std::string usageText() {
  return R"(Diên Hồng — nền tảng họp trực tuyến / online meeting platform

Usage:
  dienhong serve [options]                 start the platform
  dienhong admin reset-password USER       set a new one-time password for USER
  dienhong admin reset-admin-access        allow the console from loopback and private
                                           networks again, on the configured admin port
  dienhong config check FILE               validate a configuration file
  dienhong version                         print the version
  dienhong help [config]                   this text, or every configuration key

Options (each sets a configuration key; see `dienhong help config`):
  --config FILE        TOML configuration file (or DIENHONG_CONFIG)
  --data-dir DIR       storage.data_dir       --database-url URL  storage.database_url
  --bind ADDR          server.bind            --http-port N       server.http_port
  --admin-port N       server.admin_port      --media-port N      media.port
  --redirect-port N    server.redirect_port   --web-root DIR      server.web_root
  --log-level LEVEL    log.level              --set KEY=VALUE     any key

Precedence: defaults < configuration file < DIENHONG_* environment < options.
Exit codes: 0 success, 1 runtime failure, 2 invalid usage or configuration.
)";
}

}  // namespace dienhong::app
