// ProcessSampler: another process's CPU time and resident memory, read from /proc (proc(5)):
// utime + stime of /proc/<pid>/stat and VmRSS of /proc/<pid>/status. The server under test is
// measured from outside, the same way whatever server it is.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>

namespace dienhong::loadgen {

struct ProcessSample {
  double cpuSeconds = 0;  // user + system, all threads
  uint64_t rssKiB = 0;
};

std::optional<ProcessSample> sampleProcess(pid_t pid);

// UDP datagrams the kernel dropped for want of receive-buffer room, machine-wide (the
// RcvbufErrors of /proc/net/snmp): loss the servers did not cause.
std::optional<uint64_t> udpReceiveBufferErrors();

}  // namespace dienhong::loadgen
