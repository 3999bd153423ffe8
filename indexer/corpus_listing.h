#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "indexer/corpus_indexer.h"
#include "indexer/file_stamp.h"

namespace consulta {

/// One document of the corpus: its id (the file name without the extension), where it is,
/// and its stat at listing time.
struct CorpusFile {
    std::string id;
    std::filesystem::path path;
    Result<FileStat> stat = FileStat{};  ///< a failed stat makes the file skipped, not deleted
};

/// The documents of the corpus folder, in path order. Files that cannot be documents (an id
/// too long for Xapian, a second file with the same id) are added to `skipped`. A folder that
/// cannot be listed to the end is an error, never a shorter corpus: the files not listed
/// would be deleted from the index.
Result<std::vector<CorpusFile>> list_corpus(const std::filesystem::path& dir,
                                            std::vector<SkippedFile>& skipped);

}  // namespace consulta
