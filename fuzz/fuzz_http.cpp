// libFuzzer target: HTTP request parsing. The input is the bytes a client sends; they go over
// a loopback TCP connection to the real SearchServer (Debian's cpp-httplib 0.11.4 and all of
// Consulta's routes and policies) running in this process over a real index of corpus/. The
// client then half-closes and reads until the server closes. Every answer must be a well-formed
// HTTP/1.1 status line and never a 500, and the server must close the connection.
//
// Run with -close_fd_mask=2: the daemon logs every request on stderr; libFuzzer and the
// sanitizers keep their own copy of it, and so does fail() (see LLVMFuzzerInitialize).
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "core/entities/gazetteer.h"
#include "fuzz/fuzz_support.h"
#include "searchd/openapi.h"
#include "searchd/server.h"

namespace consulta::fuzz {
namespace {

class InProcessDaemon {
public:
    InProcessDaemon() {
        const std::filesystem::path index = corpus_index();
        auto loaded = Gazetteer::load(project_settings().gazetteers);
        check(loaded.is_ok(), "gazetteer: " + loaded.status().message());
        gazetteer_ = std::make_shared<const Gazetteer>(std::move(loaded).value());
        searchers_ = std::make_unique<SearcherPool>(index, gazetteer_, project_settings());
        web_ = StaticFiles::load(CONSULTA_SEARCHD_WEB_DIR);
        App app{project_settings(), *searchers_, metrics_, web_, openapi_document(),
                std::make_shared<QueueGauges>()};
        server_ = std::make_unique<SearchServer>(app, ServerOptions{"127.0.0.1", 0, 2, 0, {}});
        auto port = server_->bind();
        check(port.is_ok(), "bind: " + port.status().message());
        port_ = *port;
        serving_ = std::thread([this] { server_->run(); });
    }
    // At exit, before the statics it uses are destroyed: in-flight requests end first.
    ~InProcessDaemon() {
        server_->stop();
        serving_.join();
    }
    int port() const { return port_; }

private:
    std::shared_ptr<const Gazetteer> gazetteer_;
    std::unique_ptr<SearcherPool> searchers_;
    Metrics metrics_;
    StaticFiles web_;
    std::unique_ptr<SearchServer> server_;
    int port_ = 0;
    std::thread serving_;
};

int connect_to(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    check(fd >= 0, "socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    check(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0, "connect failed");
    return fd;
}

// Sends everything, reading meanwhile so that a server answering early cannot deadlock us.
std::string exchange(int fd, std::string_view request) {
    std::string answer;
    std::size_t sent = 0;
    bool half_closed = false;
    char buffer[16384];
    for (int idle_ms = 0;;) {
        if (sent == request.size() && !half_closed) {
            shutdown(fd, SHUT_WR);
            half_closed = true;
        }
        pollfd p{fd, static_cast<short>(POLLIN | (half_closed ? 0 : POLLOUT)), 0};
        const int ready = poll(&p, 1, 100);
        if (ready == 0) {
            idle_ms += 100;
            // The server's own read timeout is 5 s; a connection still open well after that,
            // with the client's side closed, is a hang.
            check(idle_ms < 15000, "the server kept a half-closed connection open for 15 s");
            continue;
        }
        idle_ms = 0;
        if (p.revents & POLLIN) {
            const ssize_t got = recv(fd, buffer, sizeof buffer, 0);
            if (got <= 0) break;  // closed (or reset: the server may close with unread bytes)
            answer.append(buffer, static_cast<std::size_t>(got));
            check(answer.size() < (64u << 20), "an answer over 64 MB");
        } else if (p.revents & POLLOUT) {
            const ssize_t put = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
            if (put < 0) break;  // the server closed first
            sent += static_cast<std::size_t>(put);
        } else if (p.revents & (POLLERR | POLLHUP)) {
            break;
        }
    }
    return answer;
}

// Every "HTTP/1.1 NNN" the server answered must be a real status and not 500.
void check_answers(const std::string& answer) {
    if (answer.empty()) return;  // a connection closed without an answer is allowed
    check(answer.rfind("HTTP/1.1 ", 0) == 0, "answer does not start with a status line: " +
                                                 answer.substr(0, 80));
    for (std::size_t at = 0; (at = answer.find("HTTP/1.1 ", at)) != std::string::npos; at += 9) {
        if (at != 0 && answer.compare(at - 2, 2, "\r\n") != 0 && answer.compare(at - 1, 1, "\n") != 0)
            continue;  // inside a body
        const std::string code = answer.substr(at + 9, 3);
        check(code.size() == 3 && code[0] >= '1' && code[0] <= '5', "bad status line: " + code);
        check(code != "500", "a 500 answer: " + answer.substr(at, 400));
    }
}


}  // namespace
}  // namespace consulta::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // libFuzzer closes stderr only after this: keep a copy for fail().
    consulta::fuzz::report_fd() = dup(2);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace consulta::fuzz;
    static InProcessDaemon instance;
    const int fd = connect_to(instance.port());
    const std::string answer =
        exchange(fd, std::string_view(reinterpret_cast<const char*>(data), size));
    close(fd);
    check_answers(answer);
    return 0;
}
