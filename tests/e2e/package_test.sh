#!/usr/bin/env bash
# package_test.sh - `cmake --install` to a temporary prefix and the .deb CPack
# builds: both hold a binary that runs, and the documentation.
#
# usage: tests/e2e/package_test.sh BUILD_DIR
# The .deb part exits 77 (skip) when dpkg-deb is missing (not a Debian system).
set -euo pipefail

build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# A project with one finding, to run the installed binaries on.
mkdir -p "$tmp/project/.git"
cat > "$tmp/project/main.tf" <<'TF'
resource "aws_db_instance" "db" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
}
TF
check_binary() {  # check_binary BINARY WHAT
  local out code=0
  "$1" --version | grep -q '^infracheck [0-9]' || fail "$2: --version"
  out=$(cd "$tmp/project" && NO_COLOR=1 "$1" --rule aws-rds-no-public-access .) || code=$?
  [ "$code" = 1 ] || fail "$2: expected exit 1 on a finding, got $code"
  grep -q "critical aws-rds-no-public-access" <<<"$out" || fail "$2: finding not reported"
}

# --- cmake --install ----------------------------------------------------------
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" > "$tmp/install.log" 2>&1 || {
  cat "$tmp/install.log" >&2; fail "cmake --install"; }
check_binary "$prefix/bin/infracheck" "installed binary"
for doc in README.md suppressions.md configuration.md rules/aws-rds-multi-az.md; do
  [ -f "$prefix/share/doc/infracheck/$doc" ] || fail "installed docs lack $doc"
done
echo "ok: cmake --install to $prefix"

# --- .deb -----------------------------------------------------------------------
if ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "SKIP: dpkg-deb not installed"
  [ "$failures" = 0 ] && exit 77 || exit 1
fi
cpack --config "$build/CPackConfig.cmake" -B "$tmp/pkg" > "$tmp/cpack.log" 2>&1 || {
  cat "$tmp/cpack.log" >&2; fail "cpack"; exit 1; }
deb=$(ls "$tmp"/pkg/*.deb)
echo "built $(basename "$deb")"
[ "$(dpkg-deb -f "$deb" Package)" = infracheck ] || fail "Package is not infracheck"
version=$(dpkg-deb -f "$deb" Version)
[ -n "$version" ] && "$prefix/bin/infracheck" --version | grep -qF "$version" || fail "Version $version"
[ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || fail "no Maintainer"
depends=$(dpkg-deb -f "$deb" Depends)
# A static binary (the default build) depends on nothing. A dynamic one depends
# on every runtime library it links (libfmt only when something uses it: the
# linker drops it otherwise).
needed=$(readelf -d "$prefix/bin/infracheck" | grep '(NEEDED)' || true)
if [ -z "$needed" ]; then
  [ -z "$depends" ] || fail "a static binary, yet Depends: $depends"
else
  for lib in libre2 libfmt libyaml-cpp libjemalloc; do
    grep -q "$lib" <<<"$needed" || continue
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
  done
  grep -q libre2 <<<"$depends" && grep -q libyaml-cpp <<<"$depends" ||
    fail "Depends lacks libre2 or libyaml-cpp: $depends"
fi
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/infracheck ./usr/share/doc/infracheck/README.md \
         ./usr/share/doc/infracheck/suppressions.md; do
  grep -qF " $f" <<<"$contents" || fail "the package lacks $f"
done
dpkg-deb -x "$deb" "$tmp/root"
check_binary "$tmp/root/usr/bin/infracheck" "packaged binary"
echo "ok: Depends: $depends"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all packaging checks passed"
