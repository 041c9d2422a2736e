// Start-up steps shared by the subcommands that touch the data directory and the database.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "app/config.hpp"
#include "auth/secret_box.hpp"
#include "common/result.hpp"
#include "store/store.hpp"

namespace dienhong::app {

// Creates the data directory (mode 0700) if it is missing; refuses a path that is not one.
Result<std::filesystem::path> prepareDataDir(const Config& config);
std::string databaseUrlFor(const Config& config, const std::filesystem::path& dataDir);
Result<std::unique_ptr<store::Store>> openStore(const Config& config);
// The master key that seals secrets at rest (S4.4), made at first start.
Result<auth::SecretBox> openSecretBox(const Config& config, const std::filesystem::path& dataDir);
// Console output for operators: the failure, without a stack or internal jargon.
void printFailure(std::string_view what, const Error& error);

}  // namespace dienhong::app
