// consulta-indexer: brings a Xapian index in step with a corpus folder.
// Exit status: 0 done, 1 done but a file was skipped, 2 usage or configuration error,
// 3 the index cannot be written (locked by another indexer, not a Consulta index, I/O).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "indexer/corpus_indexer.h"
#include "indexer/document_id.h"
#include "indexer/sharded_build.h"

namespace {
using namespace consulta;

constexpr int kExitSkipped = 1, kExitUsage = 2, kExitIndex = 3;

const char* kUsage =
    "usage: consulta-indexer --corpus DIR --index DIR [--shards N] [--config FILE] [--json] [--quiet]\n"
    "  --corpus DIR    folder of .txt, .md, .html and .pdf documents (and catalog.toml)\n"
    "  --index DIR     Xapian index to create or update\n"
    "  --shards N      spread it over N databases DIR/shard-00 ... with DIR/aux and the stub\n"
    "                  DIR/XAPIANDB (a sharded index keeps its count when --shards is left out)\n"
    "  --config FILE   settings (default: the project's config/consulta.toml)\n"
    "  --json          print the summary as JSON\n"
    "  --quiet         no progress output\n";

struct Arguments {
    std::string corpus, index, config;
    std::size_t shards = 0;
    bool json = false, quiet = false;
};

bool parse_arguments(int argc, char** argv, Arguments& args, std::string& error) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= argc) { error = arg + " needs a value"; return false; }
            out = argv[++i];
            return true;
        };
        if (arg == "--corpus") { if (!value(args.corpus)) return false; }
        else if (arg == "--index") { if (!value(args.index)) return false; }
        else if (arg == "--config") { if (!value(args.config)) return false; }
        else if (arg == "--shards") {
            std::string n;
            if (!value(n)) return false;
            char* end = nullptr;
            const unsigned long v = std::strtoul(n.c_str(), &end, 10);
            if (n.empty() || *end != '\0' || v < 1 || v > 999) { error = "--shards needs a number from 1 to 999"; return false; }
            args.shards = v;
        }
        else if (arg == "--json") args.json = true;
        else if (arg == "--quiet") args.quiet = true;
        else { error = "unknown argument '" + arg + "'"; return false; }
    }
    if (args.corpus.empty() || args.index.empty()) error = "--corpus and --index are required";
    return error.empty();
}

// A terminal gets a redrawn bar on stderr; a pipe or a log file gets one plain line per document.
std::function<void(const IndexProgress&)> progress_printer(bool quiet) {
    if (quiet) return {};
    const bool tty = isatty(STDERR_FILENO);
    return [tty](const IndexProgress& p) {
        if (!tty) {
            std::fprintf(stderr, "%s %s\n", p.action.c_str(), p.doc_id.c_str());
            return;
        }
        const int width = 30;
        const int filled = p.total ? static_cast<int>(width * p.done / p.total) : width;
        std::fprintf(stderr, "\r[%s%s] %zu/%zu %-9s %-40.40s", std::string(filled, '#').c_str(),
                     std::string(width - filled, '.').c_str(), p.done, p.total, p.action.c_str(),
                     p.doc_id.c_str());
        if (p.done == p.total) std::fputc('\n', stderr);
    };
}

nlohmann::json summary_json(const IndexSummary& s) {
    nlohmann::json skipped = nlohmann::json::array();
    for (const SkippedFile& f : s.skipped) skipped.push_back({{"path", printable_path(f.path)}, {"reason", f.reason}});
    nlohmann::json truncated = nlohmann::json::array();
    for (const SkippedFile& f : s.truncated) truncated.push_back({{"path", printable_path(f.path)}, {"reason", f.reason}});
    nlohmann::json mentions = nlohmann::json::object();
    for (EntityType t : kAllEntityTypes) {
        auto it = s.mentions.find(t);
        mentions[std::string(entity_type_name(t))] = it == s.mentions.end() ? 0 : it->second;
    }
    const double mb = s.bytes_read / 1e6;
    nlohmann::json out = {{"added", s.added}, {"updated", s.updated}, {"unchanged", s.unchanged},
            {"deleted", s.deleted}, {"skipped", skipped}, {"truncated", truncated}, {"mentions", mentions},
            {"documents", s.documents}, {"generation", s.generation}, {"megabytes", mb},
            {"seconds", s.seconds}, {"writers", s.writers}, {"mb_per_second", s.seconds > 0 ? mb / s.seconds : 0.0}};
    if (s.shards) out["shards"] = s.shards;  // a sharded index (--shards)
    return out;
}

void print_summary(const IndexSummary& s) {
    std::printf("%zu added, %zu updated, %zu unchanged, %zu deleted, %zu skipped\n", s.added,
                s.updated, s.unchanged, s.deleted, s.skipped.size());
    // Paths are printed escaped (document_id.h): a name with a newline stays on its line.
    for (const SkippedFile& f : s.skipped) {
        std::printf("  skipped %s: %s\n", printable_path(f.path).c_str(), f.reason.c_str());
    }
    for (const SkippedFile& f : s.truncated) {
        std::printf("  cut %s: %s\n", printable_path(f.path).c_str(), f.reason.c_str());
    }
    std::printf("mentions:");
    for (EntityType t : kAllEntityTypes) {
        auto it = s.mentions.find(t);
        std::printf(" %s %zu", std::string(entity_type_name(t)).c_str(), it == s.mentions.end() ? 0 : it->second);
    }
    const double mb = s.bytes_read / 1e6;
    std::printf("\n%.2f MB in %.3f s (%.1f MB/s, %zu writer%s); index: %zu documents, generation %llu\n",
                mb, s.seconds, s.seconds > 0 ? mb / s.seconds : 0.0, s.writers, s.writers == 1 ? "" : "s",
                s.documents, static_cast<unsigned long long>(s.generation));
    if (s.shards) std::printf("sharded over %zu databases\n", s.shards);
}

}  // namespace

int main(int argc, char** argv) {
    Arguments args;
    std::string error;
    if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (!parse_arguments(argc, argv, args, error)) {
        std::fprintf(stderr, "consulta-indexer: %s\n%s", error.c_str(), kUsage);
        return kExitUsage;
    }
    auto settings = args.config.empty() ? Result<Settings>(default_settings(default_config_dir()))
                                        : load_settings(args.config);
    if (!settings) {
        std::fprintf(stderr, "consulta-indexer: %s\n", settings.status().message().c_str());
        return kExitUsage;
    }
    const IndexRunOptions run{args.corpus, args.index, *settings, progress_printer(args.quiet)};
    const std::size_t shards = args.shards ? args.shards : existing_shard_count(args.index);
    auto summary = shards ? index_sharded(run, shards) : index_corpus(run);
    if (!summary) {
        std::fprintf(stderr, "consulta-indexer: %s\n", summary.status().message().c_str());
        const ErrorCode code = summary.status().code();
        return code == ErrorCode::kConfig || code == ErrorCode::kIo ? kExitUsage : kExitIndex;
    }
    if (args.json) {
        // A reason may quote a link target that is not UTF-8: replaced, never a throw.
        std::printf("%s\n", summary_json(*summary).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
        print_summary(*summary);
    }
    return summary->skipped.empty() ? 0 : kExitSkipped;
}
