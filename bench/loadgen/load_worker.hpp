// LoadWorker: one thread of the load generator with its own io_context, its endpoints, and a
// 2 ms tick that sends what is due and the RTCP each connection owes. Endpoints never cross
// threads; the coordinator reaches them only through call(), which runs a function on the
// worker's thread and waits for its result.
#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "common/result.hpp"
#include "loadgen/endpoint.hpp"

namespace dienhong::loadgen {

struct WorkerSettings {
  std::string target;  // "dienhong" or "janus"
  boost::asio::ip::address localAddress;
  boost::asio::ip::address serverAddress;
  std::string caFile;  // empty: TLS peer not verified (--insecure)
  std::string srtpProfiles;  // OpenSSL's use_srtp list we offer
};

class LoadWorker {
 public:
  using Clock = std::chrono::steady_clock;

  static Result<std::unique_ptr<LoadWorker>> create(const Scenario& scenario, const SpeakerSchedule& schedule,
                                                    const WorkerSettings& settings);
  ~LoadWorker();

  // Before run(): an endpoint that starts joining at `startAt`.
  void add(RoomTarget room, uint32_t roomIndex, uint32_t index, Clock::time_point startAt);
  void run();   // starts the thread
  void stop();  // stops and joins it

  // Runs `f(endpoints)` on the worker's thread and returns its result.
  template <class F>
  auto call(F f) -> decltype(f(std::declval<std::vector<std::unique_ptr<Endpoint>>&>())) {
    using R = decltype(f(std::declval<std::vector<std::unique_ptr<Endpoint>>&>()));
    std::packaged_task<R()> task([this, &f] { return f(endpoints_); });
    auto result = task.get_future();
    boost::asio::post(io_, [&task] { task(); });
    return result.get();
  }

  void setSending(bool sending) {
    boost::asio::post(io_, [this, sending] { sending_ = sending; });
  }

 private:
  LoadWorker(const Scenario& scenario, const SpeakerSchedule& schedule, const WorkerSettings& settings);
  void scheduleTick();

  boost::asio::io_context io_;
  boost::asio::ssl::context tls_;
  ReceiveBatch batch_;
  std::unique_ptr<EndpointContext> context_;
  const Scenario& scenario_;
  WorkerSettings settings_;
  std::vector<std::unique_ptr<Endpoint>> endpoints_;
  std::vector<Clock::time_point> startAt_;
  std::vector<bool> started_;
  boost::asio::steady_timer tick_;
  bool sending_ = true;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace dienhong::loadgen
