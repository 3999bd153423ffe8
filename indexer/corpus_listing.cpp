#include "indexer/corpus_listing.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include "core/index/schema.h"
#include "indexer/document_id.h"
#include "indexer/source_reader.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

// What a corpus entry that is not a regular file is, for the summary ("" for a regular file).
std::string special_file_kind(const struct stat& info) {
    if (S_ISREG(info.st_mode)) return "";
    if (S_ISFIFO(info.st_mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(info.st_mode)) return "a character device";
    if (S_ISBLK(info.st_mode)) return "a block device";
    if (S_ISSOCK(info.st_mode)) return "a socket";
    if (S_ISDIR(info.st_mode)) return "a folder";
    return "not a regular file";
}

bool is_inside(const fs::path& target, const fs::path& root) {
    auto mismatch = std::mismatch(root.begin(), root.end(), target.begin(), target.end());
    return mismatch.first == root.end();
}

// Why a symbolic link in the corpus is not followed. Consulta never follows one: a link out
// of the folder would publish any file the indexer can read (corpus/passwd.txt -> /etc/passwd),
// and a link inside it would index the same text twice under two ids. The reason says where
// it points, so that the person who put it there knows what to copy instead.
std::string symlink_reason(const fs::path& link, const fs::path& root) {
    std::error_code ec;
    const fs::path target = fs::read_symlink(link, ec);
    const std::string to = ec ? std::string("?") : printable_path(target);
    struct stat info {};
    if (::stat(link.c_str(), &info) != 0) {
        const int error = errno;
        if (error == ELOOP) return "symbolic link loop (-> " + to + "), not followed";
        if (error == ENOENT) return "dangling symbolic link (-> " + to + "), not followed";
        return "symbolic link (-> " + to + ") that cannot be resolved: " + std::strerror(error);
    }
    const fs::path resolved = fs::canonical(link, ec);
    if (ec || !is_inside(resolved, root)) {
        return "symbolic link out of the corpus folder (-> " + to + "), not followed";
    }
    const std::string kind = special_file_kind(info);
    if (!kind.empty()) return "symbolic link to " + kind + " (-> " + to + "), not followed";
    return "symbolic link (-> " + to + "), not followed: copy or move the file into the corpus instead";
}

// Lists the corpus without following any symbolic link. Regular files of a supported type are
// documents; links, FIFOs, devices and sockets with a supported name, and links to folders,
// are named in `skipped` (opening a FIFO or /dev/zero would hang or fill the indexer).
Result<std::vector<fs::path>> walk_corpus(const fs::path& dir, std::vector<SkippedFile>& skipped) {
    std::vector<fs::path> paths;
    std::error_code ec;
    const fs::path root = fs::canonical(dir, ec);
    if (ec) {
        return Status{ErrorCode::kIo, "cannot list the corpus folder " + dir.string() + ": " +
                                          ec.message() + " (the index was not changed)"};
    }
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
        const fs::path& path = it->path();
        struct stat info {};
        if (::lstat(path.c_str(), &info) != 0) continue;  // gone since it was listed
        if (S_ISDIR(info.st_mode)) continue;              // descended into
        if (S_ISLNK(info.st_mode)) {
            std::error_code type_error;
            const bool to_folder = fs::is_directory(path, type_error);
            if (to_folder || is_supported_source(path)) skipped.push_back({path, symlink_reason(path, root)});
            continue;
        }
        if (!is_supported_source(path)) continue;
        const std::string kind = special_file_kind(info);
        if (!kind.empty()) {
            skipped.push_back({path, kind + ", not a regular file: not read"});
            continue;
        }
        paths.push_back(path);
    }
    if (ec) {
        return Status{ErrorCode::kIo, "cannot list the corpus folder " + dir.string() + ": " +
                                          ec.message() + " (the index was not changed)"};
    }
    return paths;
}

}  // namespace

Result<std::vector<CorpusFile>> list_corpus(const fs::path& dir, std::vector<SkippedFile>& skipped) {
    auto walked = walk_corpus(dir, skipped);
    if (!walked) return walked.status();
    std::vector<fs::path> paths = std::move(walked).value();
    std::sort(paths.begin(), paths.end());
    std::sort(skipped.begin(), skipped.end(),
              [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
    std::vector<CorpusFile> files;
    std::map<std::string, fs::path> seen;
    for (const fs::path& p : paths) {
        // Control bytes and invalid UTF-8 are escaped (document_id.h), so every id can be
        // asked for by URL.
        std::string id = document_id_for(p.stem().string());
        // Xapian refuses the id term of a longer name, which would end the whole run.
        if (id.size() > schema::kMaxIdBytes) {
            skipped.push_back({p, "file name too long for a document id (" +
                                      std::to_string(id.size()) + " bytes, at most " +
                                      std::to_string(schema::kMaxIdBytes) + ")"});
            continue;
        }
        auto [it, inserted] = seen.emplace(id, p);
        if (!inserted) {
            skipped.push_back({p, "duplicate document id '" + id + "' (also " +
                                      printable_path(it->second) + ")"});
            continue;
        }
        // Stat before any read: a file that changes after its stat is read anew next run.
        files.push_back({std::move(id), p, stat_file(p)});
    }
    return files;
}

}  // namespace consulta
