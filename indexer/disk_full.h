#pragma once
#include <filesystem>

#include "core/common/status.h"

namespace consulta {

/// True when `status` comes from a write that failed for want of space (ENOSPC, EDQUOT).
bool is_disk_full(const Status& status);

/// The error a person can act on after a full disk: which folder's disk is full and how much
/// is free, how much to free, and what the index holds now, read back from the index itself
/// (its last commit, which the failed run did not touch). Call it after the writer is closed.
Status explain_disk_full(const Status& status, const std::filesystem::path& index_dir);

}  // namespace consulta
