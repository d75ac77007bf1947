// End-to-end tests of the real binary: exit codes, environments, variable
// precedence, file arguments, errors, output formats and determinism.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "infracheck/rule.h"
#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

using nlohmann::json;

constexpr char kProvider[] = "provider \"aws\" {\n  region = \"ap-northeast-2\"\n}\n";

// Public, and compliant with every other rule in every environment.
constexpr char kPublicDb[] = R"(
resource "aws_db_instance" "db" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
  storage_encrypted   = true
}
)";

json Report(const TempTree& t, std::vector<std::string> args, int* exit_code = nullptr) {
  args.insert(args.begin(), {"--format", "json"});
  RunResult r = RunInfracheck(args, t.path());
  if (exit_code) *exit_code = r.exit_code;
  return json::parse(r.out);
}

TEST(Cli, ExitCodes) {
  TempTree t;
  // A bucket that blocks public access and declares its encryption.
  t.Write("clean/main.tf", std::string(kProvider) + R"(resource "aws_s3_bucket" "b" {
  bucket = "b"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
)");
  t.Write("dirty/main.tf", std::string(kProvider) + kPublicDb);
  EXPECT_EQ(RunInfracheck({"clean"}, t.path()).exit_code, 0);
  EXPECT_EQ(RunInfracheck({"dirty"}, t.path()).exit_code, 1);
  EXPECT_EQ(RunInfracheck({"dirty", "--soft-fail"}, t.path()).exit_code, 0);
  EXPECT_EQ(RunInfracheck({"dirty", "--min-severity", "critical"}, t.path()).exit_code, 1);
  EXPECT_EQ(RunInfracheck({"--bogus"}, t.path()).exit_code, 2);
  EXPECT_EQ(RunInfracheck({"no-such-dir"}, t.path()).exit_code, 2);
  EXPECT_EQ(RunInfracheck({"--min-severity", "urgent"}, t.path()).exit_code, 2);
}

TEST(Cli, SyntaxErrorIsReportedAndTheRestIsScanned) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + kPublicDb);
  t.Write("broken.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n}\n");
  int code = 0;
  json r = Report(t, {"--rule", "aws-rds-no-public-access", "."}, &code);
  EXPECT_EQ(code, 2);
  ASSERT_EQ(r["errors"].size(), 1u);
  EXPECT_EQ(r["errors"][0]["file"], "broken.tf");
  EXPECT_EQ(r["errors"][0]["line"], 2);
  ASSERT_EQ(r["findings"].size(), 1u);
  EXPECT_EQ(r["findings"][0]["rule"], "aws-rds-no-public-access");
}

TEST(Cli, TimingsNameEveryPhaseOnStderr) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + kPublicDb);
  RunResult r = RunInfracheck({"--timings", "-j", "1", "--format", "json", "."}, t.path());
  EXPECT_EQ(r.exit_code, 1);
  // stdout is the report alone; the phases go to stderr, in order.
  json report = json::parse(r.out);
  EXPECT_EQ(report["findings"].size(), 1u);
  std::regex line(
      "timings: discover [0-9.]+ ms, read [0-9.]+ ms, parse [0-9.]+ ms, modules [0-9.]+ ms, "
      "evaluate [0-9.]+ ms, rules [0-9.]+ ms, report [0-9.]+ ms; total [0-9.]+ ms \\(files 1, "
      "environments 1, threads 1\\)\n");
  EXPECT_TRUE(std::regex_search(r.err, line)) << r.err;
}

TEST(Cli, TextReportHasCodeFrameAndNoColourWithNoColor) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + kPublicDb);
  RunResult r = RunInfracheck({"--rule", "aws-rds-no-public-access", "."}, t.path());
  EXPECT_EQ(r.out.find('\033'), std::string::npos);
  EXPECT_NE(r.out.find("main.tf:7:3: critical aws-rds-no-public-access:"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("    7 |   publicly_accessible = true\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("      |   ^^^^^^^^^^^^^^^^^^^^^^^^^^\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 finding (1 critical)"), std::string::npos) << r.out;
}

TEST(Cli, VariablePrecedence) {
  // terraform.tfvars < *.auto.tfvars (by name) < the environment file < --var-file < --var
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + R"(
variable "a" {}
variable "b" {}
variable "c" {}
variable "d" {}
variable "e" {}
resource "aws_ssm_parameter" "p" {
  name  = "/p"
  type  = "String"
  value = "${var.a}${var.b}${var.c}${var.d}${var.e}"
}
)");
  t.Write("terraform.tfvars", "a = 1\nb = 1\nc = 1\nd = 1\ne = 1\n");
  t.Write("x.auto.tfvars", "b = 2\nc = 2\nd = 2\ne = 2\n");
  t.Write("y.auto.tfvars", "c = 3\nd = 3\ne = 3\n");
  t.Write("stage.tfvars", "d = 4\ne = 4\n");
  t.Write("extra/override.tfvars", "e = 5\n");
  RunResult r = RunInfracheck(
      {"inspect", "--format", "json", "--var-file", "extra/override.tfvars", "."}, t.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json res = json::parse(r.out)["resources"];
  ASSERT_EQ(res.size(), 1u);
  EXPECT_EQ(res[0]["environment"], "stage");
  EXPECT_EQ(res[0]["attributes"]["value"], "12345");
  r = RunInfracheck({"inspect", "--format", "json", "--var", "e=9", "."}, t.path());
  EXPECT_EQ(json::parse(r.out)["resources"][0]["attributes"]["value"], "12349");
  // Terraform's spellings, with `=`: -var=NAME=VALUE and -var-file=FILE.
  r = RunInfracheck(
      {"inspect", "--format=json", "-var-file=extra/override.tfvars", "-var=d=7", "."}, t.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["resources"][0]["attributes"]["value"], "12375");
}

// A variables file named with --var-file inside the scanned tree is one
// input: its directory's load does not add it again (a second prod.tfvars
// would be a third environment).
TEST(Cli, AVarFileInTheTreeIsReadOnce) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + R"(
variable "a" {}
resource "aws_ssm_parameter" "p" {
  name  = "/p"
  type  = "String"
  value = var.a
}
)");
  t.Write("prod.tfvars", "a = \"x\"\n");
  t.Write("dev.tfvars", "a = \"y\"\n");
  RunResult r =
      RunInfracheck({"inspect", "--format", "json", "--var-file", "prod.tfvars", "."}, t.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json res = json::parse(r.out)["resources"];
  ASSERT_EQ(res.size(), 2u) << r.out;
  // --var-file applies to every environment, after its own file.
  EXPECT_EQ(res[0]["environment"], "dev");
  EXPECT_EQ(res[0]["attributes"]["value"], "x");
  EXPECT_EQ(res[1]["environment"], "prod");
  EXPECT_EQ(res[1]["attributes"]["value"], "x");
}

TEST(Cli, EnvFilterAndProductionOnly) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + R"(
variable "multi_az" {}
resource "aws_db_instance" "db" {
  instance_class          = "db.t4g.micro"
  multi_az                = var.multi_az
  storage_encrypted       = true
  deletion_protection     = true
  backup_retention_period = 7
}
)");
  t.Write("dev.tfvars", "multi_az = false\n");
  t.Write("prod.tfvars", "multi_az = false\n");
  json all = Report(t, {"--rule", "aws-rds-multi-az", "."});
  ASSERT_EQ(all["findings"].size(), 1u);
  EXPECT_EQ(all["findings"][0]["environment"], "prod");
  EXPECT_EQ(all["summary"]["environments"], 2);
  json dev = Report(t, {"--rule", "aws-rds-multi-az", "--env", "dev", "."});
  EXPECT_EQ(dev["findings"].size(), 0u);
  EXPECT_EQ(dev["summary"]["environments"], 1);
}

TEST(Cli, FileArgumentsLoadTheModuleButReportOnlyThoseFiles) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + kPublicDb);
  t.Write("other.tf", R"(
resource "aws_ecr_repository" "r" {
  name = "r"
}
)");
  json r = Report(
      t, {"--rule", "aws-ecr-scan-on-push", "--rule", "aws-rds-no-public-access", "other.tf"});
  ASSERT_EQ(r["findings"].size(), 1u);
  EXPECT_EQ(r["findings"][0]["rule"], "aws-ecr-scan-on-push");
  EXPECT_EQ(r["findings"][0]["location"]["file"], "other.tf");
}

TEST(Cli, ModuleOutsideTheRootIsNotFollowed) {
  TempTree outside;
  outside.Write("mod/main.tf", kPublicDb);
  TempTree t;
  std::string rel = "../" + outside.path().filename().string() + "/mod";
  t.Write("main.tf", std::string(kProvider) + "module \"m\" {\n  source = \"" + rel + "\"\n}\n");
  json r = Report(t, {"."});
  EXPECT_EQ(r["findings"].size(), 0u);
  ASSERT_EQ(r["errors"].size(), 1u);
  EXPECT_NE(r["errors"][0]["message"].get<std::string>().find("outside the project root"),
            std::string::npos);
}

TEST(Cli, InspectMarksUnknowns) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + R"(
variable "x" {}
resource "aws_s3_bucket" "b" {
  bucket = var.x
  tags = {
    Known = "yes"
  }
}
)");
  RunResult r = RunInfracheck({"inspect", "--format", "json", "."}, t.path());
  ASSERT_EQ(r.exit_code, 0);
  json res = json::parse(r.out)["resources"][0];
  EXPECT_EQ(res["address"], "aws_s3_bucket.b");
  EXPECT_EQ(res["kind"], "aws_s3_bucket");
  EXPECT_EQ(res["file"], "main.tf");
  EXPECT_EQ(res["line"], 6);
  EXPECT_EQ(res["attributes"]["bucket"], json({{"__unknown__", true}}));
  EXPECT_EQ(res["attributes"]["tags"]["Known"], "yes");
}

// The workspace each environment is evaluated in (fixtures/environments/
// workspaces: its README says why each is what it is), in JSON and in the
// text header; none for a module nothing calls.
TEST(Cli, InspectShowsEachEnvironmentsWorkspace) {
  std::filesystem::path dir =
      std::filesystem::path(INFRACHECK_SOURCE_DIR) / "fixtures" / "environments" / "workspaces";
  RunResult r = RunInfracheck({"inspect", "--format", "json", "."}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, json> by_env;
  json report = json::parse(r.out);
  for (const json& res : report["resources"]) {
    by_env[res["root"].get<std::string>() + "/" + res["environment"].dump()] = res["workspace"];
  }
  EXPECT_EQ(by_env, (std::map<std::string, json>{{"app/\"dev\"", "dev"},
                                                 {"app/\"prod\"", "prod"},
                                                 {"declared/\"eu\"", "prod"},
                                                 {"library/null", nullptr},
                                                 {"single/\"single\"", "default"}}));
  r = RunInfracheck({"inspect", "."}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("# environment dev (app, workspace dev)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# unknown environment (library)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# environment single (single)\n"), std::string::npos) << r.out;
}

TEST(Cli, OutputIsDeterministicAcrossThreadCounts) {
  TempTree t;
  for (int i = 0; i < 12; ++i) {
    std::string n = std::to_string(i);
    t.Write("env" + n + "/main.tf", std::string(kProvider) + kPublicDb +
                                        "resource \"aws_ecr_repository\" \"r\" {\n  name = \"r" +
                                        n + "\"\n}\n");
  }
  RunResult one = RunInfracheck({"--format", "json", "-j", "1", "."}, t.path());
  RunResult four = RunInfracheck({"--format", "json", "-j4", "."}, t.path());
  ASSERT_EQ(four.exit_code, 1) << four.err;
  EXPECT_EQ(RunInfracheck({"-j0", "."}, t.path()).exit_code, 2);
  RunResult again = RunInfracheck({"--format", "json", "."}, t.path());
  RunResult two = RunInfracheck({"--format", "json", "--rule", "aws-rds-no-public-access", "--rule",
                                 "aws-ecr-scan-on-push", "."},
                                t.path());
  EXPECT_EQ(one.out, four.out);
  EXPECT_EQ(one.out, again.out);
  EXPECT_EQ(json::parse(two.out)["findings"].size(), 24u);
}

TEST(Cli, ListRulesAndExplain) {
  TempTree t;
  RunResult r = RunInfracheck({"--list-rules", "--format", "json"}, t.path());
  ASSERT_EQ(r.exit_code, 0);
  json rules = json::parse(r.out)["rules"];
  ASSERT_FALSE(rules.empty());
  bool found = false;
  for (const auto& rule : rules) {
    if (rule["id"] != "aws-rds-multi-az") continue;
    found = true;
    EXPECT_EQ(rule["severity"], "high");
    EXPECT_EQ(rule["scope"], "prod");
    EXPECT_EQ(rule["equivalents"]["checkov"], json({"CKV_AWS_157"}));
  }
  EXPECT_TRUE(found);
  RunResult e = RunInfracheck({"explain", "aws-ecr-scan-on-push"}, t.path());
  EXPECT_EQ(e.exit_code, 0);
  EXPECT_NE(e.out.find("severity: high"), std::string::npos);
  EXPECT_EQ(RunInfracheck({"explain", "no-such-rule"}, t.path()).exit_code, 2);
}

constexpr char kTeamPolicy[] = R"(# The platform team's database rules.
id: team-db-encrypted
title: Databases are encrypted
severity: high
scope: prod
kinds: [aws_db_instance, aws_rds_cluster]
description: Backups and snapshots of an unencrypted database are unencrypted too.
remediation: Set storage_encrypted = true.
help_uri: https://wiki.example.com/platform/db-encryption
require: {attribute: storage_encrypted, equals: true}
)";

// Team rules are listed with the built-in ones (from --policy or the
// configuration), explained with their policy, and selected with --rule.
TEST(Cli, ListRulesAndExplainTeamRules) {
  TempTree t;
  t.Write("policies/db.yaml", kTeamPolicy);
  RunResult r =
      RunInfracheck({"--list-rules", "--format", "json", "--policy", "policies"}, t.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json rules = json::parse(r.out)["rules"];
  const json* team = nullptr;
  std::string previous;
  for (const auto& rule : rules) {
    EXPECT_LT(previous, rule["id"].get<std::string>()) << "sorted by ID";
    previous = rule["id"];
    if (rule["id"] == "team-db-encrypted") team = &rule;
    if (rule["id"] == "aws-rds-multi-az") {
      EXPECT_EQ(rule["team"], false);
    }
  }
  ASSERT_NE(team, nullptr);
  EXPECT_EQ((*team)["title"], "Databases are encrypted");
  EXPECT_EQ((*team)["severity"], "high");
  EXPECT_EQ((*team)["scope"], "prod");
  EXPECT_EQ((*team)["kinds"], json({"aws_db_instance", "aws_rds_cluster"}));
  EXPECT_EQ((*team)["team"], true);
  EXPECT_EQ((*team)["source"], "policies/db.yaml:2");
  EXPECT_EQ((*team)["help_uri"], "https://wiki.example.com/platform/db-encryption");
  EXPECT_EQ((*team)["equivalents"]["checkov"], json::array());
  EXPECT_EQ(rules.size(), BuiltinRules().size() + 1);

  RunResult text = RunInfracheck({"--list-rules", "--policy", "policies/db.yaml"}, t.path());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Databases are encrypted  [team: policies/db.yaml:2]"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("aws-rds-multi-az"), std::string::npos);

  // Without the policy the rule does not exist; with the configuration naming
  // it, explain finds it.
  EXPECT_EQ(RunInfracheck({"explain", "team-db-encrypted"}, t.path()).exit_code, 2);
  RunResult e = RunInfracheck({"explain", "team-db-encrypted", "--policy", "policies"}, t.path());
  ASSERT_EQ(e.exit_code, 0) << e.err;
  t.Write(".infracheck.yml", "policies: [policies/]\n");
  RunResult c = RunInfracheck({"explain", "team-db-encrypted"}, t.path());
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.out, e.out);
  EXPECT_EQ(e.out.rfind("team-db-encrypted: Databases are encrypted\n", 0), 0u) << e.out;
  for (const char* part :
       {"team rule, defined in policies/db.yaml:2", "severity: high",
        "scope:    production environments only", "checks:   aws_db_instance, aws_rds_cluster",
        "Backups and snapshots of an unencrypted database", "Set storage_encrypted = true.",
        "More: https://wiki.example.com/platform/db-encryption"}) {
    EXPECT_NE(e.out.find(part), std::string::npos) << part << " in\n" << e.out;
  }
  // The policy as written, from its first key (the comment above is not part of it).
  EXPECT_NE(e.out.find("\nPolicy\nid: team-db-encrypted\ntitle: Databases are encrypted\n"),
            std::string::npos)
      << e.out;
  EXPECT_NE(e.out.find("require: {attribute: storage_encrypted, equals: true}\n"),
            std::string::npos);

  // --rule selects a team rule; an unknown ID is still a usage error.
  t.Write("prod/main.tf", std::string(kProvider) + R"(
resource "aws_db_instance" "db" {
  instance_class    = "db.t4g.micro"
  storage_encrypted = false
}
)");
  int code = 0;
  json report = Report(t, {"--rule", "team-db-encrypted", "prod"}, &code);
  EXPECT_EQ(code, 1);
  ASSERT_EQ(report["findings"].size(), 1u) << report.dump(2);
  EXPECT_EQ(report["findings"][0]["rule"], "team-db-encrypted");
  EXPECT_EQ(report["findings"][0]["environment"], "prod");
  EXPECT_EQ(report["findings"][0]["message"],
            "storage_encrypted is false, not true: Databases are encrypted");
  EXPECT_EQ(
      RunInfracheck({"--rule", "team-db-encrypted", "--config", "/dev/null", "prod"}, t.path())
          .exit_code,
      2);
}

}  // namespace
}  // namespace infracheck::testing
