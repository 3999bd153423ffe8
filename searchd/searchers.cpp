#include "searchd/searchers.h"

#include <atomic>
#include <optional>

namespace consulta {
namespace {

std::atomic<std::uint64_t> g_next_pool_id{1};

struct LocalSearcher {
    std::uint64_t pool_id = 0;
    std::optional<Searcher> searcher;
};

thread_local LocalSearcher t_local;

}  // namespace

SearcherPool::SearcherPool(std::filesystem::path index_dir,
                           std::shared_ptr<const Gazetteer> gazetteer, const Settings& settings)
    : index_dir_(std::move(index_dir)),
      gazetteer_(std::move(gazetteer)),
      settings_(settings),
      id_(g_next_pool_id.fetch_add(1)) {}

Result<Searcher*> SearcherPool::local() {
    if (t_local.pool_id != id_ || !t_local.searcher) {
        t_local.searcher.reset();
        auto opened = Searcher::open(index_dir_, gazetteer_, settings_);
        if (!opened) return opened.status();
        t_local.searcher.emplace(std::move(opened).value());
        t_local.pool_id = id_;
    }
    return &*t_local.searcher;
}

}  // namespace consulta
