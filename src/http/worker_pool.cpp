#include "http/worker_pool.h"

namespace kc::http {

WorkerPool::WorkerPool(Site& site, unsigned threads) {
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this, &site] { run(site); });
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::post(std::function<void(Context&)> job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  ready_.notify_one();
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& thread : threads_) thread.join();
  threads_.clear();
}

void WorkerPool::run(Site& site) {
  Context context(site);
  while (true) {
    std::function<void(Context&)> job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job(context);  // jobs catch their own exceptions (dispatch never throws)
  }
}

}  // namespace kc::http
