#include "searchd/connection_hub.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace consulta {
namespace {

constexpr auto kSweepEvery = std::chrono::milliseconds(100);
constexpr std::size_t kReadChunk = 16 * 1024;

}  // namespace

HeadState check_head(std::string_view buffer, const FrontLimits& limits) {
    const std::size_t end = head_end(buffer);
    const std::string_view head = end == std::string_view::npos ? buffer : buffer.substr(0, end);
    // The request line and the blank line are lines too: max_headers + 2 in a complete head.
    const std::size_t lines = head_lines(head);
    const std::size_t max_lines = limits.max_headers + (end == std::string_view::npos ? 1 : 2);
    if (head.size() > limits.max_head_bytes || lines > max_lines) return HeadState::kTooLarge;
    return end == std::string_view::npos ? HeadState::kIncomplete : HeadState::kComplete;
}

std::string head_too_large_answer(const FrontLimits& limits) {
    return canned_error(431, "Request Header Fields Too Large", "headers_too_large",
                        "the request head is over " + std::to_string(limits.max_head_bytes) +
                            " bytes or " + std::to_string(limits.max_headers) + " header lines");
}

std::string head_timeout_answer() {
    return canned_error(408, "Request Timeout", "request_timeout",
                        "the request head did not arrive in time");
}

std::string overloaded_answer() {
    return canned_error(503, "Service Unavailable", "overloaded", "too many requests; retry");
}

ConnectionHub::ConnectionHub(FrontLimits limits, Ready ready, std::function<void()> on_shed)
    : limits_(limits), ready_(std::move(ready)), on_shed_(std::move(on_shed)) {
    epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = wake_fd_;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &event);
    last_sweep_ = SteadyClock::now();
    thread_ = std::thread([this] { loop(); });
}

ConnectionHub::~ConnectionHub() {
    stop();
    ::close(wake_fd_);
    ::close(epoll_fd_);
}

void ConnectionHub::wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
}

void ConnectionHub::adopt(int fd) {
    open_.fetch_add(1, std::memory_order_relaxed);
    if (stopping_.load()) {
        Connection c;
        c.fd = fd;
        close(c);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        adopted_.push_back(fd);
    }
    wake();
}

void ConnectionHub::give_back(Connection&& connection) {
    if (stopping_.load()) {
        close(connection);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        returned_.push_back(std::move(connection));
    }
    wake();
}

void ConnectionHub::close(Connection& connection) {
    if (connection.fd < 0) return;
    send_and_close(connection.fd, {});
    connection.fd = -1;
    open_.fetch_sub(1, std::memory_order_relaxed);
}

void ConnectionHub::stop() {
    if (stopping_.exchange(true)) {
        if (thread_.joinable()) thread_.join();
        return;
    }
    wake();
    if (thread_.joinable()) thread_.join();
}

void ConnectionHub::drop(int fd, std::string_view answer) {
    auto it = held_.find(fd);
    if (it == held_.end()) return;
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    send_and_close(fd, answer);
    held_.erase(it);
    open_.fetch_sub(1, std::memory_order_relaxed);
}

bool ConnectionHub::make_room() {
    if (held_.size() + 1 <= limits_.max_connections &&
        open_.load(std::memory_order_relaxed) <= limits_.max_connections) {
        return true;
    }
    // The oldest idle keep-alive connection goes: closing it between requests is allowed by
    // HTTP, and its client reconnects; a client in the middle of a request keeps its place.
    int oldest = -1;
    SteadyClock::time_point since = SteadyClock::time_point::max();
    for (const auto& [fd, held] : held_) {
        if (!held.head_started && held.connection.buffer.empty() && held.idle_since < since) {
            oldest = fd;
            since = held.idle_since;
        }
    }
    if (oldest < 0) return false;
    drop(oldest, {});
    return true;
}

void ConnectionHub::add(Connection&& connection, bool fresh) {
    const int fd = connection.fd;
    Held held;
    held.connection = std::move(connection);
    const auto now = SteadyClock::now();
    held.idle_since = now;
    // A new connection must finish its first head within the deadline from its start; a
    // kept-alive one is idle until its next request's first byte.
    held.head_started = fresh || !held.connection.buffer.empty();
    held.head_since = now;
    held.flushing = !held.connection.pending_out.empty();
    held.flush_since = now;
    held_.emplace(fd, std::move(held));
    epoll_event event{};
    event.events = held_.at(fd).flushing ? EPOLLOUT : (EPOLLIN | EPOLLRDHUP);
    event.data.fd = fd;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
}

void ConnectionHub::take_pending() {
    std::vector<int> adopted;
    std::vector<Connection> returned;
    {
        std::lock_guard lock(mutex_);
        adopted.swap(adopted_);
        returned.swap(returned_);
    }
    for (auto& connection : returned) add(std::move(connection), false);
    for (int fd : adopted) {
        if (!make_room()) {
            send_and_close(fd, overloaded_answer());
            open_.fetch_sub(1, std::memory_order_relaxed);
            if (on_shed_) on_shed_();
            continue;
        }
        Connection connection;
        connection.fd = fd;
        add(std::move(connection), true);
    }
}

void ConnectionHub::dispatch(int fd) {
    auto it = held_.find(fd);
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    Connection connection = std::move(it->second.connection);
    held_.erase(it);
    if (!ready_(std::move(connection))) {
        // ready_ leaves a refused connection as it was: answer it here, without waiting.
        send_and_close(fd, overloaded_answer());
        open_.fetch_sub(1, std::memory_order_relaxed);
        if (on_shed_) on_shed_();
    }
}

void ConnectionHub::on_writable(int fd) {
    auto it = held_.find(fd);
    if (it == held_.end()) return;
    std::string& pending = it->second.connection.pending_out;
    while (!pending.empty()) {
        const ssize_t n = ::send(fd, pending.data(), pending.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n > 0) {
            pending.erase(0, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        drop(fd, {});
        return;
    }
    after_flush(fd);
}

// The answers are out: close, or wait for (or serve) the next request.
void ConnectionHub::after_flush(int fd) {
    Held& held = held_.at(fd);
    held.flushing = false;
    if (held.connection.close_after_flush) {
        drop(fd, {});
        return;
    }
    const auto now = SteadyClock::now();
    held.idle_since = now;
    held.head_started = !held.connection.buffer.empty();
    held.head_since = now;
    if (check_head(held.connection.buffer, limits_) == HeadState::kComplete) {
        dispatch(fd);
        return;
    }
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP;
    event.data.fd = fd;
    epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd, &event);
}

void ConnectionHub::on_readable(int fd) {
    auto it = held_.find(fd);
    if (it == held_.end()) return;
    Held& held = it->second;
    std::string& buffer = held.connection.buffer;
    while (true) {
        const std::size_t before = buffer.size();
        buffer.resize(before + kReadChunk);
        const ssize_t n = ::recv(fd, buffer.data() + before, kReadChunk, MSG_DONTWAIT);
        buffer.resize(before + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
        if (n > 0) {
            if (!held.head_started) {
                held.head_started = true;
                held.head_since = SteadyClock::now();
            }
            if (check_head(buffer, limits_) != HeadState::kIncomplete) break;
            continue;
        }
        if (n == 0) {
            held.connection.client_done = true;
            break;
        }
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) break;
        drop(fd, {});  // reset by the client
        return;
    }
    switch (check_head(buffer, limits_)) {
        case HeadState::kComplete: dispatch(fd); return;
        case HeadState::kTooLarge: drop(fd, head_too_large_answer(limits_)); return;
        case HeadState::kIncomplete:
            if (held.connection.client_done) drop(fd, {});
            return;
    }
}

void ConnectionHub::sweep() {
    const auto now = SteadyClock::now();
    std::vector<std::pair<int, bool>> expired;  // fd, whether a head was under way
    for (const auto& [fd, held] : held_) {
        if (held.flushing) {
            // The client has not taken its answers within the write deadline.
            if (now - held.flush_since >= limits_.write_timeout) expired.emplace_back(fd, false);
            continue;
        }
        if (held.head_started && now - held.head_since >= limits_.head_timeout) {
            expired.emplace_back(fd, !held.connection.buffer.empty());
        } else if (!held.head_started && now - held.idle_since >= limits_.keep_alive) {
            expired.emplace_back(fd, false);
        }
    }
    for (const auto& [fd, partial] : expired) drop(fd, partial ? head_timeout_answer() : "");
}

void ConnectionHub::loop() {
    std::vector<epoll_event> events(256);
    while (!stopping_.load()) {
        const int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()),
                                 static_cast<int>(kSweepEvery.count()));
        for (int i = 0; i < n; ++i) {
            const int fd = events[i].data.fd;
            if (fd == wake_fd_) {
                std::uint64_t count;
                [[maybe_unused]] auto r = ::read(wake_fd_, &count, sizeof count);
                continue;
            }
            auto it = held_.find(fd);
            if (it == held_.end()) continue;
            if (it->second.flushing) {
                on_writable(fd);
            } else {
                on_readable(fd);
            }
        }
        take_pending();
        if (SteadyClock::now() - last_sweep_ >= kSweepEvery) {
            sweep();
            last_sweep_ = SteadyClock::now();
        }
    }
    // Stopping: nobody is waiting for an answer on these.
    take_pending();
    std::vector<int> fds;
    for (const auto& [fd, held] : held_) fds.push_back(fd);
    for (int fd : fds) drop(fd, {});
}

}  // namespace consulta
