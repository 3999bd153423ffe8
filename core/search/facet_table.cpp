#include "core/search/facet_table.h"

#include <mutex>
#include <unordered_map>

namespace consulta {
namespace {

// The tables of the newest revisions seen: one per slot and database, replaced when a commit
// moves the revision (searchers reopen to the newest commit before each request).
struct TableCache {
    std::mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const FacetTable>> by_database_and_slot;
    std::unordered_map<std::string, Xapian::rev> revision;
};

TableCache& cache() {
    static TableCache* tables = new TableCache;  // never destroyed: searchers outlive statics
    return *tables;
}

}  // namespace

FacetTable::FacetTable(const Xapian::Database& db, Xapian::valueno slot)
    : list_of_doc_(std::size_t{db.get_lastdocid()} + 1, kNoList) {
    std::unordered_map<std::string, std::uint32_t> numbers;
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
        const std::string value = *v;
        if (value.empty()) continue;  // the stock spy counts no empty value either
        auto [at, added] = numbers.emplace(value, static_cast<std::uint32_t>(lists_.size()));
        if (added) {
            lists_.push_back(value);
            all_counts_.push_back(0);
        }
        const Xapian::docid did = v.get_docid();
        if (did < list_of_doc_.size()) {
            list_of_doc_[did] = at->second;
            ++all_counts_[at->second];
        }
    }
}

std::shared_ptr<const FacetTable> FacetTable::of(const Xapian::Database& db, Xapian::valueno slot) {
    // One database only: over combined databases Xapian 1.4 hands a MatchSpy each match as
    // its shard's document, whose get_docid() is the shard's own id, not the combined one.
    if (db.size() != 1 || db.get_lastdocid() > kMaxDocid) return nullptr;
    Xapian::rev revision;
    std::string key;
    try {
        revision = db.get_revision();  // throws for anything but a local chert or glass one
        key = db.get_uuid() + '/' + std::to_string(slot);
    } catch (const Xapian::Error&) {
        return nullptr;
    }
    TableCache& tables = cache();
    std::lock_guard lock(tables.mutex);
    auto found = tables.by_database_and_slot.find(key);
    if (found != tables.by_database_and_slot.end() && tables.revision[key] == revision) {
        return found->second;
    }
    // Built under the lock: the searchers that wait for it would otherwise each build it.
    auto table = std::make_shared<const FacetTable>(db, slot);
    if (found == tables.by_database_and_slot.end() && tables.by_database_and_slot.size() >= 8) {
        // Databases made anew (a new uuid each) would otherwise pile up in a long-lived process.
        tables.by_database_and_slot.clear();
        tables.revision.clear();
    }
    tables.by_database_and_slot[key] = table;
    tables.revision[key] = revision;
    return table;
}

}  // namespace consulta
