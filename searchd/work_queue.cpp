#include "searchd/work_queue.h"

#include <iostream>

namespace consulta {

WorkQueue::WorkQueue(std::size_t threads, std::size_t max_queued,
                     std::shared_ptr<QueueGauges> gauges, Serve serve)
    : max_queued_(max_queued), gauges_(std::move(gauges)), serve_(std::move(serve)) {
    for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i) {
        workers_.emplace_back([this] { work(); });
    }
}

WorkQueue::~WorkQueue() { shutdown(); }

bool WorkQueue::offer(Connection&& connection) {
    {
        std::lock_guard lock(mutex_);
        if (jobs_.size() >= max_queued_) return false;
        jobs_.push_back(std::move(connection));
        gauges_->queued.store(jobs_.size(), std::memory_order_relaxed);
    }
    ready_.notify_one();
    return true;
}

bool WorkQueue::pass_turn(Connection&& connection) {
    {
        std::lock_guard lock(mutex_);
        if (jobs_.empty()) return false;
        jobs_.push_back(std::move(connection));
        gauges_->queued.store(jobs_.size(), std::memory_order_relaxed);
    }
    ready_.notify_one();
    return true;
}

void WorkQueue::shutdown() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && workers_.empty()) return;
        stopping_ = true;
    }
    ready_.notify_all();
    // Workers drain what is queued: each remaining connection gets its answer and closes.
    for (auto& worker : workers_) worker.join();
    workers_.clear();
}

void WorkQueue::work() {
    while (true) {
        Connection connection;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;
            connection = std::move(jobs_.front());
            jobs_.pop_front();
            gauges_->queued.store(jobs_.size(), std::memory_order_relaxed);
        }
        gauges_->busy.fetch_add(1, std::memory_order_relaxed);
        // A job must never throw out of a thread.
        try {
            serve_(std::move(connection));
        } catch (const std::exception& e) {
            std::cerr << "consulta-searchd: connection failed: " << e.what() << std::endl;
        } catch (...) {
            std::cerr << "consulta-searchd: connection failed with an unknown exception"
                      << std::endl;
        }
        gauges_->busy.fetch_sub(1, std::memory_order_relaxed);
    }
}

}  // namespace consulta
