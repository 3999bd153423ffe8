#pragma once
// What the hostile-file tests share: the real indexer run as a child with its output and exit
// status, a small corpus, and the project's gazetteers in a settings file usable from anywhere.
#include <sys/wait.h>

#include <array>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/config/settings.h"
#include "tests/support/test_files.h"

namespace consulta::test_support {

/// The indexer under test; CONSULTA_TEST_INDEXER names another build's (to measure main's
/// behaviour with the same tests, as tests/reliability/files/RESULTS.md does).
inline const std::string kIndexer = std::getenv("CONSULTA_TEST_INDEXER") ? std::getenv("CONSULTA_TEST_INDEXER")
                                                                          : std::string(CONSULTA_BIN_DIR) + "/consulta-indexer";

struct ProgramRun {
    int status = -1;       ///< exit status, -1 when killed by a signal
    std::string out, err;  ///< stdout, stderr
};

/// Runs `command` (a shell command line) with its stdout and stderr kept.
inline ProgramRun run_captured(const std::string& command, const std::filesystem::path& scratch) {
    const std::filesystem::path out = scratch / "run.out", err = scratch / "run.err";
    const int status = std::system((command + " >" + out.string() + " 2>" + err.string()).c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err)};
}

/// A settings file with the project's gazetteers and `indexer_lines` under [indexer].
inline std::filesystem::path indexer_settings(const std::filesystem::path& file,
                                              const std::string& indexer_lines = "") {
    const std::filesystem::path config = default_config_dir();
    std::ofstream(file) << "[gazetteers]\nstates = \"" << (config / "states.tsv").string()
                        << "\"\nmechanisms = \"" << (config / "mechanisms.tsv").string()
                        << "\"\norganisations = \"" << (config / "organisations.tsv").string()
                        << "\"\n[indexer]\n" << indexer_lines << "\n";
    return file;
}

inline std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

/// consulta-indexer --json over `corpus` into `index`.
inline ProgramRun run_indexer(const std::filesystem::path& corpus, const std::filesystem::path& index,
                              const std::filesystem::path& scratch, const std::string& extra = "") {
    return run_captured(kIndexer + " --quiet --json --corpus " + quoted(corpus) + " --index " +
                            quoted(index) + " " + extra,
                        scratch);
}

inline void write_text(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

}  // namespace consulta::test_support
