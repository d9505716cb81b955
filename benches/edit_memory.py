#!/usr/bin/env python3
"""Resident memory and latency of `connector-ls serve` over many edits of one document.

The same measurement as `tests/tests/resources.rs` (a character typed into Encodian's title
and taken out again, 10,000 times; every 100 edits the client pulls the diagnostics of that
version and waits for them), for any number of server binaries or environments in one run, so
that allocators can be compared on equal terms: the variants run one after the other, in
rounds, and the medians are printed.

    python3 benches/edit_memory.py --server new=target/release/connector-ls \
        --server glibc=GLIBC_TUNABLES=glibc.malloc.check=0:target/release/connector-ls \
        [--file ../shared/corpus/certified-connectors/Encodian/apiDefinition.swagger.json] \
        [--edits 10000] [--rounds 1] [--column 15]

A `--server` is `LABEL=[VAR=VALUE:]...BINARY`. For each it prints the RSS after 100 edits and
after all of them (and their ratio), the peak RSS (the kernel's high-water mark), the p50/p95
of the pulls (from the pull request to its answer, the version's check included) and the
total time.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def rss_mb(pid, field="VmRSS"):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Client:
    def __init__(self, argv, env):
        self.p = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
        )
        self.next_id = 0

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise EOFError("server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            msg = self.read()
            if msg.get("id") == rid and "method" not in msg:
                return msg.get("result")
            if "method" in msg and "id" in msg:
                # A request of the server (workspace/configuration, registerCapability): answer
                # it so the server does not wait.
                result = [None] * len(msg.get("params", {}).get("items", [])) if msg["method"] == "workspace/configuration" else None
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": result})

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})


def run(label, spec, path, edits, column):
    env = dict(os.environ)
    *assignments, binary = spec.split(":") if "=" in spec.split(":")[0] else [spec]
    for a in assignments:
        k, _, v = a.partition("=")
        env[k] = v
    text = open(path, encoding="utf-8-sig").read()
    uri = "file://" + os.path.abspath(path)
    c = Client([binary, "serve"], env)
    root = "file://" + os.path.dirname(os.path.abspath(path))
    c.request(
        "initialize",
        {
            "processId": os.getpid(),
            "rootUri": root,
            "capabilities": {"textDocument": {"diagnostic": {}}},
            "initializationOptions": {"debounceMs": 20},
        },
    )
    c.notify("initialized", {})
    c.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "json", "version": 0, "text": text}},
    )
    c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
    start = time.perf_counter()
    pulls = []
    after_100 = 0.0
    line = 3
    for v in range(1, edits + 1):
        if v % 2 == 1:
            change = {"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column}}, "text": "x"}
        else:
            change = {"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column + 1}}, "text": ""}
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v}, "contentChanges": [change]})
        if v % 100 == 0:
            t = time.perf_counter()
            c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
            pulls.append((time.perf_counter() - t) * 1000)
            if v == 100:
                after_100 = rss_mb(c.p.pid)
    after_all = rss_mb(c.p.pid)
    peak = rss_mb(c.p.pid, "VmHWM")
    elapsed = time.perf_counter() - start
    c.request("shutdown", None)
    c.notify("exit", None)
    c.p.wait(timeout=10)
    pulls.sort()
    return {
        "after_100": after_100,
        "after_all": after_all,
        "ratio": after_all / after_100 if after_100 else 0.0,
        "peak": peak,
        "p50": statistics.median(pulls),
        "p95": pulls[int(len(pulls) * 0.95) - 1],
        "seconds": elapsed,
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--server", action="append", required=True, help="LABEL=[VAR=VALUE:]...BINARY")
    ap.add_argument(
        "--file",
        default=os.path.join(here, "../../shared/corpus/certified-connectors/Encodian/apiDefinition.swagger.json"),
    )
    ap.add_argument("--edits", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--column", type=int, default=15, help="where on line 4 the edits go (15: inside the title)")
    args = ap.parse_args()
    if not os.path.isfile(args.file):
        print(f"skipping: no {args.file}")
        return
    servers = [s.split("=", 1) for s in args.server]
    results = {label: [] for label, _ in servers}
    for _ in range(args.rounds):
        for label, spec in servers:
            results[label].append(run(label, spec, args.file, args.edits, args.column))
    for label, runs in results.items():
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(
            f"{label}: RSS after 100 edits {med['after_100']:.1f} MB, after {args.edits} "
            f"{med['after_all']:.1f} MB (ratio {med['ratio']:.2f}), peak {med['peak']:.1f} MB; "
            f"pull p50 {med['p50']:.1f} ms, p95 {med['p95']:.1f} ms; {med['seconds']:.1f} s"
        )


if __name__ == "__main__":
    sys.exit(main())
