// Inline suppressions: parsing the comments (ours and the peers'), where a
// comment applies, and what the real binary reports for each case.
#include "checker/suppressions.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

using nlohmann::json;
using Syntax = Suppression::Syntax;

TEST(SuppressionParse, IdsReasonAndExpiry) {
  auto s = ParseSuppressions("# infracheck:ignore aws-rds-multi-az -- single AZ until launch");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].syntax, Syntax::kInfracheck);
  EXPECT_EQ(s[0].ids, std::vector<std::string>{"aws-rds-multi-az"});
  EXPECT_EQ(s[0].reason, "single AZ until launch");
  EXPECT_EQ(s[0].until, "");
  EXPECT_EQ(s[0].problem, "");

  s = ParseSuppressions(
      "// infracheck:ignore aws-a,aws-b, aws-c until=2026-02-28 -- shared reason");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].ids, (std::vector<std::string>{"aws-a", "aws-b", "aws-c"}));
  EXPECT_EQ(s[0].until, "2026-02-28");
  EXPECT_EQ(s[0].reason, "shared reason");

  s = ParseSuppressions("/* infracheck:ignore aws-a -- in a block comment */");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].reason, "in a block comment");
}

TEST(SuppressionParse, ReasonMissing) {
  for (const char* text : {"# infracheck:ignore aws-rds-multi-az", "# infracheck:ignore aws-a --",
                           "#infracheck:ignore aws-a --   "}) {
    auto s = ParseSuppressions(text);
    ASSERT_EQ(s.size(), 1u) << text;
    EXPECT_EQ(s[0].reason, "") << text;
    EXPECT_EQ(s[0].problem, "") << text;
  }
  // A hyphenated word is not the reason separator.
  auto s = ParseSuppressions("# infracheck:ignore aws-a--b");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].ids, std::vector<std::string>{"aws-a--b"});
}

TEST(SuppressionParse, Malformed) {
  EXPECT_EQ(ParseSuppressions("# infracheck:ignore -- no rule")[0].problem, "it names no rule");
  EXPECT_NE(ParseSuppressions("# infracheck:ignore aws-a until=2025-02-30 -- x")[0].problem, "");
  EXPECT_NE(ParseSuppressions("# infracheck:ignore aws-a until=tomorrow -- x")[0].problem, "");
  EXPECT_NE(ParseSuppressions("# infracheck:ignore aws-a! -- x")[0].problem, "");
}

TEST(SuppressionParse, NotASuppression) {
  EXPECT_TRUE(ParseSuppressions("# see infracheck:ignore in the docs").empty());
  EXPECT_TRUE(ParseSuppressions("# infracheck:ignored aws-a -- x").empty());
  EXPECT_TRUE(ParseSuppressions("# an ordinary comment").empty());
}

TEST(SuppressionParse, ForeignSyntax) {
  auto s = ParseSuppressions("#checkov:skip=CKV_AWS_17:the replica is public by design");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].syntax, Syntax::kCheckov);
  EXPECT_EQ(s[0].ids, std::vector<std::string>{"CKV_AWS_17"});
  EXPECT_EQ(s[0].reason, "the replica is public by design");
  EXPECT_EQ(ParseSuppressions("# checkov:skip=CKV2_AWS_50")[0].reason, "");

  s = ParseSuppressions("#tfsec:ignore:aws-rds-enable-public-access:exp:2024-01-31");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].syntax, Syntax::kTfsec);
  EXPECT_EQ(s[0].ids, std::vector<std::string>{"aws-rds-enable-public-access"});
  EXPECT_EQ(s[0].until, "2024-01-31");

  s = ParseSuppressions("# trivy:ignore:AVD-AWS-0180 trivy:ignore:AWS-0080");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].syntax, Syntax::kTrivy);
  EXPECT_EQ(s[0].ids[0], "AVD-AWS-0180");
  EXPECT_EQ(s[1].ids[0], "AWS-0080");

  // Qualifiers we cannot check make the ignore inapplicable, not broader.
  EXPECT_NE(ParseSuppressions("#trivy:ignore:AVD-AWS-0180[publicly_accessible=true]")[0].problem,
            "");
  EXPECT_NE(ParseSuppressions("#tfsec:ignore:aws-x:ws:staging")[0].problem, "");
}

TEST(SuppressionParse, Dates) {
  EXPECT_TRUE(ValidDate("2024-02-29"));
  EXPECT_FALSE(ValidDate("2023-02-29"));
  EXPECT_FALSE(ValidDate("2024-13-01"));
  EXPECT_FALSE(ValidDate("2024-1-01"));
  EXPECT_EQ(Today().size(), 10u);
}

TEST(SuppressionParse, ModulePaths) {
  EXPECT_EQ(ModulePathNames("module.a[\"x.y]\"].module.b[0].module.c"),
            (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(ModulePathNames("").empty());
}

// --- end to end ---------------------------------------------------------

constexpr char kProvider[] = "provider \"aws\" {\n  region = \"ap-northeast-2\"\n}\n";

struct Outcome {
  int exit_code;
  json report;
};

Outcome Scan(const TempTree& t, std::vector<std::string> args) {
  args.insert(args.begin(), {"--format", "json", "--rule", "aws-rds-no-public-access", "--rule",
                             "aws-rds-storage-encrypted"});
  args.push_back(".");
  RunResult r = RunInfracheck(args, t.path());
  return {r.exit_code, json::parse(r.out)};
}

// The finding of `rule` on `resource` (null when there is none).
json FindingOf(const json& report, const std::string& rule, const std::string& resource) {
  for (const json& f : report["findings"]) {
    if (f["rule"] == rule && f["resource"] == resource) return f;
  }
  return nullptr;
}

bool HasWarning(const json& report, const std::string& text, int line) {
  for (const json& e : report["errors"]) {
    if (e["level"] == "warning" && e["line"] == line &&
        e["message"].get<std::string>().find(text) != std::string::npos)
      return true;
  }
  return false;
}

TEST(Suppressions, PlacementAboveBlockAttributeAndAtLineEnd) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + R"(
# infracheck:ignore aws-rds-no-public-access -- the reporting replica is public by design
resource "aws_db_instance" "above_block" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
  storage_encrypted   = false
}

resource "aws_db_instance" "above_attribute" {
  instance_class      = "db.t4g.micro"
  # infracheck:ignore aws-rds-no-public-access -- covers this attribute only
  # (a note below the suppression is fine)
  publicly_accessible = true
  storage_encrypted   = false
}

resource "aws_db_instance" "line_end" { # infracheck:ignore aws-rds-storage-encrypted, aws-rds-no-public-access -- throwaway test database
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
  storage_encrypted   = false # infracheck:ignore aws-rds-storage-encrypted -- also covered here
}
)");
  Outcome o = Scan(t, {});
  EXPECT_EQ(o.exit_code, 1);
  const json& r = o.report;
  EXPECT_TRUE(
      FindingOf(r, "aws-rds-no-public-access", "aws_db_instance.above_block")["suppressed"]);
  EXPECT_FALSE(
      FindingOf(r, "aws-rds-storage-encrypted", "aws_db_instance.above_block")["suppressed"]);
  json f = FindingOf(r, "aws-rds-no-public-access", "aws_db_instance.above_attribute");
  EXPECT_TRUE(f["suppressed"]);
  EXPECT_EQ(f["suppression"], json({{"kind", "inline"},
                                    {"reason", "covers this attribute only"},
                                    {"file", "main.tf"},
                                    {"line", 14}}));
  EXPECT_FALSE(
      FindingOf(r, "aws-rds-storage-encrypted", "aws_db_instance.above_attribute")["suppressed"]);
  EXPECT_TRUE(FindingOf(r, "aws-rds-no-public-access", "aws_db_instance.line_end")["suppressed"]);
  EXPECT_TRUE(FindingOf(r, "aws-rds-storage-encrypted", "aws_db_instance.line_end")["suppressed"]);
  // Suppressed findings stay in the report but do not count.
  EXPECT_EQ(r["findings"].size(), 6u);
  EXPECT_EQ(r["summary"]["findings"], 2);
  EXPECT_TRUE(r["errors"].empty()) << r["errors"];
}

TEST(Suppressions, ModuleCallCoversEverythingInsideThatCallOnly) {
  TempTree t;
  t.Write("modules/db/main.tf", R"(
resource "aws_db_instance" "m" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
  storage_encrypted   = true
}
module "inner" {
  source = "../inner"
}
)");
  t.Write("modules/inner/main.tf", R"(
resource "aws_db_instance" "deep" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
  storage_encrypted   = true
}
)");
  t.Write("main.tf", std::string(kProvider) + R"(
# infracheck:ignore aws-rds-no-public-access -- the sandbox account's databases are public
module "sandbox" {
  source = "./modules/db"
}

module "shop" {
  source = "./modules/db"
}
)");
  Outcome o = Scan(t, {});
  const json& r = o.report;
  for (const char* a :
       {"module.sandbox.aws_db_instance.m", "module.sandbox.module.inner.aws_db_instance.deep"})
    EXPECT_TRUE(FindingOf(r, "aws-rds-no-public-access", a)["suppressed"]) << a;
  for (const char* a :
       {"module.shop.aws_db_instance.m", "module.shop.module.inner.aws_db_instance.deep"})
    EXPECT_FALSE(FindingOf(r, "aws-rds-no-public-access", a)["suppressed"]) << a;
  EXPECT_EQ(o.exit_code, 1);
}

TEST(Suppressions, OneEnvironmentOnly) {
  // A comment in prod's tfvars (where the value comes from) covers prod's
  // finding and leaves dev's.
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + R"(
variable "public" {}
resource "aws_db_instance" "db" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = var.public
  storage_encrypted   = true
}
)");
  t.Write("dev.tfvars", "public = true\n");
  t.Write("prod.tfvars",
          "public = true # infracheck:ignore aws-rds-no-public-access -- fronted by a WAF\n");
  Outcome o = Scan(t, {});
  ASSERT_EQ(o.report["findings"].size(), 2u);
  for (const json& f : o.report["findings"]) {
    EXPECT_EQ(f["suppressed"], f["environment"] == "prod") << f;
  }
  EXPECT_EQ(o.exit_code, 1);
}

TEST(Suppressions, ReasonMissingIsNotAppliedAndReported) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + R"(
resource "aws_db_instance" "db" {
  instance_class      = "db.t4g.micro"
  storage_encrypted   = true
  # infracheck:ignore aws-rds-no-public-access
  publicly_accessible = true
}
)");
  Outcome o = Scan(t, {});
  EXPECT_EQ(o.exit_code, 1);
  json f = FindingOf(o.report, "aws-rds-no-public-access", "aws_db_instance.db");
  EXPECT_FALSE(f["suppressed"]);
  EXPECT_EQ(f["related"][0]["line"], 8);
  EXPECT_EQ(f["related"][0]["message"], "suppression not applied: it gives no reason");
  EXPECT_TRUE(HasWarning(o.report, "gives no reason", 8)) << o.report["errors"];
}

TEST(Suppressions, ExpiredNoLongerAppliesAndTheReportSaysSo) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + R"(
resource "aws_db_instance" "old" {
  instance_class      = "db.t4g.micro"
  storage_encrypted   = true
  publicly_accessible = true # infracheck:ignore aws-rds-no-public-access until=2024-06-30 -- migration
}
resource "aws_db_instance" "current" {
  instance_class      = "db.t4g.micro"
  storage_encrypted   = true
  publicly_accessible = true # infracheck:ignore aws-rds-no-public-access until=2024-07-01 -- migration
}
)");
  // The day is fixed so the test does not depend on the calendar; a
  // suppression applies through its `until` day.
  ASSERT_EQ(setenv("INFRACHECK_TODAY", "2024-07-01", 1), 0);
  Outcome o = Scan(t, {});
  unsetenv("INFRACHECK_TODAY");
  EXPECT_FALSE(
      FindingOf(o.report, "aws-rds-no-public-access", "aws_db_instance.old")["suppressed"]);
  EXPECT_TRUE(
      FindingOf(o.report, "aws-rds-no-public-access", "aws_db_instance.current")["suppressed"]);
  EXPECT_TRUE(HasWarning(o.report, "expired on 2024-06-30", 8)) << o.report["errors"];
  json f = FindingOf(o.report, "aws-rds-no-public-access", "aws_db_instance.old");
  EXPECT_EQ(f["related"][0]["message"], "suppression expired on 2024-06-30");
  EXPECT_EQ(o.exit_code, 1);
}

TEST(Suppressions, UnusedUnknownAndMisplacedAreReported) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + R"(
# infracheck:ignore aws-rds-no-public-access -- it is private now
resource "aws_db_instance" "fixed" {
  instance_class      = "db.t4g.micro"
  storage_encrypted   = true
  publicly_accessible = false
}

# infracheck:ignore aws-no-such-rule -- typo
resource "aws_s3_bucket" "b" {
  bucket = "b"
}

# infracheck:ignore aws-rds-storage-encrypted -- floating, nothing below

# infracheck:ignore aws-vpc-flow-logs -- that rule does not run here
resource "aws_db_instance" "other" {
  instance_class    = "db.t4g.micro"
  storage_encrypted = true
}
)");
  Outcome o = Scan(t, {});
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_TRUE(HasWarning(o.report, "unused suppression: aws-rds-no-public-access", 5))
      << o.report["errors"];
  EXPECT_TRUE(HasWarning(o.report, "unknown rule 'aws-no-such-rule'", 12));
  EXPECT_TRUE(HasWarning(o.report, "covers nothing", 17));
  // A rule that did not run (not selected) is not called unused.
  EXPECT_EQ(o.report["errors"].size(), 3u) << o.report["errors"];
}

TEST(Suppressions, PeerToolCommentsMapThroughEquivalentIds) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + R"(
resource "aws_db_instance" "checkov" {
  #checkov:skip=CKV_AWS_17:the BI replica is public
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
  storage_encrypted   = false
}

#tfsec:ignore:aws-rds-encrypt-instance-storage-data
resource "aws_db_instance" "tfsec" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = true # tfsec:ignore:AVD-AWS-0082
  storage_encrypted   = false
}

resource "aws_db_instance" "trivy" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = true # trivy:ignore:AWS-0180
  storage_encrypted   = false # trivy:ignore:AVD-AWS-0080 trivy:ignore:AVD-AWS-9999
}
)");
  Outcome o = Scan(t, {});
  EXPECT_EQ(o.exit_code, 1);
  const json& r = o.report;
  json f = FindingOf(r, "aws-rds-no-public-access", "aws_db_instance.checkov");
  EXPECT_TRUE(f["suppressed"]);
  EXPECT_EQ(f["suppression"]["reason"], "the BI replica is public");
  EXPECT_FALSE(FindingOf(r, "aws-rds-storage-encrypted", "aws_db_instance.checkov")["suppressed"]);
  for (const char* rule : {"aws-rds-no-public-access", "aws-rds-storage-encrypted"}) {
    EXPECT_TRUE(FindingOf(r, rule, "aws_db_instance.tfsec")["suppressed"]) << rule;
    EXPECT_TRUE(FindingOf(r, rule, "aws_db_instance.trivy")["suppressed"]) << rule;
  }
  EXPECT_EQ(
      FindingOf(r, "aws-rds-no-public-access", "aws_db_instance.trivy")["suppression"]["reason"],
      "trivy:ignore comment");
  // Peer IDs with no equivalent here are someone else's business: no warning.
  EXPECT_TRUE(r["errors"].empty()) << r["errors"];
}

TEST(Suppressions, WarningsAreLimitedToNamedFiles) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + R"(
resource "aws_db_instance" "db" {
  instance_class      = "db.t4g.micro"
  storage_encrypted   = true
  publicly_accessible = false # infracheck:ignore aws-rds-no-public-access -- stale
}
)");
  t.Write("other.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n");
  RunResult r = RunInfracheck({"--format", "json", "other.tf"}, t.path());
  EXPECT_TRUE(json::parse(r.out)["errors"].empty()) << r.out;
  r = RunInfracheck({"--format", "json", "main.tf"}, t.path());
  EXPECT_EQ(json::parse(r.out)["errors"].size(), 1u) << r.out;
}

}  // namespace
}  // namespace infracheck::testing
