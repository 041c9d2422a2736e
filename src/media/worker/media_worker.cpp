#include "media/worker/media_worker.hpp"

#include <pthread.h>

#include <boost/asio/post.hpp>

#include "common/logging.hpp"

namespace dienhong::media {

MediaWorker::MediaWorker(std::string name)
    : name_(std::move(name)), guard_(boost::asio::make_work_guard(context_)) {}

MediaWorker::~MediaWorker() { stop(); }

void MediaWorker::start() {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
    for (;;) {
      try {
        context_.run();
        return;
      } catch (const std::exception& e) {
        // A bug in one handler must not take every room of this worker down with it.
        logging::logger(logging::Category::Error)
            .error("msg=media_worker_exception worker={} what={}", name_, logging::quote(e.what()));
      }
    }
  });
}

void MediaWorker::stop() {
  guard_.reset();
  if (thread_.joinable()) {
    boost::asio::post(context_, [this] { context_.stop(); });
    thread_.join();
  }
}

void MediaWorker::post(std::function<void()> task) { boost::asio::post(context_, std::move(task)); }

}  // namespace dienhong::media
