#pragma once
// The budget of the query a thread is running: a deadline, a check that its client is still
// there, and a bound on the daemon's resident memory. Set for a request by its server
// (QueryBudget::Scope), checked by Xapian's matcher as it visits documents (attach()) and
// between the stages of a search; over the budget, check() throws QueryBudgetExceeded, which
// is not a std::exception so that no catch-all on the way turns it into another error.
#include <chrono>
#include <cstddef>
#include <functional>

#include <xapian.h>

namespace consulta {

/// Why a query was stopped.
struct QueryBudgetExceeded {
    enum class Reason { kTime, kClientGone, kMemory } reason;
};

struct QueryLimits {
    std::chrono::milliseconds time{2000};  ///< 0: no time budget
    std::size_t max_resident_bytes = 0;    ///< 0: no memory bound
    std::function<bool()> client_gone;     ///< empty: never asked
};

class QueryBudget {
public:
    /// Makes `limits` the budget of the current thread until destroyed (scopes do not nest).
    class Scope {
    public:
        explicit Scope(QueryLimits limits);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;
    };

    /// Throws QueryBudgetExceeded when the thread's budget is spent. Cheap enough for every
    /// few hundred documents: a clock read; the memory and client checks are spaced out.
    static void check();

    /// Has `enquire` call check() while it matches. Over remote shards a MatchSpy of ours
    /// cannot run (xapian-tcpsrv knows only its stock ones), so there the time left is given
    /// to Xapian's own time limit instead, and check() runs between stages only.
    static void attach(Xapian::Enquire& enquire, bool remote_parts = false);

    /// The process's resident set size, from /proc/self/statm (0 when unreadable).
    static std::size_t resident_bytes();
};

}  // namespace consulta
