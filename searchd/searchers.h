#pragma once
// One Searcher per worker thread: Xapian handles are not thread-safe (not even their
// reference counts), so each worker opens its own, lazily, on its first request.
#include <cstdint>
#include <filesystem>
#include <memory>

#include "core/common/status.h"
#include "core/config/settings.h"
#include "core/entities/gazetteer.h"
#include "core/search/searcher.h"

namespace consulta {

/// Hands each calling thread its own Searcher over one index, all sharing one Gazetteer.
class SearcherPool {
public:
    SearcherPool(std::filesystem::path index_dir, std::shared_ptr<const Gazetteer> gazetteer,
                 const Settings& settings);

    /// The calling thread's Searcher, opened on first use (and reopened if opening failed
    /// before, e.g. while the index was being created). Valid until the thread ends.
    Result<Searcher*> local();

    const std::filesystem::path& index_dir() const { return index_dir_; }
    const Gazetteer& gazetteer() const { return *gazetteer_; }

private:
    std::filesystem::path index_dir_;
    std::shared_ptr<const Gazetteer> gazetteer_;
    const Settings& settings_;
    std::uint64_t id_;  // tells this pool's thread-local searchers from another pool's
};

}  // namespace consulta
