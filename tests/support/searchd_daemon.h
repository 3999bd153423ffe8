#pragma once
// The real consulta-searchd as a child process on port 0 over a real index, for the
// integration tests; raw sockets for what httplib::Client will not send.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "core/config/settings.h"
#include "indexer/corpus_indexer.h"
#include "tests/support/test_files.h"

namespace consulta::test_support {

inline const std::filesystem::path kSourceDir = CONSULTA_SOURCE_DIR;
inline const std::filesystem::path kSearchdBinary =
    std::filesystem::path(CONSULTA_BIN_DIR) / "consulta-searchd";

/// The project's default settings (config/consulta.toml and its gazetteers).
inline Settings project_settings() { return default_settings(default_config_dir()); }

/// Copies the corpus into `corpus` (so that a test may add a file) and indexes it.
inline void build_index(const std::filesystem::path& corpus, const std::filesystem::path& index) {
    namespace fs = std::filesystem;
    fs::create_directories(corpus);
    for (const auto& entry : fs::directory_iterator(kSourceDir / "corpus")) {
        fs::copy_file(entry.path(), corpus / entry.path().filename());
        fs::permissions(corpus / entry.path().filename(), fs::perms::owner_write,
                        fs::perm_options::add);
    }
    auto summary = index_corpus({corpus, index, project_settings(), {}});
    ASSERT_TRUE(summary.is_ok()) << summary.status().message();
}

/// A settings file that uses the project's gazetteers from anywhere, plus `searchd_lines`
/// (TOML lines of the [searchd] table, such as `cors_origins = ["https://a.example"]`).
inline std::filesystem::path write_settings_file(const std::filesystem::path& file,
                                                 const std::string& searchd_lines) {
    const auto config = kSourceDir / "config";
    std::ofstream out(file);
    out << "[gazetteers]\n"
        << "states = \"" << (config / "states.tsv").string() << "\"\n"
        << "mechanisms = \"" << (config / "mechanisms.tsv").string() << "\"\n"
        << "organisations = \"" << (config / "organisations.tsv").string() << "\"\n"
        << "[searchd]\n"
        << searchd_lines << "\n";
    return file;
}

/// The real daemon as a child process; its stderr (the access log) goes to a file.
class Daemon {
public:
    Daemon(const std::filesystem::path& index, const std::filesystem::path& log,
           std::vector<std::string> extra = {})
        : log_(log) {
        int out[2];
        EXPECT_EQ(pipe(out), 0);
        pid_ = fork();
        if (pid_ == 0) {
            dup2(out[1], STDOUT_FILENO);
            const int err = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(err, STDERR_FILENO);
            close(out[0]);
            std::vector<std::string> args = {kSearchdBinary.string(), "--index", index.string(),
                                             "--listen", "127.0.0.1:0"};
            args.insert(args.end(), extra.begin(), extra.end());
            std::vector<char*> argv;
            for (auto& arg : args) argv.push_back(arg.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(out[1]);
        stdout_ = out[0];
        port_ = read_port();
    }
    ~Daemon() {
        if (pid_ > 0) stop();
        if (stdout_ >= 0) close(stdout_);
    }
    Daemon(const Daemon&) = delete;
    Daemon& operator=(const Daemon&) = delete;

    int port() const { return port_; }
    pid_t pid() const { return pid_; }

    /// What the daemon wrote to stderr so far.
    std::string log() const { return read_file(log_); }

    /// Polls the log (every 10 ms, at most 10 s) until `done` holds for it; returns the log.
    std::string wait_for_log(const std::function<bool(const std::string&)>& done) const {
        std::string text = log();
        for (int i = 0; i < 1000 && !done(text); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            text = log();
        }
        return text;
    }

    /// SIGTERM, then the exit status (-1 when it did not exit normally within 10 s).
    int stop() {
        if (pid_ <= 0) return -1;
        kill(pid_, SIGTERM);
        int status = 0;
        for (int i = 0; i < 1000; ++i) {
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = 0;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        pid_ = 0;
        return -1;
    }

private:
    // "consulta-searchd listening on http://127.0.0.1:43123"
    int read_port() {
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd p{stdout_, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            char c;
            if (read(stdout_, &c, 1) != 1) break;
            if (c != '\n') {
                line += c;
                continue;
            }
            const auto colon = line.rfind(':');
            if (line.rfind("consulta-searchd listening on http://127.0.0.1:", 0) == 0) {
                return std::stoi(line.substr(colon + 1));
            }
            line.clear();
        }
        ADD_FAILURE() << "consulta-searchd did not print its port\n" << log();
        return 0;
    }

    std::filesystem::path log_;
    pid_t pid_ = -1;
    int stdout_ = -1;
    int port_ = 0;
};

/// A port the kernel just handed out and took back: free for the server started next,
/// unless another process takes it first (callers that cannot bind port 0 themselves retry).
inline int free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

/// A raw connection to 127.0.0.1:port.
inline int connect_to(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    return fd;
}

/// Sends `request` and reads until the peer closes or is silent for 3 s.
inline std::string send_and_read(int fd, const std::string& request) {
    EXPECT_EQ(send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
    std::string answer;
    char buffer[4096];
    pollfd p{fd, POLLIN, 0};
    while (poll(&p, 1, 3000) > 0) {
        const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        answer.append(buffer, static_cast<std::size_t>(n));
    }
    return answer;
}

}  // namespace consulta::test_support
