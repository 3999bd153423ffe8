// consulta-entity-eval: precision and recall of the entity tagger against hand-read golden data.
//
//   consulta-entity-eval [--config DIR] [--check] [--corpus DIR --golden FILE.json]
//                        [--labelled FILE]... [--rules DIR]
//
// --corpus/--golden  documents of DIR (*.txt) against a per-document reading
//                    (tests/data/golden/corpus_entities.json): the sets of states, mechanisms,
//                    organisations and years of each document, and the state mention counts.
// --labelled FILE    a text with its mentions labelled inline (tests/data/golden/labelled/):
//                    [[state:GE|Georgia]], [[year/range:2016,2017,2018|2016-2018]],
//                    [[trap:GE|Georgia]] (a name that must NOT be tagged: a person, a place).
//                    Scored mention by mention: same type, same id, overlapping offsets.
// --rules DIR        tags every *.txt under DIR and counts what each context rule set aside,
//                    with the most frequent surfaces: what a rule catches on an unseen corpus.
// --tag FILE         prints every mention of FILE, one a line, and the names set aside (for review)
// --check            exit 1 unless every set meets the goal of issue 9: state precision and
//                    recall >= 0.99, no trap tagged, mechanism recall >= 0.95, year recall 1.0
//                    on dates, ranges, fiscal years and decades.
// Exit status: 0 (goal met or not checked), 1 (goal missed), 2 (usage or input error).

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/config/settings.h"
#include "core/entities/entity_tagger.h"
#include "core/entities/gazetteer.h"
#include "core/text/tokenizer.h"

namespace fs = std::filesystem;
using namespace consulta;

namespace {

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path.string() + ": cannot open");
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// Matched, predicted and gold counts of one kind of unit.
struct Score {
    std::size_t matched_predicted = 0, predicted = 0, matched_gold = 0, gold = 0;
    double precision() const { return predicted ? double(matched_predicted) / predicted : 1.0; }
    double recall() const { return gold ? double(matched_gold) / gold : 1.0; }
    void add(const Score& o) {
        matched_predicted += o.matched_predicted;
        predicted += o.predicted;
        matched_gold += o.matched_gold;
        gold += o.gold;
    }
};

/// One evaluated set: a score per entity type (and per year category), traps, goal.
struct SetResult {
    std::string name;
    std::map<std::string, Score> scores;  // "state", "state mentions", "year/range", ...
    std::size_t traps = 0, trap_hits = 0;
    std::vector<std::string> misses;      // what was wrong, for the reader

    bool meets_goal(std::vector<std::string>& why) const {
        const std::size_t before = why.size();
        const auto need = [&](const std::string& key, bool precision, double goal) {
            auto it = scores.find(key);
            if (it == scores.end() || it->second.gold == 0) return;
            const double value = precision ? it->second.precision() : it->second.recall();
            if (value + 1e-12 < goal) {
                char line[200];
                std::snprintf(line, sizeof line, "%s: %s %s %.4f < %.2f", name.c_str(),
                              key.c_str(), precision ? "precision" : "recall", value, goal);
                why.push_back(line);
            }
        };
        for (const char* key : {"state", "state mentions"}) {
            need(key, true, 0.99);
            need(key, false, 0.99);
        }
        need("mechanism", false, 0.95);
        for (const char* key : {"year/date", "year/range", "year/fiscal", "year/decade"}) {
            need(key, false, 1.0);
        }
        if (trap_hits) why.push_back(name + ": " + std::to_string(trap_hits) + " trap(s) tagged");
        return why.size() == before;
    }

    void print() const {
        std::printf("== %s\n", name.c_str());
        std::printf("  %-16s %9s %9s %7s %7s\n", "type", "precision", "recall", "pred", "gold");
        for (const auto& [key, s] : scores) {
            if (key.find('/') != std::string::npos) {  // a year category: recall only
                std::printf("  %-16s %9s %9.4f %7s %7zu\n", key.c_str(), "-", s.recall(), "-",
                            s.gold);
                continue;
            }
            std::printf("  %-16s %9.4f %9.4f %7zu %7zu\n", key.c_str(), s.precision(), s.recall(),
                        s.predicted, s.gold);
        }
        if (traps) std::printf("  traps: %zu labelled, %zu tagged\n", traps, trap_hits);
        for (const std::string& m : misses) std::printf("  - %s\n", m.c_str());
    }
};

#ifdef CONSULTA_EVAL_WITHOUT_SET_ASIDE
// Built against a library from before the context rules (the "before" figures).
struct SetAside {
    Mention mention;
    std::string_view rule;
};
#endif

struct Tools {
    const Gazetteer& gazetteer;
    EntityTagger tagger;
    Tokenizer tokenizer;

    std::vector<Mention> tag(std::string_view text, std::vector<SetAside>* set_aside = nullptr) {
        const TokenStream tokens = tokenizer.tokenize(text);
#ifdef CONSULTA_EVAL_WITHOUT_SET_ASIDE
        (void)set_aside;
        return tagger.tag(text, tokens);
#else
        return tagger.tag(text, tokens, set_aside);
#endif
    }
};

// ---- the per-document reading of the project corpus ----

Score set_score(const std::set<std::string>& predicted, const std::set<std::string>& gold,
                const std::string& doc, const std::string& type, std::vector<std::string>& misses) {
    Score s;
    s.predicted = predicted.size();
    s.gold = gold.size();
    for (const std::string& p : predicted) {
        if (gold.contains(p)) {
            ++s.matched_predicted;
            ++s.matched_gold;
        } else {
            misses.push_back(doc + ": extra " + type + " " + p);
        }
    }
    for (const std::string& g : gold) {
        if (!predicted.contains(g)) misses.push_back(doc + ": missed " + type + " " + g);
    }
    return s;
}

SetResult evaluate_corpus(Tools& tools, const fs::path& corpus, const fs::path& golden) {
    SetResult result;
    result.name = "corpus " + golden.filename().string() + " (per document)";
    const nlohmann::json g = nlohmann::json::parse(read_file(golden));
    for (const auto& [doc, expected] : g.items()) {
        const std::string text = read_file(corpus / (doc + ".txt"));
        std::map<std::string, std::set<std::string>> predicted;
        std::map<std::string, std::size_t> state_counts;
        for (const Mention& m : tools.tag(text)) {
            predicted[std::string(entity_type_name(m.type))].insert(m.entity);
            if (m.type == EntityType::kState) ++state_counts[m.entity];
        }
        for (const char* type : {"state", "mechanism", "organisation", "year"}) {
            std::set<std::string> want;
            for (const auto& v : expected[type]) {
                want.insert(v.is_number() ? std::to_string(v.get<int>()) : v.get<std::string>());
            }
            // The reading lists dissolved states by name ("Serbia and Montenegro" -> CSXX).
            if (std::string_view(type) == "state" && expected.contains("dissolved")) {
                for (const auto& name : expected["dissolved"]) {
                    const Entity* e =
                        tools.gazetteer.resolve(EntityType::kState, name.get<std::string>());
                    if (e) want.insert(e->id);
                }
            }
            result.scores[type].add(set_score(predicted[type], want, doc, type, result.misses));
        }
        // The reading counts the mentions of some states only: those are compared.
        Score& mentions = result.scores["state mentions"];
        for (const auto& [state, count] : expected["state_mentions"].items()) {
            const std::size_t want = count.get<std::size_t>();
            const std::size_t got = state_counts[state];
            mentions.predicted += got;
            mentions.gold += want;
            mentions.matched_gold += std::min(want, got);
            mentions.matched_predicted += std::min(want, got);
            if (got != want) {
                result.misses.push_back(doc + ": state " + state + " " + std::to_string(got) +
                                        " mentions, golden " + std::to_string(want));
            }
        }
    }
    return result;
}

// ---- texts labelled inline ----

struct Label {
    std::string type;      // "state", "year", "trap" ...
    std::string category;  // year only: "date", "range", "fiscal", "decade", "year"
    std::vector<std::string> ids;
    std::uint32_t start = 0, end = 0;
    std::string surface;
};

/// Strips the [[type[/category]:id,id|surface]] labels from a text, returning the plain text.
std::string parse_labelled(const std::string& labelled, const std::string& where,
                           std::vector<Label>& labels) {
    std::string plain;
    std::size_t i = 0;
    while (i < labelled.size()) {
        const std::size_t open = labelled.find("[[", i);
        if (open == std::string::npos) {
            plain.append(labelled, i);
            break;
        }
        plain.append(labelled, i, open - i);
        const std::size_t close = labelled.find("]]", open);
        const std::size_t bar = labelled.find('|', open);
        const std::size_t colon = labelled.find(':', open);
        if (close == std::string::npos || bar > close || colon > bar) {
            throw std::runtime_error(where + ": bad label at byte " + std::to_string(open));
        }
        Label label;
        std::string head = labelled.substr(open + 2, colon - open - 2);
        if (const std::size_t slash = head.find('/'); slash != std::string::npos) {
            label.category = head.substr(slash + 1);
            head.resize(slash);
        }
        label.type = head;
        std::stringstream ids(labelled.substr(colon + 1, bar - colon - 1));
        for (std::string id; std::getline(ids, id, ',');) label.ids.push_back(id);
        label.surface = labelled.substr(bar + 1, close - bar - 1);
        label.start = static_cast<std::uint32_t>(plain.size());
        plain += label.surface;
        label.end = static_cast<std::uint32_t>(plain.size());
        if (label.type != "trap" && !parse_entity_type(label.type)) {
            throw std::runtime_error(where + ": unknown type '" + label.type + "'");
        }
        if (label.type == "year" && label.category.empty()) label.category = "year";
        labels.push_back(std::move(label));
        i = close + 2;
    }
    return plain;
}

void evaluate_labelled(Tools& tools, const fs::path& file, SetResult& result) {
    std::vector<Label> labels;
    const std::string plain = parse_labelled(read_file(file), file.string(), labels);
    const std::vector<Mention> mentions = tools.tag(plain);
    const std::string doc = file.filename().string();
    std::vector<bool> used(mentions.size(), false);
    const auto overlaps = [](const Mention& m, const Label& l) {
        return m.start < l.end && l.start < m.end;
    };
    const auto where = [&](std::uint32_t at) {
        return doc + ":" + std::to_string(std::count(plain.begin(), plain.begin() + at, '\n') + 1);
    };
    for (const Label& label : labels) {
        if (label.type == "trap") {
            ++result.traps;
            for (const Mention& m : mentions) {
                if (m.type == EntityType::kState && overlaps(m, label)) {
                    ++result.trap_hits;
                    result.misses.push_back(where(label.start) + ": trap '" + label.surface +
                                            "' tagged " + m.entity);
                }
            }
            continue;
        }
        for (const std::string& id : label.ids) {
            bool found = false;
            for (std::size_t k = 0; k < mentions.size() && !found; ++k) {
                const Mention& m = mentions[k];
                if (!used[k] && entity_type_name(m.type) == label.type && m.entity == id &&
                    overlaps(m, label)) {
                    used[k] = found = true;
                }
            }
            for (const std::string& key :
                 {label.type, label.type == "year" ? "year/" + label.category : std::string()}) {
                if (key.empty()) continue;
                Score& s = result.scores[key];
                ++s.gold;
                if (found) ++s.matched_gold;
            }
            if (!found) {
                result.misses.push_back(where(label.start) + ": missed " + label.type + " " + id +
                                        " '" + label.surface + "'");
            }
        }
    }
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        const Mention& m = mentions[k];
        Score& s = result.scores[std::string(entity_type_name(m.type))];
        ++s.predicted;
        if (used[k]) {
            ++s.matched_predicted;
        } else {
            result.misses.push_back(where(m.start) + ": extra " +
                                    std::string(entity_type_name(m.type)) + " " + m.entity + " '" +
                                    m.surface + "'");
        }
    }
}

// ---- what each rule sets aside on an unseen corpus ----

void count_rules(Tools& tools, const fs::path& dir) {
    std::map<std::string, std::size_t> per_rule;
    std::map<std::string, std::map<std::string, std::size_t>> surfaces;
    std::size_t files = 0, states = 0;
    std::map<std::string, std::size_t> state_surfaces;
    std::vector<fs::path> paths;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".txt") {
            paths.push_back(entry.path());
        }
    }
    std::sort(paths.begin(), paths.end());
    for (const fs::path& path : paths) {
        ++files;
        std::vector<SetAside> set_aside;
        for (const Mention& m : tools.tag(read_file(path), &set_aside)) {
            if (m.type != EntityType::kState) continue;
            ++states;
            ++state_surfaces[m.surface + " -> " + m.entity];
        }
        for (const SetAside& s : set_aside) {
            if (s.mention.type != EntityType::kState) continue;
            const std::string rule(s.rule);
            ++per_rule[rule];
            ++surfaces[rule][s.mention.surface +
                             (s.mention.entity.empty() ? "" : " (" + s.mention.entity + ")")];
        }
    }
    std::printf("== rules over %zu files of %s: %zu state mentions tagged\n", files,
                dir.string().c_str(), states);
    for (const auto& [rule, count] : per_rule) {
        std::printf("  %-12s %6zu set aside:", rule.c_str(), count);
        std::vector<std::pair<std::size_t, std::string>> top;
        for (const auto& [surface, n] : surfaces[rule]) top.emplace_back(n, surface);
        std::sort(top.rbegin(), top.rend());
        for (std::size_t k = 0; k < top.size() && k < 12; ++k) {
            std::printf(" %s x%zu;", top[k].second.c_str(), top[k].first);
        }
        std::printf("\n");
    }
    const char* watched[] = {"Jersey -> JE", "Georgia -> GE", "Jordan -> JO", "Chad -> TD",
                             "Mexico -> MX", "Guinea -> GN", "Lebanon -> LB", "Israel -> IL",
                             "India -> IN", "Kenya -> KE", "Niger -> NE"};
    std::printf("  tagged:");
    for (const char* w : watched) std::printf(" %s x%zu;", w, state_surfaces[w]);
    std::printf("\n");
}

void print_mentions(Tools& tools, const fs::path& file) {
    std::vector<SetAside> aside;
    for (const Mention& m : tools.tag(read_file(file), &aside)) {
        std::printf("%s\t%s\t%s\t%u\t%s\n", std::string(entity_type_name(m.type)).c_str(),
                    m.entity.c_str(), std::string(mention_form_name(m.form)).c_str(), m.start,
                    m.surface.c_str());
    }
    for (const SetAside& s : aside) {
        std::printf("set-aside\t%s\t%s\t%u\t%s\n", s.mention.entity.c_str(),
                    std::string(s.rule).c_str(), s.mention.start, s.mention.surface.c_str());
    }
}

int usage() {
    std::fprintf(stderr,
                 "usage: consulta-entity-eval [--config DIR] [--check] [--corpus DIR --golden "
                 "FILE] [--labelled FILE]... [--rules DIR] [--tag FILE]...\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path config = default_config_dir(), corpus, golden, rules;
    std::vector<fs::path> labelled, to_tag;
    bool check = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> fs::path {
            if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
            return argv[++i];
        };
        try {
            if (arg == "--config") config = value();
            else if (arg == "--corpus") corpus = value();
            else if (arg == "--golden") golden = value();
            else if (arg == "--labelled") labelled.push_back(value());
            else if (arg == "--rules") rules = value();
            else if (arg == "--tag") to_tag.push_back(value());
            else if (arg == "--check") check = true;
            else return usage();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "consulta-entity-eval: %s\n", e.what());
            return usage();
        }
    }
    if (corpus.empty() != golden.empty() ||
        (corpus.empty() && labelled.empty() && rules.empty() && to_tag.empty())) {
        return usage();
    }
    Result<Gazetteer> gazetteer = Gazetteer::load(default_settings(config).gazetteers);
    if (!gazetteer) {
        std::fprintf(stderr, "consulta-entity-eval: %s\n", gazetteer.status().message().c_str());
        return 2;
    }
    Tools tools{gazetteer.value(), EntityTagger(gazetteer.value()), Tokenizer()};
    try {
        std::vector<SetResult> results;
        if (!corpus.empty()) results.push_back(evaluate_corpus(tools, corpus, golden));
        if (!labelled.empty()) {
            SetResult& r = results.emplace_back();
            r.name = "labelled texts (per mention):";
            for (const fs::path& file : labelled) {
                r.name += " " + file.filename().string();
                evaluate_labelled(tools, file, r);
            }
        }
        if (!rules.empty()) count_rules(tools, rules);
        for (const fs::path& file : to_tag) print_mentions(tools, file);
        std::vector<std::string> why;
        bool met = true;
        for (const SetResult& r : results) {
            r.print();
            met = r.meets_goal(why) && met;
        }
        for (const std::string& w : why) std::printf("GOAL MISSED %s\n", w.c_str());
        if (!results.empty()) std::printf("goal %s\n", met ? "met" : "missed");
        return check && !met ? 1 : 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "consulta-entity-eval: %s\n", e.what());
        return 2;
    }
}
