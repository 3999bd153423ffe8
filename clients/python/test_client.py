"""Tests of the Python client against the real consulta-searchd over an index of corpus/.
usage: python3 test_client.py BIN_DIR SOURCE_DIR   (ctest runs it as python_client)"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from consulta import ApiError, Client  # noqa: E402

BIN, SOURCE = sys.argv[1], sys.argv[2]


class ClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="consulta_python_client_")
        index = os.path.join(cls.dir, "index")
        subprocess.run([os.path.join(BIN, "consulta-indexer"), "--corpus",
                        os.path.join(SOURCE, "corpus"), "--index", index, "--quiet"], check=True)
        cls.log = open(os.path.join(cls.dir, "searchd.log"), "w")
        cls.daemon = subprocess.Popen([os.path.join(BIN, "consulta-searchd"), "--index", index,
                                       "--listen", "127.0.0.1:0"],
                                      stdout=subprocess.PIPE, stderr=cls.log, text=True)
        prefix = "consulta-searchd listening on "
        for line in cls.daemon.stdout:
            if line.startswith(prefix):
                cls.client = Client(line[len(prefix):].strip())
                break
        else:
            raise RuntimeError("consulta-searchd did not print its address")

    @classmethod
    def tearDownClass(cls):
        cls.daemon.terminate()
        cls.daemon.wait(timeout=10)
        cls.log.close()
        shutil.rmtree(cls.dir)

    def test_search_finds_a_name_as_its_filter_does(self):
        by_name = self.client.search("Eswatini", limit=0)
        by_filter = self.client.search(state="SZ", limit=0)
        self.assertEqual(by_name["total"], 2)
        self.assertEqual(by_name["total"], by_filter["total"])
        self.assertEqual(by_name["resolved"],
                         [{"text": "Eswatini", "type": "state", "id": "SZ", "label": "Eswatini"}])
        self.assertEqual(self.client.search("Eswatini", resolve=False, limit=0)["resolved"], [])
        # Repeated parameters: values of one facet are OR'd.
        self.assertEqual(self.client.search(state=["SZ", "BW"], limit=0)["query"]["filters"],
                         {"state": ["SZ", "BW"]})

    def test_search_export_gives_every_hit(self):
        page = self.client.search("migration", limit=100, facets="")
        rows = list(self.client.search_export("migration"))
        self.assertEqual(len(rows), page["total"])
        self.assertEqual(sorted(r["id"] for r in rows), sorted(h["id"] for h in page["hits"]))
        self.assertEqual(set(rows[0]), {"id", "title", "kind", "publisher", "published", "score",
                                        "mentions"})

    def test_mentions_stream_every_row(self):
        total = self.client.get("/v1/mentions", state="SZ", limit=0)["total"]
        rows = list(self.client.mentions(state="SZ"))
        self.assertEqual(len(rows), total)
        self.assertGreater(total, 0)

    def test_crosstab_cells_equal_counts_of_the_mention_export(self):
        table = self.client.crosstab("state", "published", measure="mentions", member_of="midsa")
        self.assertGreater(len(table), 0)
        members = set(self.client.get("/v1/crosstab", rows="state", cols="published",
                                      member_of="midsa")["member_of"][0]["members"])
        self.assertEqual({line["state"] for line in table} - members, set())
        # Every cell, recounted from the mention rows of the same documents (member states only:
        # member_of keeps only its ids on a state axis).
        counted = {}
        for m in self.client.mentions(type="state", member_of="midsa"):
            if m["published"] is not None and m["entity"] in members:
                key = (m["entity"], str(m["published"]))
                counted[key] = counted.get(key, 0) + 1
        for line in table:
            for column, cell in line.items():
                if column not in ("state", "total"):
                    self.assertEqual(cell, counted.get((line["state"], column), 0),
                                     (line["state"], column))
        self.assertEqual(sum(counted.values()),
                         self.client.get("/v1/crosstab", rows="state", cols="published",
                                         measure="mentions", member_of="midsa")["total"])

    def test_concordance_lines_are_the_word_in_its_text(self):
        lines = list(self.client.concordance("readmission", sort="R1"))
        self.assertEqual(len(lines), self.client.get("/v1/concordance", q="readmission",
                                                     limit=0)["total"])
        self.assertGreater(len(lines), 0)
        self.assertTrue(all(line["text"].lower() == "readmission" for line in lines))
        self.assertEqual([line["right_words"][:1] for line in lines],
                         sorted(line["right_words"][:1] for line in lines))

    def test_entities(self):
        self.assertEqual(self.client.entity("state", "SZ")["name"], "Eswatini")
        values = self.client.entities("state", prefix="eswa")["values"]
        self.assertEqual([v["value"] for v in values], ["SZ"])

    def test_errors_carry_their_code_and_details(self):
        with self.assertRaises(ApiError) as caught:
            self.client.get("/v1/mentions", State="SZ")
        self.assertEqual(caught.exception.status, 400)
        self.assertEqual(caught.exception.code, "unknown_parameter")
        self.assertEqual(caught.exception.error["nearest"], "state")
        with self.assertRaises(ApiError) as caught:
            self.client.search(state="Korea")
        self.assertEqual(caught.exception.code, "ambiguous_entity")
        self.assertEqual([c["id"] for c in caught.exception.error["candidates"]], ["KP", "KR"])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
