#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace consulta {

/// What a stat() tells about a file: enough to know, without reading it, that it did not
/// change since the last run (the same size and modification time to the nanosecond).
struct FileStat {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
};

Result<FileStat> stat_file(const std::filesystem::path& path);

/// The value stored in schema::kSlotFileStat: the file's stat and a hash of everything else
/// the document's index entry depends on (`context`: configuration, catalogue entry, file
/// type). Equal stamps mean the document can be kept without opening the file.
std::string file_stamp(const FileStat& stat, std::string_view context);

}  // namespace consulta
