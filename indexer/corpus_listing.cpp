#include "indexer/corpus_listing.h"

#include <algorithm>
#include <map>

#include "core/index/schema.h"
#include "indexer/source_reader.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

Result<std::vector<fs::path>> walk_corpus(const fs::path& dir) {
    std::vector<fs::path> paths;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
        std::error_code type_error;  // an unreadable entry is not a reason to stop listing
        if (it->is_regular_file(type_error) && is_supported_source(it->path())) {
            paths.push_back(it->path());
        }
    }
    if (ec) {
        return Status{ErrorCode::kIo, "cannot list the corpus folder " + dir.string() + ": " +
                                          ec.message() + " (the index was not changed)"};
    }
    return paths;
}

}  // namespace

Result<std::vector<CorpusFile>> list_corpus(const fs::path& dir, std::vector<SkippedFile>& skipped) {
    auto walked = walk_corpus(dir);
    if (!walked) return walked.status();
    std::vector<fs::path> paths = std::move(walked).value();
    std::sort(paths.begin(), paths.end());
    std::vector<CorpusFile> files;
    std::map<std::string, fs::path> seen;
    for (const fs::path& p : paths) {
        std::string id = p.stem().string();
        // Xapian refuses the id term of a longer name, which would end the whole run.
        if (id.size() > schema::kMaxIdBytes) {
            skipped.push_back({p, "file name too long for a document id (" +
                                      std::to_string(id.size()) + " bytes, at most " +
                                      std::to_string(schema::kMaxIdBytes) + ")"});
            continue;
        }
        auto [it, inserted] = seen.emplace(id, p);
        if (!inserted) {
            skipped.push_back({p, "duplicate document id '" + id + "' (also " + it->second.string() + ")"});
            continue;
        }
        // Stat before any read: a file that changes after its stat is read anew next run.
        files.push_back({std::move(id), p, stat_file(p)});
    }
    return files;
}

}  // namespace consulta
