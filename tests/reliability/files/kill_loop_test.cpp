// kill -9 at many points of a run, each followed by xapian-check and a run that must succeed;
// every file set a killed creation can leave (flintlock, v.tmp, termlist.glass,
// postlist.glass, before iamglass) created anew; a folder of someone else's files refused and
// left exactly as it was.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <thread>

#include "tests/reliability/files/files_support.h"

extern char** environ;

namespace consulta {
namespace {
namespace fs = std::filesystem;
using namespace test_support;
using nlohmann::json;

const std::string kParagraph =
    "The Governments of Botswana, Lesotho and Namibia met in Gaborone in 2019 under the "
    "Migration Dialogue for Southern Africa, with IOM and UNHCR as observers.\n";

void write_corpus(const fs::path& corpus, int files) {
    fs::create_directories(corpus);
    std::string text;
    for (int i = 0; i < 40; ++i) text += kParagraph;
    for (int i = 0; i < files; ++i) write_text(corpus / ("doc_" + std::to_string(i) + ".txt"), text);
}

// Starts the indexer, kills it with SIGKILL after `delay`; true when the kill landed (the
// indexer had not finished by then).
bool kill_after(const std::vector<std::string>& args, std::chrono::microseconds delay) {
    std::vector<char*> argv;
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return false;
    std::this_thread::sleep_for(delay);
    int status = 0;
    const bool running = waitpid(pid, &status, WNOHANG) == 0;
    if (running) kill(pid, SIGKILL);
    if (running) waitpid(pid, &status, 0);
    return running;
}

TEST(KillLoop, EveryKillPointLeavesAnIndexTheNextRunCompletes) {
    TempDir tmp;
    const fs::path corpus = tmp.path() / "corpus", index = tmp.path() / "index";
    constexpr int kFiles = 300;
    write_corpus(corpus, kFiles);
    const fs::path config = indexer_settings(tmp.path() / "small-batches.toml", "batch_size = 20");
    const std::vector<std::string> args = {kIndexer, "--quiet", "--corpus", corpus.string(), "--index",
                                           index.string(), "--config", config.string()};
    // One whole run from nothing, timed, sets the scale: the kill points spread from 2 ms to
    // 1.2 times that run (squared steps, dense at the start where the index is created), so
    // that they fall in the creation, inside batches and inside commits on a fast machine as
    // on a slow one. Every fourth starts from no index at all, the others from what the
    // previous kill and run left (with a file changed, so that the run has work).
    const auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(run_indexer(corpus, index, tmp.path(), "--config " + quoted(config)).status, 0);
    const auto whole = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    int points = 0, landed = 0, in_creation = 0, failures = 0;
    constexpr int kPoints = 48;
    for (int i = 0; i < kPoints; ++i) {
        if (i % 4 == 0) fs::remove_all(index);
        write_text(corpus / "doc_0.txt", kParagraph + std::to_string(i));
        const auto delay = std::chrono::microseconds(2000) + whole * 12 * i * i / (10 * kPoints * kPoints);
        ++points;
        if (!kill_after(args, delay)) continue;
        ++landed;
        const bool has_files = fs::exists(index) && !fs::is_empty(index);
        if (has_files && !fs::exists(index / "iamglass")) ++in_creation;
        if (fs::exists(index / "iamglass")) {
            const ProgramRun check = run_captured("xapian-check " + quoted(index), tmp.path());
            if (check.status != 0) {
                ++failures;
                ADD_FAILURE() << "xapian-check after a kill at " << delay.count() << " us:\n" << check.out;
            }
            Xapian::Database db(index.string());
            // Only whole batches are ever visible.
            const auto count = db.get_doccount();
            if (count % 20 != 0 && count != static_cast<unsigned>(kFiles)) {
                ++failures;
                ADD_FAILURE() << count << " documents after a kill at " << delay.count() << " us";
            }
        }
        const ProgramRun next = run_indexer(corpus, index, tmp.path(), "--config " + quoted(config));
        if (next.status != 0) {
            ++failures;
            ADD_FAILURE() << "the run after a kill at " << delay.count() << " us: exit " << next.status << "\n"
                          << next.err;
            continue;
        }
        EXPECT_EQ(json::parse(next.out)["documents"], kFiles);
        EXPECT_EQ(run_captured("xapian-check " + quoted(index), tmp.path()).status, 0);
    }
    // The figures for the report (RecordProperty puts them in the XML output too).
    std::printf("kill points tried %d, landed before the end %d, in the creation of the index %d, failed %d\n",
                points, landed, in_creation, failures);
    RecordProperty("kill_points", points);
    RecordProperty("kills_landed", landed);
    RecordProperty("kill_failures", failures);
    EXPECT_EQ(failures, 0);
    EXPECT_GE(landed, kPoints / 4);  // most kills land (the runs are not timed, only scaled)
}

TEST(KillLoop, EveryFileSetOfAnUnfinishedCreationIsCreatedAnew) {
    TempDir tmp;
    const fs::path corpus = tmp.path() / "corpus", model = tmp.path() / "model";
    write_corpus(corpus, 3);
    { Xapian::WritableDatabase db(model.string(), Xapian::DB_CREATE); db.commit(); }
    // The order Xapian 1.4 (glass) creates them in, before renaming v.tmp to iamglass.
    const std::vector<std::string> order = {"flintlock", "v.tmp", "termlist.glass", "postlist.glass"};
    for (std::size_t n = 0; n <= order.size(); ++n) {
        const fs::path index = tmp.path() / ("index_" + std::to_string(n));
        fs::create_directories(index);
        for (std::size_t k = 0; k < n; ++k) {
            const fs::path from = model / (order[k] == "v.tmp" ? "iamglass" : order[k]);
            fs::copy_file(from, index / order[k]);
        }
        const ProgramRun run = run_indexer(corpus, index, tmp.path());
        EXPECT_EQ(run.status, 0) << n << " files: " << run.err;
        EXPECT_EQ(run_captured("xapian-check " + quoted(index), tmp.path()).status, 0) << n;
        EXPECT_EQ(Xapian::Database(index.string()).get_doccount(), 3u) << n;
    }
}

TEST(KillLoop, AFolderThatIsNotAConsultaIndexIsRefusedAndLeftAsItWas) {
    TempDir tmp;
    const fs::path corpus = tmp.path() / "corpus";
    write_corpus(corpus, 2);
    // Someone's files, with or without stray Xapian-like names beside them.
    const fs::path notes = tmp.path() / "notes", mixed = tmp.path() / "mixed", foreign = tmp.path() / "foreign";
    fs::create_directories(notes);
    write_text(notes / "thesis.txt", "chapter one");
    fs::create_directories(mixed);
    write_text(mixed / "postlist.glass", "not a table");
    write_text(mixed / "todo.md", "- call IOM");
    for (const fs::path& dir : {notes, mixed}) {
        const ProgramRun run = run_indexer(corpus, dir, tmp.path());
        EXPECT_EQ(run.status, 3) << dir;
        const std::string held = dir == notes ? "thesis.txt" : "todo.md";
        EXPECT_EQ(run.err, "consulta-indexer: " + dir.string() + " is not a Consulta index and not empty (it holds '" +
                               held + "'): give --index a new or empty folder; nothing in this one was changed\n");
    }
    EXPECT_EQ(read_file(notes / "thesis.txt"), "chapter one");
    EXPECT_EQ(std::distance(fs::directory_iterator(notes), fs::directory_iterator()), 1);
    EXPECT_EQ(read_file(mixed / "postlist.glass"), "not a table");
    EXPECT_EQ(std::distance(fs::directory_iterator(mixed), fs::directory_iterator()), 2);
    // A Xapian database with documents but no Consulta schema: refused, its documents kept.
    {
        Xapian::WritableDatabase db(foreign.string(), Xapian::DB_CREATE);
        Xapian::Document doc;
        doc.set_data("someone else's");
        db.add_document(doc);
        db.commit();
    }
    const ProgramRun run = run_indexer(corpus, foreign, tmp.path());
    EXPECT_EQ(run.status, 3);
    EXPECT_EQ(run.err, "consulta-indexer: " + foreign.string() + " is a Xapian database but not a Consulta index\n");
    EXPECT_EQ(Xapian::Database(foreign.string()).get_doccount(), 1u);
}

}  // namespace
}  // namespace consulta
