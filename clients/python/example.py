#!/usr/bin/python3
"""Extracts the entities, money and quotes of a text file (default: the
sample article) and prints them.

    /usr/bin/python3 example.py [file]   # server at EXTRACTD_GRPC_ADDR or 127.0.0.1:9090
"""

import os
import sys

from extractd_client import Client, money_value

here = os.path.dirname(os.path.abspath(__file__))
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "testdata", "putin-lukashenka-sochi.txt")
with open(path, encoding="utf-8") as f:
    text = f.read()

with Client(os.environ.get("EXTRACTD_GRPC_ADDR", "127.0.0.1:9090")) as client:
    res = client.extract(text)

for kind, entities in (("person", res.people), ("place", res.places), ("organization", res.organizations)):
    for e in entities:
        print(f"{kind:12} {e.name} ({len(e.mentions)} mentions, salience {e.salience:.3f})")
for m in res.money:
    currency, value = money_value(m.amount)
    upper = f" to {money_value(m.upper)[1]}" if m.HasField("upper") else ""
    print(f"{'money':12} {m.text!r} = {currency} {value}{upper}")
for q in res.quotes:
    # Offsets are code points: slicing the str gives the quote.
    print(f"{'quote':12} {q.speaker or '(unknown)'}: “{text[q.span.begin:q.span.end]}”")
