#pragma once
// The connections no worker is serving: new ones, and kept-alive ones between requests.
//
// httplib 0.11.4 gives each accepted connection a worker thread for its whole life, so a
// client that sends its head slowly, or keeps an idle keep-alive connection, holds a worker
// doing nothing; 33 such clients stalled 32 workers. Here one thread waits on every such
// connection with epoll, reads request heads as they trickle in, and hands a connection to
// the workers only once a complete head is in its buffer. Its limits: a deadline for the head
// (from the connection's start or from the first byte of a kept-alive connection's next
// request), an idle keep-alive timeout, a cap on head bytes and lines, and a cap on open
// connections (the oldest idle keep-alive connection is closed to make room; when none is
// idle the newcomer gets 503). Whatever it answers itself it answers without waiting.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "searchd/connection.h"

namespace consulta {

/// How long and how much the front waits for and takes from a client.
struct FrontLimits {
    std::chrono::milliseconds head_timeout{10'000};  ///< a whole request head, from its start
    std::chrono::milliseconds keep_alive{5'000};     ///< idle between two requests
    std::chrono::milliseconds write_timeout{10'000}; ///< a whole response
    std::size_t max_connections = 1024;
    std::size_t max_head_bytes = 16 * 1024;  ///< request line and headers together
    std::size_t max_headers = 100;           ///< header lines (the request line aside)
    std::size_t keep_alive_requests = 100;   ///< requests on one connection, then it closes
};

/// What a (partial) head in a buffer amounts to.
enum class HeadState { kIncomplete, kComplete, kTooLarge };
HeadState check_head(std::string_view buffer, const FrontLimits& limits);

/// The 431 answer to a head over the limits, and the 408 to one not finished in time.
std::string head_too_large_answer(const FrontLimits& limits);
std::string head_timeout_answer();
/// The 503 for a connection turned away: all workers busy and the queue full, or too many
/// connections.
std::string overloaded_answer();

class ConnectionHub {
public:
    /// Takes a connection with a complete head; false when there is no room (it is then
    /// answered 503 and closed here).
    using Ready = std::function<bool(Connection&&)>;

    ConnectionHub(FrontLimits limits, Ready ready, std::function<void()> on_shed);
    ~ConnectionHub();
    ConnectionHub(const ConnectionHub&) = delete;
    ConnectionHub& operator=(const ConnectionHub&) = delete;

    /// A socket just accepted. Any thread.
    void adopt(int fd);

    /// A worker answered a request and the connection stays open: wait for the next one.
    void give_back(Connection&& connection);

    /// A worker is done with a connection for good.
    void close(Connection& connection);

    /// Closes every connection waiting here; later adopt() and give_back() close at once.
    void stop();

    /// Open connections: waiting here or with a worker.
    std::size_t open() const { return open_.load(std::memory_order_relaxed); }

private:
    struct Held {
        Connection connection;
        bool head_started = false;  ///< the head deadline runs (bytes of a request, or new)
        bool flushing = false;      ///< sending pending_out; reading waits until it is sent
        SteadyClock::time_point flush_since;
        SteadyClock::time_point head_since;
        SteadyClock::time_point idle_since;
    };

    void loop();
    void wake();
    void take_pending();
    void add(Connection&& connection, bool fresh);
    void on_readable(int fd);
    void on_writable(int fd);
    void after_flush(int fd);
    void dispatch(int fd);
    void drop(int fd, std::string_view answer);
    void sweep();
    bool make_room();

    const FrontLimits limits_;
    Ready ready_;
    std::function<void()> on_shed_;
    int epoll_fd_ = -1;
    int wake_fd_ = -1;
    std::atomic<std::size_t> open_{0};
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::vector<int> adopted_;
    std::vector<Connection> returned_;
    std::unordered_map<int, Held> held_;  ///< only the hub thread touches it
    SteadyClock::time_point last_sweep_;
    std::thread thread_;
};

}  // namespace consulta
