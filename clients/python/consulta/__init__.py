"""A small client for the Consulta HTTP API (standard library only).

    from consulta import Client
    c = Client("http://127.0.0.1:8080")
    answer = c.search("trafficking", state="BW")
    for hit in c.search_export("Eswatini"):          # every hit, streamed (JSON Lines)
        print(hit["id"], hit["mentions"]["state"])
    rows = list(c.mentions(state="SZ"))               # every mention row (JSON Lines)
    table = c.crosstab("state", "published", measure="mentions", member_of="midsa")
    lines = list(c.concordance("readmission", sort="L1"))
    c.entity("state", "SZ")
    c.get("/v1/stats")                                # any route, any parameters
"""
import json
import urllib.error
import urllib.parse
import urllib.request

__all__ = ["Client", "ApiError"]


class ApiError(Exception):
    """An error answer of the API: status, code ("unknown_parameter" ...), message, and the
    whole error object (with "parameter", "nearest", "candidates" where the API gives them)."""

    def __init__(self, status, error):
        self.status = status
        self.error = error
        self.code = error.get("code")
        super().__init__("%s %s: %s" % (status, self.code, error.get("message")))


def _query(params):
    # Lists repeat the parameter (state=["BW", "ZA"]); None leaves it out; booleans are 1/0.
    pairs = []
    for name, value in params.items():
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        for v in values:
            if isinstance(v, bool):
                v = "1" if v else "0"
            pairs.append((name, str(v)))
    return urllib.parse.urlencode(pairs)


class Client:
    def __init__(self, base_url="http://127.0.0.1:8080", timeout=60):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def _open(self, route, params):
        url = self.base_url + route
        query = _query(params)
        if query:
            url += "?" + query
        try:
            return urllib.request.urlopen(url, timeout=self.timeout)
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            try:
                error = json.loads(body)["error"]
            except (ValueError, KeyError, TypeError):
                error = {"code": None, "message": body}
            raise ApiError(e.code, error) from None

    def get(self, route, **params):
        """Any JSON route: get("/v1/facets/state", prefix="bo")."""
        with self._open(route, params) as res:
            return json.loads(res.read().decode("utf-8"))

    def _lines(self, route, params):
        with self._open(route, params) as res:
            for line in res:
                if line.strip():
                    yield json.loads(line.decode("utf-8"))

    def search(self, q="", **params):
        """One page of hits with facets: search("Eswatini", limit=20, state="ZA")."""
        return self.get("/v1/search", q=q, **params)

    def search_export(self, q="", **params):
        """Every hit of a search, streamed: dicts with id, title, ..., "mentions"."""
        return self._lines("/v1/search", dict(params, q=q, format="jsonl"))

    def mentions(self, **params):
        """Every mention row that matches (state=..., q=..., type=...), streamed."""
        return self._lines("/v1/mentions", dict(params, format="jsonl"))

    def crosstab(self, rows, cols, measure="documents", **params):
        """Two facets against each other under a query and filters, as a list of dicts:
        crosstab("state", "published", measure="mentions", member_of="midsa") gives
        [{"state": "BW", "2005": 1, ..., "total": 3}, ...]; the JSON answer itself (labels,
        column totals, the grand total) is get("/v1/crosstab", rows=..., cols=...)."""
        answer = self.get("/v1/crosstab", rows=rows, cols=cols, measure=measure, **params)
        col_ids = [c["id"] for c in answer["cols"]["values"]]
        table = []
        for row, cells in zip(answer["rows"]["values"], answer["cells"]):
            line = {rows: row["id"]}
            line.update(zip(col_ids, cells))
            line["total"] = row["total"]
            table.append(line)
        return table

    def concordance(self, q, **params):
        """Every keyword-in-context line of a word, phrase or wildcard, streamed, in the
        order asked for: concordance("readmission", sort="L1", window=40)."""
        return self._lines("/v1/concordance", dict(params, q=q, format="jsonl"))

    def entity(self, type, id):
        """One state, mechanism or organisation with its counts."""
        return self.get("/v1/entities/%s/%s" % (urllib.parse.quote(type, safe=""),
                                                 urllib.parse.quote(id, safe="")))

    def entities(self, type, prefix="", limit=0, **params):
        """The values of one facet (type: state, mechanism, organisation ...)."""
        return self.get("/v1/facets/" + urllib.parse.quote(type, safe=""), prefix=prefix,
                        limit=limit, **params)
