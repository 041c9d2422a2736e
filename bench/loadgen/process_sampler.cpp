#include "loadgen/process_sampler.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace dienhong::loadgen {

std::optional<ProcessSample> sampleProcess(pid_t pid) {
  const std::string base = "/proc/" + std::to_string(pid);
  std::ifstream stat(base + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return std::nullopt;
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const auto close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 2));
  std::vector<std::string> values;
  for (std::string value; fields >> value && values.size() < 16;) values.push_back(value);
  if (values.size() < 13) return std::nullopt;  // fields 3..15: state .. stime
  ProcessSample sample;
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  try {
    sample.cpuSeconds = (std::stod(values[11]) + std::stod(values[12])) / ticks;  // utime, stime
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::ifstream status(base + "/status");
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) {
      std::istringstream in(line.substr(6));
      in >> sample.rssKiB;
    }
  }
  return sample;
}

std::optional<uint64_t> udpReceiveBufferErrors() {
  std::ifstream snmp("/proc/net/snmp");
  std::string header;
  std::string values;
  while (std::getline(snmp, header)) {
    if (!header.starts_with("Udp:") || !std::getline(snmp, values)) continue;
    std::istringstream names(header);
    std::istringstream numbers(values);
    std::string name;
    std::string number;
    while (names >> name && numbers >> number) {
      if (name == "RcvbufErrors") {
        try {
          return std::stoull(number);
        } catch (const std::exception&) {
          return std::nullopt;
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace dienhong::loadgen
