// The CI report formats: SARIF (as code scanning reads it), JUnit XML and
// GitHub workflow annotations.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "checker/report.h"
#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr char kProvider[] = "provider \"aws\" {\n  region = \"ap-northeast-2\"\n}\n";

constexpr char kStack[] = R"(
variable "public" {}
# infracheck:ignore aws-rds-storage-encrypted -- a scratch database
resource "aws_db_instance" "scratch" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = false
  storage_encrypted   = false
}
resource "aws_db_instance" "db" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = var.public
  storage_encrypted   = true
}
resource "aws_ecr_repository" "repo" {
  name = "repo"
}
)";

const std::vector<std::string> kRules = {"--rule", "aws-rds-no-public-access",
                                         "--rule", "aws-rds-storage-encrypted",
                                         "--rule", "aws-ecr-scan-on-push"};

json Sarif(const TempTree& t, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"--format", "sarif"};
  args.insert(args.end(), kRules.begin(), kRules.end());
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(".");
  RunResult r = RunInfracheck(args, t.path());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  return json::parse(r.out);
}

TEST(Sarif, RunToolRulesAndResults) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + kStack);
  t.Write("terraform.tfvars", "public = true\n");
  json log = Sarif(t, {"--sarif-category", "infra/prod"});
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_TRUE(log["$schema"].get<std::string>().find("sarif-schema-2.1.0") != std::string::npos);
  ASSERT_EQ(log["runs"].size(), 1u);
  const json& run = log["runs"][0];
  EXPECT_EQ(run["automationDetails"]["id"], "infra/prod/");
  EXPECT_EQ(run["columnKind"], "unicodeCodePoints");
  EXPECT_TRUE(
      run["originalUriBaseIds"]["%SRCROOT%"]["uri"].get<std::string>().starts_with("file:///"));
  const json& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 3u) << "every rule that ran, once";
  std::set<std::string> ids;
  for (const json& r : rules) {
    ids.insert(r["id"].get<std::string>());
    for (const char* key : {"name", "shortDescription", "fullDescription", "help", "helpUri",
                            "defaultConfiguration", "properties"}) {
      EXPECT_TRUE(r.contains(key)) << r["id"] << " lacks " << key;
    }
    EXPECT_FALSE(r["help"]["text"].get<std::string>().empty());
    EXPECT_NE(r["help"]["markdown"].get<std::string>().find("## How to fix it"), std::string::npos);
    EXPECT_EQ(r["properties"]["tags"][0], "security");
  }
  EXPECT_EQ(ids, (std::set<std::string>{"aws-ecr-scan-on-push", "aws-rds-no-public-access",
                                        "aws-rds-storage-encrypted"}));
  for (const json& r : rules) {
    if (r["id"] == "aws-rds-no-public-access") {
      EXPECT_EQ(r["name"], "AwsRdsNoPublicAccess");
      EXPECT_EQ(r["properties"]["security-severity"], "9.5");
      EXPECT_EQ(r["defaultConfiguration"]["level"], "error");
    }
  }
  const json& results = run["results"];
  ASSERT_EQ(results.size(), 3u);
  for (const json& res : results) {
    EXPECT_EQ(rules[res["ruleIndex"].get<size_t>()]["id"], res["ruleId"]);
    const json& loc = res["locations"][0]["physicalLocation"];
    EXPECT_EQ(loc["artifactLocation"]["uri"], "main.tf");
    EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    for (const char* key : {"startLine", "startColumn", "endLine", "endColumn"})
      EXPECT_TRUE(loc["region"].contains(key)) << key;
    EXPECT_EQ(res["partialFingerprints"]["infracheckFingerprint/v1"].get<std::string>().size(),
              32u);
    EXPECT_EQ(res["message"]["text"].get<std::string>().back(), '.');
  }
  // The public database: where the value came from, with a message.
  const json& pub = results[1];
  ASSERT_EQ(pub["ruleId"], "aws-rds-no-public-access");
  EXPECT_EQ(pub["level"], "error");
  ASSERT_EQ(pub["relatedLocations"].size(), 1u);
  EXPECT_EQ(pub["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "terraform.tfvars");
  EXPECT_EQ(pub["relatedLocations"][0]["message"]["text"], "value set here.");
  // The scratch database's finding is suppressed in the source.
  const json& scratch = results[0];
  ASSERT_EQ(scratch["ruleId"], "aws-rds-storage-encrypted");
  EXPECT_EQ(scratch["suppressions"][0]["kind"], "inSource");
  EXPECT_EQ(scratch["suppressions"][0]["justification"], "a scratch database");
  EXPECT_EQ(scratch["suppressions"][0]["location"]["physicalLocation"]["region"]["startLine"], 6);
}

// A team rule is described like a built-in one: its policy is its help, its
// tags say it is the team's, and its help URI is the one the policy gives.
TEST(Sarif, TeamRulesAreDescribed) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + kStack);
  t.Write("terraform.tfvars", "public = true\n");
  t.Write("policies/ecr.yaml", R"(id: team-ecr-named
title: Repositories are named after their team
severity: medium
kinds: [aws_ecr_repository]
description: Image pipelines find repositories by their team prefix.
help_uri: https://wiki.example.com/ecr
require: {attribute: name, matches: "^(web|data)-"}
---
id: team-no-uri
title: Repositories are named in lower case
severity: low
kinds: [aws_ecr_repository]
require: {attribute: name, matches: "^[a-z-]+$"}
)");
  json log =
      Sarif(t, {"--policy", "policies", "--rule", "team-ecr-named", "--rule", "team-no-uri"});
  const json& run = log["runs"][0];
  const json& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 5u) << "every rule that ran, once";
  const json* team = nullptr;
  const json* bare = nullptr;
  for (const json& r : rules) {
    if (r["id"] == "team-ecr-named") team = &r;
    if (r["id"] == "team-no-uri") bare = &r;
  }
  ASSERT_NE(team, nullptr);
  ASSERT_NE(bare, nullptr);
  EXPECT_EQ((*team)["name"], "TeamEcrNamed");
  EXPECT_EQ((*team)["shortDescription"]["text"], "Repositories are named after their team.");
  EXPECT_EQ((*team)["fullDescription"]["text"],
            "Image pipelines find repositories by their team prefix.");
  EXPECT_EQ((*team)["helpUri"], "https://wiki.example.com/ecr");
  EXPECT_EQ((*team)["properties"]["tags"], json({"security", "aws", "team-policy"}));
  EXPECT_EQ((*team)["properties"]["security-severity"], "5.5");
  EXPECT_EQ((*team)["defaultConfiguration"]["level"], "warning");
  const std::string markdown = (*team)["help"]["markdown"];
  EXPECT_NE(markdown.find("| Team rule | `policies/ecr.yaml:1` |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("## Policy\n\n```yaml\nid: team-ecr-named\n"), std::string::npos)
      << markdown;
  EXPECT_NE((*team)["help"]["text"].get<std::string>().find("team rule, defined in"),
            std::string::npos);
  // Without description or help_uri: the title stands in, and no helpUri.
  EXPECT_EQ((*bare)["fullDescription"]["text"], "Repositories are named in lower case.");
  EXPECT_FALSE(bare->contains("helpUri"));
  // The repository "repo" breaks the first policy only.
  const json& results = run["results"];
  bool found = false;
  for (const json& res : results) {
    EXPECT_NE(res["ruleId"], "team-no-uri");
    if (res["ruleId"] != "team-ecr-named") continue;
    found = true;
    EXPECT_EQ(rules[res["ruleIndex"].get<size_t>()]["id"], "team-ecr-named");
    EXPECT_EQ(res["level"], "warning");
  }
  EXPECT_TRUE(found);
}

TEST(Sarif, FingerprintsSurviveMovedLines) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + kStack);
  t.Write("terraform.tfvars", "public = true\n");
  json before = Sarif(t);
  t.Write("main.tf", std::string(kProvider) + "\n# moved\n\n\n" + kStack);
  json after = Sarif(t);
  const json &a = before["runs"][0]["results"], &b = after["runs"][0]["results"];
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i]["partialFingerprints"], b[i]["partialFingerprints"]);
    EXPECT_EQ(a[i]["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>() + 4,
              b[i]["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>());
  }
}

TEST(Sarif, UrisArePercentEncodedAndTheLogValidates) {
  TempTree t;
  t.Write("my infra/한국/main.tf", std::string(kProvider) + kStack);
  t.Write("my infra/한국/terraform.tfvars", "public = true\n");
  t.Write("broken.tf", "resource \"x\" {\n");
  RunResult r = RunInfracheck({"--format", "sarif", "--output", "out.sarif", "."}, t.path());
  EXPECT_EQ(r.exit_code, 2);
  json log = json::parse(ReadFile(t.path() / "out.sarif"));
  const json& run = log["runs"][0];
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "my%20infra/%ED%95%9C%EA%B5%AD/main.tf");
  // The parse error is a tool notification with its place.
  const json& inv = run["invocations"][0];
  EXPECT_EQ(inv["executionSuccessful"], false);
  EXPECT_EQ(inv["toolExecutionNotifications"][0]["level"], "error");
  fs::path validator = fs::path(INFRACHECK_SOURCE_DIR) / "tools/sarif/validate.js";
  if (!fs::exists(fs::path(INFRACHECK_SOURCE_DIR) / "tools/sarif/node_modules/ajv") ||
      std::system("node --version >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "SARIF validators not installed (tools/bootstrap --test)";
  }
  std::string cmd = "node '" + validator.string() + "' --strict '" +
                    (t.path() / "out.sarif").string() + "' >/dev/null 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << "node tools/sarif/validate.js --strict out.sarif";
}

TEST(Sarif, TruncatesAtTheCodeScanningLimit) {
  ScanResult result;
  const size_t total = kMaxSarifResults + 10;
  for (size_t i = 0; i < total; ++i) {
    Finding f;
    f.rule = "aws-rds-multi-az";
    f.severity = i < 20 ? Severity::kCritical : Severity::kLow;
    f.message = "finding " + std::to_string(i);
    f.resource = "aws_db_instance.db" + std::to_string(i);
    f.fingerprint = std::to_string(i);
    f.suppressed = i >= 20 && i < 40;
    result.findings.push_back(std::move(f));
  }
  std::vector<const Finding*> shown;
  for (const Finding& f : result.findings) shown.push_back(&f);
  ReportContext ctx{result, BuiltinRules(), shown, false, {}, "infracheck"};
  std::ostringstream out;
  WriteSarif(out, ctx);
  json run = json::parse(out.str())["runs"][0];
  ASSERT_EQ(run["results"].size(), kMaxSarifResults);
  EXPECT_EQ(run["properties"]["resultsTruncated"], true);
  EXPECT_EQ(run["properties"]["totalResults"], total);
  const json& note = run["invocations"][0]["toolExecutionNotifications"].back();
  EXPECT_EQ(note["descriptor"]["id"], "results-truncated");
  // The severe findings are kept and the suppressed ones dropped first.
  size_t suppressed = 0, critical = 0;
  for (const json& r : run["results"]) {
    suppressed += r.contains("suppressions");
    critical += r["properties"]["severity"] == "critical";
  }
  EXPECT_EQ(critical, 20u);
  EXPECT_EQ(suppressed, 10u);
}

// --- JUnit --------------------------------------------------------------

// Well-formed XML, checked by Python's parser (a test dependency).
bool WellFormed(const fs::path& file) {
  std::string cmd =
      "python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' '" +
      file.string() + "'";
  return std::system(cmd.c_str()) == 0;
}

TEST(Junit, OneCasePerRuleAndResourceWithEscaping) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + kStack + R"(
resource "aws_ecr_repository" "keyed" {
  for_each = toset(["a&b", "<c>", "\"d\""])
  name     = each.key
}
)");
  t.Write("terraform.tfvars", "public = true\n");
  std::vector<std::string> args = {"--format", "junit", "--output", "report.xml"};
  args.insert(args.end(), kRules.begin(), kRules.end());
  args.push_back(".");
  EXPECT_EQ(RunInfracheck(args, t.path()).exit_code, 1);
  std::string xml = ReadFile(t.path() / "report.xml");
  if (std::system("python3 --version >/dev/null 2>&1") == 0) {
    EXPECT_TRUE(WellFormed(t.path() / "report.xml")) << xml;
  }
  // RDS rules checked 2 instances each; the ECR rule 4 repositories.
  EXPECT_NE(xml.find("<testsuites name=\"infracheck\" tests=\"8\" failures=\"5\" errors=\"0\" "
                     "skipped=\"1\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<testsuite name=\"aws-ecr-scan-on-push\" tests=\"4\" failures=\"4\""),
            std::string::npos);
  EXPECT_NE(xml.find("name=\"aws_ecr_repository.keyed[&quot;a&amp;b&quot;]\""), std::string::npos);
  EXPECT_NE(xml.find("name=\"aws_ecr_repository.keyed[&quot;&lt;c&gt;&quot;]\""),
            std::string::npos);
  EXPECT_NE(xml.find("<skipped message=\"suppressed: a scratch database\"/>"), std::string::npos);
  EXPECT_NE(
      xml.find("<testcase name=\"aws_db_instance.scratch\" classname=\"aws-rds-no-public-access\" "
               "file=\"main.tf\" line=\"7\"/>"),
      std::string::npos)
      << "a resource the rule passed is a passing test case";
  EXPECT_NE(xml.find("terraform.tfvars:1:10: value set here"), std::string::npos);
}

// --- GitHub annotations -------------------------------------------------

TEST(Github, AnnotationsWithEscaping) {
  TempTree t;
  t.Write("a,b:c%d/main.tf", std::string(kProvider) + R"(
resource "aws_db_instance" "db" {
  for_each            = toset(["x:y,z%"])
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
  storage_encrypted   = false
}
)");
  std::vector<std::string> args = {"--format", "github"};
  args.insert(args.end(), kRules.begin(), kRules.end());
  args.push_back(".");
  RunResult r = RunInfracheck(args, t.path());
  EXPECT_EQ(r.exit_code, 1);
  std::istringstream lines(r.out);
  std::vector<std::string> got;
  for (std::string line; std::getline(lines, line);) got.push_back(line);
  ASSERT_EQ(got.size(), 3u) << r.out;
  EXPECT_EQ(got[0],
            "::error file=a%2Cb%3Ac%25d/main.tf,line=8,col=3,endLine=8,endColumn=29,"
            "title=critical aws-rds-no-public-access%3A RDS instances must not be publicly "
            "accessible::publicly_accessible = true gives the database a public address; the "
            "documented data tier is private%0Aaws_db_instance.db[\"x:y,z%25\"]");
  EXPECT_TRUE(got[1].starts_with("::error file=a%2Cb%3Ac%25d/main.tf,line=9,col=3,")) << got[1];
  EXPECT_EQ(got[2], "infracheck: 2 findings (1 critical, 1 high)");
}

TEST(Github, LevelsFollowSeverity) {
  TempTree t;
  t.Write("main.tf", std::string(kProvider) + kStack);
  t.Write(".infracheck.yml",
          "severity:\n  aws-ecr-scan-on-push: low\n  aws-rds-storage-encrypted: medium\n");
  t.Write("terraform.tfvars", "public = false\n");
  RunResult r =
      RunInfracheck({"--format", "github", "--rule", "aws-ecr-scan-on-push", "--rule",
                     "aws-rds-storage-encrypted", "--rule", "aws-rds-no-public-access", "."},
                    t.path());
  EXPECT_NE(r.out.find("::notice file=main.tf,line=17,"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("::warning"), std::string::npos) << "suppressed findings are not annotated";
}

}  // namespace
}  // namespace infracheck::testing

namespace infracheck::testing {
namespace {

TEST(Reports, SameInputSameBytes) {
  TempTree t;
  for (int i = 0; i < 6; ++i) {
    std::string n = std::to_string(i);
    t.Write("env" + n + "/main.tf", std::string(kProvider) + kStack);
    t.Write("env" + n + "/terraform.tfvars", "public = true\n");
  }
  for (const char* format : {"sarif", "junit", "github", "text", "json"}) {
    RunResult one = RunInfracheck({"--format", format, "-j", "1", "."}, t.path());
    RunResult four = RunInfracheck({"--format", format, "-j", "4", "."}, t.path());
    EXPECT_EQ(one.out, four.out) << format;
    EXPECT_FALSE(one.out.empty()) << format;
  }
}

}  // namespace
}  // namespace infracheck::testing
