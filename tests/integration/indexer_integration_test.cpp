// Indexes the real corpus into a temporary folder and checks the index against golden data
// that was written by reading the documents (tests/data/golden/corpus_entities.json), then
// exercises incremental runs, deletion and broken inputs.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/index/document_record.h"
#include "core/index/record_store.h"
#include "core/index/index_writer.h"
#include "core/index/schema.h"
#include "indexer/corpus_indexer.h"
#include "tests/support/test_files.h"

namespace consulta {
namespace {
namespace fs = std::filesystem;
using test_support::read_file;
using test_support::TempDir;

const fs::path kCorpus = fs::path(CONSULTA_SOURCE_DIR) / "corpus";
const fs::path kData = CONSULTA_TEST_DATA_DIR;


Settings test_settings() { return default_settings(default_config_dir()); }

IndexSummary run_index(const fs::path& corpus, const fs::path& index) {
    auto summary = index_corpus({corpus, index, test_settings(), {}});
    EXPECT_TRUE(summary.is_ok()) << summary.status().message();
    return summary.is_ok() ? summary.value() : IndexSummary{};
}

// The values of one prefix in a document's term list, with their wdf.
std::map<std::string, Xapian::termcount> terms_with_prefix(const Xapian::Database& db,
                                                           const std::string& doc_id,
                                                           std::string_view prefix) {
    const std::string id_term = schema::id_term(doc_id);
    auto posting = db.postlist_begin(id_term);
    EXPECT_NE(posting, db.postlist_end(id_term)) << doc_id;
    std::map<std::string, Xapian::termcount> out;
    if (posting == db.postlist_end(id_term)) return out;
    Xapian::Document doc = db.get_document(*posting);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        if (term.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string value = term.substr(prefix.size());
        // "XS" must not swallow longer prefixes: values of our prefixes never start upper-case
        // except state ids, which are exactly two letters.
        if (prefix == schema::kPrefixState && value.size() != 2) continue;
        out[value] = t.get_wdf();
    }
    return out;
}

std::set<std::string> keys(const std::map<std::string, Xapian::termcount>& m) {
    std::set<std::string> out;
    for (const auto& [k, v] : m) out.insert(k);
    return out;
}

nlohmann::json golden() {
    std::ifstream in(kData / "golden" / "corpus_entities.json");
    return nlohmann::json::parse(in);
}

class CorpusIndex : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        summary_ = new IndexSummary(run_index(kCorpus, dir_->path() / "index"));
    }
    static void TearDownTestSuite() {
        delete summary_;
        delete dir_;
    }
    static Xapian::Database db() { return Xapian::Database((dir_->path() / "index").string()); }

    static TempDir* dir_;
    static IndexSummary* summary_;
};
TempDir* CorpusIndex::dir_ = nullptr;
IndexSummary* CorpusIndex::summary_ = nullptr;

TEST_F(CorpusIndex, AddsEveryDocumentOnce) {
    EXPECT_EQ(summary_->added, 5u);
    EXPECT_EQ(summary_->updated, 0u);
    EXPECT_EQ(summary_->skipped.size(), 0u);
    EXPECT_EQ(summary_->documents, 5u);
    EXPECT_EQ(summary_->generation, 1u);
    EXPECT_EQ(db().get_doccount(), 5u);
    EXPECT_EQ(db().get_metadata(std::string(schema::kMetaSchema)),
              std::to_string(schema::kSchemaVersion));
    EXPECT_EQ(db().get_metadata(std::string(schema::kMetaStemLanguage)), "english");
}

TEST_F(CorpusIndex, StatesMatchGoldenReading) {
    const auto g = golden();
    for (const auto& [doc_id, expected] : g.items()) {
        std::set<std::string> want;
        for (const auto& s : expected["state"]) want.insert(s.get<std::string>());
        EXPECT_EQ(keys(terms_with_prefix(db(), doc_id, schema::kPrefixState)), want) << doc_id;
    }
}

TEST_F(CorpusIndex, StateMentionCountsMatchGoldenReading) {
    const auto g = golden();
    for (const auto& [doc_id, expected] : g.items()) {
        const auto counts = terms_with_prefix(db(), doc_id, schema::kPrefixState);
        for (const auto& [state, count] : expected["state_mentions"].items()) {
            auto it = counts.find(state);
            ASSERT_NE(it, counts.end()) << doc_id << " " << state;
            EXPECT_EQ(it->second, count.get<Xapian::termcount>()) << doc_id << " " << state;
        }
    }
}

TEST_F(CorpusIndex, MechanismsMatchGoldenReading) {
    const auto g = golden();
    for (const auto& [doc_id, expected] : g.items()) {
        std::set<std::string> want;
        for (const auto& s : expected["mechanism"]) want.insert(s.get<std::string>());
        EXPECT_EQ(keys(terms_with_prefix(db(), doc_id, schema::kPrefixMechanism)), want) << doc_id;
    }
}

TEST_F(CorpusIndex, YearsMatchGoldenReading) {
    const auto g = golden();
    for (const auto& [doc_id, expected] : g.items()) {
        std::set<std::string> want;
        for (const auto& y : expected["year"]) want.insert(std::to_string(y.get<int>()));
        EXPECT_EQ(keys(terms_with_prefix(db(), doc_id, schema::kPrefixYear)), want) << doc_id;
    }
}

TEST_F(CorpusIndex, MentionOffsetsPointAtTheirSurfaceInTheFileBytes) {
    Xapian::Database database = db();
    for (auto t = database.allterms_begin("Q"); t != database.allterms_end("Q"); ++t) {
        Xapian::Document doc = database.get_document(*database.postlist_begin(*t));
        auto record = read_record(doc, database);
        ASSERT_TRUE(record.is_ok()) << record.status().message();
        std::ifstream in(kCorpus / (record->meta.id + ".txt"), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        EXPECT_EQ(record->text, bytes) << "valid UTF-8 .txt text must be the file's bytes";
        EXPECT_FALSE(record->mentions.empty());
        for (const Mention& m : record->mentions) {
            EXPECT_EQ(bytes.substr(m.start, m.end - m.start), m.surface);
        }
    }
}

TEST_F(CorpusIndex, CatalogueMetadataIsStored) {
    Xapian::Database database = db();
    auto posting = database.postlist_begin("Q004_802a8142425b9b91");
    ASSERT_NE(posting, database.postlist_end("Q004_802a8142425b9b91"));
    auto record = read_record(database.get_document(*posting), database);
    ASSERT_TRUE(record.is_ok());
    EXPECT_EQ(record->meta.kind, "workshop record");
    EXPECT_EQ(record->meta.published, 2006);
    EXPECT_EQ(record->meta.path, "corpus/004_802a8142425b9b91.txt");
    EXPECT_EQ(database.get_termfreq("XKworkshop record"), 1u);
    EXPECT_EQ(database.get_termfreq("XP2019"), 2u);
    EXPECT_EQ(database.get_termfreq("XKreport"), 2u);
}

TEST_F(CorpusIndex, SpellingDictionaryKnowsCorpusWords) {
    EXPECT_EQ(db().get_spelling_suggestion("trafficing"), "trafficking");
}

// --- Incremental runs and broken inputs ---------------------------------------------------

class IncrementalIndex : public ::testing::Test {
protected:
    void SetUp() override {
        corpus_ = tmp_.path() / "corpus";
        index_ = tmp_.path() / "index";
        test_support::copy_files(kCorpus, corpus_);
    }
    void write(const std::string& name, const std::string& bytes) {
        std::ofstream(corpus_ / name, std::ios::binary) << bytes;
    }
    TempDir tmp_;
    fs::path corpus_, index_;
};

TEST_F(IncrementalIndex, UnchangedCorpusChangesNothing) {
    run_index(corpus_, index_);
    const IndexSummary second = run_index(corpus_, index_);
    EXPECT_EQ(second.added, 0u);
    EXPECT_EQ(second.updated, 0u);
    EXPECT_EQ(second.unchanged, 5u);
    EXPECT_EQ(second.deleted, 0u);
    EXPECT_EQ(second.generation, 1u) << "no change, no commit";
}

TEST_F(IncrementalIndex, ChangedFileIsReplacedAndRemovedFileDeleted) {
    run_index(corpus_, index_);
    write("000_54d7d1b2e732a973.txt", "A new text about Lesotho and MIDSA in 2021.\n");
    fs::remove(corpus_ / "002_12bfe50c3bd95f5d.txt");
    const IndexSummary second = run_index(corpus_, index_);
    EXPECT_EQ(second.updated, 1u);
    EXPECT_EQ(second.deleted, 1u);
    EXPECT_EQ(second.unchanged, 3u);
    EXPECT_EQ(second.generation, 2u);
    Xapian::Database db(index_.string());
    EXPECT_EQ(db.get_doccount(), 4u);
    EXPECT_EQ(db.get_termfreq("Q002_12bfe50c3bd95f5d"), 0u);
    EXPECT_EQ(terms_with_prefix(db, "000_54d7d1b2e732a973", schema::kPrefixState),
              (std::map<std::string, Xapian::termcount>{{"LS", 1}}));
    EXPECT_EQ(keys(terms_with_prefix(db, "000_54d7d1b2e732a973", schema::kPrefixYear)),
              (std::set<std::string>{"2021"}));
}

TEST_F(IncrementalIndex, BrokenFilesAreSkippedAndNamedTheRestIndexed) {
    fs::copy(kData / "sources" / "truncated.pdf", corpus_ / "broken.pdf");
    write("binary.txt", std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16) + std::string(64, '\0'));
    const IndexSummary summary = run_index(corpus_, index_);
    EXPECT_EQ(summary.added, 5u);
    ASSERT_EQ(summary.skipped.size(), 2u);
    std::set<std::string> names;
    for (const auto& s : summary.skipped) {
        names.insert(s.path.filename().string());
        EXPECT_FALSE(s.reason.empty());
    }
    EXPECT_EQ(names, (std::set<std::string>{"broken.pdf", "binary.txt"}));
}

TEST_F(IncrementalIndex, FileNameTooLongForAnIdIsSkippedTheRestIndexed) {
    // 250 bytes of name: a legal file name, but "Q" + id is over Xapian's 245-byte term limit.
    const std::string long_name = std::string(250, 'x') + ".txt";
    write(long_name, "Botswana and Namibia in 2007.\n");
    write(std::string(schema::kMaxIdBytes, 'y') + ".txt", "Lesotho in 2008.\n");
    const IndexSummary summary = run_index(corpus_, index_);
    EXPECT_EQ(summary.added, 6u);
    ASSERT_EQ(summary.skipped.size(), 1u);
    EXPECT_EQ(summary.skipped[0].path.filename().string(), long_name);
    EXPECT_NE(summary.skipped[0].reason.find("too long"), std::string::npos);
}

TEST_F(IncrementalIndex, FileOverTheSizeLimitIsSkippedWithoutBeingRead) {
#ifdef __SANITIZE_ADDRESS__
    GTEST_SKIP() << "AddressSanitizer reserves more address space than the ulimit below allows";
#endif
    // A sparse 16 GB file: the indexer must refuse it after a stat. Read (to hash it), it takes
    // seconds of CPU and all the memory it can get; the limits below keep such a run short.
    const fs::path huge = corpus_ / "huge.txt";
    std::ofstream(huge).close();
    fs::resize_file(huge, std::uintmax_t{16} << 30);
    const std::string indexer = std::string(CONSULTA_BIN_DIR) + "/consulta-indexer --json --corpus " +
                                corpus_.string() + " --index " + index_.string();
    const fs::path out = tmp_.path() / "summary.json";
    const int status = std::system(
        ("ulimit -v 2000000; ulimit -t 3; " + indexer + " >" + out.string() + " 2>/dev/null").c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 1);  // some files were skipped
    const auto summary = nlohmann::json::parse(read_file(out));
    EXPECT_EQ(summary["added"], 5);
    ASSERT_EQ(summary["skipped"].size(), 1u);
    EXPECT_NE(summary["skipped"][0]["reason"].get<std::string>().find("over the limit"),
              std::string::npos)
        << summary["skipped"][0]["reason"];
}

TEST_F(IncrementalIndex, InvalidUtf8EmptyAndWindows1252FilesAreIndexed) {
    write("invalid.txt", "Botswana \xff\xfe and Namibia \xc3 in 2007.\n");
    write("empty.txt", "");
    // "Côte d’Ivoire – 2012" in Windows-1252.
    write("cp1252.txt", "Migrants from C\xf4te d\x92Ivoire \x96 a report on Senegal, 2012.\n");
    const IndexSummary summary = run_index(corpus_, index_);
    EXPECT_EQ(summary.added, 8u);
    EXPECT_TRUE(summary.skipped.empty());
    Xapian::Database db(index_.string());
    EXPECT_EQ(keys(terms_with_prefix(db, "invalid", schema::kPrefixState)),
              (std::set<std::string>{"BW", "NA"}));
    EXPECT_EQ(keys(terms_with_prefix(db, "cp1252", schema::kPrefixState)),
              (std::set<std::string>{"CI", "SN"}));
    EXPECT_EQ(keys(terms_with_prefix(db, "cp1252", schema::kPrefixYear)),
              (std::set<std::string>{"2012"}));
    EXPECT_TRUE(terms_with_prefix(db, "empty", schema::kPrefixState).empty());
    auto record = read_record(db.get_document(*db.postlist_begin("Qcp1252")), db);
    ASSERT_TRUE(record.is_ok());
    EXPECT_EQ(record->text, "Migrants from C\u00f4te d\u2019Ivoire \u2013 a report on Senegal, 2012.\n");
}

TEST_F(IncrementalIndex, IndexOfAnOlderSchemaIsRebuiltKeepingItsGeneration) {
    {
        Xapian::WritableDatabase old(index_.string(), Xapian::DB_CREATE_OR_OPEN);
        Xapian::Document doc;
        doc.add_boolean_term("Qstale");
        doc.set_data("{\"old\": \"layout\"}");
        old.add_document(doc);
        old.set_metadata(std::string(schema::kMetaSchema), "1");
        old.set_metadata(std::string(schema::kMetaGeneration), "7");
        old.commit();
    }
    const IndexSummary summary = run_index(corpus_, index_);
    EXPECT_EQ(summary.added, 5u);
    EXPECT_EQ(summary.documents, 5u);
    EXPECT_EQ(summary.generation, 8u);
    Xapian::Database db(index_.string());
    EXPECT_EQ(db.get_termfreq("Qstale"), 0u);
    EXPECT_EQ(db.get_metadata(std::string(schema::kMetaSchema)), std::to_string(schema::kSchemaVersion));
}

TEST_F(IncrementalIndex, ForeignXapianDatabaseIsRefused) {
    {
        Xapian::WritableDatabase other(index_.string(), Xapian::DB_CREATE_OR_OPEN);
        other.add_document(Xapian::Document());
        other.commit();
    }
    auto summary = index_corpus({corpus_, index_, test_settings(), {}});
    ASSERT_FALSE(summary.is_ok());
    EXPECT_EQ(summary.status().code(), ErrorCode::kIndex);
    EXPECT_NE(summary.status().message().find("not a Consulta index"), std::string::npos);
}

TEST_F(IncrementalIndex, SecondWriterFailsAtOnceWithLockedError) {
    auto writer = IndexWriter::open(index_);
    ASSERT_TRUE(writer.is_ok());
    auto summary = index_corpus({corpus_, index_, test_settings(), {}});
    ASSERT_FALSE(summary.is_ok());
    EXPECT_EQ(summary.status().code(), ErrorCode::kLocked);
    EXPECT_NE(summary.status().message().find("locked"), std::string::npos);
}

// --- The program itself -------------------------------------------------------------------

int run_program(const std::string& command) {
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A program's exit status with what it printed (both streams), for a failure message.
struct ProgramRun {
    int status;
    std::string output;
};

ProgramRun run_program_capturing(const std::string& command, const fs::path& output_file) {
    const int status = std::system((command + " >" + output_file.string() + " 2>&1").c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(output_file)};
}

// The names in a folder, sorted, for a failure message ("(none)" when it does not exist).
std::string listing(const fs::path& dir) {
    std::set<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        names.insert(it->path().filename().string() + "(" + std::to_string(fs::is_regular_file(it->path())
                                                                              ? fs::file_size(it->path())
                                                                              : 0) + ")");
    }
    if (names.empty()) return "(none)";
    std::string out;
    for (const std::string& name : names) out += name + " ";
    return out;
}

TEST_F(IncrementalIndex, ProgramExitStatusesFollowTheContract) {
    const std::string indexer = std::string(CONSULTA_BIN_DIR) + "/consulta-indexer";
    const std::string args = " --corpus " + corpus_.string() + " --index " + index_.string();
    EXPECT_EQ(run_program(indexer + args + " --quiet"), 0);
    EXPECT_EQ(run_program(indexer + " --corpus"), 2);
    EXPECT_EQ(run_program(indexer + args + " --bogus"), 2);
    const fs::path bad_config = tmp_.path() / "bad.toml";
    std::ofstream(bad_config) << "[tagging]\nmin_year = \"soon\"\n";
    EXPECT_EQ(run_program(indexer + args + " --config " + bad_config.string()), 2);
    write("broken.pdf", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog");
    EXPECT_EQ(run_program(indexer + args + " --quiet"), 1);
}

TEST_F(IncrementalIndex, IndexKilledWhileBeingCreatedIsCreatedAnewByTheNextRun) {
    // What a kill -9 inside Xapian's database creation leaves: tables, no version file.
    fs::create_directories(index_);
    for (const char* name : {"flintlock", "postlist.glass", "termlist.glass", "v.tmp"}) {
        std::ofstream(index_ / name) << "";
    }
    const IndexSummary summary = run_index(corpus_, index_);
    EXPECT_EQ(summary.added, 5u);
    EXPECT_EQ(run_program("xapian-check " + index_.string()), 0);
}

TEST_F(IncrementalIndex, KillDuringARunLeavesTheLastCommitIntact) {
    // Enough documents for several batch commits, so the kill lands between or inside commits.
    const std::string paragraph = read_file(corpus_ / "004_802a8142425b9b91.txt");
    for (int i = 0; i < 400; ++i) write("extra_" + std::to_string(i) + ".txt", paragraph);
    const fs::path config = tmp_.path() / "small-batches.toml";
    std::ofstream(config) << "[gazetteers]\nstates = \"" << (default_config_dir() / "states.tsv").string()
                          << "\"\nmechanisms = \"" << (default_config_dir() / "mechanisms.tsv").string()
                          << "\"\norganisations = \"" << (default_config_dir() / "organisations.tsv").string()
                          << "\"\n[indexer]\nbatch_size = 25\n";
    const std::string indexer = std::string(CONSULTA_BIN_DIR) + "/consulta-indexer --quiet --corpus " +
                                corpus_.string() + " --index " + index_.string() + " --config " +
                                config.string();
    const fs::path output = tmp_.path() / "output.txt";
    std::string history;  // what each kill left, for the failure messages
    for (int delay_ms : {150, 400}) {
        const std::string killed = "timeout -s KILL " + std::to_string(delay_ms / 1000.0) + " " + indexer;
        std::system((killed + " >/dev/null 2>&1").c_str());
        history += "after a kill at " + std::to_string(delay_ms) + " ms: " + listing(index_) + "\n";
        if (!fs::exists(index_ / "iamglass")) continue;  // killed before the index was created
        const ProgramRun check = run_program_capturing("xapian-check " + index_.string(), output);
        ASSERT_EQ(check.status, 0) << history << check.output;
        Xapian::Database db(index_.string());
        // Only whole batches are ever visible (or the whole run, on a machine fast enough to
        // finish before the kill).
        const Xapian::doccount count = db.get_doccount();
        EXPECT_TRUE(count % 25 == 0 || count == 405u) << count;
    }
    const ProgramRun rerun = run_program_capturing(indexer, output);
    ASSERT_EQ(rerun.status, 0) << history << rerun.output;
    const ProgramRun check = run_program_capturing("xapian-check " + index_.string(), output);
    ASSERT_EQ(check.status, 0) << history << check.output;
    EXPECT_EQ(Xapian::Database(index_.string()).get_doccount(), 405u);
}

}  // namespace
}  // namespace consulta
