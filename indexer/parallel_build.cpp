#include "indexer/parallel_build.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "indexer/index_swap.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

// What one lane did, merged into the summary in lane (= corpus) order.
struct LaneOutput {
    Status status;
    std::size_t added = 0, bytes = 0;
    std::vector<SkippedFile> skipped, truncated;
    std::map<EntityType, std::size_t> mentions;
};

struct LaneInput {
    const CorpusFile* begin;
    const CorpusFile* end;
    fs::path dir;
    bool spelling;  ///< whether the index keeps spelling data (a shard does not)
};

// Contiguous shares of about equal bytes: the merge then numbers the documents in corpus
// order, exactly as one writer would, and the lanes finish at about the same time.
std::vector<std::pair<std::size_t, std::size_t>> split_by_bytes(const std::vector<CorpusFile>& files,
                                                                std::size_t lanes) {
    std::uint64_t total = 0;
    for (const CorpusFile& f : files) total += f.stat ? f.stat->size : 0;
    std::vector<std::pair<std::size_t, std::size_t>> shares;
    std::size_t first = 0;
    std::uint64_t running = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        running += files[i].stat ? files[i].stat->size : 0;
        const bool cut = running * lanes >= total * (shares.size() + 1) && shares.size() + 1 < lanes;
        if (cut) {
            shares.emplace_back(first, i + 1);
            first = i + 1;
        }
    }
    shares.emplace_back(first, files.size());
    return shares;
}

Status write_lane(const LaneInput& lane, const PreparerInputs& inputs, ProgressReporter& progress,
                  const std::atomic<bool>& stop, LaneOutput& out) {
    // The lane is scratch: no fsync at its commits, which here only bound the memory Xapian
    // buffers (a commit flushes the batch's postings to disk).
    auto writer = IndexWriter::open(lane.dir, {/*durable=*/false, lane.spelling});
    if (!writer) return writer.status();
    FilePreparer preparer(inputs);
    const std::size_t flush_every = inputs.settings.indexer.lane_flush_documents;
    std::size_t pending = 0;
    for (const CorpusFile* file = lane.begin; file != lane.end && !stop; ++file) {
        PreparedFile prepared = preparer.prepare(*file);
        if (prepared.outcome != PreparedFile::Outcome::kIndexed) {
            // A parallel build starts from an empty index: nothing can be unchanged.
            out.skipped.push_back({file->path, prepared.reason});
            progress.report(file->id, "skipped", 0);
            continue;
        }
        if (Status s = writer->put(file->id, prepared.doc); !s) return s;
        if (!prepared.note.empty()) out.truncated.push_back({file->path, prepared.note});
        ++out.added;
        out.bytes += prepared.bytes;
        for (const auto& [type, count] : prepared.mentions) out.mentions[type] += count;
        progress.report(file->id, "added", prepared.bytes);
        if (++pending >= flush_every) {
            pending = 0;
            if (Status s = writer->commit(); !s) return s;
        }
    }
    return writer->commit();
}

Status merge_lanes(const std::vector<LaneInput>& lanes, const fs::path& merged_dir) {
    try {
        Xapian::Database sources;
        for (const LaneInput& lane : lanes) sources.add_database(Xapian::Database(lane.dir.string()));
        // Renumbering (the default) gives lane k's documents the ids after lane k-1's. FULL
        // splits items wherever that saves space (xapian-compact's default; 1% smaller than
        // flags 0 here), and unlike FULLER leaves the index fit for later updates.
        sources.compact(merged_dir.string(), Xapian::Compactor::FULL);
        return {};
    } catch (const Xapian::Error& e) {
        return {ErrorCode::kIndex, "cannot merge the parallel build: " + e.get_description()};
    }
}

// The merged database gets the target's metadata, continues its generation and goes past its
// revision, so that readers of the target see the swap as one new commit.
Status finish_merged(const fs::path& merged_dir, const IndexWriter& target,
                     const PreparerInputs& inputs, IndexSummary& summary) {
    auto merged = IndexWriter::open(merged_dir, {/*durable=*/true, target.keeps_spelling()});
    if (!merged) return merged.status();
    if (Status s = merged->set_stem_language(inputs.settings.indexer.stem_language); !s) return s;
    // The lanes' chunks were compressed with the run's dictionary: the index must hold it.
    if (inputs.text_dictionary) {
        if (Status s = merged->set_text_dictionary(*inputs.text_dictionary); !s) return s;
    }
    merged->continue_generation(target.generation());
    if (Status s = merged->advance_revision_past(target.revision()); !s) return s;
    if (Status s = merged->commit(); !s) return s;
    summary.generation = merged->generation();
    summary.documents = merged->document_count();
    return {};
}

}  // namespace

bool fresh_build_fits(const IndexWriter& target, const fs::path& index_dir, std::size_t files,
                      const IndexerSettings& settings) {
    if (files < settings.parallel_min_documents || files == 0) return false;
    if (target.document_count() != 0) return false;
    const fs::path staging = staging_dir_for(index_dir);
    std::error_code ec;
    fs::remove_all(staging, ec);
    fs::create_directories(staging, ec);
    return !ec && can_swap_folders(staging);
}

Status build_afresh(IndexWriter& target, const fs::path& index_dir,
                         const std::vector<CorpusFile>& files, const PreparerInputs& inputs,
                         std::size_t lane_count, ProgressReporter& progress,
                         IndexSummary& summary) {
    const fs::path staging = staging_dir_for(index_dir);
    const auto shares = split_by_bytes(files, std::clamp<std::size_t>(lane_count, 1, files.size()));
    std::vector<LaneInput> lanes;
    for (std::size_t k = 0; k < shares.size(); ++k) {
        lanes.push_back({files.data() + shares[k].first, files.data() + shares[k].second,
                         staging / ("lane-" + std::to_string(k)), target.keeps_spelling()});
    }
    std::vector<LaneOutput> outputs(lanes.size());
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < lanes.size(); ++k) {
        threads.emplace_back([&, k] {
            try {
                outputs[k].status = write_lane(lanes[k], inputs, progress, stop, outputs[k]);
            } catch (const std::exception& e) {  // e.g. bad_alloc: fail the run, not the process
                outputs[k].status = {ErrorCode::kInternal, std::string("parallel build: ") + e.what()};
            }
            if (!outputs[k].status) stop = true;  // the other lanes stop at their next file
        });
    }
    for (std::thread& t : threads) t.join();
    std::error_code ec;
    for (const LaneOutput& out : outputs) {
        if (!out.status) {
            fs::remove_all(staging, ec);
            return out.status;
        }
    }
    for (LaneOutput& out : outputs) {
        summary.added += out.added;
        summary.bytes_read += out.bytes;
        for (const auto& [type, count] : out.mentions) summary.mentions[type] += count;
        for (SkippedFile& s : out.skipped) summary.skipped.push_back(std::move(s));
        for (SkippedFile& s : out.truncated) summary.truncated.push_back(std::move(s));
    }
    summary.writers = lanes.size();
    const fs::path merged_dir = staging / "merged";
    Status status = merge_lanes(lanes, merged_dir);
    if (status) status = finish_merged(merged_dir, target, inputs, summary);
    if (status) status = swap_into_place(merged_dir, index_dir);
    // After the swap, merged_dir names the old database: the lock goes with it.
    target.close();
    fs::remove_all(staging, ec);
    return status;
}

}  // namespace consulta
