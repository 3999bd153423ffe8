// libFuzzer target: file bytes -> decode_to_utf8 -> Tokenizer -> EntityTagger, as the indexer
// runs them. Checks what the index, the snippets and the document view rely on: tokens and
// mentions lie inside the text, start and end on UTF-8 boundaries, in order without overlap;
// the ASCII fast path gives exactly ICU's segmentation; every mention is made of whole tokens.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/entities/entity_tagger.h"
#include "core/entities/gazetteer.h"
#include "core/text/encoding.h"
#include "core/text/tokenizer.h"
#include "fuzz/fuzz_support.h"

namespace consulta::fuzz {
namespace {

std::string where(const char* what, std::size_t index, std::uint32_t start, std::uint32_t end) {
    return std::string(what) + " " + std::to_string(index) + " [" + std::to_string(start) + ", " +
           std::to_string(end) + ")";
}

void check_tokens(std::string_view text, const TokenStream& tokens) {
    std::uint32_t previous_end = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        check(t.start < t.end && t.end <= text.size(), where("token out of range:", i, t.start, t.end));
        check(on_utf8_boundary(text, t.start) && on_utf8_boundary(text, t.end),
              where("token inside a UTF-8 sequence:", i, t.start, t.end));
        check(t.start >= previous_end, where("token overlaps the one before:", i, t.start, t.end));
        check(t.position == i, where("token position is not its index:", i, t.start, t.end));
        check(!t.norm.empty() && t.norm.size() <= 64 && is_valid_utf8(t.norm),
              where("token norm empty, over 64 bytes or not UTF-8:", i, t.start, t.end));
        previous_end = t.end;
    }
}

void check_same_tokens(const TokenStream& fast, const TokenStream& icu) {
    check(fast.size() == icu.size(), "tokenize() gives " + std::to_string(fast.size()) +
                                         " tokens, tokenize_with_icu_only() " +
                                         std::to_string(icu.size()));
    for (std::size_t i = 0; i < fast.size(); ++i) {
        const Token& a = fast[i];
        const Token& b = icu[i];
        check(a.start == b.start && a.end == b.end && a.norm == b.norm && a.kind == b.kind,
              where("tokenize() differs from ICU at token", i, a.start, a.end) + " '" + a.norm +
                  "' vs [" + std::to_string(b.start) + ", " + std::to_string(b.end) + ") '" +
                  b.norm + "'");
    }
}

void check_mentions(std::string_view text, const TokenStream& tokens,
                    const std::vector<Mention>& mentions) {
    // Mentions come in text order and do not overlap, except the years of one range or decade:
    // its middle years (range_middle, decade) span the whole written range, ends included.
    std::uint32_t previous_start = 0, previous_end = 0;
    bool previous_year = false;
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        const Mention& m = mentions[i];
        check(m.start < m.end && m.end <= text.size(), where("mention out of range:", i, m.start, m.end));
        check(on_utf8_boundary(text, m.start) && on_utf8_boundary(text, m.end),
              where("mention inside a UTF-8 sequence:", i, m.start, m.end));
        const bool year = m.type == EntityType::kYear;
        check(m.start >= previous_start, where("mention precedes the one before:", i, m.start, m.end));
        check(m.start >= previous_end || (year && previous_year),
              where("mention overlaps the one before:", i, m.start, m.end));
        check(m.surface == text.substr(m.start, m.end - m.start),
              where("mention surface is not its text:", i, m.start, m.end));
        check(!m.entity.empty(), where("mention without an entity id:", i, m.start, m.end));
        bool starts_a_token = false, ends_a_token = false;
        for (const Token& t : tokens) {
            starts_a_token = starts_a_token || t.start == m.start;
            ends_a_token = ends_a_token || t.end == m.end;
        }
        check(starts_a_token && ends_a_token, where("mention not made of whole tokens:", i, m.start, m.end));
        previous_start = m.start;
        previous_end = year && previous_year ? std::max(previous_end, m.end) : m.end;
        previous_year = year;
    }
}

struct Pipeline {
    Tokenizer tokenizer;
    std::unique_ptr<Gazetteer> gazetteer;
    std::unique_ptr<EntityTagger> tagger;
    Pipeline() {
        auto loaded = Gazetteer::load(project_settings().gazetteers);
        check(loaded.is_ok(), "gazetteer: " + loaded.status().message());
        gazetteer = std::make_unique<Gazetteer>(std::move(loaded).value());
        tagger = std::make_unique<EntityTagger>(*gazetteer, project_settings().tagging);
    }
};

}  // namespace
}  // namespace consulta::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace consulta;
    using namespace consulta::fuzz;
    static Pipeline pipeline;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const DecodedText decoded = decode_to_utf8(bytes);
    check(is_valid_utf8(decoded.text), "decode_to_utf8 gave invalid UTF-8");
    if (is_valid_utf8(bytes)) check(decoded.text == bytes, "valid UTF-8 was not kept byte for byte");

    const TokenStream tokens = pipeline.tokenizer.tokenize(decoded.text);
    check_tokens(decoded.text, tokens);
    check_same_tokens(tokens, pipeline.tokenizer.tokenize_with_icu_only(decoded.text));
    check_mentions(decoded.text, tokens, pipeline.tagger->tag(decoded.text, tokens));
    return 0;
}
