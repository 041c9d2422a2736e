// The server side of the end-to-end transport tests: one WebRtcTransport on a real MediaWorker
// whose registry has both endpoints attached — a UDP socket and a passive ICE-TCP listener, as in
// production — and one BrowserLikeClient that reaches it the way the derived fixture chooses.
#pragma once

#include <condition_variable>
#include <future>
#include <mutex>

#include <gtest/gtest.h>

#include "browser_like_client.hpp"
#include "media/transport/transport_registry.hpp"
#include "media/transport/webrtc_transport.hpp"
#include "media/worker/media_worker.hpp"
#include "media/worker/tcp_media_listener.hpp"
#include "media/worker/udp_endpoint.hpp"

namespace dienhong::media {

// Called on the worker thread; read from the test thread.
class RecordingListener final : public WebRtcTransportListener {
 public:
  void onConnected(WebRtcTransport&) override { connected.set_value(); }
  void onFailed(WebRtcTransport&, std::string_view reason) override {
    std::lock_guard lock(mutex_);
    failure_ = std::string(reason);
  }
  void onRtp(WebRtcTransport&, std::span<uint8_t> packet, std::chrono::steady_clock::time_point) override {
    {
      std::lock_guard lock(mutex_);
      rtp_.emplace_back(packet.begin(), packet.end());
    }
    arrived_.notify_all();
  }
  void onRtcp(WebRtcTransport&, std::span<uint8_t>, std::chrono::steady_clock::time_point) override {}

  // The next plain RTP packet the transport delivered, in order.
  std::optional<std::vector<uint8_t>> nextRtp(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!arrived_.wait_for(lock, timeout, [this] { return taken_ < rtp_.size(); })) return std::nullopt;
    return rtp_[taken_++];
  }
  std::string failure() {
    std::lock_guard lock(mutex_);
    return failure_;
  }

  std::promise<void> connected;

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<std::vector<uint8_t>> rtp_;
  size_t taken_ = 0;
  std::string failure_;
};

class WorkerTransportTest : public ::testing::Test {
 protected:
  // The client's way to the server; called once both endpoints listen.
  virtual std::unique_ptr<ClientSocket> clientSocket() = 0;

  void SetUp() override {
    auto certificate = DtlsCertificate::generate();
    ASSERT_TRUE(certificate);
    auto context = DtlsContext::create(certificate.value());
    ASSERT_TRUE(context);

    auto udp = UdpEndpoint::open(worker_.context(), "127.0.0.1", 0, registry_);
    ASSERT_TRUE(udp) << udp.error().message;
    udp_ = std::move(udp.value());
    auto tcp = TcpMediaListener::open(worker_.context(), "127.0.0.1", 0, registry_);
    ASSERT_TRUE(tcp) << tcp.error().message;
    tcp_ = std::move(tcp.value());
    registry_.attach(*udp_);
    registry_.attach(*tcp_);

    auto transport = WebRtcTransport::create(context.value(), registry_, listener_, {});
    ASSERT_TRUE(transport) << transport.error().message;
    transport_ = std::move(transport.value());
    client_ = std::make_unique<BrowserLikeClient>(clientSocket());
    ASSERT_TRUE(transport_->setRemoteParameters(client_->ice(), "sha-256", client_->fingerprint()));
    registry_.add(*transport_);

    udp_->start();
    tcp_->start();
    worker_.start();
  }

  void TearDown() override {
    std::promise<void> done;
    worker_.post([&] {
      if (transport_) {
        registry_.remove(*transport_);
        transport_->close();
      }
      if (udp_) udp_->close();
      if (tcp_) tcp_->close();
      done.set_value();
    });
    done.get_future().wait();
    worker_.stop();
  }

  // ICE (a nominating check) and DTLS, until both ends hold SRTP keys.
  void connectIceAndDtls() {
    ASSERT_TRUE(client_->check(transport_->localIce(), &mapped_));
    ASSERT_TRUE(client_->handshake(transport_->localFingerprint())) << "server: " << listener_.failure();
    ASSERT_EQ(listener_.connected.get_future().wait_for(std::chrono::seconds(2)), std::future_status::ready);
  }

  // Runs `f` on the worker and returns its result: the only way to read worker state.
  template <class F>
  auto onWorker(F f) {
    std::promise<decltype(f())> result;
    worker_.post([&] { result.set_value(f()); });
    return result.get_future().get();
  }

  MediaWorker worker_{"test-transport"};
  TransportRegistry registry_;
  RecordingListener listener_;
  std::unique_ptr<UdpEndpoint> udp_;
  std::unique_ptr<TcpMediaListener> tcp_;
  std::unique_ptr<WebRtcTransport> transport_;
  std::unique_ptr<BrowserLikeClient> client_;
  std::optional<TransportAddress> mapped_;  // XOR-MAPPED-ADDRESS of the check's answer
};

}  // namespace dienhong::media
