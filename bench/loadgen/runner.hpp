// Runner: one scenario run — it spreads the endpoints over the load workers, joins them at the
// scenario's pace, waits until every endpoint publishes and receives all it should, warms up,
// measures the window (the server's CPU and memory from /proc, every stream's figures), then
// leaves. Progress goes to stderr; the figures come back as a RunReport.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "common/result.hpp"
#include "loadgen/load_worker.hpp"
#include "loadgen/run_report.hpp"
#include "loadgen/scenario.hpp"

namespace dienhong::loadgen {

struct RunSettings {
  WorkerSettings worker;
  std::vector<RoomTarget> rooms;  // one per scenario room
  unsigned threads = 1;
  pid_t serverPid = 0;  // 0: the server's CPU and memory are not sampled
};

RunReport runScenario(const Scenario& scenario, const RunSettings& settings);

}  // namespace dienhong::loadgen
