#include "app/startup.hpp"

#include <sys/stat.h>

#include <fmt/format.h>

namespace dienhong::app {

namespace fs = std::filesystem;

Result<fs::path> prepareDataDir(const Config& config) {
  const fs::path dir = fs::absolute(config.dataDir);
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) {
      return Error{"data_dir", fmt::format("data directory {} exists but is not a directory", dir.string())};
    }
    return dir;
  }
  fs::create_directories(dir, ec);
  if (ec) return Error{"data_dir", fmt::format("cannot create data directory {}: {}", dir.string(), ec.message())};
  ::chmod(dir.c_str(), 0700);
  return dir;
}

Result<auth::SecretBox> openSecretBox(const Config& config, const fs::path& dataDir) {
  return auth::SecretBox::openKeyFile(config.masterKeyFile.empty() ? dataDir / "secrets" / "master.key"
                                                                   : fs::path(config.masterKeyFile));
}

std::string databaseUrlFor(const Config& config, const fs::path& dataDir) {
  if (!config.databaseUrl.empty()) return config.databaseUrl;
  return "sqlite:" + (dataDir / "dienhong.db").string();
}

Result<std::unique_ptr<store::Store>> openStore(const Config& config) {
  auto dir = prepareDataDir(config);
  if (!dir) return dir.error();
  return store::Store::open(databaseUrlFor(config, dir.value()));
}

void printFailure(std::string_view what, const Error& error) {
  fmt::print(stderr, "dienhong: {}: {}\n", what, error.message);
}

}  // namespace dienhong::app
