// Two DtlsTransports back to back in memory: a client and a server, as a browser and the SFU.
#include "media/dtls/dtls_transport.hpp"

#include <deque>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

using Clock = DtlsTransport::Clock;
using Datagram = std::vector<uint8_t>;

struct Endpoint {
  std::shared_ptr<const DtlsCertificate> certificate;
  std::unique_ptr<DtlsTransport> transport;
  std::deque<Datagram> outbox;
  std::optional<SrtpKeyingMaterial> keys;
  std::string failure;
  bool closed = false;
  size_t largestDatagram = 0;
};

class DtlsPair : public ::testing::Test {
 protected:
  void make(DtlsTransport::Options options = {}) {
    for (auto* e : {&client_, &server_}) {
      auto cert = DtlsCertificate::generate();
      ASSERT_TRUE(cert) << cert.error().message;
      e->certificate = cert.value();
      auto context = DtlsContext::create(e->certificate);
      ASSERT_TRUE(context) << context.error().message;
      DtlsTransport::Callbacks callbacks{
          [e](std::span<const uint8_t> d) {
            e->largestDatagram = std::max(e->largestDatagram, d.size());
            e->outbox.emplace_back(d.begin(), d.end());
          },
          [e](const SrtpKeyingMaterial& k) { e->keys = k; },
          [e](std::string_view reason) { e->failure = std::string(reason); },
          [e] { e->closed = true; }};
      auto t = DtlsTransport::create(context.value(), e == &client_ ? DtlsRole::Client : DtlsRole::Server,
                                     callbacks, options);
      ASSERT_TRUE(t) << t.error().message;
      e->transport = std::move(t.value());
    }
    ASSERT_TRUE(client_.transport->setRemoteFingerprint("sha-256", server_.certificate->sha256Fingerprint()));
    ASSERT_TRUE(server_.transport->setRemoteFingerprint("SHA-256", lower(client_.certificate->sha256Fingerprint())));
  }

  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  // Delivers queued datagrams both ways until nobody has anything left to say.
  void pump(size_t maxRounds = 50) {
    for (size_t i = 0; i < maxRounds && (!client_.outbox.empty() || !server_.outbox.empty()); ++i) {
      deliver(client_, server_);
      deliver(server_, client_);
    }
  }
  static void deliver(Endpoint& from, Endpoint& to) {
    while (!from.outbox.empty()) {
      Datagram d = std::move(from.outbox.front());
      from.outbox.pop_front();
      to.transport->receive(d, Clock::now());
    }
  }
  // Waits (bounded) until the endpoint's retransmission timer is due, then fires it.
  static void fireTimer(Endpoint& e) {
    auto due = e.transport->nextTimeout(Clock::now());
    ASSERT_TRUE(due);
    ASSERT_LT(*due - Clock::now(), std::chrono::seconds(2));
    std::this_thread::sleep_until(*due);
    e.transport->onTimer(Clock::now());
  }

  Endpoint client_;
  Endpoint server_;
};

TEST_F(DtlsPair, HandshakeAgreesOnAesGcmAndMirroredKeys) {
  make();
  client_.transport->start(Clock::now());
  pump();
  ASSERT_EQ(client_.transport->state(), DtlsState::Connected) << client_.failure;
  ASSERT_EQ(server_.transport->state(), DtlsState::Connected) << server_.failure;
  ASSERT_TRUE(client_.keys && server_.keys);
  EXPECT_EQ(client_.keys->profile, SrtpProfile::kAeadAes128Gcm);
  EXPECT_EQ(client_.keys->keyLength, 16U);
  EXPECT_EQ(client_.keys->saltLength, 12U);
  EXPECT_EQ(client_.keys->localKey, server_.keys->remoteKey);
  EXPECT_EQ(client_.keys->remoteKey, server_.keys->localKey);
  EXPECT_EQ(client_.keys->localSalt, server_.keys->remoteSalt);
  EXPECT_NE(client_.keys->localKey, client_.keys->remoteKey);
  EXPECT_LE(client_.largestDatagram, 1200U);
  EXPECT_LE(server_.largestDatagram, 1200U);
}

TEST_F(DtlsPair, PeerWithTheWrongCertificateIsRejected) {
  make();
  auto other = DtlsCertificate::generate();
  ASSERT_TRUE(other);
  ASSERT_TRUE(server_.transport->setRemoteFingerprint("sha-256", other.value()->sha256Fingerprint()));
  client_.transport->start(Clock::now());
  pump();
  EXPECT_EQ(server_.transport->state(), DtlsState::Failed);
  EXPECT_NE(server_.failure.find("fingerprint"), std::string::npos);
  EXPECT_FALSE(server_.keys);
}

TEST_F(DtlsPair, LostFlightsAreRetransmittedOnTheTimer) {
  make({.initialRetransmit = std::chrono::milliseconds(20)});
  client_.transport->start(Clock::now());
  ASSERT_FALSE(client_.outbox.empty());
  client_.outbox.clear();  // the ClientHello is lost
  fireTimer(client_);
  ASSERT_FALSE(client_.outbox.empty()) << "ClientHello sent again";
  deliver(client_, server_);
  server_.outbox.clear();  // the server's first flight is lost too
  fireTimer(server_);
  pump();
  EXPECT_EQ(client_.transport->state(), DtlsState::Connected) << client_.failure;
  EXPECT_EQ(server_.transport->state(), DtlsState::Connected) << server_.failure;
}

// A worker compares the due time with its own reading of the clock: a timer that has fallen due
// must say so against that reading, not against a later one (the ClientHello was never sent again).
TEST_F(DtlsPair, AnExpiredRetransmissionTimerIsDueAtTheCallersNow) {
  make({.initialRetransmit = std::chrono::milliseconds(20)});
  client_.transport->start(Clock::now());
  client_.outbox.clear();  // the ClientHello is lost
  const auto first = client_.transport->nextTimeout(Clock::now());
  ASSERT_TRUE(first);
  std::this_thread::sleep_until(*first + std::chrono::milliseconds(1));  // OpenSSL's timer runs on the real clock
  const auto now = Clock::now();
  const auto due = client_.transport->nextTimeout(now);
  ASSERT_TRUE(due);
  EXPECT_LE(*due, now);
  client_.transport->onTimer(now);
  EXPECT_FALSE(client_.outbox.empty()) << "ClientHello sent again";
}

TEST_F(DtlsPair, SmallMtuFragmentsTheHandshake) {
  make({.mtu = 300});
  client_.transport->start(Clock::now());
  pump(200);
  EXPECT_EQ(client_.transport->state(), DtlsState::Connected) << client_.failure;
  EXPECT_LE(server_.largestDatagram, 300U);
}

TEST_F(DtlsPair, GarbageIsDroppedAndTheHandshakeStillCompletes) {
  make();
  client_.transport->start(Clock::now());
  const Datagram notDtls(40, 0x80);  // RTP range
  server_.transport->receive(notDtls, Clock::now());
  server_.transport->receive(Datagram(5, 22), Clock::now());  // shorter than a record header
  EXPECT_EQ(server_.transport->droppedDatagrams(), 2U);
  Datagram fakeHandshake(100, 0xAB);
  fakeHandshake[0] = 22;  // handshake content type, then nonsense
  server_.transport->receive(fakeHandshake, Clock::now());
  pump();
  ASSERT_EQ(server_.transport->state(), DtlsState::Connected) << server_.failure;
  server_.transport->receive(fakeHandshake, Clock::now());
  EXPECT_EQ(server_.transport->state(), DtlsState::Connected);
}

TEST_F(DtlsPair, CloseNotifyReachesThePeer) {
  make();
  client_.transport->start(Clock::now());
  pump();
  ASSERT_EQ(server_.transport->state(), DtlsState::Connected);
  client_.transport->close();
  pump();
  EXPECT_TRUE(server_.closed);
  EXPECT_EQ(server_.transport->state(), DtlsState::Closed);
}

TEST_F(DtlsPair, AHandshakePastItsDeadlineFails) {
  make({.handshakeDeadline = std::chrono::seconds(5)});
  const auto start = Clock::now();
  client_.transport->start(start);
  client_.outbox.clear();
  client_.transport->onTimer(start + std::chrono::seconds(6));
  EXPECT_EQ(client_.transport->state(), DtlsState::Failed);
  EXPECT_NE(client_.failure.find("timed out"), std::string::npos);
}

// The server's side of a subscribe connection: the browser answers our offer and shakes hands
// before its answer (with the fingerprint) reaches us over the signalling channel.
class LateFingerprint : public DtlsPair {
 protected:
  void SetUp() override {
    make();
    auto cert = DtlsCertificate::generate();
    ASSERT_TRUE(cert);
    certificate_ = cert.value();
    auto context = DtlsContext::create(certificate_);
    ASSERT_TRUE(context);
    auto created = DtlsTransport::create(
        context.value(), DtlsRole::Server,
        {[this](std::span<const uint8_t> d) { out_.emplace_back(d.begin(), d.end()); },
         [this](const SrtpKeyingMaterial& k) { keys_ = k; }, [this](std::string_view r) { failure_ = std::string(r); },
         {}});
    ASSERT_TRUE(created);
    server_.transport = std::move(created.value());  // no fingerprint yet
    ASSERT_TRUE(client_.transport->setRemoteFingerprint("sha-256", certificate_->sha256Fingerprint()));
    client_.transport->start(Clock::now());
    for (int round = 0; round < 20 && (!client_.outbox.empty() || !out_.empty()); ++round) {
      deliver(client_, server_);
      while (!out_.empty()) {
        client_.transport->receive(out_.front(), Clock::now());
        out_.pop_front();
      }
    }
  }

  std::shared_ptr<const DtlsCertificate> certificate_;
  std::deque<Datagram> out_;
  std::optional<SrtpKeyingMaterial> keys_;
  std::string failure_;
};

TEST_F(LateFingerprint, NothingIsKeyedUntilTheFingerprintArrivesThenThePeerIsChecked) {
  ASSERT_EQ(client_.transport->state(), DtlsState::Connected) << client_.failure;
  EXPECT_EQ(server_.transport->state(), DtlsState::Connecting);
  EXPECT_FALSE(keys_);
  EXPECT_EQ(failure_, "");

  ASSERT_TRUE(server_.transport->setRemoteFingerprint("sha-256", client_.certificate->sha256Fingerprint()));
  EXPECT_EQ(server_.transport->state(), DtlsState::Connected) << failure_;
  ASSERT_TRUE(keys_);
  ASSERT_TRUE(client_.keys);
  EXPECT_EQ(keys_->remoteKey, client_.keys->localKey);
}

TEST_F(LateFingerprint, AWrongFingerprintArrivingLateFails) {
  auto other = DtlsCertificate::generate();
  ASSERT_TRUE(other);
  ASSERT_TRUE(server_.transport->setRemoteFingerprint("sha-256", other.value()->sha256Fingerprint()));
  EXPECT_EQ(server_.transport->state(), DtlsState::Failed);
  EXPECT_NE(failure_.find("fingerprint"), std::string::npos);
  EXPECT_FALSE(keys_);
}

TEST_F(LateFingerprint, WithoutAFingerprintBeforeTheDeadlineNoPeerIsTrusted) {
  const auto due = server_.transport->nextTimeout(Clock::now());
  ASSERT_TRUE(due);
  EXPECT_GT(*due - Clock::now(), std::chrono::seconds(20)) << "waits for the answer up to the handshake deadline";
  server_.transport->onTimer(*due + std::chrono::milliseconds(1));
  EXPECT_EQ(server_.transport->state(), DtlsState::Failed);
  EXPECT_NE(failure_.find("no remote fingerprint"), std::string::npos);
  EXPECT_FALSE(keys_);
}

TEST(DtlsFingerprint, MalformedOrUnknownFingerprintsAreRefused) {
  auto cert = DtlsCertificate::generate();
  ASSERT_TRUE(cert);
  EXPECT_EQ(cert.value()->sha256Fingerprint().size(), 95U);
  auto context = DtlsContext::create(cert.value());
  auto t = DtlsTransport::create(context.value(), DtlsRole::Server, {});
  ASSERT_TRUE(t);
  auto& transport = *t.value();
  EXPECT_EQ(transport.setRemoteFingerprint("md5", "AB").error().code, "invalid_fingerprint");
  EXPECT_FALSE(transport.setRemoteFingerprint("sha-256", "AB:CD"));
  std::string bad = cert.value()->sha256Fingerprint();
  bad[2] = '-';
  EXPECT_FALSE(transport.setRemoteFingerprint("sha-256", bad));
  EXPECT_TRUE(transport.setRemoteFingerprint("sha-256", cert.value()->sha256Fingerprint()));
}

}  // namespace
}  // namespace dienhong::media
