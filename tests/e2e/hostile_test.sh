#!/usr/bin/env bash
# hostile_test.sh - end to end: the CLI on inputs built to break it. Each case
# must end, within a time limit (and a memory limit outside sanitizer builds),
# with the exit code the contract gives and a clear message naming the file
# and position; the rest of the scan must go on; nothing may be written into
# the scanned tree; reports must be byte-identical whatever the thread count,
# the directory order or the run.
#
# usage: tests/e2e/hostile_test.sh INFRACHECK_BINARY SOURCE_DIR [sanitized]
set -euo pipefail

bin=$1
src=$2
sanitized=${3:-}
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null || true; rm -rf "$tmp"' EXIT
export NO_COLOR=1

failures=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# A case's directory: its own project root (.git), with a file that always
# gives one finding, so each case also shows the scan going on.
case_dir() {
  local d=$tmp/cases/$1
  mkdir -p "$d/.git"
  printf 'resource "aws_ecr_repository" "ok" {\n  name                 = "ok"\n  image_tag_mutability = "IMMUTABLE"\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n' >"$d/ok.tf"
  echo "$d"
}

# run NAME EXPECTED_EXIT [ARGS...]: runs the CLI on the case directory with a
# time limit (60 s; 300 s under sanitizers) and a memory limit (2 GB of
# address space; none under sanitizers, which reserve terabytes).
run() {
  local name=$1 want=$2
  shift 2
  local d=$tmp/cases/$name limit=60
  [ -n "$sanitized" ] && limit=300
  local rc=0
  (
    cd "$tmp/cases"
    [ -z "$sanitized" ] && ulimit -v $((2 * 1024 * 1024))
    exec timeout "$limit" "$bin" "$@" "$name"
  ) >"$d.out" 2>&1 || rc=$?
  if [ "$rc" = 124 ]; then
    fail "$name: did not finish within ${limit}s"
  elif [ "$rc" != "$want" ]; then
    fail "$name: exit code $rc, expected $want"
    sed 's/^/    /' "$d.out" | head -20 >&2
  else
    pass "$name: exit $rc"
  fi
}

# expect NAME TEXT: the output has a line containing TEXT.
expect() {
  if grep -qF -- "$2" "$tmp/cases/$1.out"; then
    pass "$1: says '$2'"
  else
    fail "$1: no line with '$2'; output:"
    sed 's/^/    /' "$tmp/cases/$1.out" | head -20 >&2
  fi
}

# Every case also reports the finding in ok.tf: the scan went on.
expect_ok_finding() { expect "$1" "$1/ok.tf:1:1: low aws-ecr-lifecycle-policy"; }

# --- files that are not text ------------------------------------------------
d=$(case_dir invalid-utf8)
printf 'resource "aws_s3_bucket" "b" {\n  bucket = "caf\xe9"\n}\n' >"$d/main.tf"
run invalid-utf8 2
expect invalid-utf8 "invalid-utf8/main.tf: error: not UTF-8 (invalid byte at line 2, column 16)"
expect_ok_finding invalid-utf8

d=$(case_dir nul-bytes)
printf 'locals {\n  a = "x\0y"\n}\n' >"$d/main.tf"
run nul-bytes 2
expect nul-bytes "nul-bytes/main.tf: error: binary file (NUL byte at line 2, column 9)"
expect_ok_finding nul-bytes

d=$(case_dir binary)
# A fixed "binary": an ELF header and bytes of every value.
{ printf '\x7fELF\x02\x01\x01\0'; for i in $(seq 0 255); do printf "\\$(printf %03o "$i")"; done; } >"$d/main.tf"
run binary 2
expect binary "binary/main.tf: error: binary file (NUL byte at line 1, column 8)"
expect_ok_finding binary

# --- things that are not regular files ----------------------------------------
d=$(case_dir directory-named-tf)
mkdir -p "$d/main.tf"
printf 'resource "aws_ecr_repository" "inner" {\n  name = "inner"\n}\n' >"$d/main.tf/inner.tf"
run directory-named-tf 1
expect directory-named-tf "directory-named-tf/main.tf/inner.tf:1:1: high aws-ecr-scan-on-push"
expect_ok_finding directory-named-tf

d=$(case_dir fifo)
mkfifo "$d/main.tf"
run fifo 2
expect fifo "fifo/main.tf: error: not a regular file"
expect_ok_finding fifo

d=$(case_dir dangling-symlink)
ln -s missing.tf "$d/main.tf"
run dangling-symlink 2
expect dangling-symlink "dangling-symlink/main.tf: error: no such file"
expect_ok_finding dangling-symlink

if [ "$(id -u)" != 0 ]; then
  d=$(case_dir unreadable)
  printf 'locals {}\n' >"$d/main.tf"
  chmod 000 "$d/main.tf"
  run unreadable 2
  expect unreadable "unreadable/main.tf: error: cannot read"
  expect_ok_finding unreadable
else
  echo "note: running as root: the unreadable-file case cannot be made (root reads anything)"
fi

# --- size and depth -------------------------------------------------------------
d=$(case_dir big-file)
python3 - "$d/main.tf" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    block = 'resource "aws_ecr_repository" "r%d" {\n  name = "r%d"\n}\n'
    i = 0
    while f.tell() < 50 * 1024 * 1024:
        f.write(block % (i, i))
        i += 1
EOF
size=$(stat -c %s "$d/main.tf")
run big-file 2
expect big-file "big-file/main.tf: error: skipped: $size bytes is over the limit of 8388608 bytes (--max-file-size)"
expect_ok_finding big-file
rm -f "$d/main.tf"

deep() { python3 -c "import sys; n=100000; sys.stdout.write($1)"; }
d=$(case_dir deep-hcl)
deep "'locals {\n  a = ' + '[' * n + ']' * n + '\n}\n'" >"$d/main.tf"
run deep-hcl 2
expect deep-hcl "deep-hcl/main.tf:2:261: error: nesting deeper than 256 levels"
expect_ok_finding deep-hcl

d=$(case_dir deep-hcl-unclosed)
deep "'locals {\n  a = ' + '{a = ' * n + '\n'" >"$d/main.tf"
run deep-hcl-unclosed 2
expect deep-hcl-unclosed "deep-hcl-unclosed/main.tf:"
expect deep-hcl-unclosed ": error: "
expect_ok_finding deep-hcl-unclosed

d=$(case_dir deep-json)
deep "'{\"family\": \"x\", \"containerDefinitions\": ' + '[' * n + ']' * n + '}'" >"$d/task-def.json"
run deep-json 2
expect deep-json "deep-json/task-def.json:1:297: error: nesting deeper than 256 levels"
expect_ok_finding deep-json

d=$(case_dir deep-sst)
deep "'export default \$config({\n  app() {\n    return ' + '(' * n + '\n'" >"$d/sst.config.ts"
run deep-sst 2
expect deep-sst "deep-sst/sst.config.ts:3:1009: error: brackets nested deeper than 1000 levels"
expect_ok_finding deep-sst

# 20 bytes whose error recovery runs as long as it may: 8.6 seconds under the
# old budget, about a tenth of a second now (found by fuzzing).
d=$(case_dir recovery-budget-sst)
printf '%s' '{[{'"''"'(W:[""/}}}}}}`s' >"$d/sst.config.ts"
run recovery-budget-sst 2
expect recovery-budget-sst "recovery-budget-sst/sst.config.ts:1:1: error: could not parse TypeScript: the parser gave up"
expect_ok_finding recovery-budget-sst

# --- team policies ---------------------------------------------------------------
# A ',' outside any flow collection sent yaml-cpp's LoadAll into an endless
# loop that allocated until memory ran out (found by fuzzing). A policy error
# stops the run before the scan, as every policy error does.
d=$(case_dir stray-comma-policy)
printf -- '- id: team-x\n  title: X\n, severity: high\n  kinds: [aws_s3_bucket]\n' >"$d/team.yaml"
run stray-comma-policy 2 --policy stray-comma-policy/team.yaml
expect stray-comma-policy "stray-comma-policy/team.yaml:3:1: error: YAML syntax: unexpected ','"

# --- evaluation -------------------------------------------------------------------
d=$(case_dir self-variable)
printf 'variable "v" {\n  default = var.v\n}\nresource "aws_db_instance" "d" {\n  multi_az = var.v\n}\n' >"$d/main.tf"
run self-variable 1
expect self-variable "self-variable/main.tf:2:13: error: var.v cannot be used in a variable's default"
expect_ok_finding self-variable

# A broken default is reported even where nothing uses the variable and no
# rule reads its object (the scan builds none for it).
d=$(case_dir unused-variable)
printf 'variable "w" {\n  default = var.v\n}\nresource "aws_db_instance" "d" {\n  multi_az = true\n}\n' >"$d/main.tf"
run unused-variable 1
expect unused-variable "unused-variable/main.tf:2:13: error: var.v cannot be used in a variable's default"

d=$(case_dir local-cycle)
printf 'locals {\n  a = local.b\n  b = local.c\n  c = local.a\n}\nresource "aws_db_instance" "d" {\n  publicly_accessible = local.a\n}\n' >"$d/main.tf"
run local-cycle 1
expect local-cycle "local-cycle/main.tf:"
expect local-cycle "depends on itself"
expect_ok_finding local-cycle

d=$(case_dir huge-count)
printf 'resource "aws_s3_bucket" "b" {\n  count  = 1e12\n  bucket = "b-${count.index}"\n}\n' >"$d/main.tf"
run huge-count 1
expect huge-count "huge-count/main.tf:2:12: error: count = 1000000000000 exceeds the limit of 10000 instances; the resource is checked as one instance"
expect_ok_finding huge-count

d=$(case_dir huge-for-each)
printf 'resource "aws_s3_bucket" "b" {\n  for_each = toset([for i in range(1024) : "b${i}"])\n  bucket   = each.key\n}\n' >"$d/main.tf"
run huge-for-each 1
expect_ok_finding huge-for-each

d=$(case_dir self-module)
printf 'module "again" {\n  source = "./"\n}\n' >"$d/main.tf"
run self-module 1
expect self-module "self-module/main.tf:1:1: error: module \"again\" calls itself (directly or through other modules)"
expect_ok_finding self-module

d=$(case_dir module-cycle)
mkdir -p "$d/a" "$d/b"
printf 'module "a" {\n  source = "./a"\n}\n' >"$d/main.tf"
printf 'module "b" {\n  source = "../b"\n}\n' >"$d/a/main.tf"
printf 'module "a" {\n  source = "../a"\n}\n' >"$d/b/main.tf"
run module-cycle 1
expect module-cycle "calls itself (directly or through other modules)"
expect_ok_finding module-cycle

d=$(case_dir value-bomb)
{
  printf 'locals {\n  a0 = ["x", "x"]\n'
  for i in $(seq 1 64); do printf '  a%d = [local.a%d, local.a%d]\n' "$i" $((i - 1)) $((i - 1)); done
  printf '}\nresource "aws_s3_bucket" "b" {\n  bucket = jsonencode(local.a64)\n}\n'
} >"$d/main.tf"
run value-bomb 1
expect value-bomb "value-bomb/main.tf:"
expect value-bomb "error: value is too large to check"
expect_ok_finding value-bomb

# --- containment --------------------------------------------------------------------
mkdir -p "$tmp/cases/outside"
printf 'resource "aws_db_instance" "x" {\n  publicly_accessible = true\n}\n' >"$tmp/cases/outside/main.tf"
printf 'secret\n' >"$tmp/cases/outside/secret.txt"

d=$(case_dir escape-module)
printf 'module "m" {\n  source = "../outside"\n}\n' >"$d/main.tf"
run escape-module 1
expect escape-module "escape-module/main.tf:2:12: error: module source \"../outside\" is outside the project root; not followed"
expect_ok_finding escape-module
if grep -q "aws-rds-no-public-access" "$tmp/cases/escape-module.out"; then
  fail "escape-module: the module outside the root was read"
fi

d=$(case_dir escape-file)
printf 'locals {\n  a = file("../outside/secret.txt")\n  b = templatefile("/etc/hostname", {})\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "${local.a}${local.b}"\n}\n' >"$d/main.tf"
run escape-file 1
expect escape-file "escape-file/main.tf:2:7: error: file(\"../outside/secret.txt\"): outside the project root"
expect escape-file "escape-file/main.tf:3:7: error: templatefile(\"/etc/hostname\"): outside the project root"
expect_ok_finding escape-file

d=$(case_dir escape-symlink)
ln -s ../outside "$d/linked"
ln -s ../outside/main.tf "$d/linked.tf"
run escape-symlink 2
expect escape-symlink "escape-symlink/linked: error: symlink leads outside the project root; not followed"
expect escape-symlink "escape-symlink/linked.tf: error: outside the project root"
expect_ok_finding escape-symlink

d=$(case_dir symlink-loop)
mkdir -p "$d/a"
ln -s .. "$d/a/up"
run symlink-loop 1
expect symlink-loop "symlink-loop/a/up: error: directory already visited (symlink loop?); not scanned again"
expect_ok_finding symlink-loop

# --- nothing written into the scanned tree --------------------------------------
tree=$tmp/tree
cp -r "$src/fixtures/examples" "$tree"
chmod -R a-w "$tree"
before=$(cd "$tree" && find . -printf '%p %s %T@ %m\n' | sort | sha256sum)
for fmt in text json sarif junit github; do
  (cd "$tree" && "$bin" --format "$fmt" . >/dev/null 2>&1) || true
done
(cd "$tree" && "$bin" inspect . >/dev/null 2>&1) || true
after=$(cd "$tree" && find . -printf '%p %s %T@ %m\n' | sort | sha256sum)
chmod -R u+w "$tree"
if [ "$before" = "$after" ]; then pass "the scanned tree is unchanged"; else fail "the scan wrote into the scanned tree"; fi

# --- determinism --------------------------------------------------------------------
# The same input through 1 and 4 threads, twice: byte-identical JSON and SARIF.
# Then a copy, and at the same path (SARIF names the project root) a copy whose
# directories and files were created in reverse order, so the file system
# lists them differently: identical again.
report() { (cd "$1" && "$bin" -j "$2" --format "$3" . 2>/dev/null || true); }
same() {
  if [ -z "$2" ]; then
    fail "determinism: no $4 report at all"
  elif [ "$2" != "$3" ]; then
    fail "determinism: $4 report differs: $1"
  else
    pass "determinism: $4 report identical: $1"
  fi
}
examples=$src/fixtures/examples
copy=$tmp/copy
copy_examples() {  # copy_examples sort-order
  rm -rf "$copy"
  mkdir -p "$copy"
  (cd "$examples" && find . -type d | sort "$1") | while read -r dir; do mkdir -p "$copy/$dir"; done
  (cd "$examples" && find . -type f | sort "$1") | while read -r f; do cp "$examples/$f" "$copy/$f"; done
}
for fmt in json sarif; do
  one=$(report "$examples" 1 "$fmt")
  same "-j 1 and -j 4" "$one" "$(report "$examples" 4 "$fmt")" "$fmt"
  same "-j 4, run again" "$one" "$(report "$examples" 4 "$fmt")" "$fmt"
  copy_examples -d
  forward=$(report "$copy" 1 "$fmt")
  copy_examples -r
  same "directories created in reverse order" "$forward" "$(report "$copy" 2 "$fmt")" "$fmt"
done

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all hostile-input cases passed"
