// Slow and many clients beside a normal one (issue 10, hole 1), against the real daemon and
// the real nginx front. Each test asserts that the normal client is answered and what the
// hostile ones get, never how fast.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "tests/reliability/http/http_wire.h"
#include "tests/support/searchd_daemon.h"

namespace consulta {
namespace {

namespace fs = std::filesystem;
using test_support::Daemon;
using test_support::TempDir;

const std::string kHealthz = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";

int healthz_status(int port) {
    const int fd = test_support::connect_to(port);
    test_support::send_all(fd, kHealthz);
    std::string buffer;
    auto answer = test_support::next_answer(fd, buffer, false, 30000);
    close(fd);
    return answer ? answer->status : 0;
}

// The value of a gauge or counter in /metrics: -1 when the line is absent (a counter not
// counted yet), -2 when /metrics did not answer.
long metric(int port, const std::string& name) {
    const int fd = test_support::connect_to(port);
    test_support::send_all(fd, "GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n");
    std::string buffer;
    auto answer = test_support::next_answer(fd, buffer, false);
    close(fd);
    if (!answer || answer->status != 200) return -2;
    const auto at = answer->body.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::stol(answer->body.substr(at + name.size() + 2));
}

class SlowClients : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir;
        const fs::path corpus = dir_->path() / "corpus";
        fs::create_directories(corpus);
        // A 2.5 MB document: its answer is more than the kernel buffers of a client not reading.
        std::ofstream big(corpus / "big.txt");
        for (int i = 0; i < 60000; ++i) big << "consultation line " << i << " of a record\n";
        big.close();
        test_support::build_index(corpus, dir_->path() / "index");
        config_ = new fs::path(test_support::write_settings_file(
            dir_->path() / "consulta.toml",
            "threads = 4\nhead_timeout_seconds = 3\nwrite_timeout_seconds = 3\n"
            "keep_alive_seconds = 60\nmax_connections = 1500\n"));
    }
    static void TearDownTestSuite() {
        delete config_;
        delete dir_;
    }
    static Daemon start() {
        return Daemon(dir_->path() / "index", dir_->path() / "searchd.log",
                      {"--config", config_->string()});
    }
    static TempDir* dir_;
    static fs::path* config_;
};
TempDir* SlowClients::dir_ = nullptr;
fs::path* SlowClients::config_ = nullptr;

TEST_F(SlowClients, TwoHundredSlowHeadsLeaveHealthzAnsweredAndAreClosedWith408) {
    Daemon daemon = start();
    std::vector<int> slow;
    for (int i = 0; i < 200; ++i) {
        slow.push_back(test_support::connect_to(daemon.port()));
        test_support::send_all(slow.back(), "GET /hea");  // and never more
    }
    // 200 slow heads and 4 workers: the normal client is still answered, five times.
    for (int i = 0; i < 5; ++i) EXPECT_EQ(healthz_status(daemon.port()), 200);
    // Every slow head is answered 408 and closed once the head deadline has passed.
    int timed_out = 0;
    for (int fd : slow) {
        std::string buffer;
        auto answer = test_support::next_answer(fd, buffer, false, 20000);
        if (answer && answer->status == 408 && answer->code == "request_timeout") ++timed_out;
        close(fd);
    }
    EXPECT_EQ(timed_out, 200);
    EXPECT_EQ(healthz_status(daemon.port()), 200);
}

TEST_F(SlowClients, OneBytePerTickHeadsAreCutAtTheDeadlineNotPerRead) {
    Daemon daemon = start();
    std::vector<int> slow;
    for (int i = 0; i < 50; ++i) slow.push_back(test_support::connect_to(daemon.port()));
    // One byte per 200 ms each: every read is quick, the head never ends.
    const std::string head = "GET /healthz HTTP/1.1\r\nX-Slow: " + std::string(200, 'a');
    bool all_cut = false;
    for (std::size_t i = 0; i < head.size() && !all_cut; ++i) {
        int open = 0;
        for (int fd : slow) {
            if (::send(fd, &head[i], 1, MSG_NOSIGNAL) == 1) ++open;
        }
        if (i == 20) {
            EXPECT_EQ(healthz_status(daemon.port()), 200);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        all_cut = open == 0;
    }
    int cut = 0;
    for (int fd : slow) {
        std::string buffer;
        auto answer = test_support::next_answer(fd, buffer, false, 1000);
        if ((answer && answer->status == 408) || test_support::closes_within(fd, buffer, 1000)) ++cut;
        close(fd);
    }
    EXPECT_EQ(cut, 50);
}

TEST_F(SlowClients, ClientsThatNeverReadLeaveHealthzAnswered) {
    Daemon daemon = start();
    std::vector<int> readers;
    for (int i = 0; i < 12; ++i) {  // 3 x the workers, each asking for the 6 MB document
        readers.push_back(test_support::connect_to(daemon.port()));
        int small = 4096;
        setsockopt(readers.back(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        test_support::send_all(readers.back(),
                               "GET /v1/documents/big?text=1 HTTP/1.1\r\nHost: t\r\n\r\n");
    }
    for (int i = 0; i < 3; ++i) EXPECT_EQ(healthz_status(daemon.port()), 200);
    for (int fd : readers) close(fd);
    EXPECT_EQ(healthz_status(daemon.port()), 200);
}

TEST_F(SlowClients, AThousandIdleKeepAliveConnectionsLeaveHealthzAnswered) {
    Daemon daemon = start();
    std::vector<int> idle;
    int answered = 0;
    for (int i = 0; i < 1000; ++i) {
        idle.push_back(test_support::connect_to(daemon.port()));
        test_support::send_all(idle.back(), kHealthz);
        std::string buffer;
        auto answer = test_support::next_answer(idle.back(), buffer, false, 30000);
        if (answer && answer->status == 200) ++answered;
    }
    EXPECT_EQ(answered, 1000);  // all kept alive, none turned away
    EXPECT_EQ(healthz_status(daemon.port()), 200);
    EXPECT_GE(metric(daemon.port(), "consulta_connections_open"), 1000);
    for (int fd : idle) close(fd);
}

// One worker, one client pipelining 20 searches of 100 ms each (--test-fault slow) and reading
// nothing yet, then a probe on a second connection. The probe's request takes its turn after
// the search under way, not after the whole pipeline: when /metrics counts, at most a few of
// the 20 searches are done. Serving a pipeline to its end first would count all 20.
TEST_F(SlowClients, APipelineTakesTurnsWithOtherConnections) {
    const fs::path config = test_support::write_settings_file(
        dir_->path() / "one-worker.toml", "threads = 1\nwrite_timeout_seconds = 30\n");
    Daemon daemon(dir_->path() / "index", dir_->path() / "pipeline.log",
                  {"--config", config.string(), "--test-fault", "slow:/v1/search"});
    const std::string search = "GET /v1/search?q=consultation&limit=1 HTTP/1.1\r\nHost: t\r\n\r\n";
    std::string pipeline;
    for (int i = 0; i < 20; ++i) pipeline += search;
    const int pipelining = test_support::connect_to(daemon.port());
    test_support::send_all(pipelining, pipeline);
    const long searches_before =
        metric(daemon.port(), "consulta_http_requests_total{route=\"/v1/search\",status=\"200\"}");
    EXPECT_NE(searches_before, -2);  // /metrics answered
    EXPECT_LT(searches_before, 20);  // -1: no search counted yet; 20: the pipeline came first
    // The pipeline itself is answered whole, in order.
    std::string buffer;
    int answered = 0;
    while (auto answer = test_support::next_answer(pipelining, buffer, false, 30000)) {
        if (answer->status == 200) ++answered;
        if (answered == 20) break;
    }
    EXPECT_EQ(answered, 20);
    close(pipelining);
}

// nginx holds the 1,000 client connections; the daemon sees a handful of upstream ones.
TEST_F(SlowClients, AThousandConnectionsThroughTheNginxFront) {
    if (access("/usr/sbin/nginx", X_OK) != 0) GTEST_SKIP() << "nginx is not installed";
    // nginx cannot listen on port 0 and tell us the port, so the ports are ones the kernel
    // just handed out; another test may take one before nginx binds it, so a failed start
    // is tried again with fresh ports.
    int port = 0, daemon_port = 0, nginx_pid = 0, searchd_pid = 0;
    fs::path work;
    for (int attempt = 0; attempt < 5 && nginx_pid == 0; ++attempt) {
        port = test_support::free_port();
        daemon_port = test_support::free_port();
        work = dir_->path() / ("nginx-" + std::to_string(attempt));
        const std::string command = std::string("bash ") + CONSULTA_NGINX_SCRIPT + " --detach --index " +
                                    (dir_->path() / "index").string() + " --config " +
                                    config_->string() + " --bin " + CONSULTA_BIN_DIR + " --work " +
                                    work.string() + " --port " + std::to_string(port) +
                                    " --daemon-port " + std::to_string(daemon_port);
        FILE* out = popen(command.c_str(), "r");
        ASSERT_NE(out, nullptr);
        if (fscanf(out, "nginx-pid=%d searchd-pid=%d", &nginx_pid, &searchd_pid) != 2) {
            nginx_pid = searchd_pid = 0;
        }
        pclose(out);
    }
    ASSERT_NE(nginx_pid, 0) << test_support::read_file(work / "error.log")
                            << test_support::read_file(work / "searchd.log");

    // 1,000 connections opened and held by nginx, then 90 of them (under the per-address
    // burst of 100 requests) send a request each.
    std::vector<int> clients;
    for (int i = 0; i < 1000; ++i) clients.push_back(test_support::connect_to(port));
    int answered = 0;
    for (int i = 0; i < 90; ++i) {
        test_support::send_all(clients[i * 11], kHealthz);
        std::string buffer;
        auto answer = test_support::next_answer(clients[i * 11], buffer, false, 30000);
        if (answer && answer->status == 200) ++answered;
    }
    EXPECT_EQ(answered, 90);
    EXPECT_EQ(healthz_status(port), 200);
    // The 1,000 are held by nginx; the daemon has at most its 16 kept-alive upstream ones.
    const long upstream = metric(daemon_port, "consulta_connections_open");
    EXPECT_GE(upstream, 1);
    EXPECT_LE(upstream, 17);
    for (int fd : clients) close(fd);
    kill(nginx_pid, SIGQUIT);
    kill(searchd_pid, SIGTERM);
    for (int i = 0; i < 500 && (kill(nginx_pid, 0) == 0 || kill(searchd_pid, 0) == 0); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace
}  // namespace consulta
