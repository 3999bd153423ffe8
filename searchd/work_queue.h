#pragma once
// The workers: a fixed pool that answers the requests of connections whose head is complete
// (the ConnectionHub reads heads, so a worker never waits for a client to send). At most
// `max_queued` connections wait for a worker; offer() refuses the next one, and the hub
// answers it 503 at once, so an overloaded daemon says so quickly instead of letting clients
// wait behind a queue they will time out in.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "searchd/connection.h"

namespace consulta {

/// Counters shared with /metrics; they outlive the queue, which the server makes anew per run.
struct QueueGauges {
    std::atomic<std::size_t> busy{0};
    std::atomic<std::size_t> queued{0};
    std::atomic<std::size_t> connections{0};  ///< open client connections
};

/// A fixed pool of workers over a bounded queue of connections.
class WorkQueue {
public:
    using Serve = std::function<void(Connection&&)>;

    WorkQueue(std::size_t threads, std::size_t max_queued, std::shared_ptr<QueueGauges> gauges,
              Serve serve);
    ~WorkQueue();

    /// Queues a connection for a worker; false (and `connection` untouched) when full.
    bool offer(Connection&& connection);

    /// A worker's connection with a further request already in its buffer (pipelined) goes
    /// to the back of the queue when other connections wait, so that one client's pipeline
    /// does not hold a worker while others wait; false (and `connection` untouched) when no
    /// one waits, and the worker serves it on. Never refused for a full queue: the connection
    /// moves from a worker to the queue, so what the daemon holds does not grow.
    bool pass_turn(Connection&& connection);

    /// Serves what is queued, then joins the workers.
    void shutdown();

private:
    void work();

    const std::size_t max_queued_;
    std::shared_ptr<QueueGauges> gauges_;
    Serve serve_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Connection> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

}  // namespace consulta
