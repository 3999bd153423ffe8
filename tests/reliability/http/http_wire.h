#pragma once
// Raw HTTP/1.1 on a socket for the reliability tests: send anything, read back answers one by
// one (framed by Content-Length or chunks), tell whether the server closed.
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace consulta::test_support {

struct WireAnswer {
    int status = 0;
    std::string code;  ///< the JSON error code, empty for a non-error answer
    std::string headers;
    std::string body;
};

/// Sends all of `bytes` as far as the peer takes them (it may close early: that is allowed).
inline void send_all(int fd, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;
        sent += static_cast<std::size_t>(n);
    }
}

/// Reads from fd into `buffer`; false at end of stream, error, or `wait_ms` of silence.
inline bool read_more(int fd, std::string& buffer, int wait_ms) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, wait_ms) <= 0) return false;
    char chunk[16384];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
    return true;
}

/// Takes one complete answer off the front of `buffer`, reading more as needed.
inline std::optional<WireAnswer> next_answer(int fd, std::string& buffer, bool head_request,
                                             int wait_ms = 5000) {
    std::size_t end;
    while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
        if (!read_more(fd, buffer, wait_ms)) return std::nullopt;
    }
    WireAnswer answer;
    answer.headers = buffer.substr(0, end + 2);
    if (answer.headers.rfind("HTTP/1.1 ", 0) != 0) return std::nullopt;
    answer.status = std::stoi(answer.headers.substr(9, 3));
    buffer.erase(0, end + 4);
    std::string lower = answer.headers;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto length_at = lower.find("\r\ncontent-length: ");
    if (head_request || answer.status == 204 || answer.status == 304) {
        // no body
    } else if (length_at != std::string::npos) {
        const std::size_t length = std::stoul(lower.substr(length_at + 18));
        while (buffer.size() < length) {
            if (!read_more(fd, buffer, wait_ms)) return std::nullopt;
        }
        answer.body = buffer.substr(0, length);
        buffer.erase(0, length);
    } else if (lower.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
        while (true) {
            std::size_t line_end;
            while ((line_end = buffer.find("\r\n")) == std::string::npos) {
                if (!read_more(fd, buffer, wait_ms)) return std::nullopt;
            }
            const std::size_t size = std::stoul(buffer.substr(0, line_end), nullptr, 16);
            while (buffer.size() < line_end + 2 + size + 2) {
                if (!read_more(fd, buffer, wait_ms)) return std::nullopt;
            }
            answer.body += buffer.substr(line_end + 2, size);
            buffer.erase(0, line_end + 2 + size + 2);
            if (size == 0) break;
        }
    }
    if (answer.status >= 400) {
        const auto json = nlohmann::json::parse(answer.body, nullptr, false);
        if (json.is_object() && json.contains("error")) {
            answer.code = json["error"].value("code", "");
        }
    }
    return answer;
}

/// Whether the peer closes the connection within `wait_ms` (bytes that arrive are kept).
inline bool closes_within(int fd, std::string& buffer, int wait_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        char chunk[4096];
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) return true;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
    return false;
}

/// A value from /proc/PID/status in kB ("VmRSS", "VmHWM"); -1 when unreadable.
inline long proc_status_kb(pid_t pid, const std::string& key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
    }
    return -1;
}

}  // namespace consulta::test_support
