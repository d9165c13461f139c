"""`gleaner.extract_many` against `gleaner extract` on the same documents (issue 18: within 10%).

    python crates/python/bench/extract_many.py ../shared/corpora/bbc_fulltext.jsonl --threads 2 --runs 3

Runs the CLI (the release binary of this workspace, or GLEANER_BIN) and the package in turn, `runs` times each,
on the same JSON lines, and prints wall and CPU seconds (user + system, all threads) of each run and the median
ratio. The package runs on records as bytes (the lines as read), as dicts (`json.loads` of each line) and as
plain text strings, yielding dicts (what a user iterates), and as JSON lines (`as_json=True`). The CLI writes to
/dev/null; the package's records are consumed and dropped.
"""

import argparse
import json
import os
import pathlib
import resource
import statistics
import subprocess
import time

import gleaner

ROOT = pathlib.Path(__file__).resolve().parents[3]


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_cli(binary, path, threads):
    c0, t0 = cpu_children(), time.perf_counter()
    subprocess.run(
        [binary, "extract", "--quiet", "--threads", str(threads), str(path), "-o", os.devnull], check=False
    )
    return time.perf_counter() - t0, cpu_children() - c0


def run_py(extractor, docs, threads, as_json):
    c0, t0 = cpu_self(), time.perf_counter()
    n = 0
    for _ in extractor.extract_many(docs, threads=threads, as_json=as_json):
        n += 1
    assert n == len(docs)
    return time.perf_counter() - t0, cpu_self() - c0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=pathlib.Path)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    binary = os.environ.get("GLEANER_BIN") or str(ROOT / "target" / "release" / "gleaner")
    lines = args.path.read_bytes().splitlines()
    lines = [l for l in lines if l.strip()][: args.limit]
    path = args.path
    if args.limit is not None:
        path = ROOT / "target" / "bench-extract-many.jsonl"
        path.write_bytes(b"".join(l + b"\n" for l in lines))
    dicts = [json.loads(l) for l in lines]
    texts = [d["text"] for d in dicts]
    extractor = gleaner.Extractor()
    extractor.extract("Warm-up.")
    variants = {
        "cli": lambda: run_cli(binary, path, args.threads),
        "py bytes -> dict": lambda: run_py(extractor, lines, args.threads, False),
        "py dict -> dict": lambda: run_py(extractor, dicts, args.threads, False),
        "py text -> dict": lambda: run_py(extractor, texts, args.threads, False),
        "py bytes -> json": lambda: run_py(extractor, lines, args.threads, True),
    }
    results = {name: [] for name in variants}
    for _ in range(args.runs):
        for name, run in variants.items():
            results[name].append(run())
    mb = sum(len(l) for l in lines) / 1e6
    print(f"{len(lines)} documents, {mb:.2f} MB, threads {args.threads}, {args.runs} runs, load {os.getloadavg()}")
    cli_wall = statistics.median(w for w, _ in results["cli"])
    cli_cpu = statistics.median(c for _, c in results["cli"])
    for name, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(
            f"{name:18} wall {wall:6.2f} s ({wall / cli_wall:4.2f}x cli)  cpu {cpu:6.2f} s ({cpu / cli_cpu:4.2f}x cli)"
            f"  runs: {', '.join(f'{w:.2f}/{c:.2f}' for w, c in runs)}"
        )


if __name__ == "__main__":
    main()
