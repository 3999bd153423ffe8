// Writes a synthetic corpus drawn from a seeded model of the real one: documents are built
// from the paragraphs of corpus/*.txt, reshuffled, with state names, mechanism names and
// years swapped for others of the gazetteer, so that the text has the real corpus's
// vocabulary, sentence shapes and entity density. Same seed, same bytes.
//
// usage: generate_corpus --corpus corpus --out DIR --megabytes 100 [--seed 42]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/config/settings.h"
#include "core/entities/gazetteer.h"

namespace fs = std::filesystem;
using namespace consulta;

namespace {

std::vector<std::string> paragraphs_of(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".txt") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find("\n\n", start);
            if (end == std::string::npos) end = text.size();
            if (end - start > 40) out.push_back(text.substr(start, end - start));
            start = end + 2;
        }
    }
    return out;
}

// Replaces whole-word occurrences of any name in `from` with a random name of `to`.
std::string swap_names(std::string text, const std::vector<std::string>& names, std::mt19937_64& rng) {
    std::uniform_int_distribution<std::size_t> pick(0, names.size() - 1);
    for (int i = 0; i < 3; ++i) {
        const std::string& victim = names[pick(rng)];
        const std::string& replacement = names[pick(rng)];
        std::size_t at = text.find(victim);
        if (at != std::string::npos) text.replace(at, victim.size(), replacement);
    }
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path corpus = "corpus", out;
    double megabytes = 100;
    unsigned long long seed = 42;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--corpus") corpus = argv[i + 1];
        else if (arg == "--out") out = argv[i + 1];
        else if (arg == "--megabytes") megabytes = std::stod(argv[i + 1]);
        else if (arg == "--seed") seed = std::stoull(argv[i + 1]);
    }
    if (out.empty()) {
        std::fprintf(stderr, "usage: generate_corpus --corpus DIR --out DIR --megabytes N [--seed S]\n");
        return 2;
    }
    auto gazetteer = Gazetteer::load(default_settings(default_config_dir()).gazetteers);
    if (!gazetteer) {
        std::fprintf(stderr, "%s\n", gazetteer.status().message().c_str());
        return 2;
    }
    std::vector<std::string> names;
    for (const Entity& e : gazetteer->entities(EntityType::kState)) names.push_back(e.name);
    for (const Entity& e : gazetteer->entities(EntityType::kMechanism)) names.push_back(e.name);
    const std::vector<std::string> paragraphs = paragraphs_of(corpus);
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, paragraphs.size() - 1);
    std::uniform_int_distribution<int> doc_paragraphs(20, 120);
    std::uniform_int_distribution<int> year(1985, 2024);
    fs::create_directories(out);
    const double target = megabytes * 1e6;
    double written = 0;
    for (std::size_t doc = 0; written < target; ++doc) {
        std::string text = "Synthetic document " + std::to_string(doc) + " (" +
                           std::to_string(year(rng)) + ")\n\n";
        const int n = doc_paragraphs(rng);
        for (int p = 0; p < n; ++p) text += swap_names(paragraphs[pick(rng)], names, rng) + "\n\n";
        char name[32];
        std::snprintf(name, sizeof name, "gen_%06zu.txt", doc);
        std::ofstream(out / name, std::ios::binary) << text;
        written += text.size();
    }
    std::printf("%.1f MB written to %s\n", written / 1e6, out.c_str());
    return 0;
}
