#!/usr/bin/env python3
"""CPU time of `connector-ls check` over a corpus against Python's `json.loads` of the same files.

Issue #17's corpus target is a ratio against a peer measured in the same run, because absolute
times on a shared machine vary with its load. Each round runs, alternately, `connector-ls check`
(its user + system CPU time, wall time and peak RSS, from the kernel's accounting of the child)
and, in this process, reading and `json.loads` of every `*.json` file of every connector folder
(`apiDefinition.swagger.json`, `apiProperties.json`, `settings.json`), timed by
`time.process_time()`. It prints the median of each and the ratio of the medians.

    python3 benches/corpus_ratio.py --binary target/release/connector-ls \
        [--corpus ../shared/corpus] [--runs 5] [--old /tmp/old-binary] [-- extra check args]

With `--old`, a second binary is measured in the same rounds (old, new and Python alternate),
and its ratio printed beside.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

PACKAGE_FILES = ("apiDefinition.swagger.json", "apiProperties.json", "settings.json")


def corpus_files(corpus):
    files = []
    for root, _dirs, names in os.walk(corpus):
        for name in names:
            if name in PACKAGE_FILES:
                files.append(os.path.join(root, name))
    files.sort()
    return files


def python_round(files):
    start = time.process_time()
    size = 0
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        size += len(data)
        try:
            json.loads(data)
        except ValueError:
            pass  # a damaged file still costs what was read
    return time.process_time() - start, size


def binary_round(binary, corpus, extra):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # `wait4` gives this child's own peak RSS (RUSAGE_CHILDREN's is the largest of all children).
    proc = subprocess.Popen(
        [binary, "check", corpus, *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{binary} check exited with {code}")
    del before
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(here, "../target/release/connector-ls"))
    parser.add_argument("--old", help="a second binary measured in the same rounds")
    parser.add_argument("--corpus", default=os.path.join(here, "../../shared/corpus"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("extra", nargs="*", help="more `check` arguments (after --)")
    args = parser.parse_args()

    if not os.path.isdir(args.corpus):
        print(f"skipping: no corpus at {args.corpus}")
        return
    files = corpus_files(args.corpus)
    extra = args.extra or ["--format", "json"]
    binaries = [("new", args.binary)] + ([("old", args.old)] if args.old else [])
    results = {label: [] for label, _ in binaries}
    python = []
    size = 0
    for _ in range(args.runs):
        for label, binary in binaries:
            results[label].append(binary_round(binary, args.corpus, extra))
        cpu, size = python_round(files)
        python.append(cpu)

    py = statistics.median(python)
    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB; median of {args.runs} runs")
    print(f"python json.loads: cpu {py:.3f} s")
    for label, binary in binaries:
        runs = results[label]
        cpu = statistics.median(r[0] for r in runs)
        wall = statistics.median(r[1] for r in runs)
        rss = statistics.median(r[2] for r in runs)
        print(
            f"{label} ({binary}): cpu {cpu:.3f} s, wall {wall:.3f} s, peak RSS {rss:.1f} MB, "
            f"cpu ratio to json.loads {cpu / py:.2f}"
        )


if __name__ == "__main__":
    main()
