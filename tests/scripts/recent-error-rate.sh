#!/bin/sh
# The error rate of `check` on the corpus connectors whose swagger changed since 2023-07-01
# (they passed the current certification pipeline). Uses the release binary:
#   cargo build --release -p connector-ls && tests/scripts/recent-error-rate.sh [CORPUS]
# `custom-connectors/` are uncertified samples and are checked with --no-certification.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${1:-$root/../shared/corpus}
bin=$root/target/release/connector-ls
[ -f "$corpus/history.json" ] || { echo "skipping: no corpus at $corpus"; exit 0; }
python3 - "$corpus" "$bin" <<'PY'
import json, subprocess, sys
corpus, binary = sys.argv[1], sys.argv[2]
history = json.load(open(f"{corpus}/history.json"))["connectors"]
recent = sorted(k for k, v in history.items()
                if v.get("swagger", {}).get("last", "") >= "2023-07-01")
failing = []
for name in recent:
    args = [binary, "check", f"{corpus}/{name}", "--format", "json"]
    if name.startswith("custom-connectors/"):
        args.append("--no-certification")
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode == 1:
        out = json.loads(r.stdout)
        codes = set()
        def walk(v):
            if isinstance(v, dict):
                if v.get("severity") == "error" and "code" in v:
                    codes.add(v["code"])
                for x in v.values():
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)
        walk(out)
        failing.append((name, sorted(codes)))
    elif r.returncode != 0:
        failing.append((name, [f"exit {r.returncode}"]))
print(f"recent connectors: {len(recent)}; exit 1 on {len(failing)}")
for name, codes in failing:
    print(f"  {name}: {', '.join(codes)}")
PY
