#pragma once
// A Searcher over any index path the daemon opens (a database folder, a stub directory of
// `consulta-indexer --shards`, a stub file naming remote shards), set up with the default
// configuration as consulta-searchd would be. Shared by the in-process benchmarks.
#include <cstddef>
#include <memory>
#include <string>

#include "core/search/searcher.h"

namespace consulta::bench {

/// nullptr (the reason on stderr) when the gazetteer or the index cannot be opened;
/// snippets_per_hit 0 gives the Searcher the checks page through all hits with.
std::unique_ptr<Searcher> open_searcher(const std::string& index, std::size_t snippets_per_hit);

}  // namespace consulta::bench
