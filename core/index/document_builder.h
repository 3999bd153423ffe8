#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <xapian.h>

#include "core/index/document_record.h"
#include "core/index/text_dictionary.h"
#include "core/text/token.h"

namespace consulta {

struct DocumentBuilderOptions {
    std::string stem_language = "english";
    bool count_demonyms = true;  ///< demonym mentions count in the XS terms and the state facet
    /// Compresses the stored text; it must be stored in the index the documents go to.
    std::shared_ptr<const TextDictionary> text_dictionary;
};

/// Turns a tagged document into a Xapian document following schema.h: one pass over the
/// token stream the tagger already used, so the text is tokenised once.
/// Not thread-safe (it owns a Xapian::Stem): one builder per thread.
class DocumentBuilder {
public:
    explicit DocumentBuilder(DocumentBuilderOptions options);

    /// `body` are the tokens of record.text, `title` the tokens of record.meta.title.
    Xapian::Document build(const DocumentRecord& record, const TokenStream& title,
                           const TokenStream& body, std::string_view content_hash);

private:
    void add_text_terms(Xapian::Document& doc, const TokenStream& tokens, std::string_view prefix,
                        Xapian::termpos first_position);
    const std::string& stem(const std::string& word);

    DocumentBuilderOptions options_;
    Xapian::Stem stemmer_;
    // Stemming is the costliest step of term generation and words repeat a lot (Zipf):
    // a small cache per builder pays for itself many times over.
    std::unordered_map<std::string, std::string> stem_cache_;
};

/// Whether an unprefixed term is a word that belongs in the spelling dictionary.
bool is_spelling_word(std::string_view term);

}  // namespace consulta
