#include "core/search/stem_expander.h"

#include <algorithm>

namespace consulta {

const std::string& StemExpander::stem_of(const std::string& word) {
    auto it = stems_.find(word);
    if (it != stems_.end()) return it->second;
    if (stems_.size() > 500000) stems_.clear();  // bound memory on a huge vocabulary
    return stems_.emplace(word, stemmer_(word)).first->second;
}

const std::vector<std::string>& StemExpander::expand(const Xapian::Database& db,
                                                     const std::string& stem,
                                                     std::uint64_t generation) {
    if (generation != generation_) {
        expansions_.clear();
        generation_ = generation;
    }
    auto cached = expansions_.find(stem);
    if (cached != expansions_.end()) return cached->second;

    std::vector<std::pair<Xapian::doccount, std::string>> found;
    const std::string prefix = stem.size() > 1 ? stem.substr(0, stem.size() - 1) : stem;
    std::size_t scanned = 0;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        if (++scanned > kMaxScanned) break;
        const std::string word = *t;
        if (stem_of(word) == stem) found.emplace_back(t.get_termfreq(), word);
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (found.size() > kMaxWords) found.resize(kMaxWords);
    std::vector<std::string> words;
    for (auto& [freq, word] : found) words.push_back(std::move(word));
    if (expansions_.size() > 10000) expansions_.clear();
    return expansions_.emplace(stem, std::move(words)).first->second;
}

}  // namespace consulta
