#include "searchd/connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "searchd/errors.h"

namespace consulta {
namespace {

void address_of(int fd, bool peer, std::string& ip, int& port) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    auto* raw = reinterpret_cast<sockaddr*>(&address);
    if ((peer ? getpeername(fd, raw, &length) : getsockname(fd, raw, &length)) != 0) return;
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
        inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
        port = ntohs(v4->sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
        inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
        port = ntohs(v6->sin6_port);
    }
    ip = text;
}

}  // namespace

std::size_t head_end(std::string_view bytes) {
    const auto blank = bytes.find("\r\n\r\n");
    return blank == std::string_view::npos ? blank : blank + 4;
}

std::size_t head_lines(std::string_view bytes) {
    return static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
}

void send_and_close(int fd, std::string_view bytes) {
    ::send(fd, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    ::shutdown(fd, SHUT_WR);
    // Unread bytes at close() make the kernel send a reset, which can destroy the answer
    // before the client reads it: take what has already arrived, without waiting for more.
    char sink[4096];
    for (int i = 0; i < 16 && ::recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0; ++i) {
    }
    ::close(fd);
}

std::string canned_error(int status, std::string_view reason, std::string_view code,
                         std::string_view message) {
    const std::string body =
        dump_json({{"error", {{"status", status}, {"code", code}, {"message", message}}}});
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
    out += "Content-Type: " + std::string(kJsonType) + "\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out += "Connection: close\r\n";
    out += "X-Content-Type-Options: nosniff\r\n";
    if (status == 503) out += "Retry-After: 1\r\n";
    out += "\r\n";
    out += body;
    return out;
}

ConnectionStream::ConnectionStream(Connection& connection, std::chrono::milliseconds write_timeout)
    : connection_(connection), write_timeout_(write_timeout) {}

void ConnectionStream::next_request() { deadline_set_ = false; }

bool ConnectionStream::is_readable() const { return consumed_ < connection_.buffer.size(); }

bool ConnectionStream::wait_writable() const {
    if (!deadline_set_) {
        write_deadline_ = SteadyClock::now() + write_timeout_;
        deadline_set_ = true;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        write_deadline_ - SteadyClock::now());
    if (left.count() <= 0) return false;
    pollfd p{connection_.fd, POLLOUT, 0};
    int ready;
    do {
        ready = ::poll(&p, 1, static_cast<int>(left.count()));
    } while (ready < 0 && errno == EINTR);
    return ready > 0 && (p.revents & (POLLERR | POLLHUP)) == 0;
}

bool ConnectionStream::is_writable() const { return wait_writable(); }

ssize_t ConnectionStream::read(char* ptr, size_t size) {
    // Never from the socket: a complete head is in the buffer, and bodies are not read.
    const std::size_t left = connection_.buffer.size() - consumed_;
    const std::size_t n = std::min(size, left);
    std::copy_n(connection_.buffer.data() + consumed_, n, ptr);
    consumed_ += n;
    return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
    std::size_t sent = 0;
    std::string& pending = connection_.pending_out;
    if (!pending.empty()) {
        // Bytes must go out in order: once some wait for the hub, the rest queue behind them.
        if (pending.size() + size <= kMaxPendingOutput) {
            pending.append(ptr, size);
            return static_cast<ssize_t>(size);
        }
        // Over the bound: this worker sends what waits, then goes on, against the deadline.
        while (!pending.empty()) {
            if (!wait_writable()) return -1;
            const ssize_t n = ::send(connection_.fd, pending.data(), pending.size(),
                                     MSG_DONTWAIT | MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
                return -1;
            }
            pending.erase(0, static_cast<std::size_t>(n));
        }
    }
    while (sent < size) {
        // The client is not taking the answer as fast as it comes: leave the rest to the hub
        // while it fits the bound, rather than hold this worker.
        if (size - sent + pending.size() <= kMaxPendingOutput) {
            const ssize_t n = ::send(connection_.fd, ptr + sent, size - sent,
                                     MSG_DONTWAIT | MSG_NOSIGNAL);
            if (n > 0) {
                sent += static_cast<std::size_t>(n);
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                pending.append(ptr + sent, size - sent);
                return static_cast<ssize_t>(size);
            }
            if (n < 0 && errno == EINTR) continue;
            return -1;
        }
        if (!wait_writable()) return -1;
        const ssize_t n = ::send(connection_.fd, ptr + sent, size - sent, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
            return -1;
        }
        sent += static_cast<std::size_t>(n);
    }
    return static_cast<ssize_t>(sent);
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    address_of(connection_.fd, true, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
    address_of(connection_.fd, false, ip, port);
}

socket_t ConnectionStream::socket() const { return -1; }

void finish_reading(ConnectionStream& stream) {
    stream.connection_.buffer.erase(0, stream.consumed_);
    stream.consumed_ = 0;
}

}  // namespace consulta
