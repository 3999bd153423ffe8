// The hostile-request table (issue 10, holes 2 and 3): raw bytes a client may send, each with
// the answers it must get, in order, with their status and error code, and whether the daemon
// then closes. Against the real consulta-searchd over an index of the real corpus; after the
// whole table the daemon is the same process, still answers, and stayed under a memory bound.
#include <gtest/gtest.h>
#include <signal.h>

#include <string>
#include <vector>

#include "tests/reliability/http/http_wire.h"
#include "tests/support/searchd_daemon.h"

namespace consulta {
namespace {

namespace fs = std::filesystem;
using test_support::Daemon;
using test_support::TempDir;

struct Expected {
    int status;
    std::string code;  ///< "" for a success
};

struct Row {
    std::string name;
    std::string bytes;
    std::vector<Expected> answers;  ///< in order; nothing more may come
    bool closes;                    ///< the daemon closes the connection after them
    bool head = false;              ///< answers to HEAD have no body
};

std::string get(const std::string& target, const std::string& extra = "") {
    return "GET " + target + " HTTP/1.1\r\nHost: t\r\n" + extra + "\r\n";
}

std::string repeat(const std::string& part, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += part;
    return out;
}

std::string wildcards(std::size_t n) {
    std::string q;
    for (std::size_t i = 0; i < n; ++i) q += (i ? "+" : "") + std::string("a*");
    return q;
}

// A GET of /healthz padded with a header so that it ends exactly at byte `end`.
std::string healthz_ending_at(std::size_t end) {
    const std::string base = "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad: \r\n\r\n";
    return "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Pad: " + std::string(end - base.size(), 'p') +
           "\r\n\r\n";
}

std::vector<Row> table() {
    const Expected ok{200, ""};
    std::vector<Row> rows;
    // --- pipelining: every request in one write gets its answer, in order ---
    for (std::size_t n : {2u, 3u, 10u, 50u}) {
        rows.push_back({"pipelined " + std::to_string(n) + " GETs", repeat(get("/healthz"), n),
                        std::vector<Expected>(n, ok), false});
    }
    rows.push_back({"pipelined, mixed routes",
                    get("/healthz") + get("/v1/stats") + get("/v1/search?q=migration") +
                        get("/nope"),
                    {ok, ok, ok, {404, "not_found"}}, false});
    rows.push_back({"pipelined, the second asks to close",
                    get("/healthz") + get("/healthz", "Connection: close\r\n") + get("/healthz"),
                    {ok, ok}, true});
    rows.push_back({"pipelined, a bad request in the middle stops the rest",
                    get("/healthz") + "BROKEN\r\n\r\n" + get("/v1/stats"),
                    {ok, {400, "bad_request"}}, true});
    rows.push_back({"pipelined, an error answer keeps the order",
                    get("/v1/search?limit=x") + get("/healthz"),
                    {{400, "bad_parameter"}, ok}, false});
    rows.push_back({"pipelined HEAD and GET", "HEAD /healthz HTTP/1.1\r\nHost: t\r\n\r\n",
                    {ok}, false, true});
    // --- requests around httplib's 4,096-byte read buffer ---
    for (std::size_t end : {4094u, 4095u, 4096u, 4097u, 4100u, 8192u}) {
        rows.push_back({"first request ends at byte " + std::to_string(end),
                        healthz_ending_at(end) + get("/v1/stats"), {ok, ok}, false});
    }
    rows.push_back({"three requests across two buffers",
                    healthz_ending_at(3000) + healthz_ending_at(3000) + get("/v1/stats"),
                    {ok, ok, ok}, false});
    // --- junk, then a request: the junk is answered 400 and the request never runs ---
    rows.push_back({"junk line then GET", "JUNK\r\n\r\n" + get("/v1/stats"),
                    {{400, "bad_request"}}, true});
    rows.push_back({"junk to byte 4,096 then GET",
                    std::string(4092, 'x') + "\r\n\r\n" + get("/v1/stats"),
                    {{400, "bad_request"}}, true});
    rows.push_back({"junk over 4,096 bytes then GET",
                    std::string(5000, 'x') + "\r\n\r\n" + get("/v1/stats"),
                    {{400, "bad_request"}}, true});
    rows.push_back({"an empty line first", "\r\n" + get("/v1/stats"), {{400, "bad_request"}}, true});
    rows.push_back({"binary junk", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) +
                                       "\r\n\r\n" + get("/v1/stats"),
                    {{400, "bad_request"}}, true});
    rows.push_back({"HTTP/0.9 request line", "GET /healthz\r\n\r\n" + get("/v1/stats"),
                    {{400, "bad_request"}}, true});
    rows.push_back({"lowercase method", "get /healthz HTTP/1.1\r\n\r\n", {{400, "bad_request"}}, true});
    rows.push_back({"unknown HTTP version", "GET /healthz HTTP/9.9\r\n\r\n", {{400, "bad_request"}}, true});
    rows.push_back({"spaces in the target", "GET /health z HTTP/1.1\r\n\r\n", {{400, "bad_request"}}, true});
    rows.push_back({"NUL in the request line", std::string("GET /heal\0thz HTTP/1.1\r\n\r\n", 27),
                    {{400, "bad_request"}}, true});
    // --- header counts and sizes ---
    // get() sends Host: 99 more make 100 header lines, the cap.
    rows.push_back({"100 headers", get("/healthz", repeat("X-A: b\r\n", 99)), {ok}, false});
    rows.push_back({"101 headers", get("/healthz", repeat("X-A: b\r\n", 100)),
                    {{431, "headers_too_large"}}, true});
    rows.push_back({"10,000 headers", get("/healthz", repeat("X-A: b\r\n", 10000)),
                    {{431, "headers_too_large"}}, true});
    rows.push_back({"100,000 headers", get("/healthz", repeat("X-A: b\r\n", 100000)),
                    {{431, "headers_too_large"}}, true});
    rows.push_back({"10,000 empty-named header lines", get("/healthz", repeat(": \r\n", 10000)),
                    {{431, "headers_too_large"}}, true});
    rows.push_back({"a 20 KB header line", get("/healthz", "X-Big: " + std::string(20000, 'b') + "\r\n"),
                    {{431, "headers_too_large"}}, true});
    rows.push_back({"a 9 KB header line (over httplib's 8 KB)",
                    get("/healthz", "X-Big: " + std::string(9000, 'b') + "\r\n"),
                    {{400, "bad_request"}}, true});
    rows.push_back({"a 9,000-byte target", get("/healthz?x=" + std::string(9000, 'a')),
                    {{414, "uri_too_long"}}, true});
    rows.push_back({"a 20,000-byte target", get("/healthz?x=" + std::string(20000, 'a')),
                    {{431, "headers_too_large"}}, true});
    rows.push_back({"a head with no blank line (408)", "GET /healthz HTTP/1.1\r\nHost: t\r\n",
                    {{408, "request_timeout"}}, true});
    rows.push_back({"bare LF line ends never finish the head (408)",
                    "GET /healthz HTTP/1.1\nHost: t\n\n", {{408, "request_timeout"}}, true});
    rows.push_back({"half a request line (408)", "GET /hea", {{408, "request_timeout"}}, true});
    // --- bodies and smuggling: answered without reading the body, then closed ---
    rows.push_back({"GET with Content-Length and a GET as body",
                    get("/healthz", "Content-Length: 30\r\n") + get("/v1/stats"),
                    {{413, "too_large"}}, true});
    rows.push_back({"GET chunked with a GET in the chunk",
                    get("/healthz", "Transfer-Encoding: chunked\r\n") + "1e\r\n" + get("/v1/stats") +
                        "\r\n0\r\n\r\n",
                    {{413, "too_large"}}, true});
    rows.push_back({"Content-Length and Transfer-Encoding together",
                    get("/healthz", "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n") +
                        "0\r\n\r\n",
                    {{413, "too_large"}}, true});
    rows.push_back({"two Content-Length headers",
                    get("/healthz", "Content-Length: 0\r\nContent-Length: 40\r\n") +
                        get("/v1/stats"),
                    {{413, "too_large"}}, true});
    rows.push_back({"POST with a body", "POST /v1/search HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nq=abc",
                    {{405, "method_not_allowed"}}, true});
    rows.push_back({"POST chunked, never finished",
                    "POST /v1/search HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nffffff\r\n",
                    {{405, "method_not_allowed"}}, true});
    rows.push_back({"Expect: 100-continue with a body",
                    get("/v1/search?q=x", "Content-Length: 10\r\nExpect: 100-continue\r\n"),
                    {{100, ""}, {413, "too_large"}}, true});
    rows.push_back({"DELETE", "DELETE /v1/stats HTTP/1.1\r\nHost: t\r\n\r\n",
                    {{405, "method_not_allowed"}}, false});
    rows.push_back({"unknown method", "BREW /v1/stats HTTP/1.1\r\nHost: t\r\n\r\n",
                    {{400, "bad_request"}}, true});
    // --- connection handling ---
    rows.push_back({"HTTP/1.0 closes after one answer",
                    "GET /healthz HTTP/1.0\r\n\r\n" + get("/v1/stats"), {ok}, true});
    rows.push_back({"Connection: close", get("/healthz", "Connection: close\r\n"), {ok}, true});
    rows.push_back({"absolute-form target", "GET http://t/healthz HTTP/1.1\r\nHost: t\r\n\r\n",
                    {{404, "not_found"}}, false});
    rows.push_back({"1,000 ranges are ignored", get("/v1/stats", "Range: bytes=" + repeat("0-1,", 999) + "0-1\r\n"),
                    {ok}, false});
    rows.push_back({"percent-encoded invalid UTF-8", get("/v1/search?q=%ff%fe"),
                    {{400, "bad_parameter"}}, false});
    rows.push_back({"percent-encoded NUL in q", get("/v1/search?q=a%00b"),
                    {{400, "bad_parameter"}}, false});
    rows.push_back({"an over-long q", get("/v1/search?q=" + std::string(3000, 'a')),
                    {{413, "too_large"}}, false});
    // --- wildcard storms: capped, answered at once ---
    rows.push_back({"680 x a* (2,039 bytes)", get("/v1/search?q=" + wildcards(680)),
                    {{400, "bad_query"}}, false});
    rows.push_back({"300 x a*", get("/v1/search?q=" + wildcards(300)), {{400, "bad_query"}}, false});
    rows.push_back({"9 wildcards", get("/v1/search?q=" + wildcards(9)), {{400, "bad_query"}}, false});
    rows.push_back({"8 wildcards", get("/v1/search?q=" + wildcards(8)), {ok}, false});
    rows.push_back({"one wildcard", get("/v1/search?q=migra*"), {ok}, false});
    rows.push_back({"wildcards OR'd", get("/v1/search?q=" + repeat("m*+OR+", 8) + "a*"),
                    {{400, "bad_query"}}, false});
    rows.push_back({"wildcards in a phrase", get("/v1/search?q=%22" + wildcards(20) + "%22"),
                    {{400, "bad_query"}}, false});
    rows.push_back({"wildcards in title:", get("/v1/search?q=" + repeat("title:a*+", 9)),
                    {{400, "bad_query"}}, false});
    rows.push_back({"a lone star", get("/v1/search?q=*"), {ok}, false});
    rows.push_back({"stars only", get("/v1/search?q=" + std::string(500, '*')), {ok}, false});
    rows.push_back({"a** and a*b*", get("/v1/search?q=a**+a*b*"), {ok}, false});
    rows.push_back({"wildcard storm, lenient", get("/v1/search?lenient=1&q=" + wildcards(100)),
                    {{400, "bad_query"}}, false});
    rows.push_back({"wildcards in mentions", get("/v1/mentions?q=" + wildcards(100)),
                    {{400, "bad_query"}}, false});
    rows.push_back({"pipelined wildcard storms", repeat(get("/v1/search?q=" + wildcards(600)), 5),
                    std::vector<Expected>(5, {400, "bad_query"}), false});
    rows.push_back({"deep parentheses", get("/v1/search?q=" + repeat("(", 200) + "a" + repeat(")", 200)),
                    {{400, "bad_query"}}, false});
    return rows;
}

class HostileRequests : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir;
        test_support::build_index(dir_->path() / "corpus", dir_->path() / "index");
        const auto config = test_support::write_settings_file(
            dir_->path() / "consulta.toml", "head_timeout_seconds = 2\nthreads = 4\n");
        daemon_ = new Daemon(dir_->path() / "index", dir_->path() / "searchd.log",
                             {"--config", config.string()});
    }
    static void TearDownTestSuite() {
        delete daemon_;
        delete dir_;
    }
    static TempDir* dir_;
    static Daemon* daemon_;
};
TempDir* HostileRequests::dir_ = nullptr;
Daemon* HostileRequests::daemon_ = nullptr;

TEST_F(HostileRequests, EveryRowGetsItsAnswersAndTheDaemonStaysUpAndBounded) {
    const auto rows = table();
    ASSERT_GE(rows.size(), 60u);
    const pid_t pid = daemon_->pid();
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        const int fd = test_support::connect_to(daemon_->port());
        test_support::send_all(fd, row.bytes);
        std::string buffer;
        for (std::size_t i = 0; i < row.answers.size(); ++i) {
            auto answer = test_support::next_answer(fd, buffer, row.head);
            ASSERT_TRUE(answer.has_value()) << "answer " << i << " missing";
            EXPECT_EQ(answer->status, row.answers[i].status) << "answer " << i << "\n" << answer->body;
            EXPECT_EQ(answer->code, row.answers[i].code) << "answer " << i;
        }
        const bool closed = test_support::closes_within(fd, buffer, row.closes ? 5000 : 300);
        EXPECT_EQ(closed, row.closes);
        EXPECT_EQ(buffer, "") << "bytes beyond the expected answers";
        close(fd);
    }
    // The junk rows' GET /v1/stats never ran: the only /v1/stats lines are the legitimate ones.
    const std::string log = daemon_->log();
    std::size_t stats = 0;
    for (auto at = log.find("GET /v1/stats "); at != std::string::npos;
         at = log.find("GET /v1/stats ", at + 1)) {
        ++stats;
    }
    // The mixed pipeline, the six boundary rows, the three-buffer row, the 1,000 ranges.
    EXPECT_EQ(stats, 9u);
    EXPECT_EQ(daemon_->pid(), pid);
    EXPECT_EQ(kill(pid, 0), 0);
    const int fd = test_support::connect_to(daemon_->port());
    test_support::send_all(fd, get("/healthz"));
    std::string buffer;
    auto answer = test_support::next_answer(fd, buffer, false);
    ASSERT_TRUE(answer.has_value());
    EXPECT_EQ(answer->status, 200);
    close(fd);
    // The peak resident size over the whole table, wildcard storms included.
    const long peak_kb = test_support::proc_status_kb(pid, "VmHWM");
    EXPECT_GT(peak_kb, 0);
    EXPECT_LT(peak_kb, 300 * 1024) << "peak resident set " << peak_kb << " kB";
}

}  // namespace
}  // namespace consulta
