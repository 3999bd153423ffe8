#pragma once
// httplib's thread pool queues accepted connections without bound. This one keeps at most
// `max_queued` connections waiting; the ones over the bound go to a single shedding thread
// whose requests are answered 503 at once, so an overloaded daemon says so quickly instead of
// letting clients wait behind a queue they will time out in.
#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace consulta {

/// Counters shared with /metrics; they outlive the queue, which httplib owns and deletes.
struct QueueGauges {
    std::atomic<std::size_t> busy{0};
    std::atomic<std::size_t> queued{0};
};

/// A fixed pool of workers plus one shedding thread.
class WorkQueue : public httplib::TaskQueue {
public:
    WorkQueue(std::size_t threads, std::size_t max_queued, std::shared_ptr<QueueGauges> gauges);
    ~WorkQueue() override;

    void enqueue(std::function<void()> fn) override;
    void shutdown() override;

    /// True on the shedding thread: whatever it serves is answered 503 overloaded.
    static bool on_shedding_thread();

private:
    void work();
    void shed();

    const std::size_t max_queued_;
    std::shared_ptr<QueueGauges> gauges_;
    std::mutex mutex_;
    std::condition_variable work_ready_, shed_ready_;
    std::deque<std::function<void()>> jobs_, shed_jobs_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
    std::thread shedder_;
};

}  // namespace consulta
