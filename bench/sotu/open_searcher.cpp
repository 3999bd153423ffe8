#include "bench/sotu/open_searcher.h"

#include <cstdio>

#include "core/config/settings.h"
#include "core/entities/gazetteer.h"

namespace consulta::bench {

std::unique_ptr<Searcher> open_searcher(const std::string& index, std::size_t snippets_per_hit) {
    Settings settings = default_settings(default_config_dir());
    settings.searchd.snippets_per_hit = snippets_per_hit;
    auto gazetteer = Gazetteer::load(settings.gazetteers);
    if (!gazetteer) {
        std::fprintf(stderr, "%s\n", gazetteer.status().message().c_str());
        return nullptr;
    }
    auto searcher = Searcher::open(
        index, std::make_shared<const Gazetteer>(std::move(gazetteer).value()), settings);
    if (!searcher) {
        std::fprintf(stderr, "%s: %s\n", index.c_str(), searcher.status().message().c_str());
        return nullptr;
    }
    return std::make_unique<Searcher>(std::move(searcher).value());
}

}  // namespace consulta::bench
