#include "indexer/text_sample.h"

#include <algorithm>

#include "indexer/source_reader.h"

namespace consulta {

namespace {

constexpr std::size_t kMaxFiles = 48;
constexpr std::size_t kMaxBytes = std::size_t{4} << 20;
// No one file fills the sample: a collection's documents differ in their vocabulary.
constexpr std::size_t kMaxBytesPerFile = kMaxBytes / 16;

}  // namespace

std::vector<std::string> sample_corpus_text(const std::vector<CorpusFile>& files,
                                            std::size_t max_file_bytes, std::size_t piece_bytes) {
    std::vector<std::string> pieces;
    std::size_t total = 0;
    const std::size_t picks = std::min(kMaxFiles, files.size());
    for (std::size_t k = 0; k < picks && total < kMaxBytes; ++k) {
        const CorpusFile& file = files[k * files.size() / picks];
        if (!file.stat || file.stat->size > max_file_bytes) continue;
        auto source = read_source(file.path, max_file_bytes);
        if (!source) continue;
        const std::string& text = source->text;
        const std::size_t take = std::min({text.size(), kMaxBytesPerFile, kMaxBytes - total});
        for (std::size_t at = 0; at < take; at += piece_bytes) {
            pieces.push_back(text.substr(at, std::min(piece_bytes, take - at)));
        }
        total += take;
    }
    return pieces;
}

std::shared_ptr<const TextDictionary> train_text_dictionary(const std::vector<CorpusFile>& files,
                                                            std::size_t max_file_bytes) {
    return TextDictionary::train(sample_corpus_text(files, max_file_bytes, TextDictionary::kChunkBytes));
}

}  // namespace consulta
