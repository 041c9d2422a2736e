// A plain blocking TCP client on loopback that speaks RFC 4571 framing the simple way (its own
// reader, independent of Rfc4571Framer), and can send raw bytes to break the framing on purpose.
// Every wait is bounded by a timeout.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "media/ice/transport_address.hpp"

namespace dienhong::media {

class TcpTestClient {
 public:
  // Connects to `server`:`port` ("127.0.0.1" or "::1") from `local` (any port).
  TcpTestClient(uint16_t port, const std::string& server = "127.0.0.1", const std::string& local = "")
      : family_(server.find(':') == std::string::npos ? AF_INET : AF_INET6),
        fd_(::socket(family_, SOCK_STREAM, 0)) {
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // byte-by-byte tests really split
    if (!local.empty()) {
      const auto from = address(local, 0);
      if (::bind(fd_, reinterpret_cast<const sockaddr*>(&from.first), from.second) != 0) return;
    }
    const auto to = address(server, port);
    connected_ = ::connect(fd_, reinterpret_cast<const sockaddr*>(&to.first), to.second) == 0;
  }
  ~TcpTestClient() { ::close(fd_); }
  TcpTestClient(const TcpTestClient&) = delete;
  TcpTestClient& operator=(const TcpTestClient&) = delete;

  bool connected() const { return connected_; }

  // The address the server sees: ours, as TCP.
  TransportAddress localAddress() const {
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&local), &length);
    return *TransportAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(&local), TransportProtocol::kTcp);
  }

  bool sendRaw(std::span<const uint8_t> bytes) const {
    size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }
  static std::vector<uint8_t> frame(std::span<const uint8_t> packet) {
    std::vector<uint8_t> out = {static_cast<uint8_t>(packet.size() >> 8), static_cast<uint8_t>(packet.size())};
    out.insert(out.end(), packet.begin(), packet.end());
    return out;
  }
  bool sendFrame(std::span<const uint8_t> packet) const { return sendRaw(frame(packet)); }

  // The next frame's payload, or nullopt after `timeoutMs` or when the connection ends.
  std::optional<std::vector<uint8_t>> receiveFrame(int timeoutMs) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
      if (pending_.size() >= 2) {
        const size_t length = static_cast<size_t>(pending_[0]) << 8 | pending_[1];
        if (pending_.size() >= 2 + length) {
          std::vector<uint8_t> packet(pending_.begin() + 2, pending_.begin() + 2 + static_cast<long>(length));
          pending_.erase(pending_.begin(), pending_.begin() + 2 + static_cast<long>(length));
          return packet;
        }
      }
      if (!readSome(deadline)) return std::nullopt;
    }
  }

  // True once the server closed or reset the connection (data still arriving is discarded).
  bool waitForClose(int timeoutMs) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    while (readSome(deadline)) pending_.clear();
    return closed_;
  }

 private:
  using Clock = std::chrono::steady_clock;

  static std::pair<sockaddr_storage, socklen_t> address(const std::string& ip, uint16_t port) {
    sockaddr_storage out{};
    if (ip.find(':') == std::string::npos) {
      auto* v4 = reinterpret_cast<sockaddr_in*>(&out);
      v4->sin_family = AF_INET;
      v4->sin_port = htons(port);
      ::inet_pton(AF_INET, ip.c_str(), &v4->sin_addr);
      return {out, sizeof(sockaddr_in)};
    }
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&out);
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    ::inet_pton(AF_INET6, ip.c_str(), &v6->sin6_addr);
    return {out, sizeof(sockaddr_in6)};
  }

  // Appends what arrives before `deadline`; false on timeout or end of stream.
  bool readSome(Clock::time_point deadline) {
    if (closed_) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) != 1) return false;
    uint8_t buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) {
      closed_ = true;  // 0: FIN; -1: ECONNRESET (the listener resets refused connections)
      return false;
    }
    pending_.insert(pending_.end(), buffer, buffer + n);
    return true;
  }

  int family_;
  int fd_;
  bool connected_ = false;
  bool closed_ = false;
  std::vector<uint8_t> pending_;
};

}  // namespace dienhong::media
