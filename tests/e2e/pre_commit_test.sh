#!/usr/bin/env bash
# pre_commit_test.sh - end to end: Debian's pre-commit runs our hook
# (.pre-commit-hooks.yaml, tools/pre-commit-hook) in a temporary repository;
# then tools/install-hook's plain git hook does the same without the framework.
#
# usage: tests/e2e/pre_commit_test.sh INFRACHECK_BINARY SOURCE_DIR
# Hermetic: HOME, PRE_COMMIT_HOME and the git configuration live in a temporary
# directory; pre-commit clones the hook repository from a local path (made
# from this source tree's hook files), so nothing reaches the network. The
# hook runs the binary under test through $INFRACHECK_BIN (no rebuild).
# Exits 77 (skip) when pre-commit is not installed (tools/bootstrap --test).
set -euo pipefail

bin=$1
src=$2
if ! command -v pre-commit >/dev/null 2>&1; then
  echo "SKIP: pre-commit not installed (tools/bootstrap --test installs Debian's pre-commit)"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home PRE_COMMIT_HOME=$tmp/pre-commit XDG_CACHE_HOME=$tmp/cache
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$tmp/home/.gitconfig
export INFRACHECK_BIN=$bin NO_COLOR=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
mkdir -p "$HOME"
git config --global user.name "infracheck test"
git config --global user.email "test@example.invalid"
git config --global init.defaultBranch main
git config --global commit.gpgsign false

failures=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# --- the hook repository: this tree's hook files, committed ------------------
hooks=$tmp/hook-repo
mkdir -p "$hooks/tools"
cp "$src/.pre-commit-hooks.yaml" "$hooks/"
cp "$src/tools/pre-commit-hook" "$hooks/tools/"
git -C "$hooks" init -q
git -C "$hooks" add -A
git -C "$hooks" commit -qm "hook"
rev=$(git -C "$hooks" rev-parse HEAD)

db() {  # db NAME PUBLIC [COMMENT]
  cat <<TF
${3:-}
resource "aws_db_instance" "$1" {
  identifier                  = "$1"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  publicly_accessible         = $2
}
TF
}

# --- pre-commit framework ------------------------------------------------------
proj=$tmp/project
mkdir -p "$proj/infra"
cd "$proj"
git init -q
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: infracheck
        args: [--rule, aws-rds-no-public-access]
YAML
printf 'provider "aws" {\n  region = "ap-northeast-2"\n}\n\nvariable "public" {\n  type = bool\n}\n' > infra/providers.tf
echo 'public = true' > infra/terraform.tfvars
git add -A
git commit -qm "scaffolding" --no-verify
pre-commit install >/dev/null

# 1. A violation is refused, with the finding printed.
db app true > infra/main.tf
git add infra/main.tf
if git commit -m "public database" > out.txt 2>&1; then
  fail "pre-commit: a commit with a public database was accepted"
elif grep -q "infra/main.tf:[0-9]*:3: critical aws-rds-no-public-access" out.txt; then
  pass "pre-commit: violation refused with the finding printed"
else
  fail "pre-commit: refused, but the finding is not in the output"; cat out.txt >&2
fi

# 2. A compliant change passes.
db app false > infra/main.tf
git add infra/main.tf
if git commit -qm "private database" > out.txt 2>&1; then
  pass "pre-commit: compliant commit accepted"
else
  fail "pre-commit: compliant commit refused"; cat out.txt >&2
fi

# 3. A suppressed violation passes.
db reporting true "# infracheck:ignore aws-rds-no-public-access -- the BI vendor connects over the internet" > infra/reporting.tf
git add infra/reporting.tf
if git commit -qm "suppressed" > out.txt 2>&1; then
  pass "pre-commit: suppressed violation accepted"
else
  fail "pre-commit: suppressed violation refused"; cat out.txt >&2
fi

# 4. Only the staged file is passed, and its module is loaded for context:
# the value comes from terraform.tfvars, committed long ago.
db analytics var.public > infra/analytics.tf
git add infra/analytics.tf
if git commit -m "public through a variable" > out.txt 2>&1; then
  fail "pre-commit: a value from the module's tfvars was not followed"
elif grep -q "infra/terraform.tfvars:1:10: value set here" out.txt &&
     ! grep -q "reporting.tf" out.txt; then
  pass "pre-commit: the staged file is checked with its module as context"
else
  fail "pre-commit: unexpected output for a staged file"; cat out.txt >&2
fi
git reset -q HEAD infra/analytics.tf
rm infra/analytics.tf

# --- tools/install-hook (no framework) -------------------------------------------
plain=$tmp/plain
mkdir -p "$plain/infra"
cd "$plain"
git init -q
printf 'provider "aws" {\n  region = "ap-northeast-2"\n}\n' > infra/providers.tf
git add -A
git commit -qm "scaffolding"
printf '#!/bin/sh\necho a hook of our own\n' > .git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
if "$src/tools/install-hook" > out.txt 2>&1; then
  fail "install-hook: overwrote a foreign hook without --force"
elif grep -q "was not installed by infracheck" out.txt && grep -q "of our own" .git/hooks/pre-commit; then
  pass "install-hook: refuses to overwrite a foreign hook"
else
  fail "install-hook: unexpected refusal"; cat out.txt >&2
fi
"$src/tools/install-hook" --force > /dev/null 2>&1 || fail "install-hook --force failed"
"$src/tools/install-hook" > /dev/null 2>&1 || fail "install-hook cannot update its own hook"

db "app" true > "infra/main file.tf"
echo '{"not": "infrastructure"}' > package.json
git add -A
if git commit -m "public database" > out.txt 2>&1; then
  fail "install-hook: a commit with a public database was accepted"
elif grep -q "critical aws-rds-no-public-access" out.txt; then
  pass "install-hook: violation refused with the finding printed"
else
  fail "install-hook: refused, but the finding is not in the output"; cat out.txt >&2
fi
db "app" false > "infra/main file.tf"
git add -A
if git commit -qm "private database" > out.txt 2>&1; then
  pass "install-hook: compliant commit accepted"
else
  fail "install-hook: compliant commit refused"; cat out.txt >&2
fi
echo "# docs" > README.md
git add README.md
git commit -qm "no infrastructure staged" > out.txt 2>&1 || fail "install-hook: a commit without infrastructure files was refused"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all pre-commit checks passed"
