#!/usr/bin/env bash
# sarif_schema_test.sh - the SARIF of every fixture case validates against the
# SARIF 2.1.0 schema (Ajv) and passes Microsoft's SARIF Multitool without
# errors or warnings (tools/sarif/validate.js --strict).
#
# usage: tests/e2e/sarif_schema_test.sh INFRACHECK_BINARY SOURCE_DIR
# A case is every fixtures/**/ directory with an expected.json or an args
# file, run as the golden test runs it, with --format sarif. Exits 77 (skip)
# when the validators are not installed (tools/bootstrap --test installs them).
set -euo pipefail

bin=$1
src=$2
validator=$src/tools/sarif/validate.js
if [ ! -d "$src/tools/sarif/node_modules/ajv" ] || ! command -v node >/dev/null; then
  echo "SKIP: SARIF validators not installed (run tools/bootstrap --test)"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cases=0
while IFS= read -r dir; do
  args=()
  any_path=0
  if [ -f "$dir/args" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in '' | '#'*) continue ;; esac
      args+=("$line")
      [ "$line" = "--" ] && any_path=1
    done < "$dir/args"
  fi
  [ "$any_path" = 1 ] || args+=(.)
  name=$(printf '%s' "${dir#"$src"/fixtures/}" | tr '/' '_')
  code=0
  (cd "$dir" && "$bin" --format sarif --output "$work/$name.sarif" "${args[@]}") || code=$?
  if [ "$code" -gt 2 ]; then
    echo "FAIL: infracheck exited $code in $dir" >&2
    exit 1
  fi
  cases=$((cases + 1))
done < <(find "$src/fixtures" \( -name expected.json -o -name args \) -printf '%h\n' | sort -u)

echo "validating the SARIF of $cases fixture cases"
node "$validator" --strict "$work"/*.sarif
