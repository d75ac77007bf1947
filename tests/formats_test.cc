// The JSON formats end to end, through `inspect --format json`: task
// definitions in each shape, IAM policies, plans, unrecognised JSON, and the
// same container written in HCL, JSON and SST.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

json Inspect(const fs::path& dir, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"inspect", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(".");
  RunResult r = RunInfracheck(args, dir);
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  return json::parse(r.out);
}

const json* Find(const json& report, const std::string& address, const std::string& env = "") {
  for (const json& r : report["resources"]) {
    bool env_ok = env.empty() || (r["environment"].is_string() && r["environment"] == env);
    if (r["address"] == address && env_ok) return &r;
  }
  return nullptr;
}

constexpr const char* kContainers =
    R"([{"name": "api", "image": "nginx:1.27", "environment": [{"name": "A", "value": "1"}]}])";

TEST(Formats, TaskDefinitionShapes) {
  TempTree t;
  t.Write(
      "register.json",
      std::string(R"({"family": "api", "cpu": 256, "containerDefinitions": )") + kContainers + "}");
  t.Write("describe.json",
          std::string(R"({"taskDefinition": {"family": "api", "containerDefinitions": )") +
              kContainers + "}}");
  t.Write("bare.json", kContainers);
  json report = Inspect(t.path());
  for (const char* name : {"register", "describe", "bare"}) {
    const json* r = Find(report, std::string("aws_ecs_task_definition.") + name);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ((*r)["format"], "ecs-task-definition");
    EXPECT_EQ((*r)["environment"], nullptr);
    EXPECT_EQ((*r)["file"], std::string(name) + ".json");
    json defs = json::parse((*r)["attributes"]["container_definitions"].get<std::string>());
    EXPECT_EQ(defs[0]["environment"][0]["name"], "A") << name;
  }
  const json* reg = Find(report, "aws_ecs_task_definition.register");
  EXPECT_EQ((*reg)["attributes"]["family"], "api");
  EXPECT_EQ((*reg)["attributes"]["cpu"], "256");  // as Terraform takes it
}

TEST(Formats, IamPoliciesAndTrustPolicies) {
  TempTree t;
  t.Write(
      "read.json",
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  t.Write(
      "trust.json",
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]})");
  json report = Inspect(t.path());
  const json* policy = Find(report, "aws_iam_policy.read");
  const json* role = Find(report, "aws_iam_role.trust");
  ASSERT_TRUE(policy && role);
  EXPECT_EQ((*policy)["format"], "iam-policy");
  EXPECT_EQ(
      json::parse((*policy)["attributes"]["policy"].get<std::string>())["Statement"][0]["Action"],
      "s3:GetObject");
  EXPECT_TRUE((*role)["attributes"].contains("assume_role_policy"));
}

TEST(Formats, OtherJsonIsIgnoredSilently) {
  TempTree t;
  t.Write("package.json", R"({"name": "x", "version": "1.0.0"})");
  t.Write("tsconfig.json", "{\n  // comments: not JSON\n  \"strict\": true\n}\n");
  t.Write("broken.json", "{ not json");
  RunResult r = RunInfracheck({"--format", "json", "."}, t.path());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  json report = json::parse(r.out);
  EXPECT_TRUE(report["errors"].empty());
  EXPECT_EQ(report["summary"]["files"], 0);
}

TEST(Formats, BrokenJsonOfOursIsAnError) {
  TempTree t;
  t.Write("policy.json", "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",]\n}\n");
  RunResult r = RunInfracheck({"--format", "json", "."}, t.path());
  EXPECT_EQ(r.exit_code, 2);
  json report = json::parse(r.out);
  ASSERT_EQ(report["errors"].size(), 1u);
  EXPECT_EQ(report["errors"][0]["file"], "policy.json");
  EXPECT_EQ(report["errors"][0]["line"], 3);
}

TEST(Formats, DocumentsTerraformReadsAreNotCheckedTwice) {
  TempTree t;
  t.Write("main.tf", R"(provider "aws" {}
resource "aws_iam_policy" "p" {
  policy = file("${path.module}/policy.json")
}
)");
  t.Write(
      "policy.json",
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  json report = Inspect(t.path());
  EXPECT_NE(Find(report, "aws_iam_policy.p"), nullptr);
  EXPECT_EQ(Find(report, "aws_iam_policy.policy"), nullptr);
}

TEST(Formats, PlanValuesUnknownsAndSourceMapping) {
  fs::path dir = fs::path(INFRACHECK_SOURCE_DIR) / "fixtures" / "formats" / "plan";
  json report = Inspect(dir);
  const json* orders = Find(report, "aws_db_instance.orders", "prod");
  const json* reports = Find(report, "aws_db_instance.reports", "prod");
  ASSERT_TRUE(orders && reports);
  EXPECT_EQ((*orders)["format"], "terraform-plan");
  EXPECT_EQ((*orders)["file"], "plan-only/prod.plan.json");
  EXPECT_EQ((*orders)["attributes"]["multi_az"], false);
  EXPECT_EQ((*reports)["attributes"]["multi_az"], json({{"__unknown__", true}}));
  EXPECT_EQ((*reports)["attributes"]["id"], json({{"__unknown__", true}}));
  // With the configuration in the scan, the plan's resource points at it.
  const json* db = Find(report, "module.db.aws_db_instance.main", "staging");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ((*db)["format"], "terraform-plan");
  EXPECT_EQ((*db)["file"], "with-source/modules/db/main.tf");
  EXPECT_EQ((*db)["line"], 5);
  EXPECT_EQ((*db)["attributes"]["publicly_accessible"], true);
}

TEST(Formats, PlanElsewhereFindsItsRootByConfiguration) {
  fs::path src = fs::path(INFRACHECK_SOURCE_DIR) / "fixtures" / "formats" / "plan" / "with-source";
  TempTree t;
  t.Write("infra/main.tf", ReadFile(src / "main.tf"));
  t.Write("infra/modules/db/main.tf", ReadFile(src / "modules/db/main.tf"));
  t.Write("plans/staging.plan.json", ReadFile(src / "staging.plan.json"));
  json report = Inspect(t.path());
  const json* db = Find(report, "module.db.aws_db_instance.main", "staging");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ((*db)["file"], "infra/modules/db/main.tf");
}

TEST(Formats, SameContainerInHclJsonAndSst) {
  fs::path dir = fs::path(INFRACHECK_SOURCE_DIR) / "fixtures" / "formats" / "same-violation";
  json report = Inspect(dir);
  struct Case {
    const char* address;
    const char* format;
    const char* file;
  } cases[] = {
      {"aws_ecs_task_definition.app", "terraform", "terraform/main.tf"},
      {"aws_ecs_task_definition.app", "ecs-task-definition", "task-definition/app.json"},
      {"aws_ecs_task_definition.appTask", "sst", "sst/sst.config.ts"},
  };
  for (const Case& c : cases) {
    const json* found = nullptr;
    for (const json& r : report["resources"]) {
      if (r["address"] == c.address && r["format"] == c.format) found = &r;
    }
    ASSERT_NE(found, nullptr) << c.format;
    EXPECT_EQ((*found)["file"], c.file);
    json defs = json::parse((*found)["attributes"]["container_definitions"].get<std::string>());
    bool seen = false;
    for (const json& e : defs[0]["environment"]) {
      seen = seen || (e["name"] == "DB_PASSWORD" && e["value"] == "hunter2");
    }
    EXPECT_TRUE(seen) << c.format;
  }
}

TEST(Formats, SstSyntaxErrorsAndForeignConfigs) {
  TempTree t;
  t.Write("broken/sst.config.ts",
          "export default $config({\n  app(input) {\n    return {\n  },\n});\n");
  t.Write("other/sst.config.ts", "export const x = 1;\n");
  RunResult r = RunInfracheck({"--format", "json", "."}, t.path());
  EXPECT_EQ(r.exit_code, 2);
  json report = json::parse(r.out);
  ASSERT_EQ(report["errors"].size(), 2u) << r.out;
  EXPECT_EQ(report["errors"][0]["file"], "broken/sst.config.ts");
  EXPECT_GE(report["errors"][0]["line"], 1);
  EXPECT_EQ(report["errors"][1]["file"], "other/sst.config.ts");
  EXPECT_NE(report["errors"][1]["message"].get<std::string>().find("$config"), std::string::npos);
}

TEST(Formats, NamedSstConfigReportsOnlyItself) {
  TempTree t;
  t.Write("app/sst.config.ts", R"(export default $config({
  app(input) { return { name: "a", removal: "remove", protect: true }; },
  async run() {},
});
)");
  t.Write("app/main.tf", R"(provider "aws" {}
resource "aws_db_instance" "d" {
  publicly_accessible = true
}
)");
  RunResult r = RunInfracheck({"--format", "json", "app/sst.config.ts"}, t.path());
  json report = json::parse(r.out);
  ASSERT_EQ(report["findings"].size(), 1u) << r.out;
  EXPECT_EQ(report["findings"][0]["rule"], "sst-prod-retain");
  EXPECT_EQ(report["findings"][0]["location"]["file"], "app/sst.config.ts");
  EXPECT_EQ(report["findings"][0]["location"]["line"], 2);
}

TEST(Formats, SstModuleImportsWithACycle) {
  TempTree t;
  t.Write("sst.config.ts", R"(export default $config({
  app(input) { return { name: "cycle" }; },
  async run() {
    const a = await import("./infra/a");
    await import("./infra/missing");
  },
});
)");
  t.Write("infra/a.ts",
          "import { suffix } from \"./b\";\nexport const bucket = new sst.aws.Bucket(\"Files\" + "
          "suffix);\n");
  t.Write("infra/b.ts",
          "import { bucket } from \"./a\";\nexport const suffix = \"B\";\nexport const again = "
          "bucket;\n");
  json report = Inspect(t.path());
  // A computed name gives way to the variable: addresses stay the same in every stage.
  const json* bucket = Find(report, "aws_s3_bucket.bucketBucket", "production");
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ((*bucket)["file"], "infra/a.ts");
  EXPECT_EQ((*bucket)["line"], 2);
  EXPECT_TRUE(report["errors"].empty());
}

TEST(Formats, SstAppAndEnvironments) {
  fs::path dir = fs::path(INFRACHECK_SOURCE_DIR) / "fixtures" / "examples" / "sst-nestjs";
  json report = Inspect(dir);
  const json* prod = Find(report, "sst_app.nestjs-app", "production");
  const json* personal = Find(report, "sst_app.nestjs-app", "default");
  ASSERT_TRUE(prod && personal);
  EXPECT_EQ((*prod)["mode"], "config");
  EXPECT_EQ((*prod)["attributes"]["removal"], "retain");
  EXPECT_EQ((*prod)["attributes"]["protect"], true);
  EXPECT_EQ((*personal)["attributes"]["removal"], "remove");
  EXPECT_EQ((*personal)["attributes"]["protect"], false);
  const json* listener = Find(report, "aws_lb_listener.ServiceListenerHTTP80", "production");
  ASSERT_NE(listener, nullptr);
  EXPECT_EQ((*listener)["format"], "sst");
  EXPECT_EQ((*listener)["line"], 29);
  EXPECT_EQ((*listener)["attributes"]["protocol"], "HTTP");
  EXPECT_EQ((*listener)["attributes"]["default_action"][0]["type"], "forward");
  json only_prod = Inspect(dir, {"--env", "production"});
  for (const json& r : only_prod["resources"]) EXPECT_EQ(r["environment"], "production");
}

}  // namespace
}  // namespace infracheck::testing
