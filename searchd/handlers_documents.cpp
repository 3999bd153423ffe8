// GET /v1/documents/{id} and GET /v1/entities/{type}/{id}.
#include "core/search/search_json.h"
#include "searchd/document_page.h"
#include "searchd/errors.h"
#include "searchd/known_params.h"
#include "searchd/handlers.h"
#include "searchd/params.h"

namespace consulta {

void handle_document(const App& app, const httplib::Request& req, httplib::Response& res,
                     RequestNote&) {
    const std::string id = req.matches[1];
    // Ids are compared, never used as paths: anything path-like is simply unknown.
    if (!is_plausible_id(id)) return write_error(res, {ApiCode::kNotFound, "no such document", {}});
    if (auto error = check_known_parameters(req, "/v1/documents/{id}")) {
        return write_detailed_error(res, *error);
    }
    DocumentPageRequest page;
    if (auto error = parse_document_params(req, &page)) return write_error(res, *error);
    Searcher* searcher = local_searcher(app, req, res);
    if (!searcher) return;
    auto document = searcher->document(id, page.with_text);
    if (!document) return write_error(res, to_api_error(document.status()));
    write_json(res, with_shard_report(*searcher, req, document_page_json(std::move(document).value(), page)));
}

void handle_entity(const App& app, const httplib::Request& req, httplib::Response& res,
                   RequestNote&) {
    const std::string type_name = req.matches[1], id = req.matches[2];
    auto type = parse_entity_type(type_name);
    if (!type) {
        return write_error(res, {ApiCode::kNotFound, "no entity type '" + type_name + "'", {}});
    }
    if (!is_plausible_id(id)) return write_error(res, {ApiCode::kNotFound, "no such entity", {}});
    if (auto error = check_known_parameters(req, "/v1/entities/{type}/{id}")) {
        return write_detailed_error(res, *error);
    }
    Searcher* searcher = local_searcher(app, req, res);
    if (!searcher) return;
    auto entity = searcher->entity(*type, id);
    if (!entity) return write_error(res, to_api_error(entity.status()));
    write_json(res, with_shard_report(*searcher, req, to_json(*entity)));
}

}  // namespace consulta
