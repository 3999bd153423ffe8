#include "indexer/disk_full.h"

#include <sys/statvfs.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <xapian.h>

#include "core/index/schema.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

std::string megabytes(std::uintmax_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return text;
}

std::uintmax_t folder_bytes(const fs::path& dir) {
    std::uintmax_t total = 0;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code size_error;
        const auto size = it->file_size(size_error);
        if (!size_error) total += size;
    }
    return total;
}

// What the index on disk holds now, read with a fresh reader: "generation 4, 812 documents".
std::string index_state(const fs::path& index_dir) {
    try {
        Xapian::Database db(index_dir.string());
        const std::string generation = db.get_metadata(std::string(schema::kMetaGeneration));
        if (generation.empty()) return "";
        return "generation " + generation + ", " + std::to_string(db.get_doccount()) + " documents";
    } catch (const Xapian::Error&) {
        return "";
    }
}

}  // namespace

bool is_disk_full(const Status& status) {
    if (status) return false;
    const std::string& message = status.message();
    return message.find(std::strerror(ENOSPC)) != std::string::npos ||
           message.find(std::strerror(EDQUOT)) != std::string::npos;
}

Status explain_disk_full(const Status& status, const fs::path& index_dir) {
    const fs::path folder = fs::absolute(index_dir).lexically_normal();
    std::string message = "the disk holding " + folder.string() + " is full";
    struct statvfs disk {};
    if (::statvfs(folder.parent_path().c_str(), &disk) == 0) {
        message += " (" + megabytes(static_cast<std::uintmax_t>(disk.f_bavail) * disk.f_frsize) + " free)";
    }
    // Xapian writes changed blocks beside the ones readers still use: a commit may need about
    // the size of the index again, and a new index is first written whole beside the old one.
    const std::uintmax_t index_bytes = folder_bytes(index_dir);
    message += ". Free at least " + megabytes(std::max<std::uintmax_t>(index_bytes, 64u << 20)) +
               " on that disk (the index takes " + megabytes(index_bytes) +
               "; a commit may need that much again), then run consulta-indexer again. ";
    const std::string state = index_state(index_dir);
    message += state.empty()
                   ? "No index had been committed there yet, so nothing was lost."
                   : "The index is intact: it still holds its last commit (" + state +
                         "); what this run had not committed is not in it, and the next run redoes it.";
    message += " (" + status.message() + ")";
    return {status.code(), message};
}

}  // namespace consulta
