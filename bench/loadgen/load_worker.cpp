#include "loadgen/load_worker.hpp"

#include <openssl/ssl.h>

namespace dienhong::loadgen {

namespace asio = boost::asio;
using namespace std::chrono_literals;

LoadWorker::LoadWorker(const Scenario& scenario, const SpeakerSchedule&, const WorkerSettings& settings)
    : tls_(asio::ssl::context::tls_client), scenario_(scenario), settings_(settings), tick_(io_) {}

Result<std::unique_ptr<LoadWorker>> LoadWorker::create(const Scenario& scenario, const SpeakerSchedule& schedule,
                                                       const WorkerSettings& settings) {
  std::unique_ptr<LoadWorker> worker(new LoadWorker(scenario, schedule, settings));
  auto certificate = media::DtlsCertificate::generate();
  if (!certificate) return certificate.error();
  auto dtls = media::DtlsContext::create(certificate.value());
  if (!dtls) return dtls.error();
  // The profiles we offer as DTLS client; the server picks by its own preference.
  if (!settings.srtpProfiles.empty() &&
      SSL_CTX_set_tlsext_use_srtp(dtls.value()->native(), settings.srtpProfiles.c_str()) != 0) {
    return Error{"invalid_argument", "OpenSSL refused the SRTP profile list " + settings.srtpProfiles};
  }
  boost::system::error_code error;
  if (settings.caFile.empty()) {
    worker->tls_.set_verify_mode(asio::ssl::verify_none);
  } else {
    worker->tls_.set_verify_mode(asio::ssl::verify_peer);
    worker->tls_.load_verify_file(settings.caFile, error);
    if (error) return Error{"invalid_argument", "cannot read the CA file " + settings.caFile + ": " + error.message()};
  }
  worker->context_ = std::make_unique<EndpointContext>(EndpointContext{
      worker->io_, worker->batch_, dtls.value(), worker->tls_, scenario, schedule, settings.localAddress,
      settings.serverAddress});
  return worker;
}

LoadWorker::~LoadWorker() { stop(); }

void LoadWorker::add(RoomTarget room, uint32_t roomIndex, uint32_t index, Clock::time_point startAt) {
  endpoints_.push_back(makeEndpoint(settings_.target, *context_, std::move(room), roomIndex, index));
  startAt_.push_back(startAt);
  started_.push_back(false);
}

void LoadWorker::run() {
  scheduleTick();
  thread_ = std::thread([this] { io_.run(); });
}

void LoadWorker::stop() {
  if (!thread_.joinable()) return;
  asio::post(io_, [this] {
    stopping_ = true;
    tick_.cancel();
    endpoints_.clear();
    io_.stop();
  });
  thread_.join();
}

void LoadWorker::scheduleTick() {
  tick_.expires_after(2ms);
  tick_.async_wait([this](const boost::system::error_code& error) {
    if (error || stopping_) return;
    const auto now = Clock::now();
    for (size_t i = 0; i < endpoints_.size(); ++i) {
      if (!started_[i] && now >= startAt_[i]) {
        started_[i] = true;
        endpoints_[i]->start(now);
      }
      endpoints_[i]->tick(now, sending_);
    }
    scheduleTick();
  });
}

}  // namespace dienhong::loadgen
