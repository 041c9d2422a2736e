// dienhong-loadgen: simulated WebRTC endpoints against Diên Hồng or Janus (bench/README.md).
//
//   dienhong-loadgen --scenario bench/scenarios/one-room-40.json --target dienhong
//       --server https://127.0.0.1:8443 --room 123456789:INVITE_TOKEN --ca data/tls/ca.pem
//       --server-pid 1234 --output result.json
//
// Exit status: 0 when every endpoint was ready and the window was measured, 1 when some endpoint
// failed, 2 for a usage error.
#include <sys/types.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "loadgen/runner.hpp"
#include "media/srtp/srtp_profile.hpp"

namespace {

using namespace dienhong;
using namespace dienhong::loadgen;

constexpr std::string_view kUsage = R"(usage: dienhong-loadgen --scenario FILE --target dienhong|janus --server URL
                        --room ROOM[:INVITE] (once per room of the scenario)
                        [--ca FILE | --insecure (Diên Hồng)] [--server-pid PID] [--output FILE]
                        [--duration SECONDS] [--warmup SECONDS] [--endpoints N] [--threads N]
                        [--srtp preferred|aes-cm] [--local-address ADDRESS]
  --server    https://host:port of Diên Hồng, or ws://host:port of Janus's WebSocket API
  --ca        the CA of Diên Hồng's certificate (Janus's WebSocket is plain, in the bench's
              own network namespace)
  --room      Diên Hồng: the room code and its invitation token; Janus: the room number
  --srtp      preferred: offer AEAD_AES_128_GCM and AES_CM_128_HMAC_SHA1_80 and let the server
              choose (default); aes-cm: offer only AES_CM_128_HMAC_SHA1_80
)";

int usage(const std::string& problem) {
  fmt::print(stderr, "dienhong-loadgen: {}\n{}", problem, kUsage);
  return 2;
}

std::optional<unsigned long> number(const std::string& text, unsigned long max) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 10) return std::nullopt;
  const unsigned long value = std::stoul(text);
  if (value > max) return std::nullopt;
  return value;
}

// "https://host:port" -> host, port.
bool splitServer(const std::string& url, std::string& host, std::string& port) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return false;
  const std::string rest = url.substr(scheme + 3);
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = rest.substr(0, colon);
  port = rest.substr(colon + 1);
  while (!port.empty() && port.back() == '/') port.pop_back();
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return number(port, 65535).has_value();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string scenarioFile, target, server, ca, output, localAddress = "127.0.0.1", srtp = "preferred";
  std::vector<std::string> rooms;
  bool insecure = false;
  std::optional<unsigned long> duration, warmup, endpoints;
  unsigned long threads = 1;
  unsigned long serverPid = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--help" || flag == "-h") {
      fmt::print("{}", kUsage);
      return 0;
    }
    if (flag == "--insecure") {
      insecure = true;
      continue;
    }
    if (i + 1 >= args.size()) return usage(flag + " needs a value");
    const std::string& value = args[++i];
    if (flag == "--scenario") scenarioFile = value;
    else if (flag == "--target") target = value;
    else if (flag == "--server") server = value;
    else if (flag == "--room") rooms.push_back(value);
    else if (flag == "--ca") ca = value;
    else if (flag == "--output") output = value;
    else if (flag == "--local-address") localAddress = value;
    else if (flag == "--srtp") srtp = value;
    else if (flag == "--server-pid") {
      const auto pid = number(value, 4'194'304);
      if (!pid || *pid == 0) return usage("--server-pid must be a process id");
      serverPid = *pid;
    } else if (flag == "--duration" || flag == "--warmup" || flag == "--endpoints" || flag == "--threads") {
      const auto n = number(value, 7 * 24 * 3600);
      if (!n) return usage(flag + " must be a whole number");
      if (flag == "--duration") duration = n;
      else if (flag == "--warmup") warmup = n;
      else if (flag == "--endpoints") endpoints = n;
      else threads = std::clamp<unsigned long>(*n, 1, 64);
    } else {
      return usage("unknown option " + flag);
    }
  }
  if (scenarioFile.empty()) return usage("--scenario is required");
  if (target != "dienhong" && target != "janus") return usage("--target must be dienhong or janus");
  if (target == "dienhong" && ca.empty() == !insecure) return usage("give exactly one of --ca FILE and --insecure");
  if (srtp != "preferred" && srtp != "aes-cm") return usage("--srtp must be preferred or aes-cm");

  auto scenario = Scenario::load(scenarioFile);
  if (!scenario) return usage(scenario.error().message);
  if (duration) scenario->duration = std::chrono::seconds(std::max<unsigned long>(1, *duration));
  if (warmup) scenario->warmup = std::chrono::seconds(*warmup);
  if (endpoints) {
    if (*endpoints < 2 || *endpoints > 1000) return usage("--endpoints must be from 2 to 1000");
    scenario->endpointsPerRoom = static_cast<uint32_t>(*endpoints);
  }

  RunSettings settings;
  settings.threads = static_cast<unsigned>(threads);
  settings.serverPid = static_cast<pid_t>(serverPid);
  settings.worker.target = target;
  settings.worker.caFile = ca;
  settings.worker.srtpProfiles = srtp == "aes-cm" ? "SRTP_AES128_CM_SHA1_80"
                                                  : std::string(media::kSrtpDtlsProfilePreference);
  std::string host, port;
  if (!splitServer(server, host, port)) return usage("--server must be like https://127.0.0.1:8443");
  boost::system::error_code error;
  settings.worker.serverAddress = boost::asio::ip::make_address(host, error);
  if (error) return usage("--server must name an IP address");
  settings.worker.localAddress = boost::asio::ip::make_address(localAddress, error);
  if (error) return usage("--local-address must be an IP address");
  if (rooms.size() != scenario->rooms) {
    return usage(fmt::format("the scenario has {} rooms: give --room {} times", scenario->rooms, scenario->rooms));
  }
  for (const auto& room : rooms) {
    const auto colon = room.find(':');
    settings.rooms.push_back(RoomTarget{host, port, room.substr(0, colon),
                                        colon == std::string::npos ? std::string() : room.substr(colon + 1)});
  }

  const RunReport report = runScenario(*scenario, settings);
  std::cout << report.summary() << std::flush;
  if (!output.empty()) {
    std::ofstream out(output);
    out << report.toJson().dump(2) << "\n";
    if (!out) {
      fmt::print(stderr, "dienhong-loadgen: cannot write {}\n", output);
      return 1;
    }
  }
  return report.failures.empty() && report.ready == report.endpoints ? 0 : 1;
}
