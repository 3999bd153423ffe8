#include "indexer/file_preparer.h"

#include <fstream>
#include <sstream>

#include "core/index/content_hash.h"
#include "core/index/schema.h"
#include "indexer/source_reader.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

Result<std::string> read_bytes(const fs::path& path, std::size_t size_hint) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status{ErrorCode::kUnreadable, "cannot open file"};
    // One read into a buffer of the stat size; a file that grew since is read to its end.
    std::string bytes(size_hint, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return Status{ErrorCode::kUnreadable, "read error"};
    if (in) {
        std::ostringstream rest;
        rest << in.rdbuf();
        bytes += std::move(rest).str();
    }
    return bytes;
}

// What besides the file's bytes decides its index entry: the gazetteers, the tagging rules
// and the schema. When any of them changes, every document is re-indexed.
std::string configuration_fingerprint(const Settings& settings) {
    ContentHash hash;
    hash.add_field("schema " + std::to_string(schema::kSchemaVersion));
    for (const fs::path& file : {settings.gazetteers.iso_3166_1, settings.gazetteers.states,
                                 settings.gazetteers.mechanisms, settings.gazetteers.organisations,
                                 settings.gazetteers.state_context}) {
        auto bytes = read_bytes(file, 0);
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

}  // namespace

FilePreparer::FilePreparer(const PreparerInputs& inputs)
    : in_(inputs),
      fingerprint_(configuration_fingerprint(inputs.settings)),
      tagger_(inputs.gazetteer, inputs.settings.tagging),
      builder_({inputs.settings.indexer.stem_language, inputs.settings.count_demonyms}) {}

PreparedFile FilePreparer::prepare(const CorpusFile& file) {
    try {
        return prepare_or_throw(file);
    } catch (const std::exception& e) {  // an exception must not end the process
        PreparedFile out;
        out.file = file;
        out.reason = std::string("cannot index: ") + e.what();
        return out;
    } catch (const Xapian::Error& e) {
        PreparedFile out;
        out.file = file;
        out.reason = "cannot index: " + e.get_description();
        return out;
    }
}

PreparedFile FilePreparer::prepare_or_throw(const CorpusFile& file) {
    PreparedFile out;
    out.file = file;
    auto old = in_.stored.find(file.id);
    out.previously_indexed = old != in_.stored.end();
    if (!file.stat) {
        out.reason = file.stat.status().message();
        return out;
    }
    const CatalogEntry* entry = in_.catalog.find(file.id);
    const std::string context = ContentHash()
                                    .add_field(fingerprint_)
                                    .add_field(catalog_fields(entry))
                                    .add_field(file.path.extension().string())
                                    .hex();
    out.stamp = file_stamp(*file.stat, context);
    // Same size, modification time, configuration and catalogue entry as when indexed: the
    // file is not opened at all (an incremental run reads only what changed).
    if (out.previously_indexed && old->second.file_stamp == out.stamp) {
        out.outcome = PreparedFile::Outcome::kUnchanged;
        return out;
    }
    // A file over the limit is never read whole (read_source refuses it after a stat):
    // hashing it first would load gigabytes only to skip them.
    const bool oversized = file.stat->size > in_.settings.indexer.max_file_bytes;
    auto bytes = oversized ? Result<std::string>(std::string()) : read_bytes(file.path, file.stat->size);
    if (!bytes) {
        out.reason = bytes.status().message();
        return out;
    }
    const std::string hash = ContentHash()
                                 .add_field(fingerprint_)
                                 .add_field(bytes.value())
                                 .add_field(catalog_fields(entry))
                                 .add_field(file.path.extension().string())
                                 .hex();
    if (!oversized && out.previously_indexed && old->second.content_hash == hash) {
        out.outcome = PreparedFile::Outcome::kTouched;  // same bytes under a new stat
        return out;
    }
    auto source = read_source(file.path, in_.settings.indexer.max_file_bytes);
    if (!source) {
        // The previous version, if any, stays in the index: a broken file loses nothing.
        out.reason = source.status().message();
        if (out.previously_indexed) out.reason += " (the previously indexed version is kept)";
        return out;
    }
    DocumentRecord record{make_meta(*source, entry, in_.corpus_root), std::move(source->text),
                          std::move(source->pages), {}};
    out.doc = build(record, hash);
    out.doc.add_value(schema::kSlotFileStat, out.stamp);
    for (const Mention& m : record.mentions) ++out.mentions[m.type];
    out.bytes = bytes->size();
    out.outcome = PreparedFile::Outcome::kIndexed;
    return out;
}

// Tokenise once, tag, build the Xapian document.
Xapian::Document FilePreparer::build(DocumentRecord& record, const std::string& hash) {
    TokenStream body = tokenizer_.tokenize(record.text);
    TokenStream title = tokenizer_.tokenize(record.meta.title);
    record.mentions = tagger_.tag(record.text, body);
    return builder_.build(record, title, body, hash);
}

}  // namespace consulta
