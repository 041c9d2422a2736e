// Command-line parsing of the `dienhong` binary: subcommand, positional arguments, and the
// flags that map onto configuration keys.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "common/result.hpp"

namespace dienhong::app {

struct CommandLine {
  std::vector<std::string> words;  // subcommand and positional arguments, in order
  ConfigSources config;
  bool help = false;
};

// Error code "usage" with a message naming the bad argument.
Result<CommandLine> parseCommandLine(int argc, const char* const* argv);

std::string usageText();

}  // namespace dienhong::app
