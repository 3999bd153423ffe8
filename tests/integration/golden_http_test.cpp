// Golden answers: the main routes, answered by the real daemon over an index of corpus/, are
// compared whole with the files of tests/data/golden/http/ (listed in its cases.tsv). Only
// what must differ between two runs is set aside: the search's took_ms, the index generation,
// its time stamp and its size in bytes. Each is replaced by a marker naming its JSON type, so
// that the key and its type stay pinned.
//
// CONSULTA_UPDATE_GOLDEN=1 writes the answers into those files instead of comparing them;
// scripts/update-golden.sh does that and shows the diff for review.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/searchd_daemon.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using test_support::read_file;
using test_support::TempDir;

const fs::path kGoldenDir = fs::path(CONSULTA_TEST_DATA_DIR) / "golden" / "http";

/// One line of cases.tsv.
struct GoldenCase {
    std::string file;  ///< beside cases.tsv; .json is compared as JSON, anything else as bytes
    int status = 200;
    std::string request;  ///< path and query, percent-encoded
};

// gtest names a failing case by this rather than by its bytes.
void PrintTo(const GoldenCase& golden, std::ostream* out) {
    *out << golden.file << " (GET " << golden.request << ")";
}

std::vector<GoldenCase> load_cases() {
    std::vector<GoldenCase> cases;
    std::istringstream lines(read_file(kGoldenDir / "cases.tsv"));
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        GoldenCase golden;
        std::string status;
        std::getline(fields, golden.file, '\t');
        std::getline(fields, status, '\t');
        std::getline(fields, golden.request);
        golden.status = std::atoi(status.c_str());
        cases.push_back(golden);
    }
    return cases;
}

bool is_json(const GoldenCase& golden) { return fs::path(golden.file).extension() == ".json"; }

// The values that differ from one index build, or one request, to the next.
bool varies(const std::string& key) {
    return key == "took_ms" || key == "generation" || key == "indexed_at" || key == "index_bytes";
}

json normalise(const json& value) {
    if (value.is_array()) {
        json out = json::array();
        for (const auto& item : value) out.push_back(normalise(item));
        return out;
    }
    if (!value.is_object()) return value;
    json out = json::object();
    for (const auto& [key, item] : value.items()) {
        out[key] = varies(key) ? json(std::string("<varies: ") + item.type_name() + ">")
                               : normalise(item);
    }
    return out;
}

std::string pretty(const json& value) {
    return value.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// A unified diff of the golden text against the answer, for the failure message.
std::string diff(const std::string& name, const std::string& golden, const std::string& answer,
                 const fs::path& scratch) {
    const fs::path a = scratch / "golden", b = scratch / "answer";
    write_text(a, golden);
    write_text(b, answer);
    const std::string command = "diff -u --label 'golden/http/" + name +
                                "' --label 'answer' '" + a.string() + "' '" + b.string() + "'";
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
        pclose(pipe);
    }
    return out;
}

class GoldenHttpTest : public ::testing::TestWithParam<GoldenCase> {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        auto summary = index_corpus({test_support::kSourceDir / "corpus", dir_->path() / "index",
                                     test_support::project_settings(), {}});
        ASSERT_TRUE(summary.is_ok()) << summary.status().message();
        daemon_ = new test_support::Daemon(dir_->path() / "index", dir_->path() / "searchd.log");
    }
    static void TearDownTestSuite() {
        EXPECT_EQ(daemon_->stop(), 0) << daemon_->log();
        delete daemon_;
        delete dir_;
    }

    static TempDir* dir_;
    static test_support::Daemon* daemon_;
};

TempDir* GoldenHttpTest::dir_ = nullptr;
test_support::Daemon* GoldenHttpTest::daemon_ = nullptr;

TEST_P(GoldenHttpTest, AnswerIsTheGoldenOne) {
    const GoldenCase& golden = GetParam();
    httplib::Client client("127.0.0.1", daemon_->port());
    client.set_read_timeout(30, 0);
    auto res = client.Get(golden.request.c_str());
    ASSERT_TRUE(res) << golden.request << ": " << httplib::to_string(res.error());
    EXPECT_EQ(res->status, golden.status) << golden.request << "\n" << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"),
              is_json(golden)                    ? "application/json; charset=utf-8"
              : golden.file.ends_with(".jsonl") ? "application/x-ndjson"
                                                 : "text/csv; charset=utf-8");

    std::string answer = res->body;
    if (is_json(golden)) {
        const json parsed = json::parse(res->body, nullptr, false);
        ASSERT_FALSE(parsed.is_discarded()) << golden.request << " is not JSON:\n" << res->body;
        answer = pretty(normalise(parsed));
    }
    const fs::path file = kGoldenDir / golden.file;
    if (const char* update = std::getenv("CONSULTA_UPDATE_GOLDEN"); update && *update == '1') {
        write_text(file, answer);
        GTEST_SKIP() << "wrote " << file;
    }
    ASSERT_TRUE(fs::exists(file)) << file << " is missing: run scripts/update-golden.sh";
    std::string expected = read_file(file);
    if (is_json(golden)) {
        const json parsed = json::parse(expected, nullptr, false);
        ASSERT_FALSE(parsed.is_discarded()) << file << " is not JSON";
        expected = pretty(parsed);  // a hand edit's layout is not a difference
    }
    if (answer == expected) return;
    ADD_FAILURE() << golden.request << " answers differently from " << file << ":\n"
        << diff(golden.file, expected, answer, dir_->path())
        << "If the new answer is right: scripts/update-golden.sh, then review the diff.";
}

std::string case_name(const ::testing::TestParamInfo<GoldenCase>& info) {
    std::string name = info.param.file;
    for (auto& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    return name;
}

INSTANTIATE_TEST_SUITE_P(Routes, GoldenHttpTest, ::testing::ValuesIn(load_cases()), case_name);

}  // namespace
}  // namespace consulta
