#pragma once
// The words of the index that stem to a query's stem: a query for "war" (the term Zwar) is
// highlighted at "war" and "wars", whose positions the index holds; the stem itself has none.
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace consulta {

/// One per searcher: the word -> stem cache lives as long as the searcher, the expansions as
/// long as the index generation they were read from. Not thread-safe.
class StemExpander {
public:
    explicit StemExpander(const Xapian::Stem& stemmer) : stemmer_(stemmer) {}

    /// The unprefixed terms of `db` whose stem is `stem`, most frequent first, at most
    /// kMaxWords. Words are looked for among the terms that share the stem's first bytes
    /// (the stem less its last letter: Porter's rules change only an ending, "happi" for
    /// "happy"), and stemmed once each for the searcher's life.
    const std::vector<std::string>& expand(const Xapian::Database& db, const std::string& stem,
                                           std::uint64_t generation);

    static constexpr std::size_t kMaxWords = 32;
    /// A short stem shares its first byte with much of the vocabulary: scan at most this many.
    static constexpr std::size_t kMaxScanned = 20000;

private:
    const std::string& stem_of(const std::string& word);

    const Xapian::Stem& stemmer_;
    std::unordered_map<std::string, std::string> stems_;
    std::unordered_map<std::string, std::vector<std::string>> expansions_;
    std::uint64_t generation_ = 0;
};

}  // namespace consulta
