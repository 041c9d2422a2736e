#include "audit/syslog_forwarder.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "audit/syslog_message.hpp"
#include "common/logging.hpp"
#include "common/result.hpp"

namespace dienhong::audit {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kCursorSetting = "syslog_cursor";
constexpr int kBatch = 200;
constexpr auto kPoll = std::chrono::milliseconds(250);
constexpr auto kConfirmAfter = std::chrono::seconds(1);
constexpr int kConnectTimeoutMs = 5000;

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string openSslError(std::string_view what) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return std::string(what);
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return fmt::format("{}: {}", what, text);
}

Result<int> connectTcp(const std::string& host, uint16_t port) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (const int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    return Error{"unreachable", fmt::format("cannot resolve {}: {}", host, gai_strerror(rc))};
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> list(found, &freeaddrinfo);
  std::string lastError = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) continue;
    if (connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
      lastError = std::strerror(errno);
      close(fd);
      continue;
    }
    pollfd p{fd, POLLOUT, 0};
    int error = 0;
    socklen_t length = sizeof error;
    if (poll(&p, 1, kConnectTimeoutMs) != 1 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0 ||
        error != 0) {
      lastError = error != 0 ? std::strerror(error) : "timed out";
      close(fd);
      continue;
    }
    // Blocking from here on, with timeouts, so a stalled server cannot hang the forwarder.
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    timeval timeout{10, 0};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return fd;
  }
  return Error{"unreachable", fmt::format("cannot connect to {} port {}: {}", host, port, lastError)};
}

}  // namespace

// One TLS connection to the log server.
class SyslogForwarder::Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const SyslogTarget& target) {
    std::unique_ptr<Connection> c(new Connection);
    c->context_.reset(SSL_CTX_new(TLS_client_method()));
    if (!c->context_) return Error{"tls", openSslError("SSL_CTX_new")};
    SSL_CTX_set_min_proto_version(c->context_.get(), TLS1_2_VERSION);
    SSL_CTX_set_verify(c->context_.get(), SSL_VERIFY_PEER, nullptr);
    X509_STORE* trusted = SSL_CTX_get_cert_store(c->context_.get());
    std::unique_ptr<BIO, decltype(&BIO_free)> pem(
        BIO_new_mem_buf(target.caCertificate.data(), static_cast<int>(target.caCertificate.size())), &BIO_free);
    while (X509* cert = PEM_read_bio_X509(pem.get(), nullptr, nullptr, nullptr)) {
      X509_STORE_add_cert(trusted, cert);
      X509_free(cert);
    }
    ERR_clear_error();  // the end of the PEM text reads as an error
    auto fd = connectTcp(target.host, target.port);
    if (!fd) return fd.error();
    c->fd_ = *fd;
    c->ssl_.reset(SSL_new(c->context_.get()));
    const std::string name = target.serverName.empty() ? target.host : target.serverName;
    SSL_set_tlsext_host_name(c->ssl_.get(), name.c_str());
    SSL_set1_host(c->ssl_.get(), name.c_str());
    SSL_set_fd(c->ssl_.get(), c->fd_);
    if (SSL_connect(c->ssl_.get()) != 1) {
      const long verify = SSL_get_verify_result(c->ssl_.get());
      if (verify != X509_V_OK) {
        ERR_clear_error();
        return Error{"tls", fmt::format("the log server's certificate is not trusted: {}",
                                        X509_verify_cert_error_string(verify))};
      }
      return Error{"tls", openSslError("TLS handshake with the log server failed")};
    }
    return c;
  }

  ~Connection() {
    if (ssl_) SSL_shutdown(ssl_.get());
    if (fd_ >= 0) close(fd_);
  }

  Result<void> write(std::string_view bytes) {
    while (!bytes.empty()) {
      const int n = SSL_write(ssl_.get(), bytes.data(), static_cast<int>(std::min<size_t>(bytes.size(), 1 << 20)));
      if (n <= 0) return Error{"write", openSslError("cannot write to the log server")};
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return success();
  }

  // False once the server has closed its side. A syslog server sends no data, but TLS 1.3 sends
  // session tickets after the handshake: read without blocking, and only an end of stream or an
  // error counts as closed.
  bool open() {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 0) == 0) return true;
    if ((p.revents & (POLLERR | POLLHUP)) != 0) return false;
    const int flags = fcntl(fd_, F_GETFL);
    fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
    char byte;
    const int n = SSL_read(ssl_.get(), &byte, 1);
    const int error = n > 0 ? SSL_ERROR_NONE : SSL_get_error(ssl_.get(), n);
    fcntl(fd_, F_SETFL, flags);
    ERR_clear_error();
    return n > 0 || error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE;
  }

 private:
  Connection() = default;
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> context_{nullptr, &SSL_CTX_free};
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl_{nullptr, &SSL_free};
  int fd_ = -1;
};

SyslogForwarder::SyslogForwarder(store::Store& store, AuditPolicyStore& policies)
    : store_(store), policies_(policies) {
  char name[256] = {};
  hostname_ = gethostname(name, sizeof name - 1) == 0 ? name : "-";
  thread_ = std::jthread([this](std::stop_token stop) { loop(stop); });
}

SyslogForwarder::~SyslogForwarder() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

ForwardingStatus SyslogForwarder::status() const {
  std::lock_guard lock(mutex_);
  ForwardingStatus status = status_;
  if (auto cursor = store_.settings().find(kCursorSetting); cursor && cursor->has_value()) {
    status.pending = store_.audit().countAfter((*cursor)->value).value_or(0);
  } else {
    status.pending = store_.audit().countAfter("").value_or(0);
  }
  return status;
}

void SyslogForwarder::setStatus(std::string state, std::string error) {
  std::lock_guard lock(mutex_);
  status_.state = std::move(state);
  status_.lastError = std::move(error);
}

void SyslogForwarder::loop(std::stop_token stop) {
  auto& log = logging::logger(logging::Category::System);
  std::mutex sleepMutex;
  std::condition_variable_any wake;
  auto sleep = [&](auto duration) {
    std::unique_lock lock(sleepMutex);
    wake.wait_for(lock, stop, duration, [] { return false; });
  };
  std::unique_ptr<Connection> connection;
  std::string target;           // the destination the connection was made for
  std::string delivered;        // durable cursor
  std::string sent;             // last id written on the current connection
  std::deque<std::pair<std::string, Clock::time_point>> unconfirmed;  // batches' last ids, oldest first
  auto backoff = std::chrono::seconds(1);
  if (auto cursor = store_.settings().find(kCursorSetting); cursor && cursor->has_value()) delivered = (*cursor)->value;

  while (!stop.stop_requested()) {
    const AuditPolicy policy = policies_.current();
    const std::string wanted = policy.syslog.enabled ? toJson(policy).at("syslog").dump() : "";
    if (wanted != target) {  // switched off or pointed elsewhere: start over
      connection.reset();
      target = wanted;
      sent = delivered;
      unconfirmed.clear();
      backoff = std::chrono::seconds(1);
      setStatus(target.empty() ? "off" : "connecting");
    }
    if (target.empty()) {
      sleep(kPoll);
      continue;
    }
    if (!connection) {
      auto opened = Connection::open(policy.syslog);
      if (!opened) {
        log.warn("msg=syslog_unavailable detail={} retry_in_s={}", logging::quote(opened.error().message),
                 backoff.count());
        setStatus("retrying", opened.error().message);
        sleep(backoff);
        backoff = std::min(backoff * 2, std::chrono::seconds(30));
        continue;
      }
      connection = std::move(opened.value());
      sent = delivered;  // resend whatever was not confirmed on the last connection
      unconfirmed.clear();
      backoff = std::chrono::seconds(1);
      log.info("msg=syslog_connected host={} port={}", policy.syslog.host, policy.syslog.port);
      setStatus("connected");
    }
    if (!connection->open()) {
      log.warn("msg=syslog_connection_closed resend_after={}", logging::quote(delivered));
      connection.reset();
      setStatus("retrying", "the log server closed the connection");
      continue;
    }
    // What went out at least a second ago on a connection still open has arrived.
    std::optional<std::string> confirmed;
    while (!unconfirmed.empty() && Clock::now() - unconfirmed.front().second >= kConfirmAfter) {
      confirmed = std::move(unconfirmed.front().first);
      unconfirmed.pop_front();
    }
    if (confirmed) {
      if (auto saved = store_.settings().put({std::string(kCursorSetting), *confirmed, nowMs(), "syslog"}); saved) {
        delivered = *confirmed;
        std::lock_guard lock(mutex_);
        status_.lastDeliveredAtMs = nowMs();
      }
    }
    auto events = store_.audit().after(sent, kBatch);
    if (!events) {
      setStatus("retrying", "cannot read the audit log");
      sleep(backoff);
      continue;
    }
    if (events->empty()) {
      sleep(kPoll);
      continue;
    }
    std::string frames;
    for (const auto& event : *events) frames += syslogFrame(event, hostname_, static_cast<int>(getpid()));
    if (auto written = connection->write(frames); !written) {
      log.warn("msg=syslog_write_failed detail={}", logging::quote(written.error().message));
      connection.reset();
      setStatus("retrying", written.error().message);
      continue;
    }
    sent = events->back().id;
    unconfirmed.emplace_back(sent, Clock::now());
  }
}

}  // namespace dienhong::audit
