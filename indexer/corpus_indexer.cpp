#include "indexer/corpus_indexer.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "core/entities/entity_tagger.h"
#include "core/entities/gazetteer.h"
#include "core/index/content_hash.h"
#include "core/index/document_builder.h"
#include "core/index/index_writer.h"
#include "core/index/schema.h"
#include "core/text/tokenizer.h"
#include "indexer/bounded_queue.h"
#include "indexer/catalog.h"
#include "indexer/source_reader.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

struct CorpusFile {
    std::string id;
    fs::path path;
};

Result<std::string> read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status{ErrorCode::kUnreadable, "cannot open file"};
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return Status{ErrorCode::kUnreadable, "read error"};
    return std::move(buffer).str();
}

// Every supported file under the corpus folder. A folder that cannot be read to the end is an
// error, never a shorter corpus: the files not listed would be deleted from the index.
Result<std::vector<fs::path>> walk_corpus(const fs::path& dir) {
    std::vector<fs::path> paths;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
        std::error_code type_error;  // an unreadable entry is not a reason to stop listing
        if (it->is_regular_file(type_error) && is_supported_source(it->path())) {
            paths.push_back(it->path());
        }
    }
    if (ec) {
        return Status{ErrorCode::kIo, "cannot list the corpus folder " + dir.string() + ": " +
                                          ec.message() + " (the index was not changed)"};
    }
    return paths;
}

// The documents of the corpus, in path order; two files with one id cannot both be
// documents, so the later one is skipped.
Result<std::vector<CorpusFile>> list_corpus(const fs::path& dir, std::vector<SkippedFile>& skipped) {
    auto walked = walk_corpus(dir);
    if (!walked) return walked.status();
    std::vector<fs::path> paths = std::move(walked).value();
    std::sort(paths.begin(), paths.end());
    std::vector<CorpusFile> files;
    std::map<std::string, fs::path> seen;
    for (const fs::path& p : paths) {
        std::string id = p.stem().string();
        // Xapian refuses the id term of a longer name, which would end the whole run.
        if (id.size() > schema::kMaxIdBytes) {
            skipped.push_back({p, "file name too long for a document id (" +
                                      std::to_string(id.size()) + " bytes, at most " +
                                      std::to_string(schema::kMaxIdBytes) + ")"});
            continue;
        }
        auto [it, inserted] = seen.emplace(id, p);
        if (!inserted) {
            skipped.push_back({p, "duplicate document id '" + id + "' (also " + it->second.string() + ")"});
            continue;
        }
        files.push_back({std::move(id), p});
    }
    return files;
}

// What besides the file's bytes decides its index entry: the gazetteers, the tagging rules
// and the schema. When any of them changes, every document is re-indexed.
std::string configuration_fingerprint(const Settings& settings) {
    ContentHash hash;
    hash.add_field("schema " + std::to_string(schema::kSchemaVersion));
    for (const fs::path& file : {settings.gazetteers.iso_3166_1, settings.gazetteers.states,
                                 settings.gazetteers.mechanisms, settings.gazetteers.organisations}) {
        auto bytes = read_bytes(file);
        hash.add_field(bytes ? bytes.value() : std::string());
    }
    hash.add_field(std::to_string(settings.tagging.years.min_year) + "-" +
                   std::to_string(settings.tagging.years.max_year));
    hash.add_field(settings.count_demonyms ? "demonyms" : "no demonyms");
    hash.add_field(settings.indexer.stem_language);
    return hash.hex();
}

std::string catalog_fields(const CatalogEntry* entry) {
    if (!entry) return "uncatalogued";
    return entry->title + '\x1f' + entry->kind + '\x1f' + entry->publisher + '\x1f' +
           std::to_string(entry->published);
}

DocumentMeta make_meta(const SourceDocument& source, const CatalogEntry* entry,
                       const fs::path& corpus_root) {
    DocumentMeta meta;
    meta.id = source.id;
    if (entry) {
        meta.title = entry->title;
        meta.kind = entry->kind;
        meta.publisher = entry->publisher;
        meta.published = entry->published;
    }
    if (meta.title.empty()) meta.title = source.first_heading.empty() ? source.id : source.first_heading;
    std::error_code ec;
    fs::path root = fs::weakly_canonical(corpus_root, ec);
    fs::path relative = fs::relative(fs::weakly_canonical(source.path, ec), root, ec);
    meta.path = (root.filename() / relative).generic_string();
    meta.format = source.format;
    meta.source_encoding = source.source_encoding;
    return meta;
}

// The per-document work: tokenise once, tag, build the Xapian document.
class DocumentPipeline {
public:
    DocumentPipeline(const Gazetteer& gazetteer, const Settings& settings)
        : tagger_(gazetteer, settings.tagging),
          builder_({settings.indexer.stem_language, settings.count_demonyms}) {}

    Xapian::Document process(DocumentRecord& record, const std::string& hash) {
        TokenStream body = tokenizer_.tokenize(record.text);
        TokenStream title = tokenizer_.tokenize(record.meta.title);
        record.mentions = tagger_.tag(record.text, body);
        return builder_.build(record, title, body, hash);
    }

private:
    Tokenizer tokenizer_;
    EntityTagger tagger_;
    DocumentBuilder builder_;
};

// One corpus file after the CPU-heavy work (reading, decoding, tokenising, tagging, building
// the Xapian document), ready for the single writer.
struct PreparedFile {
    enum class Outcome { kUnchanged, kSkipped, kIndexed } outcome = Outcome::kSkipped;
    CorpusFile file;
    bool previously_indexed = false;
    std::string reason;                   ///< kSkipped
    Xapian::Document doc;                 ///< kIndexed
    std::map<EntityType, std::size_t> mentions;
    std::size_t bytes = 0;
};

// Runs on the preparing thread; touches no shared state but the read-only inputs.
class FilePreparer {
public:
    FilePreparer(const Gazetteer& gazetteer, const Settings& settings, const Catalog& catalog,
                 const std::map<std::string, std::string>& stored, const fs::path& corpus_root)
        : pipeline_(gazetteer, settings),
          settings_(settings),
          catalog_(catalog),
          stored_(stored),
          corpus_root_(corpus_root),
          fingerprint_(configuration_fingerprint(settings)) {}

    PreparedFile prepare(const CorpusFile& file) {
        PreparedFile out;
        out.file = file;
        auto old = stored_.find(file.id);
        out.previously_indexed = old != stored_.end();
        // A file over the limit is never read whole (read_source refuses it after a stat):
        // hashing it first would load gigabytes only to skip them.
        std::error_code size_ec;
        const bool oversized = fs::file_size(file.path, size_ec) > settings_.indexer.max_file_bytes &&
                               !size_ec;
        auto bytes = oversized ? Result<std::string>(std::string()) : read_bytes(file.path);
        if (!bytes) {
            out.reason = bytes.status().message();
            return out;
        }
        const CatalogEntry* entry = catalog_.find(file.id);
        const std::string hash = ContentHash()
                                     .add_field(fingerprint_)
                                     .add_field(bytes.value())
                                     .add_field(catalog_fields(entry))
                                     .add_field(file.path.extension().string())
                                     .hex();
        if (!oversized && out.previously_indexed && old->second == hash) {
            out.outcome = PreparedFile::Outcome::kUnchanged;
            return out;
        }
        auto source = read_source(file.path, settings_.indexer.max_file_bytes);
        if (!source) {
            // The previous version, if any, stays in the index: a broken file loses nothing.
            out.reason = source.status().message();
            if (out.previously_indexed) out.reason += " (the previously indexed version is kept)";
            return out;
        }
        DocumentRecord record{make_meta(*source, entry, corpus_root_), std::move(source->text),
                              std::move(source->pages), {}};
        out.doc = pipeline_.process(record, hash);
        for (const Mention& m : record.mentions) ++out.mentions[m.type];
        out.bytes = bytes->size();
        out.outcome = PreparedFile::Outcome::kIndexed;
        return out;
    }

private:
    DocumentPipeline pipeline_;
    const Settings& settings_;
    const Catalog& catalog_;
    const std::map<std::string, std::string>& stored_;
    fs::path corpus_root_;
    std::string fingerprint_;
};

// Applies prepared files to the index, in corpus order, committing per batch.
class IndexApplier {
public:
    IndexApplier(IndexWriter& writer, const IndexRunOptions& options, std::size_t total,
                 IndexSummary& summary)
        : writer_(writer), options_(options), summary_(summary), progress_{0, total, "", "", 0} {}

    Status apply(PreparedFile& prepared) {
        using Outcome = PreparedFile::Outcome;
        const std::string& id = prepared.file.id;
        if (prepared.outcome == Outcome::kUnchanged) {
            ++summary_.unchanged;
            return report(id, "unchanged");
        }
        if (prepared.outcome == Outcome::kSkipped) {
            summary_.skipped.push_back({prepared.file.path, prepared.reason});
            return report(id, "skipped");
        }
        if (Status status = writer_.put(id, prepared.doc); !status) return status;
        for (const auto& [type, count] : prepared.mentions) summary_.mentions[type] += count;
        summary_.bytes_read += prepared.bytes;
        progress_.bytes_done += prepared.bytes;
        ++(prepared.previously_indexed ? summary_.updated : summary_.added);
        if (Status status = report(id, prepared.previously_indexed ? "updated" : "added"); !status) {
            return status;
        }
        if (++pending_ >= options_.settings.indexer.batch_size) {
            pending_ = 0;
            return writer_.commit();
        }
        return {};
    }

    Status remove(const std::string& id) {
        if (Status status = writer_.remove(id); !status) return status;
        ++summary_.deleted;
        progress_.action = "deleted";
        progress_.doc_id = id;
        if (options_.on_progress) options_.on_progress(progress_);
        return {};
    }

private:
    Status report(const std::string& id, const char* action) {
        ++progress_.done;
        progress_.doc_id = id;
        progress_.action = action;
        if (options_.on_progress) options_.on_progress(progress_);
        return {};
    }

    IndexWriter& writer_;
    const IndexRunOptions& options_;
    IndexSummary& summary_;
    IndexProgress progress_;
    std::size_t pending_ = 0;
};

}  // namespace

Result<IndexSummary> index_corpus(const IndexRunOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    const Settings& settings = options.settings;
    std::error_code ec;
    if (!fs::is_directory(options.corpus_dir, ec)) {
        return Status{ErrorCode::kIo, "corpus folder " + options.corpus_dir.string() + " does not exist"};
    }
    auto gazetteer = Gazetteer::load(settings.gazetteers);
    if (!gazetteer) return gazetteer.status();
    auto catalog = Catalog::load(options.corpus_dir / "catalog.toml");
    if (!catalog) return catalog.status();
    auto writer = IndexWriter::open(options.index_dir);
    if (!writer) return writer.status();
    auto stored = writer->stored_hashes();
    if (!stored) return stored.status();
    if (Status status = writer->set_stem_language(settings.indexer.stem_language); !status) {
        return status;
    }

    IndexSummary summary;
    auto listed = list_corpus(options.corpus_dir, summary.skipped);
    if (!listed) return listed.status();
    const std::vector<CorpusFile> files = std::move(listed).value();
    FilePreparer preparer(*gazetteer, settings, *catalog, *stored, options.corpus_dir);
    IndexApplier applier(*writer, options, files.size(), summary);

    // Xapian's writer is single-threaded and busy most of the run; preparing the next files on
    // a second thread overlaps decoding, tokenising and tagging with the index writes.
    BoundedQueue<PreparedFile> queue(16);
    std::thread producer([&] {
        for (const CorpusFile& file : files) {
            PreparedFile prepared;
            try {
                prepared = preparer.prepare(file);
            } catch (const std::exception& e) {  // an exception must not end the process
                prepared.file = file;
                prepared.reason = std::string("cannot index: ") + e.what();
            } catch (const Xapian::Error& e) {
                prepared.file = file;
                prepared.reason = "cannot index: " + e.get_description();
            }
            if (!queue.push(std::move(prepared))) break;
        }
        queue.close();
    });
    Status failure;
    while (auto prepared = queue.pop()) {
        if (Status status = applier.apply(*prepared); !status) {
            failure = status;
            queue.close();  // the producer stops at its next push
            break;
        }
    }
    producer.join();
    if (!failure) return failure;  // uncommitted changes are dropped with the writer

    std::set<std::string> present;
    for (const CorpusFile& file : files) present.insert(file.id);
    for (const auto& [id, hash] : *stored) {
        if (present.count(id)) continue;
        if (Status status = applier.remove(id); !status) return status;
    }
    if (Status status = writer->commit(); !status) return status;
    summary.generation = writer->generation();
    summary.documents = writer->document_count();
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace consulta
