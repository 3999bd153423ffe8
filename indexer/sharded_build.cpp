#include "indexer/sharded_build.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

#include <xapian.h>

#include "core/entities/gazetteer.h"
#include "core/index/document_builder.h"
#include "core/index/index_writer.h"
#include "core/index/schema.h"
#include "indexer/catalog.h"
#include "indexer/corpus_listing.h"
#include "indexer/file_preparer.h"
#include "indexer/in_place_update.h"
#include "indexer/index_swap.h"
#include "indexer/parallel_build.h"
#include "indexer/progress_reporter.h"
#include "indexer/text_sample.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

constexpr const char* kMetaShards = "consulta.shards";                       // N, as text
constexpr const char* kMetaShardGenerations = "consulta.shard_generations";  // "g0,g1,…"

struct ShardRun {
    std::vector<CorpusFile> files;
    IndexSummary summary;
    Status status;
    std::uint64_t generation = 0;
};

Status index_one_shard(const fs::path& dir, const PreparerInputs& shared, std::size_t lanes,
                       ProgressReporter& progress, ShardRun& run) {
    auto writer = IndexWriter::open(dir, {/*durable=*/true, /*spelling=*/false});
    if (!writer) return writer.status();
    // Only now, holding the shard's lock: what a killed build of it left behind is ours.
    std::error_code ec;
    fs::remove_all(staging_dir_for(dir), ec);
    auto stored = writer->stored_documents();
    if (!stored) return stored.status();
    if (Status s = writer->set_stem_language(shared.settings.indexer.stem_language); !s) return s;
    if (shared.text_dictionary) {
        if (Status s = writer->set_text_dictionary(*shared.text_dictionary); !s) return s;
    }
    const PreparerInputs inputs{shared.gazetteer, shared.settings, shared.catalog, *stored,
                                shared.corpus_root, shared.text_dictionary};
    // A new shard is written as a new index is, in scratch lanes merged into its place: the
    // writer's memory stays bounded and the tables come out full. Later runs update in place.
    if (fresh_build_fits(*writer, dir, run.files.size(), shared.settings.indexer)) {
        if (Status s = build_afresh(*writer, dir, run.files, inputs, lanes, progress, run.summary); !s) {
            return s;
        }
        run.generation = run.summary.generation;
        return {};
    }
    if (Status s = update_in_place(*writer, run.files, inputs, progress, run.summary); !s) return s;
    run.generation = writer->generation();
    return {};
}

// The dictionary of the run's stored text. A searcher of the shards reads dictionaries from
// the head (aux), so every shard uses the one aux holds: aux's; else one a shard already has
// (a run stopped before aux committed); for a new index, one trained on the corpus.
Result<std::shared_ptr<const TextDictionary>> shards_text_dictionary(
    Xapian::WritableDatabase& aux, const fs::path& out, std::size_t shards, bool new_index,
    const std::vector<CorpusFile>& files, const Settings& settings) {
    auto dictionary = TextDictionary::current(aux);
    if (!dictionary || *dictionary) return dictionary;
    for (std::size_t k = 0; k < shards; ++k) {
        std::error_code ec;
        const fs::path dir = out / shard_folder_name(k);
        if (!fs::exists(dir / "iamglass", ec)) continue;
        auto had = TextDictionary::current(Xapian::Database(dir.string()));
        if (!had) return had.status();
        if (*had) {
            dictionary = had;
            break;
        }
    }
    if (!*dictionary && new_index) *dictionary = train_text_dictionary(files, settings.indexer.max_file_bytes);
    if (*dictionary) (*dictionary)->store_in(aux);
    return dictionary;
}

std::string joined_generations(const std::vector<ShardRun>& runs) {
    std::string out;
    for (const ShardRun& run : runs) {
        if (!out.empty()) out += ',';
        out += std::to_string(run.generation);
    }
    return out;
}

// The spelling data one database would hold: each spelling word's collection frequency (the
// single-database writer adds each word with its wdf and withdraws it with the document).
std::map<std::string, Xapian::termcount> spelling_of_shards(const fs::path& out, std::size_t shards) {
    Xapian::Database all;
    for (std::size_t k = 0; k < shards; ++k) all.add_database(Xapian::Database((out / shard_folder_name(k)).string()));
    std::map<std::string, Xapian::termcount> words;
    for (auto t = all.allterms_begin(); t != all.allterms_end(); ++t) {
        const std::string& term = *t;
        if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z') || !is_spelling_word(term)) continue;
        words.emplace_hint(words.end(), term, all.get_collection_freq(term));
    }
    return words;
}

// Brings aux's spelling data to `target` with the smallest change (one commit follows).
void update_spelling(Xapian::WritableDatabase& aux, const std::map<std::string, Xapian::termcount>& target) {
    std::map<std::string, Xapian::termcount> current;
    for (auto s = aux.spellings_begin(); s != aux.spellings_end(); ++s) current.emplace(*s, s.get_termfreq());
    for (const auto& [word, freq] : current) {
        auto it = target.find(word);
        const Xapian::termcount want = it == target.end() ? 0 : it->second;
        if (freq > want) aux.remove_spelling(word, freq - want);
    }
    for (const auto& [word, freq] : target) {
        auto it = current.find(word);
        const Xapian::termcount have = it == current.end() ? 0 : it->second;
        if (freq > have) aux.add_spelling(word, freq - have);
    }
}

std::string stub_text(std::size_t shards) {
    std::string text = "auto aux\n";
    for (std::size_t k = 0; k < shards; ++k) text += "auto " + shard_folder_name(k) + "\n";
    return text;
}

// Written beside and renamed over: a reader opens the old stub or the new one, never half.
// Left alone when it is already there, so an operator's edits (remote lines) survive.
Status write_stub(const fs::path& out, std::size_t shards) {
    const fs::path stub = out / "XAPIANDB";
    std::error_code ec;
    if (fs::exists(stub, ec)) return {};
    const fs::path tmp = out / "XAPIANDB.tmp";
    {
        std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
        file << stub_text(shards);
        file.flush();
        if (!file) return {ErrorCode::kIo, "cannot write " + tmp.string()};
    }
    fs::rename(tmp, stub, ec);
    if (ec) return {ErrorCode::kIo, "cannot write " + stub.string() + ": " + ec.message()};
    return {};
}

void add_up(IndexSummary& total, IndexSummary& part) {
    total.added += part.added;
    total.updated += part.updated;
    total.unchanged += part.unchanged;
    total.deleted += part.deleted;
    total.bytes_read += part.bytes_read;
    total.documents += part.documents;
    for (const auto& [type, count] : part.mentions) total.mentions[type] += count;
    for (SkippedFile& s : part.skipped) total.skipped.push_back(std::move(s));
}

}  // namespace

std::size_t shard_of(std::string_view doc_id, std::size_t shards) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : doc_id) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return shards == 0 ? 0 : static_cast<std::size_t>(hash % shards);
}

std::string shard_folder_name(std::size_t k) {
    char name[32];
    std::snprintf(name, sizeof name, "shard-%02zu", k);
    return name;
}

std::size_t existing_shard_count(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir / "XAPIANDB", ec) || !fs::is_directory(dir / "aux", ec)) return 0;
    try {
        const std::string n = Xapian::Database((dir / "aux").string()).get_metadata(kMetaShards);
        return n.empty() ? 0 : std::stoul(n);
    } catch (const std::exception&) {
        return 0;
    }
}

Result<IndexSummary> index_sharded(const IndexRunOptions& options, std::size_t shards) {
    const auto started = std::chrono::steady_clock::now();
    const Settings& settings = options.settings;
    const fs::path& out = options.index_dir;
    std::error_code ec;
    if (shards < 1 || shards > 999) return Status{ErrorCode::kConfig, "--shards must be 1 to 999"};
    if (!fs::is_directory(options.corpus_dir, ec)) {
        return Status{ErrorCode::kIo, "corpus folder " + options.corpus_dir.string() + " does not exist"};
    }
    if (fs::exists(out / "iamglass", ec)) {
        return Status{ErrorCode::kIndex, out.string() + " is an unsharded index: index into a new folder"};
    }
    auto gazetteer = Gazetteer::load(settings.gazetteers);
    if (!gazetteer) return gazetteer.status();
    auto catalog = Catalog::load(options.corpus_dir / "catalog.toml");
    if (!catalog) return catalog.status();
    fs::create_directories(out, ec);
    if (ec) return Status{ErrorCode::kIo, "cannot create " + out.string() + ": " + ec.message()};

    try {
        // aux's write lock is the run's lock: a second indexer fails here, before any shard.
        Xapian::WritableDatabase aux((out / "aux").string(), Xapian::DB_CREATE_OR_OPEN);
        aux.begin_transaction(true);  // cancelled, not half-written, if the run fails
        const std::string had = aux.get_metadata(kMetaShards);
        if (!had.empty() && had != std::to_string(shards)) {
            return Status{ErrorCode::kIndex, out.string() + " has " + had + " shards, not " +
                                                 std::to_string(shards) +
                                                 ": keep --shards " + had + " or index into a new folder"};
        }

        IndexSummary summary;
        auto listed = list_corpus(options.corpus_dir, summary.skipped);
        if (!listed) return listed.status();
        auto dictionary = shards_text_dictionary(aux, out, shards, had.empty(), *listed, settings);
        if (!dictionary) return dictionary.status();
        std::vector<ShardRun> runs(shards);
        for (CorpusFile& file : *listed) runs[shard_of(file.id, shards)].files.push_back(std::move(file));
        ProgressReporter progress(options.on_progress, listed->size());
        const std::map<std::string, StoredDocument> none;
        const PreparerInputs shared{*gazetteer, settings, *catalog, none, options.corpus_dir,
                                    *dictionary};

        // Each shard has its writer (and update_in_place its preparing thread); at most
        // `writers` shards are written at once, and a new shard gets the writers left over.
        std::atomic<std::size_t> next{0};
        std::atomic<bool> failed{false};
        std::vector<std::thread> threads;
        const std::size_t lanes = std::max<std::size_t>(1, std::min(settings.indexer.writers, shards));
        const std::size_t lanes_per_shard = std::max<std::size_t>(1, settings.indexer.writers / lanes);
        for (std::size_t lane = 0; lane < lanes; ++lane) {
            threads.emplace_back([&] {
                for (std::size_t k; !failed && (k = next.fetch_add(1)) < shards;) {
                    try {
                        runs[k].status = index_one_shard(out / shard_folder_name(k), shared, lanes_per_shard,
                                                     progress, runs[k]);
                    } catch (const std::exception& e) {
                        runs[k].status = {ErrorCode::kInternal, std::string("shard: ") + e.what()};
                    }
                    if (!runs[k].status) failed = true;
                }
            });
        }
        for (std::thread& t : threads) t.join();
        for (std::size_t k = 0; k < shards; ++k) {
            if (!runs[k].status) {
                return Status{runs[k].status.code(), shard_folder_name(k) + ": " + runs[k].status.message()};
            }
        }
        for (ShardRun& run : runs) add_up(summary, run.summary);

        // Only now that every shard has committed does the generation move.
        const std::string generations = joined_generations(runs);
        const std::string schema_text = std::to_string(schema::kSchemaVersion);
        const bool changed = aux.get_metadata(kMetaShardGenerations) != generations ||
                             aux.get_metadata(std::string(schema::kMetaSchema)) != schema_text ||
                             aux.get_metadata(std::string(schema::kMetaStemLanguage)) != settings.indexer.stem_language;
        const std::string old_generation = aux.get_metadata(std::string(schema::kMetaGeneration));
        std::uint64_t generation = old_generation.empty() ? 0 : std::stoull(old_generation);
        if (changed) {
            update_spelling(aux, spelling_of_shards(out, shards));
            ++generation;
            aux.set_metadata(std::string(schema::kMetaSchema), schema_text);
            aux.set_metadata(std::string(schema::kMetaGeneration), std::to_string(generation));
            aux.set_metadata(std::string(schema::kMetaIndexedAt), rfc3339_now());
            aux.set_metadata(std::string(schema::kMetaStemLanguage), settings.indexer.stem_language);
            aux.set_metadata(kMetaShards, std::to_string(shards));
            aux.set_metadata(kMetaShardGenerations, generations);
        }
        aux.commit_transaction();
        aux.close();
        if (Status s = write_stub(out, shards); !s) return s;
        summary.generation = generation;
        summary.writers = lanes;
        summary.shards = shards;
        summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return summary;
    } catch (const Xapian::DatabaseLockError&) {
        return Status{ErrorCode::kLocked, out.string() + " is locked: another consulta-indexer is writing to it"};
    } catch (const Xapian::Error& e) {
        return Status{ErrorCode::kIndex, "cannot write " + out.string() + ": " + e.get_description()};
    }
}

}  // namespace consulta
