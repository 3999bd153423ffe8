#pragma once
#include <functional>
#include <mutex>
#include <string>

#include "indexer/corpus_indexer.h"

namespace consulta {

/// Counts the files done and calls the run's progress callback, one call at a time: the
/// parallel build reports from several threads.
class ProgressReporter {
public:
    ProgressReporter(std::function<void(const IndexProgress&)> callback, std::size_t total)
        : callback_(std::move(callback)), progress_{0, total, "", "", 0} {}

    /// A corpus file is done (`counts` false for a deletion, which is not one of the files).
    void report(const std::string& doc_id, const char* action, std::size_t bytes, bool counts = true) {
        std::lock_guard lock(mutex_);
        if (counts) ++progress_.done;
        progress_.bytes_done += bytes;
        progress_.doc_id = doc_id;
        progress_.action = action;
        if (callback_) callback_(progress_);
    }

private:
    std::function<void(const IndexProgress&)> callback_;
    std::mutex mutex_;
    IndexProgress progress_;
};

}  // namespace consulta
