// Reading the gazetteer files: iso-codes JSON for the ISO names, then the three TSV files that
// add what documents really write. Only parsing and validation live here; gazetteer_matcher.cpp
// turns the result into matching structures.

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>

#include "core/entities/gazetteer_data.h"
#include "core/text/tokenizer.h"

namespace consulta::gazetteer_detail {
namespace {

/// One TSV file: its header's column names and its data rows with their line numbers.
struct TsvTable {
    std::string path;
    std::vector<std::string> columns;
    struct Row {
        std::size_t line = 0;
        std::vector<std::string> cells;
    };
    std::vector<Row> rows;

    /// Index of a column, or npos.
    std::size_t column(std::string_view name) const {
        auto it = std::find(columns.begin(), columns.end(), name);
        return it == columns.end() ? std::string::npos : std::size_t(it - columns.begin());
    }
    std::string where(const Row& row) const { return path + ":" + std::to_string(row.line); }
};

Status config_error(const std::string& where, const std::string& what) {
    return Status(ErrorCode::kConfig, where + ": " + what);
}

Result<std::string> read_whole_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Status(ErrorCode::kIo, path.string() + ": cannot open gazetteer file");
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        return Status(ErrorCode::kIo, path.string() + ": cannot read gazetteer file");
    }
    return buffer.str();
}

std::vector<std::string> split(std::string_view line, char separator) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (;;) {
        const std::size_t tab = line.find(separator, start);
        cells.emplace_back(line.substr(start, tab - start));
        if (tab == std::string_view::npos) {
            return cells;
        }
        start = tab + 1;
    }
}

std::string trim(std::string_view s) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

/// Splits a multi-valued cell ("MIDSA | MIDSA process"); empty cells give no values.
std::vector<std::string> split_values(const std::string& cell) {
    std::vector<std::string> values;
    for (const std::string& part : split(cell, '|')) {
        std::string value = trim(part);
        if (!value.empty()) {
            values.push_back(std::move(value));
        }
    }
    return values;
}

/// Parses a TSV file: '#' lines are comments, blank lines are skipped, the first other line is
/// the header, which must name every required column.
Result<TsvTable> read_tsv(const std::filesystem::path& path,
                          const std::vector<std::string_view>& required) {
    Result<std::string> content = read_whole_file(path);
    if (!content) {
        return content.status();
    }
    TsvTable table;
    table.path = path.string();
    // Spreadsheet programs like to start a UTF-8 file with a byte order mark.
    if (content->starts_with("\xEF\xBB\xBF")) content->erase(0, 3);
    std::istringstream in(*content);
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty() || line.front() == '#') continue;
        std::vector<std::string> cells = split(line, '\t');
        for (std::string& cell : cells) cell = trim(cell);
        if (table.columns.empty()) {
            table.columns = std::move(cells);
            for (std::string_view name : required) {
                if (table.column(name) == std::string::npos) {
                    return config_error(table.path + ":" + std::to_string(number),
                                        "header has no column '" + std::string(name) + "'");
                }
            }
            continue;
        }
        if (cells.size() > table.columns.size()) {
            return config_error(table.path + ":" + std::to_string(number),
                                "expected at most " + std::to_string(table.columns.size()) +
                                    " tab-separated columns, found " +
                                    std::to_string(cells.size()));
        }
        cells.resize(table.columns.size());
        table.rows.push_back({number, std::move(cells)});
    }
    if (table.columns.empty()) {
        return config_error(table.path, "no header line");
    }
    return table;
}

bool is_upper_code(std::string_view id) {
    return (id.size() == 2 || id.size() == 4) &&
           std::all_of(id.begin(), id.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_slug(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::string strip_article(std::string name) {
    if (name.starts_with("The ") || name.starts_with("the ")) name.erase(0, 4);
    return name;
}

std::size_t find_index(const std::vector<Entity>& entities, std::string_view id) {
    for (std::size_t i = 0; i < entities.size(); ++i) {
        if (entities[i].id == id) return i;
    }
    return kNoEntity;
}

void add_alias(GazetteerData& data, EntityType type, std::size_t entity, std::string text,
               MentionForm form, MatchPolicy policy, std::string origin) {
    data.aliases.push_back({type, entity, std::move(text), form, policy, std::move(origin)});
}

/// The ISO 3166-1 entries: every name iso-codes has, the natural order of inverted names
/// ("Republic of Korea") and the UN parenthetical style ("Korea (Republic of)").
Status read_iso(const std::filesystem::path& path, GazetteerData& data) {
    Result<std::string> content = read_whole_file(path);
    if (!content) return content.status();
    const std::string origin = path.filename().string();
    try {
        const nlohmann::json root = nlohmann::json::parse(*content);
        for (const nlohmann::json& entry : root.at("3166-1")) {
            Entity state;
            state.type = EntityType::kState;
            state.id = entry.at("alpha_2").get<std::string>();
            state.kind = "state";
            const std::string name = entry.at("name").get<std::string>();
            const std::string official = entry.value("official_name", "");
            const std::string common = entry.value("common_name", "");
            const std::string natural = natural_order(name);
            state.name = strip_article(!common.empty()    ? common
                                       : !natural.empty() ? natural
                                                          : name);
            const std::size_t index = data.states.size();
            data.states.push_back(std::move(state));
            data.state_alpha3.push_back(entry.value("alpha_3", ""));
            const auto add = [&](const std::string& text, MentionForm form) {
                if (!text.empty()) {
                    add_alias(data, EntityType::kState, index, text, form, MatchPolicy::kExact,
                              origin);
                }
            };
            // The names come last: where an official or common name is also the name
            // ("Hungary"), the later spec wins and the mention's form is "name".
            add(official, MentionForm::kAlias);
            add(common, MentionForm::kAlias);
            add(natural, MentionForm::kAlias);
            if (!natural.empty()) {
                const std::size_t comma = name.find(", ");
                add(name.substr(0, comma) + " (" + name.substr(comma + 2) + ")",
                    MentionForm::kAlias);
            }
            add(name, MentionForm::kName);
            add(data.states[index].name, MentionForm::kName);
        }
    } catch (const nlohmann::json::exception& e) {
        return config_error(path.string(),
                            std::string("not an iso-codes 3166-1 file: ") + e.what());
    }
    if (data.states.empty()) {
        return config_error(path.string(), "no ISO 3166-1 entries");
    }
    return Status::ok();
}

std::optional<MatchPolicy> parse_policy(std::string_view name) {
    static const std::map<std::string_view, MatchPolicy> kPolicies = {
        {"exact", MatchPolicy::kExact},     {"case", MatchPolicy::kCase},
        {"context", MatchPolicy::kContext}, {"query", MatchPolicy::kQuery},
        {"off", MatchPolicy::kOff},         {"block", MatchPolicy::kBlock}};
    auto it = kPolicies.find(name);
    return it == kPolicies.end() ? std::nullopt : std::optional(it->second);
}

/// One row of states.tsv. A `name` row for an unknown id creates that entity (Kosovo, the
/// dissolved states); a `kind` row sets state/territory/dissolved.
Status read_state_row(const TsvTable& table, const TsvTable::Row& row, GazetteerData& data) {
    const std::string& id = row.cells[0];
    const std::string& form_name = row.cells[1];
    const std::string& policy_name = row.cells[2];
    const std::string& text = row.cells[3];
    const std::string where = table.where(row);
    if (text.empty()) return config_error(where, "empty text column");
    if (id == "-") {
        if (policy_name != "block") {
            return config_error(where, "id '-' is only allowed with match 'block'");
        }
        add_alias(data, EntityType::kState, kNoEntity, text, MentionForm::kAlias,
                  MatchPolicy::kBlock, where);
        return Status::ok();
    }
    if (!is_upper_code(id)) {
        return config_error(where, "bad state id '" + id +
                                       "' (expected an ISO alpha-2 code, an ISO 3166-3 alpha-4 "
                                       "code or '-')");
    }
    std::size_t index = find_index(data.states, id);
    if (index == kNoEntity && form_name == "name") {
        Entity state;
        state.type = EntityType::kState;
        state.id = id;
        state.kind = "state";
        index = data.states.size();
        data.states.push_back(std::move(state));
        data.state_alpha3.emplace_back();
    }
    if (index == kNoEntity) {
        return config_error(where, "unknown state id '" + id +
                                       "' (a new id needs a 'name' row before its other rows)");
    }
    if (form_name == "kind") {
        if (text != "state" && text != "territory" && text != "dissolved") {
            return config_error(where,
                                "bad kind '" + text + "' (expected state, territory or dissolved)");
        }
        data.states[index].kind = text;
        return Status::ok();
    }
    const std::optional<MentionForm> form = parse_mention_form(form_name);
    if (!form || *form == MentionForm::kYear || *form == MentionForm::kYearRange ||
        *form == MentionForm::kDate || *form == MentionForm::kFiscalYear ||
        *form == MentionForm::kDecade || *form == MentionForm::kRangeMiddle) {
        return config_error(where, "bad form '" + form_name +
                                       "' (expected name, alias, former_name, abbreviation, "
                                       "demonym or kind)");
    }
    const std::optional<MatchPolicy> policy = parse_policy(policy_name);
    if (!policy || *policy == MatchPolicy::kBlock) {
        return config_error(where, "bad match '" + policy_name +
                                       "' (expected exact, case, context, query or off; block "
                                       "needs id '-')");
    }
    if (*form == MentionForm::kName) data.states[index].name = text;
    add_alias(data, EntityType::kState, index, text, *form, *policy, where);
    return Status::ok();
}

Status read_states(const std::filesystem::path& path, GazetteerData& data) {
    Result<TsvTable> table = read_tsv(path, {"id", "form", "match", "text"});
    if (!table) return table.status();
    // Rows are read by position; the header names them for people and for the check above.
    if (table->column("id") != 0 || table->column("form") != 1 || table->column("match") != 2 ||
        table->column("text") != 3) {
        return config_error(table->path, "columns must start id, form, match, text");
    }
    for (const TsvTable::Row& row : table->rows) {
        if (Status status = read_state_row(*table, row, data); !status) return status;
    }
    return Status::ok();
}

/// The columns that mechanisms.tsv and organisations.tsv share: names, acronyms, other names and
/// the forms only queries may use.
void add_named_aliases(const TsvTable& table, const TsvTable::Row& row, EntityType type,
                       std::size_t index, GazetteerData& data) {
    const std::string where = table.where(row);
    const auto cell = [&](std::string_view column) -> const std::string& {
        static const std::string kEmpty;
        const std::size_t i = table.column(column);
        return i == std::string::npos ? kEmpty : row.cells[i];
    };
    add_alias(data, type, index, cell("name"), MentionForm::kName, MatchPolicy::kExact, where);
    for (std::string& text : split_values(cell("acronyms"))) {
        add_alias(data, type, index, std::move(text), MentionForm::kAbbreviation,
                  MatchPolicy::kCase, where);
    }
    for (std::string& text : split_values(cell("other_names"))) {
        add_alias(data, type, index, std::move(text), MentionForm::kAlias, MatchPolicy::kExact,
                  where);
    }
    for (std::string& text : split_values(cell("untagged"))) {
        add_alias(data, type, index, std::move(text), MentionForm::kAlias, MatchPolicy::kQuery,
                  where);
    }
}

/// Checks the id and name of a mechanism or organisation row and appends the entity.
Result<std::size_t> add_named_entity(const TsvTable& table, const TsvTable::Row& row,
                                     EntityType type, std::vector<Entity>& entities) {
    const std::string& id = row.cells[table.column("id")];
    const std::string& name = row.cells[table.column("name")];
    if (!is_slug(id)) {
        return config_error(table.where(row),
                            "bad id '" + id + "' (expected lower-case letters, digits and _)");
    }
    if (name.empty()) return config_error(table.where(row), "empty name");
    if (find_index(entities, id) != kNoEntity) {
        return config_error(table.where(row), "duplicate id '" + id + "'");
    }
    Entity entity;
    entity.type = type;
    entity.id = id;
    entity.name = name;
    entity.kind = "organisation";
    entities.push_back(std::move(entity));
    return entities.size() - 1;
}

Status read_mechanism_details(const TsvTable& table, const TsvTable::Row& row, Entity& mechanism,
                              const GazetteerData& data) {
    const std::string where = table.where(row);
    mechanism.kind = row.cells[table.column("kind")];
    static const std::string_view kKinds[] = {"RCP", "IRF", "global", "framework", "other"};
    if (std::find(std::begin(kKinds), std::end(kKinds), mechanism.kind) == std::end(kKinds)) {
        return config_error(where, "bad kind '" + mechanism.kind +
                                       "' (expected RCP, IRF, global, framework or other)");
    }
    if (std::size_t c = table.column("region"); c != std::string::npos) {
        mechanism.region = row.cells[c];
    }
    if (std::size_t c = table.column("established");
        c != std::string::npos && !row.cells[c].empty()) {
        const std::string& year = row.cells[c];
        if (year.size() != 4 || !std::all_of(year.begin(), year.end(), ::isdigit)) {
            return config_error(where, "bad established year '" + year + "'");
        }
        mechanism.established = std::stoi(year);
    }
    if (std::size_t c = table.column("members"); c != std::string::npos) {
        std::string members = row.cells[c];
        std::replace(members.begin(), members.end(), ',', ' ');
        std::istringstream in(members);
        for (std::string id; in >> id;) {
            if (find_index(data.states, id) == kNoEntity) {
                return config_error(where, "unknown member state id '" + id + "'");
            }
            mechanism.members.push_back(id);
        }
    }
    if (std::size_t c = table.column("members_source"); c != std::string::npos) {
        mechanism.members_source = row.cells[c];
    }
    return Status::ok();
}

Status read_named(const std::filesystem::path& path, EntityType type, GazetteerData& data) {
    const bool mechanisms = type == EntityType::kMechanism;
    std::vector<std::string_view> required = {"id", "name", "acronyms", "other_names", "untagged"};
    if (mechanisms) required.push_back("kind");
    Result<TsvTable> table = read_tsv(path, required);
    if (!table) return table.status();
    std::vector<Entity>& entities = mechanisms ? data.mechanisms : data.organisations;
    for (const TsvTable::Row& row : table->rows) {
        Result<std::size_t> index = add_named_entity(*table, row, type, entities);
        if (!index) return index.status();
        if (mechanisms) {
            Status status = read_mechanism_details(*table, row, entities[*index], data);
            if (!status) return status;
        }
        add_named_aliases(*table, row, type, *index, data);
    }
    return Status::ok();
}

/// state_context.tsv: one word or name per row, under the rule that uses it. Words are kept as
/// token norms, so that they compare with the text's tokens whatever their case or accents.
Status read_state_context(const std::filesystem::path& path, GazetteerData& data) {
    Result<TsvTable> table = read_tsv(path, {"rule", "text"});
    if (!table) return table.status();
    const std::size_t rule_column = table->column("rule");
    const std::size_t text_column = table->column("text");
    Tokenizer tokenizer;
    StateContextLists& lists = data.context;
    const std::map<std::string_view, std::set<std::string, std::less<>>*> words = {
        {"given_name", &lists.given_names},   {"title", &lists.titles},
        {"person_verb", &lists.person_verbs}, {"not_surname", &lists.not_surnames},
        {"state_cue", &lists.state_cues},     {"us_namesake", &lists.us_namesakes},
        {"us_state_namesake", &lists.us_state_namesakes}};
    const std::map<std::string_view, std::vector<std::vector<std::string>>*> names = {
        {"us_city", &lists.us_cities}, {"us_state", &lists.us_states},
        {"us_name", &lists.us_names}};
    for (const TsvTable::Row& row : table->rows) {
        const std::string& rule = row.cells[rule_column];
        const std::string& text = row.cells[text_column];
        const std::string where = table->where(row);
        if (text.empty()) return config_error(where, "empty text column");
        if (rule == "place_block") {
            add_alias(data, EntityType::kState, kNoEntity, text, MentionForm::kAlias,
                      MatchPolicy::kBlock, where);
            continue;
        }
        std::vector<std::string> norms;
        for (const Token& token : tokenizer.tokenize(text)) norms.push_back(token.norm);
        if (norms.empty()) return config_error(where, "'" + text + "' has no words");
        if (auto list = words.find(rule); list != words.end()) {
            if (norms.size() != 1) {
                return config_error(where, "'" + text + "' is not one word (rule " + rule + ")");
            }
            list->second->insert(norms.front());
        } else if (auto sequence = names.find(rule); sequence != names.end()) {
            sequence->second->push_back(std::move(norms));
        } else {
            return config_error(where, "bad rule '" + rule +
                                           "' (expected given_name, title, person_verb, "
                                           "not_surname, state_cue, us_namesake, "
                                           "us_state_namesake, place_block, "
                                           "us_city, us_state or us_name)");
        }
    }
    return Status::ok();
}

/// Puts each entity list in id order (the API promises it) and fixes the alias indices.
void sort_by_id(GazetteerData& data, EntityType type, std::vector<Entity>& entities) {
    std::vector<std::size_t> order(entities.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return entities[a].id < entities[b].id; });
    std::vector<std::size_t> new_index(entities.size());
    std::vector<Entity> sorted;
    std::vector<std::string> alpha3;
    for (std::size_t i = 0; i < order.size(); ++i) {
        new_index[order[i]] = i;
        sorted.push_back(std::move(entities[order[i]]));
        if (type == EntityType::kState) alpha3.push_back(data.state_alpha3[order[i]]);
    }
    entities = std::move(sorted);
    if (type == EntityType::kState) data.state_alpha3 = std::move(alpha3);
    for (AliasSpec& alias : data.aliases) {
        if (alias.type == type && alias.entity != kNoEntity) alias.entity = new_index[alias.entity];
    }
}

}  // namespace

std::string natural_order(const std::string& iso_name) {
    const std::size_t comma = iso_name.find(", ");
    if (comma == std::string::npos || iso_name.find(',', comma + 1) != std::string::npos) {
        return {};
    }
    const std::string head = iso_name.substr(0, comma);
    const std::string tail = iso_name.substr(comma + 2);
    std::string lower = tail;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    const bool inverted =
        lower.ends_with(" of") || lower.ends_with(" of the") || tail.find(' ') == std::string::npos;
    return inverted ? tail + " " + head : std::string();
}

Result<GazetteerData> read_gazetteer_files(const GazetteerFiles& files) {
    GazetteerData data;
    if (Status s = read_iso(files.iso_3166_1, data); !s) return s;
    if (Status s = read_states(files.states, data); !s) return s;
    if (Status s = read_named(files.mechanisms, EntityType::kMechanism, data); !s) return s;
    if (Status s = read_named(files.organisations, EntityType::kOrganisation, data); !s) return s;
    if (!files.state_context.empty()) {
        if (Status s = read_state_context(files.state_context, data); !s) return s;
    }
    sort_by_id(data, EntityType::kState, data.states);
    sort_by_id(data, EntityType::kMechanism, data.mechanisms);
    sort_by_id(data, EntityType::kOrganisation, data.organisations);
    return data;
}

}  // namespace consulta::gazetteer_detail
