#include "indexer/in_place_update.h"

#include <set>
#include <thread>

#include "indexer/bounded_queue.h"

namespace consulta {

namespace {

// Applies prepared files to the index, in corpus order, committing per batch.
class IndexApplier {
public:
    IndexApplier(IndexWriter& writer, std::size_t batch_size, ProgressReporter& progress,
                 IndexSummary& summary)
        : writer_(writer), batch_size_(batch_size), progress_(progress), summary_(summary) {}

    Status apply(PreparedFile& prepared) {
        using Outcome = PreparedFile::Outcome;
        const std::string& id = prepared.file.id;
        switch (prepared.outcome) {
            case Outcome::kUnchanged:
                ++summary_.unchanged;
                progress_.report(id, "unchanged", 0);
                return {};
            case Outcome::kTouched:
                ++summary_.unchanged;
                progress_.report(id, "unchanged", 0);
                return writer_.refresh_file_stamp(id, prepared.stamp);
            case Outcome::kSkipped:
                summary_.skipped.push_back({prepared.file.path, prepared.reason});
                progress_.report(id, "skipped", 0);
                return {};
            case Outcome::kIndexed:
                break;
        }
        if (Status status = writer_.put(id, prepared.doc); !status) return status;
        if (!prepared.note.empty()) summary_.truncated.push_back({prepared.file.path, prepared.note});
        for (const auto& [type, count] : prepared.mentions) summary_.mentions[type] += count;
        summary_.bytes_read += prepared.bytes;
        ++(prepared.previously_indexed ? summary_.updated : summary_.added);
        progress_.report(id, prepared.previously_indexed ? "updated" : "added", prepared.bytes);
        if (++pending_ >= batch_size_) {
            pending_ = 0;
            return writer_.commit();
        }
        return {};
    }

    Status remove(const std::string& id) {
        if (Status status = writer_.remove(id); !status) return status;
        ++summary_.deleted;
        progress_.report(id, "deleted", 0, /*counts=*/false);
        return {};
    }

private:
    IndexWriter& writer_;
    std::size_t batch_size_;
    ProgressReporter& progress_;
    IndexSummary& summary_;
    std::size_t pending_ = 0;
};

}  // namespace

Status update_in_place(IndexWriter& writer, const std::vector<CorpusFile>& files,
                       const PreparerInputs& inputs, ProgressReporter& progress, IndexSummary& summary) {
    FilePreparer preparer(inputs);
    IndexApplier applier(writer, inputs.settings.indexer.batch_size, progress, summary);

    // Xapian's writer is single-threaded and busy most of a big run; preparing the next files
    // on a second thread overlaps decoding, tokenising and tagging with the index writes.
    BoundedQueue<PreparedFile> queue(16);
    std::thread producer([&] {
        for (const CorpusFile& file : files) {
            if (!queue.push(preparer.prepare(file))) break;
        }
        queue.close();
    });
    Status failure;
    while (auto prepared = queue.pop()) {
        if (Status status = applier.apply(*prepared); !status) {
            failure = status;
            queue.close();  // the producer stops at its next push
            break;
        }
    }
    producer.join();
    if (!failure) return failure;  // uncommitted changes are dropped with the writer

    std::set<std::string> present;
    for (const CorpusFile& file : files) present.insert(file.id);
    for (const auto& [id, stored] : inputs.stored) {
        if (present.count(id)) continue;
        if (Status status = applier.remove(id); !status) return status;
    }
    if (Status status = writer.commit(); !status) return status;
    summary.generation = writer.generation();
    summary.documents = writer.document_count();
    return {};
}

}  // namespace consulta
