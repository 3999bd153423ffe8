#pragma once
// The shards of issue 13 in RESULTS.md: per corpus, one database beside the same documents in
// 2 local shards and in 2 shards behind xapian-tcpsrv (samples of bench_shard_search, of the
// consulta-shards2 indexing runs and of wrk, section shards-http), and what a complete run
// must have produced of them.
#include <ostream>
#include <string>
#include <vector>

#include "bench/sotu/sample_table.h"

namespace consulta::bench {

struct ShardLayout {
    const char* id;          ///< the variant in the samples
    const char* name;        ///< how tables name it
    const char* index_tool;  ///< the indexing runs that built it (section index)
};

inline constexpr ShardLayout kShardLayouts[] = {
    {"db1", "one database", "consulta"},
    {"local2", "2 local shards (stub directory)", "consulta-shards2"},
    {"remote2", "2 remote shards (xapian-tcpsrv, loopback)", "consulta-shards2"}};

/// The "Shards" section of one corpus; nothing when the run has no shard samples for it.
void write_shards(std::ostream& out, const SampleTable& t, const std::string& corpus);

/// What is missing or failed: every figure of the section, and the checks that the shards
/// answer as one database (totals, matching ids, first page; facets are shown, not required).
std::vector<std::string> missing_shard_figures(const SampleTable& t, const std::string& corpus);

}  // namespace consulta::bench
