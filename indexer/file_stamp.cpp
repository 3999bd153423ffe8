#include "indexer/file_stamp.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace consulta {

Result<FileStat> stat_file(const std::filesystem::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {  // never through a link swapped in since the listing
        return Status{ErrorCode::kUnreadable, std::string("cannot stat file: ") + std::strerror(errno)};
    }
    return FileStat{static_cast<std::uint64_t>(st.st_size),
                    static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

std::string file_stamp(const FileStat& stat, std::string_view context) {
    // Text, not binary: the slot is read by people debugging an index with xapian-delve.
    return std::to_string(stat.size) + ' ' + std::to_string(stat.mtime_ns) + ' ' + std::string(context);
}

}  // namespace consulta
