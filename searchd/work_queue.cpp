#include "searchd/work_queue.h"

#include <iostream>

namespace consulta {
namespace {

thread_local bool t_shedding = false;

// A job is httplib's "serve this socket"; it must never throw out of a thread.
void run_guarded(const std::function<void()>& job) {
    try {
        job();
    } catch (const std::exception& e) {
        std::cerr << "consulta-searchd: connection failed: " << e.what() << std::endl;
    } catch (...) {
        std::cerr << "consulta-searchd: connection failed with an unknown exception" << std::endl;
    }
}

}  // namespace

WorkQueue::WorkQueue(std::size_t threads, std::size_t max_queued,
                     std::shared_ptr<QueueGauges> gauges)
    : max_queued_(max_queued), gauges_(std::move(gauges)) {
    for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i) {
        workers_.emplace_back([this] { work(); });
    }
    shedder_ = std::thread([this] { shed(); });
}

WorkQueue::~WorkQueue() { shutdown(); }

bool WorkQueue::on_shedding_thread() { return t_shedding; }

void WorkQueue::enqueue(std::function<void()> fn) {
    {
        std::lock_guard lock(mutex_);
        if (jobs_.size() < max_queued_) {
            jobs_.push_back(std::move(fn));
            gauges_->queued.store(jobs_.size(), std::memory_order_relaxed);
            work_ready_.notify_one();
            return;
        }
        // Every job owns a socket that only running it closes, so even a shed connection
        // must be served: by the shedding thread, with a fast 503.
        shed_jobs_.push_back(std::move(fn));
    }
    shed_ready_.notify_one();
}

void WorkQueue::shutdown() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && workers_.empty()) return;
        stopping_ = true;
    }
    work_ready_.notify_all();
    shed_ready_.notify_all();
    // Workers drain what is queued: httplib has closed the listening socket by now, so each
    // remaining connection finishes its current request and closes.
    for (auto& worker : workers_) worker.join();
    workers_.clear();
    if (shedder_.joinable()) shedder_.join();
}

void WorkQueue::work() {
    while (true) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            work_ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty()) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
            gauges_->queued.store(jobs_.size(), std::memory_order_relaxed);
        }
        gauges_->busy.fetch_add(1, std::memory_order_relaxed);
        run_guarded(job);
        gauges_->busy.fetch_sub(1, std::memory_order_relaxed);
    }
}

void WorkQueue::shed() {
    t_shedding = true;
    while (true) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            shed_ready_.wait(lock, [this] { return stopping_ || !shed_jobs_.empty(); });
            if (shed_jobs_.empty()) return;
            job = std::move(shed_jobs_.front());
            shed_jobs_.pop_front();
        }
        run_guarded(job);
    }
}

}  // namespace consulta
