#pragma once
#include <filesystem>

#include "core/common/status.h"

namespace consulta {

/// The scratch folder of a parallel build of `index_dir`: a hidden sibling, so that it is on
/// the same file system and can be swapped with the index in one rename.
std::filesystem::path staging_dir_for(const std::filesystem::path& index_dir);

/// Whether this file system can swap two folders atomically (ext4, xfs, btrfs and tmpfs can),
/// tried on two empty folders made inside `staging`.
bool can_swap_folders(const std::filesystem::path& staging);

/// Puts the database folder `replacement` where `index_dir` is, in one atomic step (Linux
/// renameat2 RENAME_EXCHANGE): a reader opening the index finds the old database or the new
/// one, never neither. Afterwards `replacement` names the old database. The parent folder is
/// synced, so that the swap survives a crash.
Status swap_into_place(const std::filesystem::path& replacement, const std::filesystem::path& index_dir);

}  // namespace consulta
