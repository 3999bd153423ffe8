// Symbolic links, FIFOs, devices and control bytes in file names, against the real indexer
// and daemon: nothing outside the corpus is ever published, every skip is named with its
// reason (exit status 1), and every indexed document answers at its id.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <httplib.h>

#include <cctype>
#include <map>
#include <set>

#include "tests/reliability/files/files_support.h"
#include "tests/support/searchd_daemon.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;
using namespace test_support;
using nlohmann::json;

// Every byte but the unreserved ones (RFC 3986) as %HH: what a careful client sends.
std::string percent_encoded(const std::string& id) {
    static const char* const kHex = "0123456789ABCDEF";
    std::string out;
    for (const char ch : id) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

const std::string kBotswana = "Botswana and Lesotho met in Gaborone in 2019.\n";

// path (relative to the corpus) -> reason, from the summary's "skipped".
std::map<std::string, std::string> skipped_of(const json& summary, const fs::path& corpus) {
    std::map<std::string, std::string> out;
    for (const json& s : summary["skipped"]) {
        out[fs::path(s["path"].get<std::string>()).lexically_relative(corpus).string()] =
            s["reason"].get<std::string>();
    }
    return out;
}

TEST(HostileFiles, LinksAndSpecialFilesAreSkippedAndNamedNeverFollowed) {
    TempDir tmp;
    const fs::path corpus = tmp.path() / "corpus", index = tmp.path() / "index";
    fs::create_directories(corpus / "sub");
    write_text(corpus / "real.txt", kBotswana);
    write_text(tmp.path() / "outside.txt", "secret outside the corpus\n");
    fs::create_symlink("/etc/passwd", corpus / "passwd.txt");
    fs::create_symlink(tmp.path() / "outside.txt", corpus / "outside.txt");
    fs::create_symlink("loop.txt", corpus / "loop.txt");
    fs::create_symlink("a.txt", corpus / "b.txt");
    fs::create_symlink("b.txt", corpus / "a.txt");
    fs::create_symlink("missing.txt", corpus / "dangling.txt");
    fs::create_symlink("/dev/zero", corpus / "zero.txt");
    fs::create_symlink("real.txt", corpus / "inside.txt");
    fs::create_symlink("/etc", corpus / "etc");
    ASSERT_EQ(mkfifo((corpus / "fifo.txt").c_str(), 0644), 0);
    ASSERT_EQ(mkfifo((corpus / "sub" / "pipe.md").c_str(), 0644), 0);
    write_text(corpus / "sub" / "nested.md", "# Lesotho\n" + kBotswana);

    const ProgramRun run = run_indexer(corpus, index, tmp.path());
    ASSERT_EQ(run.status, 1) << run.out << run.err;
    const json summary = json::parse(run.out);
    EXPECT_EQ(summary["added"], 2);
    EXPECT_EQ(summary["documents"], 2);
    const std::map<std::string, std::string> expected = {
        {"a.txt", "symbolic link loop (-> b.txt), not followed"},
        {"b.txt", "symbolic link loop (-> a.txt), not followed"},
        {"dangling.txt", "dangling symbolic link (-> missing.txt), not followed"},
        {"etc", "symbolic link out of the corpus folder (-> /etc), not followed"},
        {"fifo.txt", "a FIFO (named pipe), not a regular file: not read"},
        {"inside.txt", "symbolic link (-> real.txt), not followed: copy or move the file into the corpus instead"},
        {"loop.txt", "symbolic link loop (-> loop.txt), not followed"},
        {"outside.txt", "symbolic link out of the corpus folder (-> " + (tmp.path() / "outside.txt").string() +
                            "), not followed"},
        {"passwd.txt", "symbolic link out of the corpus folder (-> /etc/passwd), not followed"},
        {"sub/pipe.md", "a FIFO (named pipe), not a regular file: not read"},
        {"zero.txt", "symbolic link out of the corpus folder (-> /dev/zero), not followed"},
    };
    EXPECT_EQ(skipped_of(summary, corpus), expected);

    // The text summary names them too, one line each.
    const ProgramRun text = run_captured(kIndexer + " --quiet --corpus " + quoted(corpus) + " --index " +
                                             quoted(index), tmp.path());
    EXPECT_EQ(text.status, 1);
    EXPECT_NE(text.out.find("0 added, 0 updated, 2 unchanged, 0 deleted, 11 skipped\n"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("  skipped " + (corpus / "passwd.txt").string() +
                            ": symbolic link out of the corpus folder (-> /etc/passwd), not followed\n"),
              std::string::npos) << text.out;

    Daemon daemon(index, tmp.path() / "searchd.log");
    httplib::Client client("127.0.0.1", daemon.port());
    for (const char* id : {"passwd", "outside", "zero", "inside", "loop", "fifo"}) {
        auto res = client.Get(("/v1/documents/" + std::string(id) + "?text=1").c_str());
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 404) << id;
    }
    auto root = client.Get("/v1/search?q=root&limit=10");
    ASSERT_TRUE(root);
    EXPECT_EQ(json::parse(root->body)["total"], 0);
    auto real = client.Get("/v1/documents/real?text=1");
    ASSERT_TRUE(real);
    EXPECT_EQ(real->status, 200);
    EXPECT_EQ(json::parse(real->body)["text"], kBotswana);
}

TEST(HostileFiles, ALinkSwappedInAfterTheListingIsNotFollowed) {
    // The reader opens with O_NOFOLLOW: a regular file replaced by a link to /etc/passwd
    // between two runs is named, never read (the listing sees the link; the open refuses it).
    TempDir tmp;
    const fs::path corpus = tmp.path() / "corpus", index = tmp.path() / "index";
    fs::create_directories(corpus);
    write_text(corpus / "notes.txt", kBotswana);
    ASSERT_EQ(run_indexer(corpus, index, tmp.path()).status, 0);
    fs::remove(corpus / "notes.txt");
    fs::create_symlink("/etc/passwd", corpus / "notes.txt");
    const ProgramRun run = run_indexer(corpus, index, tmp.path());
    ASSERT_EQ(run.status, 1) << run.out << run.err;
    const json summary = json::parse(run.out);
    EXPECT_EQ(skipped_of(summary, corpus),
              (std::map<std::string, std::string>{
                  {"notes.txt", "symbolic link out of the corpus folder (-> /etc/passwd), not followed"}}));
    // A link is not a file of the corpus: the document it replaced is deleted.
    EXPECT_EQ(summary["deleted"], 1);
    EXPECT_EQ(summary["documents"], 0);
}

TEST(HostileFiles, NamesWithControlBytesOrInvalidUtf8GetEscapedIdsThatAnswer) {
    TempDir tmp;
    const fs::path corpus = tmp.path() / "corpus", index = tmp.path() / "index";
    fs::create_directories(corpus);
    // file name -> the id it must get (docs/api.md, "Document ids").
    const std::map<std::string, std::string> names = {
        {"new\nline.txt", "new%0Aline"},
        {"tab\there.txt", "tab%09here"},
        {"caf\xE9.txt", "caf%E9"},              // Latin-1, not UTF-8
        {"back\\slash.txt", "back%5Cslash"},
        {"report..2019.txt", "report..2019"},
        {"esc\x1b[31m.txt", "esc%1B[31m"},
        {"caf\xC3\xA9 ok.txt", "caf\xC3\xA9 ok"},  // valid UTF-8 stays as it is
        {"half\xE2\x82.txt", "half%E2%82"},     // a cut UTF-8 sequence
    };
    for (const auto& [name, id] : names) write_text(corpus / name, "Doc " + id + ": " + kBotswana);

    const ProgramRun run = run_indexer(corpus, index, tmp.path());
    ASSERT_EQ(run.status, 0) << run.out << run.err;
    EXPECT_EQ(json::parse(run.out)["added"], names.size());

    Daemon daemon(index, tmp.path() / "searchd.log");
    httplib::Client client("127.0.0.1", daemon.port());
    client.set_url_encode(false);  // the paths below are encoded already
    auto found = client.Get("/v1/search?q=Gaborone&limit=100");
    ASSERT_TRUE(found);
    std::set<std::string> hit_ids;
    const json answer = json::parse(found->body);
    for (const json& hit : answer["hits"]) hit_ids.insert(hit["id"].get<std::string>());
    std::set<std::string> expected_ids;
    for (const auto& [name, id] : names) expected_ids.insert(id);
    EXPECT_EQ(hit_ids, expected_ids) << found->body.substr(0, 2000);
    // Every id from the search answers at /v1/documents/{id}, percent-encoded as a client would.
    for (const std::string& id : hit_ids) {
        auto res = client.Get(("/v1/documents/" + percent_encoded(id) + "?text=1").c_str());
        ASSERT_TRUE(res) << id;
        ASSERT_EQ(res->status, 200) << id << " " << res->body;
        const json doc = json::parse(res->body);
        EXPECT_EQ(doc["id"], id);
        EXPECT_EQ(doc["text"], "Doc " + id + ": " + kBotswana);
    }
}

TEST(HostileFiles, AnEscapedIdEqualToAnotherFilesNameIsADuplicateNamedInTheSummary) {
    TempDir tmp;
    const fs::path corpus = tmp.path() / "corpus", index = tmp.path() / "index";
    fs::create_directories(corpus);
    write_text(corpus / "a%09b.txt", kBotswana);
    write_text(corpus / "a\tb.txt", kBotswana);
    const ProgramRun run = run_indexer(corpus, index, tmp.path());
    ASSERT_EQ(run.status, 1) << run.out << run.err;
    const json summary = json::parse(run.out);
    EXPECT_EQ(summary["added"], 1);
    ASSERT_EQ(summary["skipped"].size(), 1u);
    EXPECT_EQ(summary["skipped"][0]["path"], (corpus / "a%09b.txt").string());
    EXPECT_EQ(summary["skipped"][0]["reason"],
              "duplicate document id 'a%09b' (also " + (corpus / "a%09b.txt").string() + ")");
}

}  // namespace
}  // namespace consulta
