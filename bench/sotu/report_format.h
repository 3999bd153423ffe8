#pragma once
// The markdown of bench/RESULTS.md, from the samples of one run.
#include <map>
#include <ostream>
#include <string>

#include "bench/sotu/sample_table.h"

namespace consulta::bench {

void write_report(std::ostream& out, const SampleTable& table,
                  const std::map<std::string, std::string>& meta);

}  // namespace consulta::bench
