"""Tests the Python client against a running extractd whose gRPC address is
in EXTRACTD_GRPC_ADDR (clients/run-tests.sh builds and starts one).

    EXTRACTD_GRPC_ADDR=127.0.0.1:9090 /usr/bin/python3 -m unittest -v test_client
"""

import datetime
import os
import unittest
from decimal import Decimal

import grpc

from extractd_client import Client, money_value, pb

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "..", "testdata", "putin-lukashenka-sochi.txt"), encoding="utf-8") as f:
    SAMPLE = f.read()
PEOPLE = ["Vladimir Putin", "Alyaksandr Lukashenka", "Artyom Shraibman", "Aleksei Navalny"]


class ClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        addr = os.environ.get("EXTRACTD_GRPC_ADDR")
        if not addr:
            raise RuntimeError("EXTRACTD_GRPC_ADDR is not set: run clients/run-tests.sh, "
                               "or start extractd and set it (e.g. 127.0.0.1:9090)")
        cls.client = Client(addr)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()

    def test_people(self):
        res = self.client.extract(SAMPLE, id="sample")
        self.assertEqual(res.id, "sample")
        names = [p.name for p in res.people]
        for want in PEOPLE:
            self.assertIn(want, names, f"extract(sample).people = {names}")
        putin = next(p for p in res.people if p.name == "Vladimir Putin")
        self.assertGreaterEqual(len(putin.mentions), 4)
        self.assertRegex(putin.id, r"^p\d+$")

    def test_offsets_are_code_points(self):
        for name, text in (("sample", SAMPLE), ("astral", "Emoji 😀 and café first. " + SAMPLE)):
            with self.subTest(name):
                res = self.client.extract(text)
                spans = [m for e in list(res.people) + list(res.places) + list(res.organizations) for m in e.mentions]
                spans += list(res.money) + list(res.quotes)
                self.assertTrue(spans, "nothing found")
                for s in spans:
                    self.assertEqual(text[s.span.begin:s.span.end], s.text, f"span [{s.span.begin},{s.span.end})")

    def test_money_and_quotes(self):
        res = self.client.extract(SAMPLE, features=[pb.FEATURE_MONEY, pb.FEATURE_QUOTES])
        self.assertEqual(len(res.people), 0, "people not asked for")
        money = {m.text: money_value(m.amount) for m in res.money}
        self.assertEqual(money.get("$1.5 billion"), ("USD", Decimal(1500000000)), f"money = {money}")
        speakers = [q.speaker for q in res.quotes]
        self.assertTrue(speakers, "no quotes")
        self.assertTrue(all(s == "Artyom Shraibman" for s in speakers), f"speakers = {speakers}")

    def test_money_value(self):
        cases = [
            ("whole", pb.Money(currency_code="USD", units=1500000000), Decimal("1500000000")),
            ("cents", pb.Money(currency_code="EUR", units=0, nanos=500000000), Decimal("0.5")),
            ("negative", pb.Money(currency_code="GBP", units=-3, nanos=-250000000), Decimal("-3.25")),
        ]
        for name, m, want in cases:
            with self.subTest(name):
                got = money_value(m)
                self.assertEqual(got, (m.currency_code, want))
                self.assertEqual(str(got[1]), str(want), "no trailing zeros")

    def test_document_date(self):
        text = "MOSCOW (Reuters) - Gazprom paid 5 billion roubles in tax."
        for date, want in [(None, "RUB"), (datetime.date(1995, 6, 1), "RUR")]:
            with self.subTest(date=date):
                res = self.client.extract(text, features=[pb.FEATURE_MONEY], date=date)
                self.assertEqual([m.amount.currency_code for m in res.money], [want])

    def test_dictionary(self):
        text = "Bukayo Saka bought a Galaxy S24. Saka said the S24 broke."
        res = self.client.extract(text, dictionary=[
            {"phrases": ["Bukayo Saka"], "type": "PERSON", "external_id": "Q1", "metadata": {"club": "Arsenal"}},
            {"phrases": ["Galaxy S24", "S24"], "type": "PRODUCT", "external_id": "SM-S921"},
        ])
        self.assertEqual([(e.type, e.link.external_id) for e in res.custom_entities], [("PRODUCT", "SM-S921")])
        self.assertEqual([text[m.span.begin:m.span.end] for m in res.custom_entities[0].mentions], ["Galaxy S24", "S24"])
        self.assertEqual(res.people[0].link.metadata["club"], "Arsenal")
        with self.assertRaises(grpc.RpcError) as cm:
            self.client.extract(text, dictionary=[{"phrases": ["x"], "type": "NOT A TYPE"}])
        self.assertEqual(cm.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("dictionary[0]", cm.exception.details())

    def test_invalid_argument(self):
        with self.assertRaises(grpc.RpcError) as cm:
            self.client.extract("   ")
        self.assertEqual(cm.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)

    def test_batch(self):
        results = self.client.batch_extract([("a", SAMPLE), ("b", "")])
        self.assertEqual([r.id for r in results], ["a", "b"])
        self.assertEqual(results[0].WhichOneof("outcome"), "response")
        self.assertGreaterEqual(len(results[0].response.people), 4)
        self.assertEqual(results[1].WhichOneof("outcome"), "error")
        self.assertEqual(results[1].error.code, grpc.StatusCode.INVALID_ARGUMENT.value[0])

    def test_stream(self):
        ids = []
        for r in self.client.extract_stream([("1", SAMPLE), ("2", SAMPLE), ("3", SAMPLE)]):
            self.assertEqual(r.WhichOneof("outcome"), "response")
            ids.append(r.id)
        self.assertEqual(ids, ["1", "2", "3"])


if __name__ == "__main__":
    unittest.main()
