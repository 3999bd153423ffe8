// A full disk: the indexer says which disk, how much to free and that the index still holds
// its last commit; after space is freed the next run succeeds. The disk is a 3 MB tmpfs the
// test mounts, so it needs root (CI runs as root; elsewhere the test is skipped, saying why).
#include <sys/mount.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <xapian.h>

#include <random>

#include "tests/reliability/files/files_support.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;
using namespace test_support;
using nlohmann::json;

// Distinct made-up words: text that does not compress into a few postings.
std::string random_words(std::size_t bytes, unsigned seed) {
    std::mt19937 random(seed);
    std::string text;
    while (text.size() < bytes) {
        const int length = 4 + static_cast<int>(random() % 8);
        for (int i = 0; i < length; ++i) text += static_cast<char>('a' + random() % 26);
        text += random() % 12 == 0 ? '\n' : ' ';
    }
    return text;
}

TEST(DiskFull, TheMessageSaysWhatToFreeAndTheIndexKeepsItsLastCommit) {
    if (geteuid() != 0) GTEST_SKIP() << "mounting the small tmpfs that plays the full disk needs root";
    TempDir tmp;
    const fs::path disk = tmp.path() / "disk", corpus = tmp.path() / "corpus", index = disk / "index";
    fs::create_directories(disk);
    fs::create_directories(corpus);
    ASSERT_EQ(::mount("consulta-full-disk", disk.c_str(), "tmpfs", 0, "size=3m"), 0) << std::strerror(errno);
    struct Unmount {
        fs::path at;
        ~Unmount() { ::umount2(at.c_str(), MNT_DETACH); }
    } unmount{disk};

    for (int i = 0; i < 5; ++i) {
        write_text(corpus / ("small_" + std::to_string(i) + ".txt"), "Botswana and Lesotho, 2019. " + random_words(2000, i));
    }
    const ProgramRun first = run_indexer(corpus, index, tmp.path());
    ASSERT_EQ(first.status, 0) << first.out << first.err;
    ASSERT_EQ(json::parse(first.out)["generation"], 1);

    // 512 KB of distinct made-up words make an index of several MB (postings, positions and
    // spelling entries for each): more than is left of 3 MB.
    for (int i = 0; i < 2; ++i) {
        write_text(corpus / ("big_" + std::to_string(i) + ".txt"), random_words(256u << 10, 100 + i));
    }
    const ProgramRun full = run_indexer(corpus, index, tmp.path());
    EXPECT_EQ(full.status, 3) << full.out << full.err;
    EXPECT_EQ(full.out, "");
    const std::string& message = full.err;
    EXPECT_EQ(message.rfind("consulta-indexer: the disk holding " + index.string() + " is full (", 0), 0u) << message;
    EXPECT_NE(message.find(" MB free). Free at least 67.1 MB on that disk (the index takes "), std::string::npos) << message;
    EXPECT_NE(message.find("then run consulta-indexer again. The index is intact: it still holds its last commit "
                           "(generation 1, 5 documents); what this run had not committed is not in it"),
              std::string::npos) << message;
    EXPECT_NE(message.find("No space left on device"), std::string::npos) << message;

    // Intact indeed: Xapian's own check, and the first run's documents.
    EXPECT_EQ(std::system(("xapian-check " + index.string() + " >/dev/null 2>&1").c_str()), 0);
    {
        Xapian::Database db(index.string());
        EXPECT_EQ(db.get_doccount(), 5u);
        EXPECT_EQ(db.get_metadata("consulta.generation"), "1");
    }
    // Space freed (here: the disk grown to 256 MB, as the message asks), the next run
    // indexes what the failed one could not.
    ASSERT_EQ(::mount("consulta-full-disk", disk.c_str(), "tmpfs", MS_REMOUNT, "size=256m"), 0) << std::strerror(errno);
    const ProgramRun after = run_indexer(corpus, index, tmp.path());
    ASSERT_EQ(after.status, 0) << after.out << after.err;
    EXPECT_EQ(json::parse(after.out)["added"], 2);
    EXPECT_EQ(json::parse(after.out)["documents"], 7);
    EXPECT_EQ(std::system(("xapian-check " + index.string() + " >/dev/null 2>&1").c_str()), 0);
}

}  // namespace
}  // namespace consulta
