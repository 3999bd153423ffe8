#include "core/search/title_key.h"

#include <nlohmann/json.hpp>

#include "core/index/document_record.h"
#include "core/text/normalizer.h"

namespace consulta {

std::string title_of_data(const std::string& data) {
    // Inside a JSON string every quote is escaped, so an unescaped "title": is the member key.
    constexpr std::string_view kKey = "\"title\":";
    const auto pos = data.rfind(kKey);
    if (pos != std::string::npos && data.ends_with("\"}")) {
        const std::size_t from = pos + kKey.size();
        try {
            const auto value = nlohmann::json::parse(data.substr(from, data.size() - 1 - from));
            if (value.is_string()) return value.get<std::string>();
        } catch (const nlohmann::json::exception&) {
        }
    }
    auto record = parse_record(data);
    return record ? record->meta.title : std::string();
}

std::string TitleKey::operator()(const Xapian::Document& doc) const {
    return normalise_term(title_of_data(doc.get_data()));
}

}  // namespace consulta
