// .infracheck.yml: every mistake is an error with its position (exit 2), and
// every key does what docs/configuration.md says.
#include "checker/config.h"

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>

#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

using nlohmann::json;

Diagnostic ErrorOf(const std::string& yaml) {
  Config c;
  Diagnostic d;
  EXPECT_FALSE(ParseConfig(yaml, ".infracheck.yml", "/nonexistent", BuiltinRules(), &c, &d))
      << yaml;
  return d;
}

std::string Where(const Diagnostic& d) {
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
}

TEST(ConfigParse, ErrorsHavePositions) {
  Diagnostic d = ErrorOf("disable: [aws-rds-multi-az\n");
  EXPECT_EQ(d.file, ".infracheck.yml");
  EXPECT_GE(d.line, 1u);
  EXPECT_NE(d.message.find("YAML syntax"), std::string::npos) << d.message;

  d = ErrorOf("min_severity: high\ndisabel:\n  - aws-rds-multi-az\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:2:1");
  EXPECT_NE(d.message.find("unknown key 'disabel'"), std::string::npos) << d.message;

  d = ErrorOf("min_severity: [high]\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:1:15");
  EXPECT_NE(d.message.find("must be a string"), std::string::npos) << d.message;

  d = ErrorOf("min_severity: urgent\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:1:15");

  d = ErrorOf("disable:\n  - aws-rds-multi-az\n  - aws-rds-mutli-az\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:3:5");
  EXPECT_NE(d.message.find("unknown rule 'aws-rds-mutli-az'"), std::string::npos) << d.message;

  d = ErrorOf("severity:\n  aws-rds-multi-az: severe\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:2:21");

  d = ErrorOf("severity:\n  aws-nope: high\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:2:3");

  d = ErrorOf("ignore:\n  - rule: aws-rds-multi-az\n    path: modules/**\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:2:5");
  EXPECT_NE(d.message.find("reason"), std::string::npos) << d.message;

  d = ErrorOf("ignore:\n  - rule: aws-rds-multi-az\n    reason: x\n    until: soon\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:4:12");

  d = ErrorOf("ignore:\n  - rules: [aws-rds-multi-az]\n    reason: x\n    paths: {a: b}\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:4:12");

  d = ErrorOf("ignore: aws-rds-multi-az\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:1:9");

  d = ErrorOf("environments:\n  - name: prod\n    root: nowhere\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:3:11");
  EXPECT_NE(d.message.find("not a directory"), std::string::npos) << d.message;

  d = ErrorOf("environments:\n  - name: prod\n    production: maybe\n");
  EXPECT_EQ(d.line, 2u);  // the missing root is found first

  d = ErrorOf("environments:\n  - name: prod\n    root: /\n    workspace: \"\"\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:4:16");
  EXPECT_NE(d.message.find("must not be empty"), std::string::npos) << d.message;

  d = ErrorOf("environments:\n  - name: prod\n    root: /\n    workspace: [prod]\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:4:16");
  EXPECT_NE(d.message.find("must be a string"), std::string::npos) << d.message;

  d = ErrorOf("policies: 3\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:1:11");
}

// A stray ',' read as an empty configuration (yaml-cpp's first document is
// null there, and LoadAll loops for ever on it); a second document's settings
// were ignored. Both are errors; a trailing '---' is not.
TEST(ConfigParse, OneDocumentAndNoStrayComma) {
  Diagnostic d = ErrorOf(", min_severity: high\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:1:1");
  EXPECT_EQ(d.message, "YAML syntax: unexpected ','");

  d = ErrorOf("version: 1\n---\nmin_severity: high\n");
  EXPECT_EQ(Where(d), ".infracheck.yml:3:1");
  EXPECT_NE(d.message.find("one YAML document"), std::string::npos) << d.message;

  d = ErrorOf("disable: " + std::string(3000, '[') + "\n");
  EXPECT_EQ(d.message, "YAML syntax: nested too deeply");

  Config c;
  EXPECT_TRUE(ParseConfig("min_severity: high\n---\n", ".infracheck.yml", "/nonexistent",
                          BuiltinRules(), &c, &d))
      << d.message;
  EXPECT_EQ(c.min_severity, Severity::kHigh);
}

TEST(ConfigParse, ValidConfig) {
  Config c;
  Diagnostic d;
  ASSERT_TRUE(ParseConfig(R"(
version: 1
min_severity: medium
disable: [aws-vpc-flow-logs, team-log-retention]  # a team rule, defined below
severity:
  aws-rds-backup-retention: critical
ignore:
  - rule: "*"
    path: [modules/legacy/**, "*.tfvars"]
    resource: module.legacy.*
    environment: dev
    reason: being replaced
    until: 2999-12-31
policies:
  - id: team-log-retention
    title: Log groups keep logs for 30 days
    severity: low
    kinds: aws_cloudwatch_log_group
    require: {attribute: retention_in_days, ge: 30}
)",
                          ".infracheck.yml", "/nonexistent", BuiltinRules(), &c, &d))
      << d.message;
  ASSERT_EQ(c.policies->rules.size(), 1u);
  EXPECT_EQ(c.policies->rules[0]->id, "team-log-retention");
  EXPECT_EQ(c.policies->rules[0]->source, ".infracheck.yml:15");
  EXPECT_EQ(c.min_severity, Severity::kMedium);
  EXPECT_EQ(c.disabled, (std::set<std::string>{"aws-vpc-flow-logs", "team-log-retention"}));
  EXPECT_EQ(c.severity.at("aws-rds-backup-retention"), Severity::kCritical);
  ASSERT_EQ(c.ignores.size(), 1u);
  EXPECT_EQ(c.ignores[0].rules, std::vector<std::string>{"*"});
  EXPECT_EQ(c.ignores[0].paths.size(), 2u);
  EXPECT_EQ(c.ignores[0].environment, "dev");
  EXPECT_EQ(c.ignores[0].line, 8u);
  // An empty file is an empty configuration.
  EXPECT_TRUE(ParseConfig("", ".infracheck.yml", "/x", BuiltinRules(), &c, &d));
  EXPECT_TRUE(ParseConfig("# nothing yet\n", ".infracheck.yml", "/x", BuiltinRules(), &c, &d));
}

TEST(ConfigGlob, PathsAndAddresses) {
  EXPECT_TRUE(GlobMatch("modules/*/main.tf", "modules/rds/main.tf", true));
  EXPECT_FALSE(GlobMatch("modules/*", "modules/rds/main.tf", true));
  EXPECT_TRUE(GlobMatch("modules/**", "modules/rds/main.tf", true));
  EXPECT_TRUE(GlobMatch("**/main.tf", "main.tf", true));
  EXPECT_TRUE(GlobMatch("**/main.tf", "a/b/main.tf", true));
  EXPECT_TRUE(GlobMatch("env?/[dp]*.tfvars", "env1/prod.tfvars", true));
  EXPECT_FALSE(GlobMatch("env?/[!dp]*.tfvars", "env1/prod.tfvars", true));
  EXPECT_TRUE(GlobMatch("module.rds.*", "module.rds.aws_db_instance.main[\"a\"]", false));
  EXPECT_TRUE(GlobMatch("*.main[\"a\"]", "module.rds.aws_db_instance.main[\"a\"]", false));
  EXPECT_FALSE(GlobMatch("aws_db_instance.*", "module.rds.aws_db_instance.main", false));
}

// The matcher before it became a table: backtracking, exponential in the
// number of stars, kept as the reference for what a glob means.
bool ReferenceClass(std::string_view pat, size_t& i, char c) {
  size_t j = i + 1;
  bool negate = j < pat.size() && (pat[j] == '!' || pat[j] == '^');
  if (negate) ++j;
  bool match = false;
  size_t start = j;
  for (; j < pat.size() && (pat[j] != ']' || j == start); ++j) {
    if (j + 2 < pat.size() && pat[j + 1] == '-' && pat[j + 2] != ']') {
      match = match || (c >= pat[j] && c <= pat[j + 2]);
      j += 2;
    } else {
      match = match || c == pat[j];
    }
  }
  i = j + 1;
  return match != negate;
}

bool ReferenceMatch(std::string_view pat, std::string_view text, bool path) {
  size_t p = 0, t = 0;
  while (p < pat.size()) {
    char c = pat[p];
    if (c == '*') {
      bool dstar = path && p + 1 < pat.size() && pat[p + 1] == '*';
      size_t rest = p + (dstar ? 2 : 1);
      if (dstar && rest < pat.size() && pat[rest] == '/' &&
          ReferenceMatch(pat.substr(rest + 1), text.substr(t), path))
        return true;
      for (size_t k = t;; ++k) {
        if (ReferenceMatch(pat.substr(rest), text.substr(k), path)) return true;
        if (k >= text.size() || (!dstar && path && text[k] == '/')) return false;
      }
    }
    if (t >= text.size()) return false;
    if (c == '?') {
      if (path && text[t] == '/') return false;
      ++p;
    } else if (c == '[' && path && pat.find(']', p + 2) != std::string_view::npos) {
      if (!ReferenceClass(pat, p, text[t])) return false;
    } else {
      if (c != text[t]) return false;
      ++p;
    }
    ++t;
  }
  return t == text.size();
}

TEST(ConfigGlob, AgreesWithBacktrackingOnRandomGlobs) {
  std::mt19937 rng(7);
  const std::string pattern_chars = "ab/*?[]!-";
  const std::string text_chars = "ab/";
  for (int i = 0; i < 200000; ++i) {
    std::string pat, text;
    for (size_t k = rng() % 8; k > 0; --k) pat += pattern_chars[rng() % pattern_chars.size()];
    for (size_t k = rng() % 7; k > 0; --k) text += text_chars[rng() % text_chars.size()];
    for (bool path : {true, false}) {
      ASSERT_EQ(GlobMatch(pat, text, path), ReferenceMatch(pat, text, path))
          << "pattern '" << pat << "' text '" << text << "' path " << path;
    }
  }
}

// Stars used to backtrack: this took longer than any CI run waits.
TEST(ConfigGlob, ManyStarsAreLinear) {
  std::string pat;
  for (int i = 0; i < 40; ++i) pat += "*a";
  pat += "*b";
  std::string text(5000, 'a');
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(GlobMatch(pat, text, true));
  EXPECT_FALSE(GlobMatch(pat, text, false));
  EXPECT_TRUE(GlobMatch(pat.substr(0, pat.size() - 2), text, false));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.0);
}

// --- end to end ---------------------------------------------------------

constexpr char kDb[] = R"(provider "aws" {
  region = "ap-northeast-2"
}
resource "aws_db_instance" "db" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
  storage_encrypted   = false
}
)";

TEST(Config, BrokenConfigIsExitTwoWithPosition) {
  struct Case {
    const char* yaml;
    const char* where;
  } cases[] = {
      {"disable: [aws-rds-multi-az\n", ".infracheck.yml:2:1"},
      {"ignroe: []\n", ".infracheck.yml:1:1"},
      {"min_severity:\n  level: high\n", ".infracheck.yml:2:3"},
      {"disable:\n  - aws-no-such-rule\n", ".infracheck.yml:2:5"},
  };
  for (const Case& c : cases) {
    TempTree t;
    t.Write("infra/main.tf", kDb);
    t.Write(".infracheck.yml", c.yaml);
    RunResult r = RunInfracheck({"infra"}, t.path());
    EXPECT_EQ(r.exit_code, 2) << c.yaml;
    EXPECT_NE(r.err.find(std::string(c.where) + ": error: "), std::string::npos) << c.yaml << "\n"
                                                                                 << r.err;
    EXPECT_EQ(r.out, "") << c.yaml;
  }
  TempTree t;
  t.Write("main.tf", kDb);
  RunResult r = RunInfracheck({"--config", "missing.yml", "."}, t.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.yml"), std::string::npos) << r.err;
}

json Report(const TempTree& t, std::vector<std::string> args, int* code = nullptr) {
  args.insert(args.begin(), {"--format", "json"});
  RunResult r = RunInfracheck(args, t.path());
  if (code) *code = r.exit_code;
  return json::parse(r.out);
}

std::set<std::string> Rules(const json& report, bool suppressed) {
  std::set<std::string> out;
  for (const json& f : report["findings"]) {
    if (f["suppressed"] == suppressed) out.insert(f["rule"].get<std::string>());
  }
  return out;
}

TEST(Config, DisableSeverityAndThreshold) {
  TempTree t;
  t.Write("main.tf", kDb);
  json r = Report(t, {"."});
  EXPECT_TRUE(Rules(r, false).count("aws-rds-storage-encrypted"));
  EXPECT_TRUE(Rules(r, false).count("aws-rds-no-public-access"));
  t.Write(".infracheck.yml", R"(
disable: [aws-rds-no-public-access]
severity:
  aws-rds-storage-encrypted: critical
min_severity: critical
)");
  int code = 0;
  r = Report(t, {"."}, &code);
  EXPECT_EQ(Rules(r, false), std::set<std::string>{"aws-rds-storage-encrypted"});
  EXPECT_EQ(r["findings"][0]["severity"], "critical");
  EXPECT_EQ(code, 1);
  // The command line wins over the file; --rule runs a disabled rule.
  r = Report(t, {"--min-severity", "low", "--rule", "aws-rds-no-public-access", "."});
  EXPECT_EQ(Rules(r, false), std::set<std::string>{"aws-rds-no-public-access"});
  // SARIF descriptors carry the configured severity.
  RunResult s = RunInfracheck({"--format", "sarif", "."}, t.path());
  const json sarif = json::parse(s.out);
  for (const json& rule : sarif["runs"][0]["tool"]["driver"]["rules"]) {
    if (rule["id"] == "aws-rds-storage-encrypted") {
      EXPECT_EQ(rule["properties"]["security-severity"], "9.5");
    }
    EXPECT_NE(rule["id"], "aws-rds-no-public-access");
  }
}

TEST(Config, IgnoresByRulePathResourceAndEnvironment) {
  TempTree t;
  t.Write("modules/db/main.tf", R"(
variable "public" {}
resource "aws_db_instance" "db" {
  instance_class          = "db.t4g.micro"
  publicly_accessible     = var.public
  storage_encrypted       = false
  backup_retention_period = 7
  deletion_protection     = true
}
)");
  t.Write("envs/main.tf", R"(provider "aws" {
  region = "ap-northeast-2"
}
variable "public" {}
module "legacy" {
  source = "../modules/db"
  public = var.public
}
module "shop" {
  source = "../modules/db"
  public = var.public
}
)");
  t.Write("envs/dev.tfvars", "public = true\n");
  t.Write("envs/prod.tfvars", "public = true\n");
  t.Write(".infracheck.yml", R"(
ignore:
  - rule: aws-rds-storage-encrypted
    path: modules/db
    resource: module.legacy.*
    reason: the legacy database is being replaced
  - rule: aws-rds-no-public-access
    environment: dev
    reason: dev databases are reachable from the office
  - rule: "*"
    path: "*.tf"
    resource: module.shop.*
    reason: expired ignores do not apply
    until: 2001-01-01
)");
  json r = Report(
      t, {"--rule", "aws-rds-storage-encrypted", "--rule", "aws-rds-no-public-access", "envs"});
  int seen = 0;
  for (const json& f : r["findings"]) {
    bool legacy = f["resource"].get<std::string>().starts_with("module.legacy.");
    bool expect = f["rule"] == "aws-rds-storage-encrypted" ? legacy : f["environment"] == "dev";
    EXPECT_EQ(f["suppressed"], expect) << f;
    if (f["suppressed"]) {
      EXPECT_EQ(f["suppression"]["kind"], "config");
      ++seen;
    }
  }
  EXPECT_EQ(seen, 3);
  ASSERT_EQ(r["errors"].size(), 1u);
  EXPECT_EQ(r["errors"][0]["file"], ".infracheck.yml");
  EXPECT_EQ(r["errors"][0]["line"], 10);
  EXPECT_EQ(r["errors"][0]["level"], "warning");
}

TEST(Config, DeclaredEnvironmentsReplaceDiscovery) {
  TempTree t;
  t.Write("infra/main.tf", R"(provider "aws" {
  region = "ap-northeast-2"
}
variable "multi_az" {}
resource "aws_db_instance" "db" {
  instance_class          = "db.t4g.micro"
  multi_az                = var.multi_az
  storage_encrypted       = true
  deletion_protection     = true
  backup_retention_period = 7
}
)");
  // Discovered: one environment per tfvars; "blue" is not production.
  t.Write("infra/blue.tfvars", "multi_az = false\n");
  t.Write("vars/customer-a.tfvars", "multi_az = false\n");
  t.Write("vars/customer-b.tfvars", "multi_az = true\n");
  json r = Report(t, {"--rule", "aws-rds-multi-az", "infra"});
  EXPECT_EQ(r["summary"]["environments"], 1);
  EXPECT_TRUE(r["findings"].empty());
  t.Write(".infracheck.yml", R"(
environments:
  - name: customer-a
    root: infra
    var_files: [vars/customer-a.tfvars]
    production: true
  - name: customer-b
    root: infra
    var_files: [vars/customer-b.tfvars]
    production: true
)");
  int code = 0;
  r = Report(t, {"--rule", "aws-rds-multi-az", "infra"}, &code);
  EXPECT_EQ(r["summary"]["environments"], 2);
  ASSERT_EQ(r["findings"].size(), 1u) << r;
  EXPECT_EQ(r["findings"][0]["environment"], "customer-a");
  EXPECT_EQ(r["findings"][0]["related"][0]["file"], "vars/customer-a.tfvars");
  EXPECT_EQ(code, 1);
  // Found upward from the scanned path, and given explicitly.
  RunResult sub =
      RunInfracheck({"--format", "json", "--rule", "aws-rds-multi-az", "."}, t.path() / "infra");
  EXPECT_EQ(json::parse(sub.out)["summary"]["environments"], 2);
  std::filesystem::rename(t.path() / ".infracheck.yml", t.path() / "ci.yml");
  r = Report(t, {"--config", "ci.yml", "--rule", "aws-rds-multi-az", "infra"});
  EXPECT_EQ(r["summary"]["environments"], 2);
  r = Report(t, {"--rule", "aws-rds-multi-az", "infra"});
  EXPECT_EQ(r["summary"]["environments"], 1);
}

TEST(Config, DeclaredRootThatIsNotARootIsReported) {
  TempTree t;
  t.Write("modules/db/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n");
  t.Write("infra/main.tf", "module \"db\" {\n  source = \"../modules/db\"\n}\n");
  t.Write(".infracheck.yml", "environments:\n  - name: prod\n    root: modules/db\n");
  json r = Report(t, {"."});
  ASSERT_EQ(r["errors"].size(), 1u) << r;
  EXPECT_EQ(r["errors"][0]["file"], "modules/db");
  EXPECT_EQ(r["errors"][0]["level"], "warning");
  EXPECT_NE(r["errors"][0]["message"].get<std::string>().find("not a root module"),
            std::string::npos);
}

}  // namespace
}  // namespace infracheck::testing
