#include "common/logging.hpp"

#include <array>
#include <mutex>

#include <fmt/format.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace dienhong::logging {
namespace {

constexpr std::array kCategories = {Category::System, Category::Access, Category::AdminLogin,
                                    Category::Error,  Category::Account, Category::Config,
                                    Category::Meeting};
constexpr std::string_view kPattern = "%Y-%m-%dT%H:%M:%S.%e%z level=%l cat=%n %v";

std::mutex& registryMutex() {
  static std::mutex m;
  return m;
}

std::array<std::shared_ptr<spdlog::logger>, kCategories.size()>& loggers() {
  static std::array<std::shared_ptr<spdlog::logger>, kCategories.size()> all = [] {
    std::array<std::shared_ptr<spdlog::logger>, kCategories.size()> made;
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    for (size_t i = 0; i < kCategories.size(); ++i) {
      made[i] = std::make_shared<spdlog::logger>(std::string(toString(kCategories[i])), sink);
      made[i]->set_pattern(std::string(kPattern));
    }
    return made;
  }();
  return all;
}

}  // namespace

std::string_view toString(Category category) {
  switch (category) {
    case Category::System: return "system";
    case Category::Access: return "access";
    case Category::AdminLogin: return "admin_login";
    case Category::Error: return "error";
    case Category::Account: return "account";
    case Category::Config: return "config";
    case Category::Meeting: return "meeting";
  }
  return "system";
}

bool isValidLevel(std::string_view level) {
  return level == "trace" || level == "debug" || level == "info" || level == "warn" ||
         level == "error" || level == "critical" || level == "off";
}

Result<void> init(const Options& options) {
  if (!isValidLevel(options.level)) {
    return Error{"invalid_config", fmt::format("unknown log level '{}'", options.level)};
  }
  std::vector<spdlog::sink_ptr> sinks;
  if (options.console) sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  if (!options.directory.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.directory, ec);
    try {
      sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
          (options.directory / "dienhong.log").string(), options.maxFileBytes, options.maxFiles));
    } catch (const spdlog::spdlog_ex& e) {
      return Error{"log_error", fmt::format("cannot open log file in {}: {}",
                                            options.directory.string(), e.what())};
    }
  }
  const auto level = spdlog::level::from_str(options.level);
  std::lock_guard lock(registryMutex());
  for (auto& logger : loggers()) {
    logger->sinks() = sinks;
    logger->set_pattern(std::string(kPattern));
    logger->set_level(level);
    logger->flush_on(spdlog::level::warn);
  }
  spdlog::flush_every(std::chrono::seconds(2));
  return success();
}

spdlog::logger& logger(Category category) {
  return *loggers()[static_cast<size_t>(category)];
}

std::string quote(std::string_view value) {
  const bool bare = !value.empty() && value.find_first_of(" \"=\\\n\r\t") == std::string_view::npos;
  if (bare) {
    bool printable = true;
    for (unsigned char c : value) printable = printable && c >= 0x20 && c != 0x7f;
    if (printable) return std::string(value);
  }
  std::string out = "\"";
  for (unsigned char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", c);
        else out.push_back(static_cast<char>(c));
    }
  }
  out += '"';
  return out;
}

}  // namespace dienhong::logging
