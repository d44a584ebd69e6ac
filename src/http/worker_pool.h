#pragma once
// A fixed pool of worker threads, each with its own Context (and so its own searcher),
// running posted jobs in arrival order. Thread-safe; stop() finishes queued jobs.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "http/context.h"

namespace kc::http {

class WorkerPool {
 public:
  WorkerPool(Site& site, unsigned threads);
  ~WorkerPool();
  void post(std::function<void(Context&)> job);
  void stop();  // runs what is queued, then joins the threads

 private:
  void run(Site& site);

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void(Context&)>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kc::http
