#!/usr/bin/env python3
"""Times CPython's difflib ratio on the benchmark pairs of the golden table (rows with "bench": true).

Usage (from the repository root):  python3.11 tests/EvalHarness.Benchmarks/python/difflib_bench.py
Each pair is timed as SequenceMatcher(None, a, b, autojunk).ratio(), construction included, like the C# benchmark.
Prints one line per pair: id, lengths, best-of-5 mean microseconds per call, ratio.
"""
import difflib
import json
import pathlib
import platform
import sys
import timeit

GOLDEN = pathlib.Path(__file__).resolve().parents[2] / "EvalHarness.Core.Tests" / "Text" / "difflib" / "golden_ratio.jsonl"


def main():
    rows = [r for r in map(json.loads, GOLDEN.read_text(encoding="utf-8").splitlines()) if r["bench"]]
    print(f"# {platform.python_implementation()} {platform.python_version()}, {len(rows)} pairs from {GOLDEN.name}")
    print(f"{'id':>5} {'len(a)':>7} {'len(b)':>7} {'us/call':>12}  ratio")
    total = 0.0
    for r in rows:
        a, b, autojunk = r["a"], r["b"], r["autojunk"]

        def call():
            return difflib.SequenceMatcher(None, a, b, autojunk).ratio()

        assert repr(call()) == r["ratio"], f"ratio differs from the golden table for #{r['id']}"
        timer = timeit.Timer(call)
        number, _ = timer.autorange()
        best = min(timer.repeat(repeat=5, number=number)) / number
        total += best
        print(f"{r['id']:>5} {len(a):>7} {len(b):>7} {best * 1e6:>12.1f}  {r['ratio']}")
    print(f"# total over all pairs: {total * 1e6:.1f} us")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
