// Baselines: accepted findings stay accepted when code moves, new ones are
// reported.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

using nlohmann::json;

constexpr char kMain[] = R"(provider "aws" {
  region = "ap-northeast-2"
}
module "db" {
  source = "./modules/db"
}
)";

constexpr char kDb[] = R"(resource "aws_db_instance" "db" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
  storage_encrypted   = false
}
)";

std::map<std::string, json> ByFingerprint(const json& report) {
  std::map<std::string, json> out;
  for (const json& f : report["findings"]) out[f["fingerprint"].get<std::string>()] = f;
  return out;
}

TEST(Baseline, RoundTripAfterMovingCode) {
  TempTree t;
  t.Write("main.tf", kMain);
  t.Write("modules/db/main.tf", kDb);
  const std::vector<std::string> rules = {"--rule", "aws-rds-no-public-access", "--rule",
                                          "aws-rds-storage-encrypted"};
  auto run = [&](std::vector<std::string> extra, int* code) {
    std::vector<std::string> args = {"--format", "json"};
    args.insert(args.end(), rules.begin(), rules.end());
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(".");
    RunResult r = RunInfracheck(args, t.path());
    *code = r.exit_code;
    return json::parse(r.out);
  };
  int code = 0;
  json before = run({"--write-baseline", "baseline.json"}, &code);
  EXPECT_EQ(code, 0) << "writing a baseline accepts what it records";
  json baseline = json::parse(ReadFile(t.path() / "baseline.json"));
  ASSERT_EQ(baseline["findings"].size(), 2u);
  EXPECT_EQ(baseline["findings"][0]["file"], "modules/db/main.tf");
  for (const json& f : before["findings"]) EXPECT_EQ(f["suppression"]["kind"], "baseline");

  // Move everything down: new lines above the resource and the module call.
  t.Write("modules/db/main.tf", std::string("# The database.\n\nlocals {\n  x = 1\n}\n\n") + kDb);
  t.Write("main.tf", std::string("# Root.\n\n") + kMain);
  json after = run({"--baseline", "baseline.json"}, &code);
  EXPECT_EQ(code, 0);
  auto a = ByFingerprint(before), b = ByFingerprint(after);
  ASSERT_EQ(a.size(), 2u);
  for (const auto& [fp, f] : a) {
    ASSERT_TRUE(b.count(fp)) << "fingerprint changed for " << f;
    EXPECT_NE(b[fp]["location"]["line"], f["location"]["line"]);
    EXPECT_TRUE(b[fp]["suppressed"]);
    EXPECT_EQ(b[fp]["suppression"], json({{"kind", "baseline"}, {"reason", "baseline"}}));
  }
  EXPECT_EQ(after["summary"]["findings"], 0);

  // A new violation is reported; the accepted ones stay suppressed.
  t.Write("modules/db/extra.tf", R"(resource "aws_db_instance" "new" {
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
  storage_encrypted   = true
}
)");
  json newer = run({"--baseline", "baseline.json"}, &code);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(newer["summary"]["findings"], 1);
  for (const json& f : newer["findings"]) {
    EXPECT_EQ(f["suppressed"], f["resource"] != "module.db.aws_db_instance.new") << f;
  }
  // SARIF marks baseline findings as externally suppressed.
  RunResult s = RunInfracheck({"--format", "sarif", "--baseline", "baseline.json", "."}, t.path());
  int external = 0;
  const json sarif = json::parse(s.out);
  for (const json& r : sarif["runs"][0]["results"]) {
    if (!r.contains("suppressions")) continue;
    EXPECT_EQ(r["suppressions"][0]["kind"], "external");
    EXPECT_EQ(r["suppressions"][0]["justification"], "baseline");
    ++external;
  }
  EXPECT_EQ(external, 2);
}

TEST(Baseline, UnreadableBaselineIsAUsageError) {
  TempTree t;
  t.Write("main.tf", kMain);
  t.Write("modules/db/main.tf", kDb);
  t.Write("bad.json", "{\"not\": \"a baseline\"}");
  EXPECT_EQ(RunInfracheck({"--baseline", "missing.json", "."}, t.path()).exit_code, 2);
  RunResult r = RunInfracheck({"--baseline", "bad.json", "."}, t.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not an infracheck baseline"), std::string::npos) << r.err;
}

TEST(Baseline, IsDeterministic) {
  TempTree t;
  t.Write("main.tf", kMain);
  t.Write("modules/db/main.tf", kDb);
  RunInfracheck({"--write-baseline", "a.json", "."}, t.path());
  RunInfracheck({"--write-baseline", "b.json", "-j", "1", "."}, t.path());
  EXPECT_EQ(ReadFile(t.path() / "a.json"), ReadFile(t.path() / "b.json"));
}

}  // namespace
}  // namespace infracheck::testing
