#include "core/search/query_budget.h"

#include <unistd.h>

#include <cstdio>
#include <optional>

namespace consulta {
namespace {

using Clock = std::chrono::steady_clock;

struct Active {
    QueryLimits limits;
    Clock::time_point deadline;
    unsigned calls = 0;
};
thread_local std::optional<Active> t_budget;

// Called by the matcher for every candidate document; checks the budget every 64th.
class BudgetSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document&, double) override {
        if ((++seen_ & 63u) == 0) QueryBudget::check();
    }

private:
    unsigned seen_ = 0;
};

}  // namespace

QueryBudget::Scope::Scope(QueryLimits limits) {
    const auto now = Clock::now();
    const auto deadline = limits.time.count() > 0 ? now + limits.time : Clock::time_point::max();
    t_budget = Active{std::move(limits), deadline, 0};
}

QueryBudget::Scope::~Scope() { t_budget.reset(); }

std::size_t QueryBudget::resident_bytes() {
    std::FILE* statm = std::fopen("/proc/self/statm", "r");
    if (statm == nullptr) return 0;
    unsigned long size = 0, resident = 0;
    const int read = std::fscanf(statm, "%lu %lu", &size, &resident);
    std::fclose(statm);
    return read == 2 ? resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

void QueryBudget::check() {
    if (!t_budget) return;
    Active& budget = *t_budget;
    if (Clock::now() >= budget.deadline) {
        throw QueryBudgetExceeded{QueryBudgetExceeded::Reason::kTime};
    }
    // Reading /proc and asking the socket cost a system call: every 16th check.
    if ((budget.calls++ & 15u) != 0) return;
    if (budget.limits.max_resident_bytes > 0 &&
        resident_bytes() > budget.limits.max_resident_bytes) {
        throw QueryBudgetExceeded{QueryBudgetExceeded::Reason::kMemory};
    }
    if (budget.limits.client_gone && budget.limits.client_gone()) {
        throw QueryBudgetExceeded{QueryBudgetExceeded::Reason::kClientGone};
    }
}

void QueryBudget::attach(Xapian::Enquire& enquire, bool remote_parts) {
    if (!t_budget) return;
    if (!remote_parts) {
        enquire.add_matchspy((new BudgetSpy)->release());
        return;
    }
    if (t_budget->limits.time.count() == 0) return;
    const auto left = std::chrono::duration<double>(t_budget->deadline - Clock::now()).count();
    enquire.set_time_limit(left > 0.001 ? left : 0.001);
}

}  // namespace consulta
