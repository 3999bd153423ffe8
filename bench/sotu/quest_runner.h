#pragma once
// Xapian's `quest` as a peer: one process per query (spawn, open the database, parse, match
// with exact counts, print ten hits), set up as close to Consulta's parser as its options go.
#include <string>
#include <vector>

#include <xapian.h>

#include "bench/sotu/query_set.h"

namespace consulta::bench {

class QuestRunner {
public:
    QuestRunner(std::string index_dir, Xapian::doccount doccount,
                std::string program = "/usr/bin/quest");

    bool available() const;
    /// quest's boolean prefixes write "XS:US" where Consulta indexes "XSUS", so a filter
    /// (state=US) cannot be expressed; such queries are left out, not timed on no matches.
    bool supports(const BenchQuery& query) const { return query.plain_filter.empty(); }
    /// Runs quest to completion, output discarded; false when it failed.
    bool run(const BenchQuery& query) const;

private:
    std::vector<std::string> args_for(const BenchQuery& query) const;

    std::string index_dir_, program_;
    Xapian::doccount doccount_;
};

}  // namespace consulta::bench
