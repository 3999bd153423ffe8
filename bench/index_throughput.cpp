// Indexing throughput of Consulta beside Xapian's raw TermGenerator, on the same files in the
// same run. Consulta does more per byte (entity tagging, document data with every mention,
// spelling data); the raw TermGenerator is the ceiling for "tokenise and index".
//
// usage: bench_index_throughput --corpus DIR [--repeat N]
// Prints one line per pass and a summary with medians and the ratio.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/entities/entity_tagger.h"
#include "core/text/tokenizer.h"
#include "indexer/corpus_indexer.h"

namespace fs = std::filesystem;
using namespace consulta;
using Clock = std::chrono::steady_clock;

namespace {

struct File {
    std::string id, bytes;
};

std::vector<File> load_files(const fs::path& dir) {
    std::vector<File> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.path().extension() != ".txt") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        files.push_back({entry.path().stem().string(), ss.str()});
    }
    std::sort(files.begin(), files.end(), [](const File& a, const File& b) { return a.id < b.id; });
    return files;
}

fs::path fresh_dir(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / ("consulta-bench-" + name);
    fs::remove_all(dir);
    return dir;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Xapian's own term generator, set up as Consulta's document builder stems.
Xapian::TermGenerator english_term_generator() {
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    return tg;
}

// The ceiling: what omindex-like indexing with Xapian's own TermGenerator costs.
double termgenerator_to_db(const std::vector<File>& files) {
    const fs::path dir = fresh_dir("termgenerator");
    const auto start = Clock::now();
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg = english_term_generator();
    for (const File& f : files) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(f.bytes);
        doc.set_data(f.bytes);
        doc.add_boolean_term("Q" + f.id);
        db.replace_document("Q" + f.id, doc);
    }
    db.commit();
    const double s = seconds_since(start);
    fs::remove_all(dir);
    return s;
}

double termgenerator_text_only(const std::vector<File>& files) {
    const auto start = Clock::now();
    Xapian::TermGenerator tg = english_term_generator();
    for (const File& f : files) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(f.bytes);
    }
    return seconds_since(start);
}

double consulta_tokenise_and_tag(const std::vector<File>& files, const Gazetteer& gazetteer) {
    const auto start = Clock::now();
    Tokenizer tokenizer;
    EntityTagger tagger(gazetteer);
    std::size_t mentions = 0;
    for (const File& f : files) mentions += tagger.tag(f.bytes, tokenizer.tokenize(f.bytes)).size();
    const double s = seconds_since(start);
    if (mentions == 0) std::fprintf(stderr, "warning: no mentions tagged\n");
    return s;
}

double consulta_full_index(const fs::path& corpus, const Settings& settings) {
    const fs::path dir = fresh_dir("consulta");
    const auto start = Clock::now();
    auto summary = index_corpus({corpus, dir, settings, {}});
    const double s = seconds_since(start);
    if (!summary) std::fprintf(stderr, "index_corpus failed: %s\n", summary.status().message().c_str());
    fs::remove_all(dir);
    return s;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    fs::path corpus = "corpus";
    int repeat = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--corpus") corpus = argv[i + 1];
        else if (arg == "--repeat") repeat = std::stoi(argv[i + 1]);
    }
    const Settings settings = default_settings(default_config_dir());
    auto gazetteer = Gazetteer::load(settings.gazetteers);
    if (!gazetteer) {
        std::fprintf(stderr, "%s\n", gazetteer.status().message().c_str());
        return 2;
    }
    const std::vector<File> files = load_files(corpus);
    double bytes = 0;
    for (const File& f : files) bytes += f.bytes.size();
    const double mb = bytes / 1e6;
    std::printf("corpus %s: %zu files, %.2f MB, %d passes each (interleaved)\n", corpus.c_str(),
                files.size(), mb, repeat);

    std::vector<double> tg_db, tg_text, ours_full, ours_tag;
    for (int i = 0; i < repeat; ++i) {
        tg_text.push_back(termgenerator_text_only(files));
        ours_tag.push_back(consulta_tokenise_and_tag(files, *gazetteer));
        tg_db.push_back(termgenerator_to_db(files));
        ours_full.push_back(consulta_full_index(corpus, settings));
    }
    auto row = [&](const char* name, const std::vector<double>& t) {
        std::printf("%-52s %8.3f s  %8.1f MB/s\n", name, median(t), mb / median(t));
    };
    row("TermGenerator::index_text only", tg_text);
    row("Consulta tokenise + tag (states, mechanisms, orgs, years)", ours_tag);
    row("TermGenerator -> Xapian DB, commit", tg_db);
    row("consulta-indexer pipeline -> Xapian DB, commit", ours_full);
    std::printf("ratio tokenise+tag / TermGenerator::index_text: %.2f\n", median(tg_text) / median(ours_tag));
    std::printf("ratio full index / TermGenerator->DB:           %.2f\n", median(tg_db) / median(ours_full));
    return 0;
}
