// One huge document: a 50 MB one-line file is indexed up to indexer.max_text_mb (the cut
// named in the summary), a file over max_file_mb is skipped and named, and
// /v1/documents/{id} answers a page of text and mentions at a time, the pages adding up to
// the whole indexed text.
#include <gtest/gtest.h>
#include <httplib.h>

#include "tests/reliability/files/files_support.h"
#include "tests/support/searchd_daemon.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;
using namespace test_support;
using nlohmann::json;

// 32 bytes (16 MiB is a whole number of them), three mentions: two states and a year.
const std::string kSentence = "Botswana and Lesotho met, 2019. ";

TEST(HugeDocument, TextPastTheCapIsCutNamedAndTheAnswerIsPaged) {
    TempDir tmp;
    const fs::path corpus = tmp.path() / "corpus", index = tmp.path() / "index";
    fs::create_directories(corpus);
    const std::size_t repeats = (50u << 20) / kSentence.size();  // 50 MB on one line
    {
        std::ofstream out(corpus / "huge.txt", std::ios::binary);
        for (std::size_t i = 0; i < repeats; ++i) out << kSentence;
    }
    // Over the 64 MB file limit: skipped unread (sparse, so it costs no disk).
    {
        std::ofstream(corpus / "bigger.txt");
        fs::resize_file(corpus / "bigger.txt", 65u << 20);
    }
    const ProgramRun run = run_indexer(corpus, index, tmp.path());
    ASSERT_EQ(run.status, 1) << run.out << run.err;
    const json summary = json::parse(run.out);
    EXPECT_EQ(summary["added"], 1);
    ASSERT_EQ(summary["skipped"].size(), 1u);
    EXPECT_EQ(summary["skipped"][0]["reason"], "file is 65 MB, over the limit of 64 MB");
    // The cut lands on the last space before 16 MiB: after a whole number of sentences.
    const std::size_t cap = 16u << 20;
    const std::size_t kept_sentences = cap / kSentence.size();
    const std::size_t cut = kept_sentences * kSentence.size() - 1;  // the sentence's last space
    ASSERT_EQ(summary["truncated"].size(), 1u);
    EXPECT_EQ(summary["truncated"][0]["path"], (corpus / "huge.txt").string());
    EXPECT_EQ(summary["truncated"][0]["reason"],
              "text cut at " + std::to_string(cut) + " of " + std::to_string(repeats * kSentence.size()) +
                  " bytes (indexer.max_text_mb = 16 MB): the rest is neither searchable nor shown");

    Daemon daemon(index, tmp.path() / "searchd.log");
    httplib::Client client("127.0.0.1", daemon.port());
    client.set_read_timeout(60, 0);
    auto first = client.Get("/v1/documents/huge?text=1");
    ASSERT_TRUE(first);
    ASSERT_EQ(first->status, 200);
    EXPECT_LT(first->body.size(), 1400000u);  // 1 MiB of text and 2,000 mentions, not 95 MB
    const json doc = json::parse(first->body);
    EXPECT_EQ(doc["bytes"], cut);
    EXPECT_EQ(doc["text"].get<std::string>().size(), 1u << 20);
    EXPECT_EQ(doc["text_offset"], 0);
    EXPECT_EQ(doc["text_next"], 1u << 20);
    EXPECT_EQ(doc["mentions_total"], 3 * kept_sentences);
    EXPECT_EQ(doc["mentions_offset"], 0);
    EXPECT_EQ(doc["mentions_next"], 2000);
    // Full counts, a page of mentions: BW first by count ties broken by id, all on this page.
    const json& states = doc["entities"]["state"];
    ASSERT_EQ(states.size(), 2u);
    EXPECT_EQ(states[0]["count"], kept_sentences);
    EXPECT_EQ(states[0]["mentions"].size(), 2000u);
    EXPECT_EQ(states[1]["mentions"].size(), 0u);
    EXPECT_EQ(doc["entities"]["year"][0]["count"], kept_sentences);

    // The pages of text, 4 MiB at a time, add up to the indexed text.
    std::string text;
    std::size_t offset = 0, pages = 0;
    while (true) {
        auto page = client.Get(("/v1/documents/huge?text=1&mentions_limit=0&text_limit=4194304&text_offset=" +
                                std::to_string(offset)).c_str());
        ASSERT_TRUE(page);
        ASSERT_EQ(page->status, 200);
        const json j = json::parse(page->body);
        EXPECT_EQ(j["text_offset"], offset);
        text += j["text"].get<std::string>();
        ++pages;
        if (j["text_next"].is_null()) break;
        offset = j["text_next"].get<std::size_t>();
    }
    EXPECT_EQ(pages, 4u);
    ASSERT_EQ(text.size(), cut);
    std::string expected;
    for (std::size_t i = 0; i < kept_sentences; ++i) expected += kSentence;
    expected.pop_back();
    EXPECT_TRUE(text == expected);

    // The last page of mentions, and limits over the maximum are 400s with the parameter named.
    auto last = client.Get(("/v1/documents/huge?mentions_limit=10000&mentions_offset=" +
                            std::to_string(3 * kept_sentences - 5)).c_str());
    ASSERT_TRUE(last);
    const json tail = json::parse(last->body);
    EXPECT_TRUE(tail["mentions_next"].is_null());
    EXPECT_EQ(tail["entities"]["year"][0]["mentions"].size(), 5u);
    EXPECT_FALSE(tail.contains("text"));
    for (const char* bad : {"text_limit=4194305", "mentions_limit=10001", "text_limit=0", "mentions_offset=-1"}) {
        auto res = client.Get(("/v1/documents/huge?" + std::string(bad)).c_str());
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 400) << bad;
        EXPECT_EQ(json::parse(res->body)["error"]["code"], "bad_parameter") << bad;
    }
}

}  // namespace
}  // namespace consulta
