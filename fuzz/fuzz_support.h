#pragma once
// What the fuzz targets share: a failed invariant ends the run with a message (libFuzzer keeps
// the input as a crash artifact), the project's settings, and a real index of corpus/.
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/config/settings.h"
#include "core/text/encoding.h"
#include "indexer/corpus_indexer.h"

namespace consulta::fuzz {

/// Where failure messages go: normally stderr; fuzz_http keeps a copy of it before libFuzzer
/// closes stderr (-close_fd_mask=2, to silence the daemon's access log).
inline int& report_fd() {
    static int fd = 2;
    return fd;
}

[[noreturn]] inline void fail(const std::string& what) {
    const std::string line = "FUZZ INVARIANT FAILED: " + what + "\n";
    [[maybe_unused]] const auto written = ::write(report_fd(), line.data(), line.size());
    abort();  // libFuzzer reports a deadly signal and writes the input to crash-<sha1>
}

inline void check(bool condition, const std::string& what) {
    if (!condition) fail(what);
}

/// True when `offset` does not fall inside a UTF-8 sequence of `text`.
inline bool on_utf8_boundary(std::string_view text, std::size_t offset) {
    return offset == text.size() ||
           (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80);
}

/// The project's settings (config/consulta.toml's defaults and config/*.tsv).
inline const Settings& project_settings() {
    static const Settings settings = default_settings(std::filesystem::path(CONSULTA_SOURCE_DIR) / "config");
    return settings;
}

/// A fresh index of the project's corpus/ in a temporary folder, built once per process and
/// removed at exit. Aborts when indexing fails: a fuzzer without its index tests nothing.
class CorpusIndex {
public:
    CorpusIndex() {
        char pattern[] = "/tmp/consulta-fuzz-XXXXXX";
        const char* made = mkdtemp(pattern);
        check(made != nullptr, "mkdtemp failed");
        root_ = made;
        auto summary = index_corpus({std::filesystem::path(CONSULTA_SOURCE_DIR) / "corpus",
                                     index(), project_settings(), {}});
        check(summary.is_ok(), "indexing corpus/ failed: " + summary.status().message());
        check(summary->documents > 0, "corpus/ gave an empty index");
    }
    ~CorpusIndex() {
        std::error_code ignored;
        std::filesystem::remove_all(root_, ignored);
    }
    CorpusIndex(const CorpusIndex&) = delete;
    CorpusIndex& operator=(const CorpusIndex&) = delete;
    std::filesystem::path index() const { return root_ / "index"; }

private:
    std::filesystem::path root_;
};

inline std::filesystem::path corpus_index() {
    static const CorpusIndex built;
    return built.index();
}

}  // namespace consulta::fuzz
