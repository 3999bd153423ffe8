// What no ordinary request shows, on the real daemon on port 0: the 500 answer of a handler
// that throws (injected with the testing-only --test-fault), a SIGTERM while requests are inside
// their handlers, the access log's line, and which origins CORS lets read the answers.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/searchd_daemon.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using test_support::Daemon;
using test_support::TempDir;

// One index of the corpus for every test of this file's process.
class SearchdLifecycleTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        auto summary = index_corpus({test_support::kSourceDir / "corpus", index(),
                                     test_support::project_settings(), {}});
        ASSERT_TRUE(summary.is_ok()) << summary.status().message();
    }
    static void TearDownTestSuite() { delete dir_; }
    static fs::path index() { return dir_->path() / "index"; }
    static fs::path log() { return dir_->path() / "searchd.log"; }

    static TempDir* dir_;
};
TempDir* SearchdLifecycleTest::dir_ = nullptr;

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t count = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
    return count;
}

// The access-log lines (the daemon's own messages start with its name), each with its
// duration replaced by <ms>.
std::vector<std::string> access_lines(const std::string& log) {
    static const std::regex kDuration(R"( [0-9]+\.[0-9]{2} ms)");
    std::vector<std::string> lines;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("consulta-searchd", 0) == 0) continue;
        lines.push_back(std::regex_replace(line, kDuration, " <ms> ms"));
    }
    return lines;
}

TEST_F(SearchdLifecycleTest, AThrowingHandlerAnswers500InTheErrorShapeAndTheDaemonGoesOn) {
    Daemon daemon(index(), log(), {"--test-fault", "throw:/v1/stats"});
    httplib::Client client("127.0.0.1", daemon.port());
    for (int i = 0; i < 2; ++i) {  // the same route fails the same way again: nothing broke
        auto res = client.Get("/v1/stats");
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 500);
        EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
        EXPECT_EQ(json::parse(res->body),
                  json::parse(R"({"error": {"status": 500, "code": "internal_error",
                                            "message": "internal error"}})"));
        EXPECT_FALSE(res->has_header("EXCEPTION_WHAT"));  // the exception text stays in the log
    }
    auto health = client.Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    const std::string text = daemon.wait_for_log(
        [](const std::string& t) { return count_of(t, "GET /healthz 200") == 1; });
    EXPECT_EQ(count_of(text, "consulta-searchd: TESTING ONLY: --test-fault throw:/v1/stats"), 1u);
    EXPECT_EQ(count_of(text, "consulta-searchd: /v1/stats failed: test fault injected into "
                             "/v1/stats\n"),
              2u)
        << text;
    EXPECT_EQ(count_of(text, "GET /v1/stats 500 "), 2u) << text;
    EXPECT_EQ(daemon.stop(), 0) << text;
}

TEST_F(SearchdLifecycleTest, ABadTestFaultIsAUsageError) {
    for (const char* fault : {"explode:/v1/stats", "throw:/v1/nowhere", "throw:"}) {
        // timeout: a daemon that wrongly starts would otherwise serve until ctest kills it.
        const std::string command = "timeout 10 " + test_support::kSearchdBinary.string() +
                                    " --index " + index().string() +
                                    " --listen 127.0.0.1:0 --test-fault " + fault +
                                    " >/dev/null 2>&1";
        EXPECT_EQ(WEXITSTATUS(std::system(command.c_str())), 2) << fault;
    }
}

TEST_F(SearchdLifecycleTest, SigtermLetsRequestsInFlightFinishThenExits0) {
    // Every /v1/search request is held inside its handler until the daemon is told to stop,
    // so the SIGTERM is certain to find all of them in flight.
    Daemon daemon(index(), log(), {"--test-fault", "hold:/v1/search", "--threads", "4"});
    constexpr int kInFlight = 3;
    std::vector<int> statuses(kInFlight, 0);
    std::vector<json> answers(kInFlight);
    std::vector<std::thread> clients;
    for (int i = 0; i < kInFlight; ++i) {
        clients.emplace_back([&, i] {
            httplib::Client client("127.0.0.1", daemon.port());
            client.set_read_timeout(60, 0);
            if (auto res = client.Get("/v1/search?q=mauritius")) {
                statuses[i] = res->status;
                answers[i] = json::parse(res->body, nullptr, false);
            }
        });
    }
    const std::string held = daemon.wait_for_log([](const std::string& t) {
        return count_of(t, "holding a /v1/search request") == kInFlight;
    });
    ASSERT_EQ(count_of(held, "holding a /v1/search request"), std::size_t{kInFlight}) << held;
    EXPECT_EQ(count_of(held, "GET /v1/search "), 0u) << "a request was answered before SIGTERM";

    EXPECT_EQ(daemon.stop(), 0) << daemon.log();
    for (auto& client : clients) client.join();
    for (int i = 0; i < kInFlight; ++i) {
        ASSERT_EQ(statuses[i], 200) << i << ": no answer, or not a complete one";
        ASSERT_TRUE(answers[i].is_object()) << i;
        EXPECT_EQ(answers[i].value("total", 0), 2) << i;  // complete answers, not cut short
        ASSERT_EQ(answers[i]["hits"].size(), 2u) << i;
        EXPECT_EQ(answers[i]["hits"][0]["id"], "004_802a8142425b9b91");
    }
    const std::string text = daemon.log();
    EXPECT_EQ(count_of(text, "consulta-searchd: stopping (SIGTERM), finishing requests in flight"),
              1u)
        << text;
    EXPECT_EQ(count_of(text, "GET /v1/search 200 "), std::size_t{kInFlight}) << text;
    EXPECT_EQ(count_of(text, "consulta-searchd: stopped\n"), 1u) << text;
}

TEST_F(SearchdLifecycleTest, AccessLogHasOneLinePerRequestInItsFormat) {
    Daemon daemon(index(), log());
    httplib::Client client("127.0.0.1", daemon.port());
    // One connection, so one worker logs the requests in the order they were sent (a line is
    // written once its answer is sent, before the worker reads the next request).
    client.set_keep_alive(true);
    ASSERT_TRUE(client.Get("/v1/search?q=trafficking&state=BW"));
    ASSERT_TRUE(client.Get("/v1/mentions?state=SZ"));
    ASSERT_TRUE(client.Get("/v1/documents/no_such_document"));
    ASSERT_TRUE(client.Head("/v1/stats"));
    ASSERT_TRUE(client.Get("/v1/documents/a%0Ab"));  // a control byte is escaped, not a new line
    ASSERT_TRUE(client.Get("/no/such/route"));
    const std::string text = daemon.wait_for_log(
        [](const std::string& t) { return access_lines(t).size() == 6; });
    // METHOD PATH STATUS MILLISECONDS " ms" [hits=TOTAL]: the query string is not logged.
    EXPECT_EQ(access_lines(text), (std::vector<std::string>{
                                      "GET /v1/search 200 <ms> ms hits=3",
                                      "GET /v1/mentions 200 <ms> ms hits=2",
                                      "GET /v1/documents/no_such_document 404 <ms> ms",
                                      "HEAD /v1/stats 200 <ms> ms",
                                      "GET /v1/documents/a\\x0ab 404 <ms> ms",
                                      "GET /no/such/route 404 <ms> ms",
                                  }))
        << text;
    EXPECT_EQ(daemon.stop(), 0);
}

TEST_F(SearchdLifecycleTest, CorsEchoesAnAllowedOriginAndNoOther) {
    const fs::path config = test_support::write_settings_file(
        dir_->path() / "cors.toml", R"(cors_origins = ["https://allowed.example"])");
    Daemon daemon(index(), log(), {"--config", config.string()});
    httplib::Client client("127.0.0.1", daemon.port());

    auto allowed = client.Get("/v1/stats", {{"Origin", "https://allowed.example"}});
    ASSERT_TRUE(allowed);
    EXPECT_EQ(allowed->status, 200);
    EXPECT_EQ(allowed->get_header_value("Access-Control-Allow-Origin"), "https://allowed.example");
    EXPECT_EQ(allowed->get_header_value("Vary"), "Origin");
    // An error is readable by the allowed page too, so that it can show the message.
    auto error = client.Get("/v1/search?limit=abc", {{"Origin", "https://allowed.example"}});
    ASSERT_TRUE(error);
    EXPECT_EQ(error->status, 400);
    EXPECT_EQ(error->get_header_value("Access-Control-Allow-Origin"), "https://allowed.example");

    for (const char* other : {"https://other.example", "https://allowed.example.evil",
                              "http://allowed.example"}) {
        auto res = client.Get("/v1/stats", {{"Origin", other}});
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 200) << other;
        EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin")) << other;
    }

    auto preflight = client.Options("/v1/search", {{"Origin", "https://allowed.example"},
                                                   {"Access-Control-Request-Method", "GET"}});
    ASSERT_TRUE(preflight);
    EXPECT_EQ(preflight->status, 204);
    EXPECT_EQ(preflight->get_header_value("Access-Control-Allow-Origin"),
              "https://allowed.example");
    EXPECT_EQ(preflight->get_header_value("Access-Control-Allow-Methods"), "GET, HEAD, OPTIONS");
    auto refused = client.Options("/v1/search", {{"Origin", "https://other.example"},
                                                 {"Access-Control-Request-Method", "GET"}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 204);
    EXPECT_FALSE(refused->has_header("Access-Control-Allow-Origin"));
    EXPECT_FALSE(refused->has_header("Access-Control-Allow-Methods"));
    EXPECT_EQ(daemon.stop(), 0);
}

}  // namespace
}  // namespace consulta
