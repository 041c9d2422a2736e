#include "media/worker/tcp_media_listener.hpp"

#include <algorithm>
#include <array>

#include <boost/asio/bind_allocator.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>

#include "media/worker/framed_send_queue.hpp"
#include "media/worker/handler_memory.hpp"
#include "media/worker/rfc4571_framer.hpp"

namespace dienhong::media {
namespace {

namespace net = boost::asio;
using Socket = net::basic_stream_socket<net::ip::tcp, net::io_context::executor_type>;
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);

// The per-IP limit's key: the remote address with port 0.
TransportAddress hostOf(const TransportAddress& remote) {
  const auto bytes = remote.addressBytes();
  if (remote.family() == TransportAddress::Family::kIpv4) {
    return TransportAddress::ipv4({bytes[0], bytes[1], bytes[2], bytes[3]}, 0, TransportProtocol::kTcp);
  }
  std::array<uint8_t, 16> v6{};
  std::copy(bytes.begin(), bytes.end(), v6.begin());
  return TransportAddress::ipv6(v6, 0, TransportProtocol::kTcp);
}

template <class Handler>
auto withMemory(HandlerMemory& memory, Handler&& handler) {
  return net::bind_allocator(HandlerAllocator<int>(memory), std::forward<Handler>(handler));
}

}  // namespace

// One accepted connection. Its asynchronous operations hold a shared_ptr to it, so it outlives
// them; once closed it never touches the listener again (the listener may be gone).
class TcpMediaListener::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(TcpMediaListener& listener, Socket socket, const TransportAddress& remote, Clock::time_point now)
      : listener_(&listener),
        socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        remote_(remote),
        firstFrameTimeout_(listener.limits_.firstFrameTimeout),
        idleTimeout_(listener.limits_.idleTimeout),
        openedAt_(now),
        sendQueue_(listener.limits_.sendQueueBytes) {}

  const TransportAddress& remote() const { return remote_; }
  uint64_t heapFallbacks() const {
    return readMemory_.heapFallbacks() + writeMemory_.heapFallbacks() + timerMemory_.heapFallbacks() +
           flushMemory_.heapFallbacks();
  }

  void start() {
    read();
    armTimer(openedAt_);
  }

  // Reset (no TIME_WAIT left behind) unless the peer ended the stream itself.
  void close(bool reset) {
    open_ = false;
    listener_ = nullptr;
    boost::system::error_code ignored;
    if (reset) socket_.set_option(net::socket_base::linger(true, 0), ignored);
    socket_.close(ignored);
    timer_.cancel();
  }

  bool enqueue(std::span<const uint8_t> packet) {
    if (!sendQueue_.push(packet)) return false;
    if (!writing_ && !flushPosted_) {
      // Everything queued in this cycle leaves with one write.
      flushPosted_ = true;
      net::post(socket_.get_executor(), withMemory(flushMemory_, [self = shared_from_this()] {
                  self->flushPosted_ = false;
                  self->flush();
                }));
    }
    return true;
  }

 private:
  void read() {
    const auto room = framer_.writable();
    socket_.async_read_some(net::buffer(room.data(), room.size()),
                            withMemory(readMemory_, [self = shared_from_this()](const boost::system::error_code& ec,
                                                                                size_t bytes) { self->onRead(ec, bytes); }));
  }

  void onRead(const boost::system::error_code& ec, size_t bytes) {
    if (!open_) return;
    if (ec) {
      listener_->closeConnection(*this, CloseReason::kPeer);
      return;
    }
    framer_.commit(bytes);
    const auto now = Clock::now();
    while (open_) {
      const auto frame = framer_.next();
      if (!frame) break;
      sawFrame_ = true;
      lastFrameAt_ = now;
      ++listener_->stats_.framesReceived;
      listener_->handler_.onDatagram(*frame, remote_, now);  // may close this connection
    }
    if (!open_) return;
    if (framer_.error() != Rfc4571Framer::Error::kNone) {
      listener_->closeConnection(*this, CloseReason::kFraming);
      return;
    }
    read();
  }

  // One timer for both deadlines, re-armed only when it fires: no timer work per frame. Before
  // the first frame it also wakes within one idle timeout, so that it is never later than the
  // idle deadline of a first frame arriving meanwhile.
  bool expired(Clock::time_point now) const {
    return sawFrame_ ? now >= lastFrameAt_ + idleTimeout_ : now >= openedAt_ + firstFrameTimeout_;
  }
  Clock::time_point nextCheck(Clock::time_point now) const {
    return sawFrame_ ? lastFrameAt_ + idleTimeout_ : std::min(openedAt_ + firstFrameTimeout_, now + idleTimeout_);
  }

  void armTimer(Clock::time_point now) {
    timer_.expires_at(nextCheck(now));
    timer_.async_wait(withMemory(timerMemory_, [self = shared_from_this()](const boost::system::error_code& ec) {
      self->onTimer(ec);
    }));
  }

  void onTimer(const boost::system::error_code& ec) {
    if (!open_ || ec) return;
    const auto now = Clock::now();
    if (!expired(now)) {
      armTimer(now);
      return;
    }
    listener_->closeConnection(*this, sawFrame_ ? CloseReason::kIdleTimeout : CloseReason::kFirstFrameTimeout);
  }

  void flush() {
    if (!open_ || writing_ || sendQueue_.empty()) return;
    const auto pending = sendQueue_.pending();
    const std::array<net::const_buffer, 2> buffers = {
        net::buffer(pending.parts[0].data(), pending.parts[0].size()),
        net::buffer(pending.parts[1].data(), pending.parts[1].size())};
    writing_ = true;
    ++listener_->stats_.writeCalls;
    net::async_write(socket_, buffers,
                     withMemory(writeMemory_, [self = shared_from_this()](const boost::system::error_code& ec,
                                                                          size_t bytes) { self->onWritten(ec, bytes); }));
  }

  void onWritten(const boost::system::error_code& ec, size_t bytes) {
    writing_ = false;
    if (!open_) return;
    if (ec) {
      listener_->closeConnection(*this, CloseReason::kPeer);
      return;
    }
    sendQueue_.consume(bytes);
    flush();  // what was queued meanwhile
  }

  TcpMediaListener* listener_;  // null once closed
  Socket socket_;
  Timer timer_;
  TransportAddress remote_;
  std::chrono::milliseconds firstFrameTimeout_;
  std::chrono::milliseconds idleTimeout_;
  Clock::time_point openedAt_;
  Clock::time_point lastFrameAt_;
  bool open_ = true;
  bool sawFrame_ = false;
  bool writing_ = false;
  bool flushPosted_ = false;
  Rfc4571Framer framer_;
  FramedSendQueue sendQueue_;
  HandlerMemory readMemory_;
  HandlerMemory writeMemory_;
  HandlerMemory timerMemory_;
  HandlerMemory flushMemory_;
};

TcpMediaListener::TcpMediaListener(net::io_context& context, DatagramHandler& handler, TcpMediaLimits limits)
    : acceptor_(context.get_executor()),
      acceptRetry_(context.get_executor()),
      handler_(handler),
      limits_(limits),
      self_(std::make_shared<TcpMediaListener*>(this)) {}

TcpMediaListener::~TcpMediaListener() {
  observer_ = nullptr;
  close();
}

Result<std::unique_ptr<TcpMediaListener>> TcpMediaListener::open(net::io_context& context,
                                                                 const std::string& bindAddress, uint16_t port,
                                                                 DatagramHandler& handler, TcpMediaLimits limits) {
  std::unique_ptr<TcpMediaListener> listener(new TcpMediaListener(context, handler, limits));
  boost::system::error_code ec;
  const auto address = net::ip::make_address(bindAddress, ec);
  if (ec) return Error{"bind_failed", fmt::format("'{}' is not an IP address", bindAddress)};
  const net::ip::tcp::endpoint local(address, port);
  auto& acceptor = listener->acceptor_;
  acceptor.open(local.protocol(), ec);
  if (!ec && address.is_v6()) acceptor.set_option(net::ip::v6_only(false), ec);
  // A restarted server must get its port back while old connections sit in TIME_WAIT.
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(local, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error{"bind_failed", fmt::format("cannot listen on TCP {}:{}: {}", bindAddress, port, ec.message())};
  }
  listener->port_ = acceptor.local_endpoint(ec).port();
  return listener;
}

void TcpMediaListener::start() { accept(); }

void TcpMediaListener::close() {
  *self_ = nullptr;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  acceptRetry_.cancel();
  while (!connections_.empty()) closeConnection(*connections_.begin()->second, CloseReason::kListenerClosed);
}

void TcpMediaListener::accept() {
  acceptor_.async_accept([self = self_](const boost::system::error_code& ec, Socket socket) {
    TcpMediaListener* listener = *self;
    if (listener == nullptr) return;  // closed meanwhile
    if (ec) {
      if (ec == net::error::operation_aborted) return;
      // Out of file descriptors, or a connection reset while queued: try again shortly rather
      // than spin on an error that is still there.
      ++listener->stats_.acceptErrors;
      listener->acceptRetry_.expires_after(kAcceptRetryDelay);
      listener->acceptRetry_.async_wait([self](const boost::system::error_code& waited) {
        if (!waited && *self != nullptr) (*self)->accept();
      });
      return;
    }
    listener->onAccepted(std::move(socket));
    listener->accept();
  });
}

void TcpMediaListener::onAccepted(Socket socket) {
  boost::system::error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  if (ec) return;  // already reset by the peer
  const auto remote = TransportAddress::fromSockaddr(endpoint.data(), TransportProtocol::kTcp);
  if (!remote) return;
  // Refused connections are reset at once, leaving no TIME_WAIT behind.
  const auto refuse = [&socket] {
    boost::system::error_code ignored;
    socket.set_option(net::socket_base::linger(true, 0), ignored);
    socket.close(ignored);
  };
  if (connections_.size() >= limits_.maxConnections) {
    ++stats_.rejectedListenerFull;
    refuse();
    return;
  }
  const auto host = hostOf(*remote);
  const auto counted = perIp_.find(host);
  if (counted != perIp_.end() && counted->second >= limits_.maxConnectionsPerIp) {
    ++stats_.rejectedPerIpLimit;
    refuse();
    return;
  }
  // Media is latency-bound: never hold a small packet back waiting for an ACK (Nagle).
  socket.set_option(net::ip::tcp::no_delay(true), ec);
  auto connection = std::make_shared<Connection>(*this, std::move(socket), *remote, Clock::now());
  // The 4-tuple of an open connection is unique, so the remote address is a key.
  connections_.emplace(*remote, connection);
  ++perIp_[host];
  ++stats_.connectionsAccepted;
  connection->start();
}

void TcpMediaListener::closeConnection(Connection& connection, CloseReason reason) {
  const auto keep = connection.shared_from_this();  // the map may hold the last reference
  const TransportAddress remote = connection.remote();
  connection.close(reason != CloseReason::kPeer);
  closedHandlerHeapFallbacks_ += connection.heapFallbacks();
  connections_.erase(remote);
  if (auto counted = perIp_.find(hostOf(remote)); counted != perIp_.end() && --counted->second == 0) {
    perIp_.erase(counted);
  }
  switch (reason) {
    case CloseReason::kPeer: ++stats_.closedByPeer; break;
    case CloseReason::kFraming: ++stats_.closedFramingError; break;
    case CloseReason::kFirstFrameTimeout: ++stats_.closedFirstFrameTimeout; break;
    case CloseReason::kIdleTimeout: ++stats_.closedIdleTimeout; break;
    case CloseReason::kListenerClosed: break;
  }
  if (observer_ != nullptr) observer_->onConnectionClosed(remote);
}

void TcpMediaListener::send(std::span<const uint8_t> datagram, const TransportAddress& to) {
  const auto it = connections_.find(to);
  if (it == connections_.end()) {
    ++stats_.sendNoConnection;
    return;
  }
  if (datagram.size() > kMaxDatagramBytes || !it->second->enqueue(datagram)) {
    ++stats_.sendDropped;
    return;
  }
  ++stats_.framesQueued;
}

TcpMediaListenerStats TcpMediaListener::stats() const {
  TcpMediaListenerStats out = stats_;
  out.connectionsOpen = connections_.size();
  out.handlerHeapFallbacks = closedHandlerHeapFallbacks_;
  for (const auto& [remote, connection] : connections_) out.handlerHeapFallbacks += connection->heapFallbacks();
  return out;
}

}  // namespace dienhong::media
