// Structured logging: logfmt lines (key=value) through spdlog, to the console and to a rotating
// file. One logger per category; the categories are those of S3.1 so the audit log (src/audit)
// can route them: access, admin login, errors, account management, configuration changes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

#include "common/result.hpp"

namespace dienhong::logging {

enum class Category { System, Access, AdminLogin, Error, Account, Config, Meeting };

std::string_view toString(Category category);

struct Options {
  std::string level = "info";  // trace, debug, info, warn, error, critical, off
  std::filesystem::path directory;  // empty: console only
  size_t maxFileBytes = 10 * 1024 * 1024;
  size_t maxFiles = 10;
  bool console = true;
};

// Replaces the sinks of every category logger. Before init, loggers write to stderr.
Result<void> init(const Options& options);
bool isValidLevel(std::string_view level);

spdlog::logger& logger(Category category);

// A logfmt value: bare when safe, otherwise double-quoted with escapes, never multi-line.
std::string quote(std::string_view value);

}  // namespace dienhong::logging
