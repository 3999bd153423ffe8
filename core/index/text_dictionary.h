#pragma once
// A zstd dictionary for the text chunks of one index: trained on a sample of the corpus's text
// when the index is first built, stored in the index's metadata and used for every chunk
// written after. Words, phrases and formatting a collection repeats are then in the dictionary
// instead of in each chunk, so a chunk can be small (a snippet decompresses fewer bytes) and
// still compress better than a large one alone: on the State of the Union texts, 2 KB chunks
// with a dictionary take 0.37 of the text, 4 KB chunks without one 0.49, and decompress in
// half the time.
//
// Metadata: kMetaCurrent holds the id of the dictionary new chunks use; kMetaPrefix + id holds
// the dictionary's bytes. A chunk's zstd frame names its dictionary's id, so a reader finds it
// whatever dictionary is current, and keeps it for the process.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/common/status.h"

struct ZSTD_CDict_s;
struct ZSTD_DDict_s;

namespace consulta {

class TextDictionary {
public:
    static constexpr std::string_view kMetaCurrent = "consulta.text_dictionary";
    static constexpr std::string_view kMetaPrefix = "consulta.text_dictionary.";
    /// Below this much sample text a dictionary gains too little to be worth training.
    static constexpr std::size_t kMinSampleBytes = 64 * 1024;
    /// The text chunk size of documents compressed with a dictionary (4 KB without one).
    static constexpr std::uint32_t kChunkBytes = 2048;

    /// A dictionary trained on `samples` (pieces of documents' text, each about a chunk);
    /// null when they are too few or too small to train one.
    static std::shared_ptr<const TextDictionary> train(const std::vector<std::string>& samples);

    /// The dictionary that new chunks of `db` use; null when it has none (an index built
    /// before dictionaries, or from too little text).
    static Result<std::shared_ptr<const TextDictionary>> current(const Xapian::Database& db);

    /// The dictionary with this id, read from `db`'s metadata the first time it is asked for
    /// and kept for the process (every searcher shares it). kIndex when `db` does not hold it.
    static Result<std::shared_ptr<const TextDictionary>> find(const Xapian::Database& db,
                                                              std::uint32_t id);

    /// Rebuilds a dictionary from its stored bytes; null when they are not one.
    static std::shared_ptr<const TextDictionary> from_bytes(std::string bytes);

    TextDictionary(const TextDictionary&) = delete;
    TextDictionary& operator=(const TextDictionary&) = delete;
    ~TextDictionary();

    /// Makes this the dictionary of `db`'s new chunks (written with its next commit).
    void store_in(Xapian::WritableDatabase& db) const;

    std::uint32_t id() const { return id_; }
    const std::string& bytes() const { return bytes_; }
    const ZSTD_CDict_s* for_compression() const { return compress_; }
    const ZSTD_DDict_s* for_decompression() const { return decompress_; }

private:
    TextDictionary() = default;

    std::string bytes_;
    std::uint32_t id_ = 0;
    ZSTD_CDict_s* compress_ = nullptr;
    ZSTD_DDict_s* decompress_ = nullptr;
};

}  // namespace consulta
