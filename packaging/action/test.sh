#!/usr/bin/env bash
# The action's script (run.sh) on a scratch git repository, with the dist binary packed as the
# release archive would be (CONNECTOR_LS_ARCHIVE instead of a download, verified against a
# SHA256SUMS like the release's): annotations and exit status, paths with spaces, --base (breaking
# changes against git), SARIF, a clean run, and a tampered archive refused.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
need_dist_bin
RUN="$ROOT/packaging/action/run.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$tmp/runner"
mkdir -p "$RUNNER_TEMP" "$tmp/rel"
archive="$(bash "$ROOT/packaging/archive.sh" x86_64-unknown-linux-musl "$DIST_BIN" "$tmp/rel")"
bash "$ROOT/packaging/checksums.sh" "$tmp/rel" >/dev/null
export CONNECTOR_LS_ARCHIVE="$archive" CONNECTOR_LS_SHA256SUMS="$tmp/rel/SHA256SUMS"
measured "release archive $(basename "$archive")" "$(human "$(size_of "$archive")")"

# The scratch repository: the example connector, then a commit that deletes an operation.
repo="$tmp/repo"
mkdir -p "$repo/connectors"
cp -r "$EXAMPLE" "$repo/connectors/"
git -C "$repo" init -q
git -C "$repo" add -A
git -C "$repo" -c user.name=test -c user.email=test@example.invalid commit -qm "the connector"
python3 - "$repo/connectors/Contoso Widgets/apiDefinition.swagger.json" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
del d["paths"]["/widgets/{widgetId}"]
json.dump(d, open(p, "w"), indent=4)
PY
git -C "$repo" -c user.name=test -c user.email=test@example.invalid commit -qam "delete GetWidget"

fail() {
  echo "FAILED: $*"
  exit 1
}
# run NAME [VAR=VALUE...]: runs run.sh in the repository; sets $out (stdout+stderr), $rc, $status.
run() {
  local name="$1"
  shift
  : > "$tmp/output"
  set +e
  (cd "$repo" && env GITHUB_OUTPUT="$tmp/output" "$@" bash "$RUN") > "$tmp/$name.txt" 2>&1
  rc=$?
  set -e
  out="$(cat "$tmp/$name.txt")"
  status="$(sed -n 's/^status=//p' "$tmp/output")"
}

run errors INPUT_PATHS="connectors/Contoso Widgets"
[ "$rc" -eq 0 ] || fail "run.sh exit status $rc: $out"
[ "$status" = 1 ] || fail "status=$status, expected 1 (the example has errors)"
grep -q '^verified connector-ls-x86_64-unknown-linux-musl.tar.gz (sha256 ' <<<"$out" || fail "no checksum verification: $out"
grep -q '^::error file=connectors/Contoso Widgets/apiDefinition.swagger.json,line=[0-9]*,col=[0-9]*,.*title=RequiredPropertyMissing::' <<<"$out" ||
  fail "no ::error annotation for the swagger: $out"
grep -q '^::warning file=' <<<"$out" || fail "no ::warning annotation"
echo "ok: annotations, status 1 ($(grep -c '^::' <<<"$out") annotations)"

run base INPUT_PATHS="connectors" INPUT_ARGS="--base HEAD~1 --select Breaking*"
[ "$status" = 1 ] && grep -q 'title=BreakingOperationDeleted::.*GetWidget' <<<"$out" || fail "--base HEAD~1: no BreakingOperationDeleted (status $status): $out"
echo "ok: --base HEAD~1 reports the deleted operation"

run clean INPUT_PATHS="connectors" INPUT_ARGS="--select IconBrandColorInvalid --ignore IconBrandColorInvalid"
[ "$status" = 0 ] && ! grep -q '^::error' <<<"$out" || fail "nothing selected: status $status, expected 0: $out"
echo "ok: no findings, status 0"

run sarif INPUT_PATHS="connectors" INPUT_SARIF="$tmp/out/connector-ls.sarif"
python3 - "$tmp/out/connector-ls.sarif" <<'PY' || fail "the SARIF file is not SARIF 2.1.0 with results"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == "2.1.0" and d["runs"][0]["results"], d.get("version")
print("ok: SARIF 2.1.0, %d results" % len(d["runs"][0]["results"]))
PY
grep -q "^sarif=$tmp/out/connector-ls.sarif" "$tmp/output" || fail "no sarif output"

run usage INPUT_PATHS="connectors" INPUT_ARGS="--select NoSuchRuleCode"
[ "$status" = 2 ] || fail "an unknown code: status $status, expected 2"
echo "ok: usage error, status 2"

run badversion INPUT_VERSION='1.0; rm -rf /'
[ "$rc" -ne 0 ] && grep -q 'version must be latest or a release version' <<<"$out" || fail "a bad version was not refused: $out"
echo "ok: a bad version is refused"

# Which release is downloaded: the action's own version tag, else latest; `version` wins.
url() { env -u CONNECTOR_LS_ARCHIVE CONNECTOR_LS_PRINT_URL=1 CONNECTOR_LS_REPO=owner/connector-ls "$@" bash "$RUN"; }
base=https://github.com/owner/connector-ls/releases
[ "$(url CONNECTOR_LS_ACTION_REF=v1.2.3)" = "$base/download/v1.2.3/connector-ls-x86_64-unknown-linux-musl.tar.gz" ] || fail "action ref v1.2.3: $(url CONNECTOR_LS_ACTION_REF=v1.2.3)"
[ "$(url CONNECTOR_LS_ACTION_REF=main)" = "$base/latest/download/connector-ls-x86_64-unknown-linux-musl.tar.gz" ] || fail "action ref main: $(url CONNECTOR_LS_ACTION_REF=main)"
[ "$(url CONNECTOR_LS_ACTION_REF=v1.2.3 INPUT_VERSION=v0.1.0)" = "$base/download/v0.1.0/connector-ls-x86_64-unknown-linux-musl.tar.gz" ] || fail "version input"
[ "$(url RUNNER_OS=Windows RUNNER_ARCH=X64 INPUT_VERSION=0.1.0)" = "$base/download/v0.1.0/connector-ls-x86_64-pc-windows-msvc.zip" ] || fail "windows asset"
[ "$(url RUNNER_OS=macOS RUNNER_ARCH=ARM64)" = "$base/latest/download/connector-ls-aarch64-apple-darwin.tar.gz" ] || fail "macOS asset"
echo "ok: download URLs (action tag, latest, version input, per runner)"

cp "$archive" "$tmp/tampered.tar.gz"
printf 'x' >> "$tmp/tampered.tar.gz"
run tampered CONNECTOR_LS_ARCHIVE="$tmp/tampered.tar.gz"
[ "$rc" -ne 0 ] && grep -q '::error title=connector-ls action::checksum mismatch for connector-ls-x86_64-unknown-linux-musl.tar.gz' <<<"$out" || fail "a tampered archive was not refused: $out"
echo "ok: a tampered archive is refused"
echo "action: ok"
