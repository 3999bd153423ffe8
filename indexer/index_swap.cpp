#include "indexer/index_swap.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace consulta {
namespace fs = std::filesystem;

namespace {

fs::path normalised(const fs::path& dir) {
    fs::path p = fs::absolute(dir).lexically_normal();
    return p.filename().empty() ? p.parent_path() : p;  // "index/" names "index"
}

Status sync_folder(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const std::string why = std::strerror(errno);
        if (fd >= 0) ::close(fd);
        return {ErrorCode::kIo, "cannot sync " + dir.string() + ": " + why};
    }
    ::close(fd);
    return {};
}

}  // namespace

fs::path staging_dir_for(const fs::path& index_dir) {
    const fs::path index = normalised(index_dir);
    return index.parent_path() / ("." + index.filename().string() + ".consulta-build");
}

bool can_swap_folders(const fs::path& staging) {
    std::error_code ec;
    const fs::path a = staging / "swap-probe-a", b = staging / "swap-probe-b";
    fs::create_directories(a, ec);
    fs::create_directories(b, ec);
    const bool ok = !ec && ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
    fs::remove(a, ec);
    fs::remove(b, ec);
    return ok;
}

Status swap_into_place(const fs::path& replacement, const fs::path& index_dir) {
    const fs::path index = normalised(index_dir);
    if (::renameat2(AT_FDCWD, replacement.c_str(), AT_FDCWD, index.c_str(), RENAME_EXCHANGE) != 0) {
        return {ErrorCode::kIo, "cannot swap the new index into " + index.string() + ": " +
                                    std::strerror(errno) + " (the previous index is unchanged)"};
    }
    return sync_folder(index.parent_path());
}

}  // namespace consulta
