#pragma once
// What a new index's text dictionary (core/index/text_dictionary.h) is trained on: pieces of
// the text of some of the corpus's files, read as the indexer reads them.
#include <cstddef>
#include <string>
#include <vector>

#include "core/index/text_dictionary.h"
#include "indexer/corpus_listing.h"

namespace consulta {

/// Pieces of about `piece_bytes` of the text of up to 48 files spread evenly over `files`
/// (the listing's order mixes the collection's parts less than a spread does), at most 4 MB
/// in all. Files over `max_file_bytes`, or that cannot be read, are passed over: the run
/// itself names them.
std::vector<std::string> sample_corpus_text(const std::vector<CorpusFile>& files,
                                            std::size_t max_file_bytes, std::size_t piece_bytes);

/// The dictionary of a new index of `files`, trained on sample_corpus_text(); null when the
/// corpus is too small to gain from one.
std::shared_ptr<const TextDictionary> train_text_dictionary(const std::vector<CorpusFile>& files,
                                                            std::size_t max_file_bytes);

}  // namespace consulta
