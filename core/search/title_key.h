#pragma once
#include <string>

#include <xapian.h>

namespace consulta {

/// Sort key for sort=title: the folded title, read from the document data (the schema has no
/// title value slot). Costs one data read per matching document.
class TitleKey : public Xapian::KeyMaker {
public:
    std::string operator()(const Xapian::Document& doc) const override;
};

/// The title stored in a document's data, found without parsing the whole record when the
/// data ends with the "title" member (nlohmann-json writes members in key order); falls back
/// to a full parse otherwise.
std::string title_of_data(const std::string& data);

}  // namespace consulta
