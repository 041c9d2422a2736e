#include "media/worker/udp_endpoint.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <fmt/format.h>

namespace dienhong::media {
namespace {

namespace net = boost::asio;
constexpr int kSocketBufferBytes = 4 * 1024 * 1024;
constexpr int kMaxBatchesPerWakeup = 16;  // then yield to timers and other sockets

// Media bursts (a keyframe is dozens of packets) overflow the default ~208 KiB socket buffers.
// The *FORCE options pass net.core.{r,w}mem_max when the process may (CAP_NET_ADMIN); otherwise
// the plain options get what the sysctl allows (docs/media.md says how to raise it).
void enlargeBuffers(int fd) {
  const int bytes = kSocketBufferBytes;
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) != 0) {
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
  }
  if (::setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &bytes, sizeof bytes) != 0) {
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof bytes);
  }
}

// A dual-stack socket sends to IPv4 peers through their IPv4-mapped IPv6 address.
socklen_t toSocketAddress(const TransportAddress& to, bool dualStack, sockaddr_storage& out) {
  auto length = static_cast<socklen_t>(to.toSockaddr(out));
  if (!dualStack || out.ss_family != AF_INET) return length;
  const sockaddr_in v4 = *reinterpret_cast<const sockaddr_in*>(&out);
  sockaddr_in6 v6{};
  v6.sin6_family = AF_INET6;
  v6.sin6_port = v4.sin_port;
  v6.sin6_addr.s6_addr[10] = 0xff;
  v6.sin6_addr.s6_addr[11] = 0xff;
  std::memcpy(&v6.sin6_addr.s6_addr[12], &v4.sin_addr, 4);
  std::memcpy(&out, &v6, sizeof v6);
  return sizeof v6;
}

}  // namespace

UdpEndpoint::UdpEndpoint(net::io_context& context, DatagramHandler& handler)
    : context_(context),
      socket_(context),
      handler_(handler),
      receiveBatch_(std::make_unique<DatagramBatch>()),
      sendBatch_(std::make_unique<DatagramBatch>()) {}

UdpEndpoint::~UdpEndpoint() { close(); }

Result<std::unique_ptr<UdpEndpoint>> UdpEndpoint::open(net::io_context& context,
                                                       const std::string& bindAddress, uint16_t port,
                                                       DatagramHandler& handler) {
  std::unique_ptr<UdpEndpoint> endpoint(new UdpEndpoint(context, handler));
  boost::system::error_code ec;
  const auto address = net::ip::make_address(bindAddress, ec);
  if (ec) return Error{"bind_failed", fmt::format("'{}' is not an IP address", bindAddress)};
  const net::ip::udp::endpoint local(address, port);
  auto& socket = endpoint->socket_;
  socket.open(local.protocol(), ec);
  if (!ec && address.is_v6()) {
    socket.set_option(net::ip::v6_only(false), ec);
    endpoint->dualStack_ = !ec && address.to_v6().is_unspecified();
  }
  if (!ec) enlargeBuffers(socket.native_handle());
  if (!ec) socket.bind(local, ec);
  if (!ec) socket.non_blocking(true, ec);
  if (ec) {
    return Error{"bind_failed", fmt::format("cannot listen on UDP {}:{}: {}", bindAddress, port, ec.message())};
  }
  endpoint->port_ = socket.local_endpoint(ec).port();
  return endpoint;
}

void UdpEndpoint::start() { waitForData(); }

void UdpEndpoint::close() {
  boost::system::error_code ignored;
  if (socket_.is_open()) {
    flush();
    socket_.close(ignored);
  }
}

void UdpEndpoint::waitForData() {
  socket_.async_wait(net::socket_base::wait_read, [this](const boost::system::error_code& ec) {
    if (ec) return;  // closed
    drain();
    waitForData();
  });
}

void UdpEndpoint::drain() {
  const int fd = socket_.native_handle();
  for (int round = 0; round < kMaxBatchesPerWakeup; ++round) {
    receiveBatch_->prepareForReceive();
    const int count = ::recvmmsg(fd, receiveBatch_->data(), kBatchSize, MSG_DONTWAIT, nullptr);
    if (count <= 0) break;  // EAGAIN: drained; other errors (ICMP-induced) are per datagram
    ++stats_.receiveCalls;
    const auto now = DatagramHandler::Clock::now();
    for (int i = 0; i < count; ++i) {
      const auto slot = static_cast<size_t>(i);
      ++stats_.datagramsReceived;
      if ((receiveBatch_->data()[slot].msg_hdr.msg_flags & MSG_TRUNC) != 0) {
        ++stats_.receiveTruncated;
        continue;
      }
      const auto from = TransportAddress::fromSockaddr(receiveBatch_->address(slot));
      if (!from) continue;
      handler_.onDatagram(receiveBatch_->payload(slot), *from, now);
    }
    if (count < static_cast<int>(kBatchSize)) break;
  }
  flush();
}

void UdpEndpoint::send(std::span<const uint8_t> datagram, const TransportAddress& to) {
  if (sendBatch_->full()) flush();
  sockaddr_storage address{};
  const socklen_t length = toSocketAddress(to, dualStack_, address);
  if (!sendBatch_->append(datagram, address, length)) {
    ++stats_.sendDropped;
    return;
  }
  if (!flushPosted_) {
    // Sends made outside a receive cycle (timers, control messages) leave on the next turn.
    flushPosted_ = true;
    net::post(context_, [this] {
      flushPosted_ = false;
      flush();
    });
  }
}

void UdpEndpoint::flush() {
  size_t offset = 0;
  const size_t total = sendBatch_->size();
  while (offset < total && socket_.is_open()) {
    const int sent = ::sendmmsg(socket_.native_handle(), sendBatch_->data() + offset,
                                static_cast<unsigned>(total - offset), MSG_DONTWAIT);
    if (sent <= 0) {
      // Kernel buffer full (EAGAIN) or this datagram cannot go (e.g. bad address): drop one and
      // go on, as a router would; media recovers through NACK/PLI.
      ++stats_.sendDropped;
      ++offset;
      if (sent < 0 && errno == EAGAIN) {
        stats_.sendDropped += total - offset;
        break;
      }
      continue;
    }
    ++stats_.sendCalls;
    stats_.datagramsSent += static_cast<uint64_t>(sent);
    offset += static_cast<size_t>(sent);
  }
  sendBatch_->clear();
}

}  // namespace dienhong::media
