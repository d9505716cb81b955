#!/bin/sh
# How many of the corpus connectors whose swagger changed since 2023-07-01 each `review` rule
# reports (the calibration table of docs/rules.md's review rules). Uses the release binary
# unless BIN is set:
#   cargo build --release -p connector-ls && tests/scripts/review-hit-counts.sh [CORPUS]
# Add `-v` after CORPUS to list the connectors of each rule.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${1:-$root/../shared/corpus}
verbose=${2:-}
bin=${BIN:-$root/target/release/connector-ls}
[ -f "$corpus/history.json" ] || { echo "skipping: no corpus at $corpus"; exit 0; }
python3 - "$corpus" "$bin" "$verbose" <<'PY'
import json, subprocess, sys
from collections import defaultdict
corpus, binary, verbose = sys.argv[1], sys.argv[2], sys.argv[3] == "-v"
history = json.load(open(f"{corpus}/history.json"))["connectors"]
recent = sorted(k for k, v in history.items()
                if v.get("swagger", {}).get("last", "") >= "2023-07-01")
rules = json.loads(subprocess.run([binary, "rules", "--format", "json"],
                                  capture_output=True, text=True, check=True).stdout)
review = sorted(r["code"] for r in rules if r.get("category") == "review")
hits, findings = defaultdict(set), defaultdict(int)
for name in recent:
    args = [binary, "check", f"{corpus}/{name}", "--format", "json", "--select", "review"]
    if name.startswith("custom-connectors/"):
        args.append("--no-certification")
    r = subprocess.run(args, capture_output=True, text=True)
    for f in json.loads(r.stdout)["findings"]:
        hits[f["code"]].add(name)
        findings[f["code"]] += 1
n = len(recent)
print(f"{n} recent connectors")
print("| Rule | Connectors | Share | Findings |")
print("| --- | ---: | ---: | ---: |")
for code in review:
    c = len(hits[code])
    print(f"| `{code}` | {c} | {100 * c / n:.1f}% | {findings[code]} |")
if verbose:
    for code in review:
        for name in sorted(hits[code]):
            print(f"{code}\t{name}")
PY
