#include "core/search/shard_set.h"

#include <fstream>
#include <sstream>

namespace consulta {
namespace fs = std::filesystem;

namespace {

Result<IndexPart> parse_stub_line(const std::string& line, const fs::path& base, const fs::path& stub,
                                  std::size_t number) {
    std::istringstream in(line);
    std::string type, first, second;
    in >> type >> first >> second;
    auto bad = [&](const std::string& why) {
        return Status{ErrorCode::kIndex, stub.string() + ":" + std::to_string(number) + ": " + why +
                                             " (expected 'auto PATH' or 'remote HOST:PORT')"};
    };
    IndexPart part;
    if (type == "auto" || type == "glass" || type == "chert" || type == "honey") {
        if (first.empty()) return bad("no path");
        part.name = first;
        part.path = fs::path(first).is_absolute() ? fs::path(first) : base / first;
        return part;
    }
    if (type != "remote") return bad("unknown type '" + type + "'");
    std::string address = first;
    if (first == "TCP" || first == "tcp") {  // "remote TCP HOST PORT"
        std::string port;
        in >> port;
        address = second + ":" + port;
    }
    const auto colon = address.rfind(':');
    if (address.empty() || address[0] == ':' || colon == std::string::npos) return bad("no HOST:PORT");
    const std::string port = address.substr(colon + 1);
    char* end = nullptr;
    const unsigned long value = std::strtoul(port.c_str(), &end, 10);
    if (port.empty() || *end != '\0' || value == 0 || value > 65535) return bad("bad port '" + port + "'");
    part.remote = true;
    part.host = address.substr(0, colon);
    if (part.host.size() > 2 && part.host.front() == '[' && part.host.back() == ']') {
        part.host = part.host.substr(1, part.host.size() - 2);  // [::1]:33101
    }
    part.port = static_cast<unsigned>(value);
    part.name = address;
    return part;
}

Result<std::vector<IndexPart>> read_stub(const fs::path& stub) {
    std::ifstream in(stub);
    if (!in) return Status{ErrorCode::kIndex, "cannot read " + stub.string()};
    std::vector<IndexPart> parts;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        const auto start = line.find_first_not_of(" \t\r");
        if (start == std::string::npos || line[start] == '#') continue;
        auto part = parse_stub_line(line, stub.parent_path(), stub, number);
        if (!part) return part.status();
        parts.push_back(std::move(part).value());
    }
    if (parts.empty()) return Status{ErrorCode::kIndex, stub.string() + " names no database"};
    return parts;
}

}  // namespace

Result<std::vector<IndexPart>> read_index_parts(const fs::path& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return read_stub(path);
    if (!fs::is_directory(path, ec)) return Status{ErrorCode::kIndex, "no index at " + path.string()};
    if (fs::is_regular_file(path / "XAPIANDB", ec)) return read_stub(path / "XAPIANDB");
    IndexPart one;
    one.name = path.filename().string();
    one.path = path;
    return std::vector<IndexPart>{one};
}

Result<ShardSet> ShardSet::open(const fs::path& path, const SearchdSettings& settings) {
    auto parts = read_index_parts(path);
    if (!parts) return parts.status();
    ShardSet set;
    set.settings_ = settings;
    for (IndexPart& where : *parts) set.parts_.push_back({std::move(where), std::nullopt, "", {}});
    // The head must open: it holds the schema the caller checks. A shard may be down.
    if (!set.connect(set.parts_.front())) {
        return Status{ErrorCode::kIndex, "cannot open " + set.parts_.front().where.name + ": " +
                                             set.parts_.front().error};
    }
    for (std::size_t k = 1; k < set.parts_.size(); ++k) set.connect(set.parts_[k]);
    return set;
}

bool ShardSet::connect(Part& part) {
    try {
        part.db = part.where.remote
                      ? Xapian::Remote::open(part.where.host, part.where.port, settings_.shard_timeout_ms,
                                             settings_.shard_connect_timeout_ms)
                      : Xapian::Database(part.where.path.string());
        part.error.clear();
        return true;
    } catch (const Xapian::Error& e) {
        part.db.reset();
        part.error = e.get_description();
        part.retry_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(settings_.shard_retry_ms);
        return false;
    }
}

Xapian::Database ShardSet::combined() const {
    Xapian::Database all;
    for (const Part& part : parts_) {
        if (part.db) all.add_database(*part.db);
    }
    return all;
}

std::vector<std::string> ShardSet::missing() const {
    std::vector<std::string> names;
    for (std::size_t k = 1; k < parts_.size(); ++k) {
        if (!parts_[k].db) names.push_back(parts_[k].where.name);
    }
    return names;
}

bool ShardSet::probe() {
    bool lost = false;
    for (Part& part : parts_) {
        if (!part.db || !part.where.remote) continue;
        try {
            part.db->reopen();  // one round trip to the server
        } catch (const Xapian::Error& e) {
            part.db.reset();
            part.error = e.get_description();
            part.retry_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(settings_.shard_retry_ms);
            lost = true;
        }
    }
    return lost;
}

bool ShardSet::retry_due() {
    bool back = false;
    const auto now = std::chrono::steady_clock::now();
    for (Part& part : parts_) {
        if (!part.db && now >= part.retry_at && connect(part)) back = true;
    }
    return back;
}

bool ShardSet::has_remote() const {
    for (const Part& part : parts_) {
        if (part.where.remote) return true;
    }
    return false;
}

std::vector<ShardHealth> ShardSet::health() const {
    std::vector<ShardHealth> out;
    for (std::size_t k = 1; k < parts_.size(); ++k) {
        const Part& part = parts_[k];
        out.push_back({part.where.name, part.where.remote, part.db.has_value(), part.error});
    }
    return out;
}

}  // namespace consulta
