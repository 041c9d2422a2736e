// MediaWorker: one thread with its own io_context. Rooms live on exactly one worker, so their
// packets are handled without locks; other threads talk to a worker only through post().
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <functional>
#include <string>
#include <thread>

namespace dienhong::media {

class MediaWorker {
 public:
  explicit MediaWorker(std::string name);
  ~MediaWorker();
  MediaWorker(const MediaWorker&) = delete;
  MediaWorker& operator=(const MediaWorker&) = delete;

  void start();
  // Stops the loop after the work already posted, then joins the thread. Idempotent.
  void stop();
  // Runs `task` on the worker's thread; safe from any thread.
  void post(std::function<void()> task);
  bool onWorkerThread() const { return std::this_thread::get_id() == thread_.get_id(); }

  boost::asio::io_context& context() { return context_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  boost::asio::io_context context_{1};  // one thread: Asio may skip internal locking
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::thread thread_;
};

}  // namespace dienhong::media
