#!/usr/bin/python3
"""Measures the round-trip time of Extract on the sample article from Python:
sequential calls over one gRPC channel, after a warm-up.

    EXTRACTD_GRPC_ADDR=127.0.0.1:9090 /usr/bin/python3 bench.py [calls]
"""

import os
import sys
import time

from extractd_client import Client

n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "..", "testdata", "putin-lukashenka-sochi.txt"), encoding="utf-8") as f:
    text = f.read()
with Client(os.environ.get("EXTRACTD_GRPC_ADDR", "127.0.0.1:9090")) as client:
    for _ in range(10):
        client.extract(text)
    ms = []
    for _ in range(n):
        t = time.perf_counter()
        client.extract(text)
        ms.append((time.perf_counter() - t) * 1000)
ms.sort()
q = lambda p: f"{ms[min(len(ms) - 1, int(p * len(ms)))]:.2f}"
print(f"python grpc Extract ({len(text)} chars) x{n}: median {q(0.5)} ms, p90 {q(0.9)} ms")
