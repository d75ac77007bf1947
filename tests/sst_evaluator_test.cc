// The SST config evaluator: stages, the TypeScript it understands, and
// unknowns for everything else.
#include <gtest/gtest.h>

#include <map>

#include "checker/sst/evaluator.h"
#include "checker/sst/translate.h"
#include "parsers/typescript/syntax.h"

namespace infracheck::sst {
namespace {

struct Evaluated {
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<typescript::File> file;
  Evaluation ev;
};

Evaluated EvalConfig(const std::string& text, bool personal) {
  Evaluated e;
  e.source = std::make_unique<SourceFile>("sst.config.ts", "", text);
  e.file = typescript::ParseFile(*e.source);
  EXPECT_FALSE(e.file->error) << e.file->error->message << " at line " << e.file->error->line;
  Stage stage;
  stage.personal = personal;
  if (!personal) stage.name = "production";
  e.ev = Evaluate(*e.file, stage);
  return e;
}

std::string Show(const Value* v) {
  if (!v) return "<absent>";
  if (v->is_unknown()) return "<unknown>";
  if (v->is_null()) return "null";
  if (auto s = StringOf(v)) return *s;
  return "<" + std::string(v->TypeName()) + ">";
}

const Resource* FindResource(const std::vector<Resource>& resources, std::string_view address) {
  for (const Resource& r : resources) {
    if (r.address == address) return &r;
  }
  return nullptr;
}

/// The attribute at `path` of the resource at `address`, as Show() writes it.
std::string AttributeOf(const std::vector<Resource>& resources, std::string_view address,
                        std::string_view path) {
  const Resource* r = FindResource(resources, address);
  return r ? Show(r->Get(path)) : "<no resource>";
}

/// The document a JSON attribute of the resource at `address` holds (its
/// structure), or null where it has none.
const Value* DocumentOf(const std::vector<Resource>& resources, std::string_view address,
                        std::string_view attribute) {
  const Resource* r = FindResource(resources, address);
  const Value* v = r ? r->Get(attribute) : nullptr;
  return v ? v->structured() : nullptr;
}

std::string AppField(const Evaluated& e, std::string_view key) {
  return Show(e.ev.app.result.Get(key));
}

// Modules an evaluation imports, parsed from text and kept alive with it;
// paths under /p/ are shown relative to it.
class Modules {
 public:
  explicit Modules(const std::map<std::string, std::string>& texts) {
    for (const auto& [path, text] : texts) {
      sources_.push_back(std::make_unique<SourceFile>(path.substr(3), path, text));
      files_[path] = typescript::ParseFile(*sources_.back());
    }
  }
  const typescript::File* Get(const std::string& path) const {
    auto it = files_.find(path);
    return it == files_.end() ? nullptr : it->second.get();
  }
  ModuleLoader Loader() const {
    return [this](const std::filesystem::path& p) { return Get(p.string()); };
  }

 private:
  std::vector<std::unique_ptr<SourceFile>> sources_;
  std::map<std::string, std::unique_ptr<typescript::File>> files_;
};

constexpr const char* kStages = R"(
export default $config({
  app(input) {
    return {
      name: "shop",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: ["production"].includes(input?.stage),
      dev: input.stage === "dev",
      notProd: input.stage !== "production",
      home: "aws",
    };
  },
  async run() {},
});
)";

TEST(SstEvaluator, StageConditionalsPerStage) {
  Evaluated prod = EvalConfig(kStages, false);
  ASSERT_TRUE(prod.ev.has_config);
  ASSERT_TRUE(prod.ev.app.found);
  EXPECT_EQ(AppField(prod, "removal"), "retain");
  EXPECT_EQ(AppField(prod, "protect"), "true");
  EXPECT_EQ(AppField(prod, "dev"), "false");
  EXPECT_EQ(AppField(prod, "notProd"), "false");
  Evaluated personal = EvalConfig(kStages, true);
  EXPECT_EQ(AppField(personal, "removal"), "remove");
  EXPECT_EQ(AppField(personal, "protect"), "false");
  // The personal stage's name is unknown: it may or may not be "dev".
  EXPECT_EQ(AppField(personal, "dev"), "<unknown>");
  EXPECT_EQ(AppField(personal, "notProd"), "true");
  EXPECT_EQ(AppField(personal, "home"), "aws");
}

TEST(SstEvaluator, ValuesKeepTheirSpans) {
  Evaluated prod = EvalConfig(kStages, false);
  const Field* removal = prod.ev.app.result.GetField("removal");
  ASSERT_NE(removal, nullptr);
  EXPECT_EQ(removal->key_span.text(), "removal");
  EXPECT_EQ(removal->value.origin().text(), "\"retain\"");
}

TEST(SstEvaluator, OptionalChainingAndUndefined) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) {
    const missing = input?.missing?.deep;
    return {
      a: missing ?? "fallback",
      b: input.missing.deep,
      c: input?.stage?.length,
      d: undefined ?? null ?? "last",
      e: input.nothing || "or",
      f: input.stage && "and",
    };
  },
  async run() {},
});
)",
                           false);
  EXPECT_EQ(AppField(e, "a"), "fallback");
  EXPECT_EQ(AppField(e, "b"), "<unknown>");  // would throw at run time
  EXPECT_EQ(AppField(e, "c"), "10");
  EXPECT_EQ(AppField(e, "d"), "last");
  EXPECT_EQ(AppField(e, "e"), "or");
  EXPECT_EQ(AppField(e, "f"), "and");
}

TEST(SstEvaluator, TemplatesIncludesAndUnknowns) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) {
    const region = process.env.AWS_REGION;
    const stages = ["production", "staging"];
    return {
      known: `${input.stage}.example.com`,
      unknown: `${region}.example.com`,
      env: process.env.REMOVAL,
      includes: stages.includes(input.stage),
      includesUnknown: stages.includes(region),
      sum: 1 + 2 * 3,
      concat: "a" + 1,
      starts: input.stage.startsWith("prod"),
      call: someFunction(input.stage),
      spread: { ...{ x: 1 }, y: 2 },
      computed: { [region]: 1 },
      not: !input.stage,
    };
  },
  async run() {},
});
)",
                           false);
  EXPECT_EQ(AppField(e, "known"), "production.example.com");
  EXPECT_EQ(AppField(e, "unknown"), "<unknown>");
  EXPECT_EQ(AppField(e, "env"), "<unknown>");
  EXPECT_EQ(AppField(e, "includes"), "true");
  EXPECT_EQ(AppField(e, "includesUnknown"), "<unknown>");
  EXPECT_EQ(AppField(e, "sum"), "7");
  EXPECT_EQ(AppField(e, "concat"), "a1");
  EXPECT_EQ(AppField(e, "starts"), "true");
  EXPECT_EQ(AppField(e, "call"), "<unknown>");
  EXPECT_EQ(Show(e.ev.app.result.Get("spread")->Get("x")), "1");
  EXPECT_EQ(AppField(e, "computed"), "<unknown>");
  EXPECT_EQ(AppField(e, "not"), "false");
}

TEST(SstEvaluator, IfStatementsReturnsAndAssignments) {
  constexpr const char* kConfig = R"(
export default $config({
  app(input) {
    let removal = "remove";
    if (input.stage === "production") {
      removal = "retain";
    } else if (input.stage === "staging") {
      return { removal: "retain-all" };
    }
    return { removal };
  },
  async run() {},
});
)";
  EXPECT_EQ(AppField(EvalConfig(kConfig, false), "removal"), "retain");
  // Undecided (the personal stage might be "staging"): the result is unknown.
  Evaluated personal = EvalConfig(kConfig, true);
  EXPECT_TRUE(personal.ev.app.result.is_unknown());
}

TEST(SstEvaluator, ComponentsAndTheirArguments) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) {
    return { name: "shop", home: "aws" };
  },
  async run() {
    const vpc = new sst.aws.Vpc(process.env.AWS_VPC, { az: 3 });
    const cluster = new sst.aws.Cluster("Main", { vpc });
    new sst.aws.Service(process.env.AWS_SERVICE, { cluster, image: `${$app.name}:latest` });
    if ($app.stage === "dev") {
      new sst.aws.Bucket("DevOnly");
    }
  },
});
)",
                           true);
  ASSERT_EQ(e.ev.components.size(), 4u);
  EXPECT_EQ(e.ev.components[0].type, "sst.aws.Vpc");
  EXPECT_EQ(e.ev.components[0].name, "vpc");  // unknown name: the variable's
  EXPECT_EQ(e.ev.components[1].name, "Main");
  EXPECT_EQ(e.ev.components[2].name, "Service");  // nor a variable: the type's
  EXPECT_EQ(Show(e.ev.components[2].args.Get("image")), "shop:latest");
  // Passing a component: the cluster argument is the Cluster instance.
  const Component* cluster = ComponentOf(*e.ev.components[2].args.Get("cluster"), e.ev.components);
  ASSERT_NE(cluster, nullptr);
  EXPECT_EQ(cluster->name, "Main");
  // Created under a condition the personal stage cannot decide.
  EXPECT_TRUE(e.ev.components[3].conditional);
  EXPECT_FALSE(e.ev.components[0].conditional);
  EXPECT_EQ(
      e.ev.components[2].header.text(),
      "new sst.aws.Service(process.env.AWS_SERVICE, { cluster, image: `${$app.name}:latest` })");

  std::vector<Resource> resources = Translate(e.ev, *e.source);
  auto count = [&](std::string_view kind) {
    return std::count_if(resources.begin(), resources.end(),
                         [&](const Resource& r) { return r.kind == kind; });
  };
  EXPECT_EQ(count("aws_subnet"), 6);  // az: 3, public and private
  EXPECT_EQ(count("sst_app"), 1);
  EXPECT_EQ(count("aws_ecs_service"), 1);
  EXPECT_EQ(count("aws_lb"), 0);  // no loadBalancer
}

TEST(SstEvaluator, LoadBalancerListenersAsTerraformWouldHaveThem) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "web" }; },
  async run() {
    const vpc = new sst.aws.Vpc("Net");
    const cluster = new sst.aws.Cluster("C", { vpc });
    new sst.aws.Service("Web", {
      cluster,
      loadBalancer: {
        domain: "example.com",
        ports: [
          { listen: "80/http", redirect: "443/https" },
          { listen: "443/https", forward: "3000/http" },
        ],
      },
    });
  },
});
)",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  auto find = [&](std::string_view address) { return FindResource(resources, address); };
  const Resource* http = find("aws_lb_listener.WebListenerHTTP80");
  const Resource* https = find("aws_lb_listener.WebListenerHTTPS443");
  const Resource* lb = find("aws_lb.WebLoadBalancer");
  ASSERT_TRUE(http && https && lb);
  EXPECT_EQ(Show(lb->Get("internal")), "false");
  EXPECT_EQ(Show(lb->Get("load_balancer_type")), "application");
  EXPECT_EQ(Show(http->Get("protocol")), "HTTP");
  EXPECT_EQ(Show(http->Get("port")), "80");
  EXPECT_EQ(Show(http->Get("default_action.type")), "redirect");
  EXPECT_EQ(Show(http->Get("default_action.redirect.protocol")), "HTTPS");
  EXPECT_EQ(Show(https->Get("protocol")), "HTTPS");
  EXPECT_EQ(Show(https->Get("default_action.type")), "forward");
  EXPECT_EQ(https->Get("ssl_policy"), nullptr);  // SST sets none
  EXPECT_TRUE(https->Get("certificate_arn")->is_unknown());
  // The listener refers to its load balancer as Terraform's would.
  const Value* arn = http->Get("load_balancer_arn");
  ASSERT_EQ(arn->refs().size(), 1u);
  EXPECT_EQ(arn->refs()[0].address, "aws_lb.WebLoadBalancer");
  // Located at the port entry, the protocol at `listen`.
  EXPECT_EQ(http->header.text(), "{ listen: \"80/http\", redirect: \"443/https\" }");
  EXPECT_EQ(https->attributes.GetField("protocol")->key_span.text(), "listen");
}

TEST(SstEvaluator, ClusterAddService) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "v1" }; },
  async run() {
    const vpc = new sst.aws.Vpc("Net");
    const cluster = new sst.aws.Cluster("Main", { vpc });
    cluster.addService("Api", { public: { ports: [{ listen: "80/http" }] } });
  },
});
)",
                           false);
  ASSERT_EQ(e.ev.components.size(), 3u);
  EXPECT_EQ(e.ev.components[2].type, "sst.aws.Service");
  EXPECT_EQ(e.ev.components[2].name, "Api");
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  bool listener = false, service_in_cluster = false;
  for (const Resource& r : resources) {
    listener = listener || r.address == "aws_lb_listener.ApiListenerHTTP80";
    if (r.address == "aws_ecs_service.ApiService") {
      const Value* cluster = r.Get("cluster");
      service_in_cluster = cluster && !cluster->refs().empty() &&
                           cluster->refs()[0].address == "aws_ecs_cluster.MainCluster";
    }
  }
  EXPECT_TRUE(listener);
  EXPECT_TRUE(service_in_cluster);
}

TEST(SstEvaluator, DataComponentsWithSstDefaults) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "data" }; },
  async run() {
    const vpc = new sst.aws.Vpc("Net", { nat: "managed" });
    new sst.aws.Postgres("Db", { vpc, password: "hunter22" });
    new sst.aws.Redis("Cache", { vpc });
    new sst.aws.Bucket("Public", { access: "public" });
    new sst.aws.Bucket("Private");
    new sst.aws.Aurora("Ledger", { engine: "postgres", vpc });
    new sst.aws.Aurora("Reports", { engine: "mysql", vpc, replicas: 2, dataApi: true });
    new sst.aws.Aurora("Audit", { engine: "postgres", vpc, replicas: process.env.READERS });
  },
});
)",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  auto get = [&](std::string_view address, std::string_view path) {
    return AttributeOf(resources, address, path);
  };
  EXPECT_EQ(get("aws_db_instance.DbInstance", "storage_encrypted"), "true");
  EXPECT_EQ(get("aws_db_instance.DbInstance", "skip_final_snapshot"), "true");
  EXPECT_EQ(get("aws_db_instance.DbInstance", "backup_retention_period"), "7");
  EXPECT_EQ(get("aws_db_instance.DbInstance", "multi_az"), "<absent>");
  EXPECT_EQ(get("aws_db_instance.DbInstance", "password"), "hunter22");
  EXPECT_EQ(get("aws_db_instance.DbInstance", "instance_class"), "db.t4g.micro");
  for (const Resource& r : resources) {
    if (r.address != "aws_db_parameter_group.DbParameterGroup") continue;
    const Value* params = r.Get("parameter");
    ASSERT_TRUE(params && params->is_list() && params->items().size() == 2);
    EXPECT_EQ(Show(params->items()[0].Get("name")), "rds.force_ssl");
    EXPECT_EQ(Show(params->items()[0].Get("value")), "0");
  }
  EXPECT_EQ(get("aws_elasticache_replication_group.CacheCluster", "at_rest_encryption_enabled"),
            "true");
  EXPECT_EQ(get("aws_elasticache_replication_group.CacheCluster", "transit_encryption_enabled"),
            "true");
  EXPECT_EQ(get("aws_elasticache_replication_group.CacheCluster", "auth_token"), "<unknown>");
  EXPECT_EQ(get("aws_s3_bucket_public_access_block.PublicPublicAccessBlock", "block_public_policy"),
            "false");
  EXPECT_EQ(
      get("aws_s3_bucket_public_access_block.PrivatePublicAccessBlock", "block_public_policy"),
      "true");
  EXPECT_EQ(get("aws_s3_bucket_versioning.PrivateVersioning", "bucket"), "<no resource>");
  EXPECT_EQ(get("aws_nat_gateway.NetNatGateway2", "subnet_id"), "<unknown>");
  EXPECT_EQ(get("aws_route_table.NetPrivateRouteTable1", "route.cidr_block"), "0.0.0.0/0");
  EXPECT_EQ(get("aws_subnet.NetPublicSubnet2", "cidr_block"), "10.0.8.0/22");
  EXPECT_EQ(get("aws_subnet.NetPrivateSubnet2", "cidr_block"), "10.0.12.0/22");
  // Aurora (aurora.ts createCluster, createInstances): encrypted, the Data
  // API only with dataApi, and `replicas` readers beside the writer.
  EXPECT_EQ(get("aws_rds_cluster.LedgerCluster", "storage_encrypted"), "true");
  EXPECT_EQ(get("aws_rds_cluster.LedgerCluster", "enable_http_endpoint"), "false");
  EXPECT_EQ(get("aws_rds_cluster.ReportsCluster", "enable_http_endpoint"), "true");
  EXPECT_EQ(get("aws_rds_cluster_instance.LedgerInstance", "instance_class"), "db.serverless");
  EXPECT_EQ(get("aws_rds_cluster_instance.LedgerReplica0", "instance_class"), "<no resource>");
  EXPECT_EQ(get("aws_rds_cluster_instance.ReportsReplica1", "instance_class"), "db.serverless");
  EXPECT_EQ(get("aws_rds_cluster_instance.ReportsReplica2", "instance_class"), "<no resource>");
  for (const Resource& r : resources) {
    if (r.address.starts_with("aws_rds_cluster_instance.")) {
      EXPECT_EQ(r.unknown_count, r.address == "aws_rds_cluster_instance.AuditReplica0")
          << r.address;
    }
  }
}

// Function (function.ts): the Lambda function, its role, log group and URL,
// with SST's defaults; what differs between SST versions stays unknown.
TEST(SstEvaluator, FunctionsAsSstCreatesThem) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "fn" }; },
  async run() {
    const vpc = new sst.aws.Vpc("Net", { nat: "managed" });
    new sst.aws.Function("Api", {
      handler: "src/api.handler",
      name: "fn-api",
      url: true,
      vpc,
      memory: "512 MB",
      timeout: "2 minutes",
      architecture: "arm64",
      environment: { STAGE: "prod", SST_KEY_FILE: "mine" },
      logging: { retention: "2 weeks", format: "json" },
      permissions: [{ actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:*:*:q"] }],
      transform: { function: { reservedConcurrentExecutions: 5 } },
    });
    new sst.aws.Function("Iam", { handler: "a.h", url: { authorization: "iam" }, memory: "2 GB" });
    new sst.aws.Function("Off", { handler: "a.h", logging: false, role: "arn:aws:iam::1:role/r", url: false });
    new sst.aws.Function("Own", { handler: "a.h", logging: { logGroup: "/shared" }, url: process.env.URL });
    new sst.aws.Function("Odd", { handler: "a.h", memory: "lots", logging: process.env.LOGS, environment: process.env.ENV });
  },
});
)",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  auto get = [&](std::string_view address, std::string_view path) {
    return AttributeOf(resources, address, path);
  };
  const char* api = "aws_lambda_function.ApiFunction";
  EXPECT_EQ(get(api, "function_name"), "fn-api");
  EXPECT_EQ(get(api, "memory_size"), "512");
  EXPECT_EQ(get(api, "timeout"), "120");
  const Value* arch = FindResource(resources, api)->Get("architectures");
  ASSERT_TRUE(arch && arch->is_list() && arch->items().size() == 1);
  EXPECT_EQ(Show(&arch->items()[0]), "arm64");
  EXPECT_EQ(get(api, "runtime"), "<unknown>");  // nodejs20.x or later, by SST version
  EXPECT_EQ(get(api, "role"), "<unknown>");
  EXPECT_EQ(get(api, "environment.variables.STAGE"), "prod");
  EXPECT_EQ(get(api, "environment.variables.SST_KEY_FILE"), "resource.enc");  // SST's own win
  EXPECT_EQ(get(api, "logging_config.log_format"), "JSON");
  EXPECT_EQ(get(api, "logging_config.log_group"), "/aws/lambda/fn-api");
  // The Vpc's private subnets and its security group, as references.
  const Value* subnets = FindResource(resources, api)->Get("vpc_config.subnet_ids");
  ASSERT_TRUE(subnets && subnets->is_list() && subnets->items().size() == 2);
  ASSERT_EQ(subnets->items()[0].refs().size(), 1U);
  EXPECT_EQ(subnets->items()[0].refs()[0].address, "aws_subnet.NetPrivateSubnet1");
  const Value* groups = FindResource(resources, api)->Get("vpc_config.security_group_ids");
  ASSERT_TRUE(groups && groups->is_list() && groups->items().size() == 1);
  ASSERT_EQ(groups->items()[0].refs().size(), 1U);
  EXPECT_EQ(groups->items()[0].refs()[0].address, "aws_default_security_group.NetSecurityGroup");
  EXPECT_EQ(get(api, "reserved_concurrent_executions"), "5");
  EXPECT_EQ(get("aws_cloudwatch_log_group.ApiLogGroup", "retention_in_days"), "14");
  EXPECT_EQ(get("aws_cloudwatch_log_group.ApiLogGroup", "name"), "/aws/lambda/fn-api");
  EXPECT_EQ(get("aws_lambda_function_url.ApiUrl", "authorization_type"), "NONE");
  const Value* policy = DocumentOf(resources, "aws_iam_role.ApiRole", "assume_role_policy");
  ASSERT_NE(policy, nullptr);
  EXPECT_EQ(Show(policy->Get("Statement")->items()[0].Get("Principal")->Get("Service")),
            "lambda.amazonaws.com");
  const Value* managed =
      FindResource(resources, "aws_iam_role.ApiRole")->Get("managed_policy_arns");
  ASSERT_TRUE(managed && managed->is_list());
  ASSERT_EQ(managed->items().size(), 2U);  // basic execution, and VPC access
  EXPECT_EQ(Show(&managed->items()[1]),
            "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole");
  EXPECT_EQ(get("aws_iam_role.ApiRole", "inline_policy.name"), "inline");

  EXPECT_EQ(get("aws_lambda_function.IamFunction", "memory_size"), "2048");
  EXPECT_EQ(get("aws_lambda_function.IamFunction", "timeout"), "20");
  EXPECT_EQ(get("aws_cloudwatch_log_group.IamLogGroup", "retention_in_days"), "<unknown>");
  EXPECT_EQ(get("aws_lambda_function_url.IamUrl", "authorization_type"), "AWS_IAM");
  EXPECT_EQ(get("aws_iam_role.IamRole", "inline_policy"), "<absent>");  // no statements

  // logging: false, a role of one's own, url: false: none of them created.
  EXPECT_EQ(get("aws_cloudwatch_log_group.OffLogGroup", "name"), "<no resource>");
  EXPECT_EQ(get("aws_iam_role.OffRole", "name"), "<no resource>");
  EXPECT_EQ(get("aws_lambda_function_url.OffUrl", "function_name"), "<no resource>");
  EXPECT_EQ(get("aws_lambda_function.OffFunction", "role"), "arn:aws:iam::1:role/r");
  EXPECT_EQ(get("aws_lambda_function.OffFunction", "logging_config"), "<absent>");
  EXPECT_EQ(get("aws_lambda_function.OwnFunction", "logging_config.log_group"), "/shared");
  EXPECT_EQ(get("aws_cloudwatch_log_group.OwnLogGroup", "name"), "<no resource>");

  // What we cannot read is unknown, and a resource that may not exist says so.
  EXPECT_EQ(get("aws_lambda_function.OddFunction", "memory_size"), "<unknown>");
  EXPECT_EQ(get("aws_lambda_function.OddFunction", "environment.variables"), "<unknown>");
  EXPECT_EQ(get("aws_lambda_function.OddFunction", "logging_config"), "<unknown>");
  for (const Resource& r : resources) {
    bool maybe = r.address == "aws_lambda_function_url.OwnUrl" ||
                 r.address == "aws_cloudwatch_log_group.OddLogGroup";
    EXPECT_EQ(r.unknown_count, maybe) << r.address;
  }
}

// Cron (cron.ts): its job is a Function named `${name}Handler` (from a
// handler or FunctionArgs; an ARN names one that exists), run by an
// EventBridge rule and target.
TEST(SstEvaluator, CronJobsAreFunctions) {
  Evaluated e = EvalConfig(R"js(
export default $config({
  app(input) { return { name: "cron" }; },
  async run() {
    new sst.aws.Cron("Nightly", {
      schedule: "rate(1 day)",
      job: { handler: "src/n.handler", timeout: "5 minutes", logging: { retention: "1 week" } },
      transform: { rule: { state: "DISABLED" } },
    });
    new sst.aws.Cron("Hourly", { schedule: "rate(1 hour)", function: "src/h.handler" });
    new sst.aws.Cron("Ext", { schedule: "rate(1 hour)", job: "arn:aws:lambda:us-east-1:1:function:x" });
    new sst.aws.Cron("Own", {
      schedule: "rate(1 hour)",
      job: { handler: "a.h", logging: { retention: "forever" }, transform: { logGroup: { retentionInDays: 7 } } },
    });
  },
});
)js",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  auto get = [&](std::string_view address, std::string_view path) {
    return AttributeOf(resources, address, path);
  };
  EXPECT_EQ(get("aws_lambda_function.NightlyHandlerFunction", "timeout"), "300");
  EXPECT_EQ(get("aws_cloudwatch_log_group.NightlyHandlerLogGroup", "retention_in_days"), "7");
  EXPECT_EQ(get("aws_cloudwatch_event_rule.NightlyRule", "schedule_expression"), "rate(1 day)");
  EXPECT_EQ(get("aws_cloudwatch_event_rule.NightlyRule", "state"), "DISABLED");
  EXPECT_EQ(get("aws_lambda_function.HourlyHandlerFunction", "timeout"), "20");
  const Value* arn =
      FindResource(resources, "aws_cloudwatch_event_target.HourlyTarget")->Get("arn");
  ASSERT_TRUE(arn && arn->is_unknown() && arn->refs().size() == 1);
  EXPECT_EQ(arn->refs()[0].address, "aws_lambda_function.HourlyHandlerFunction");
  EXPECT_EQ(arn->refs()[0].attribute, "arn");
  EXPECT_EQ(get("aws_lambda_function.ExtHandlerFunction", "timeout"), "<no resource>");
  EXPECT_EQ(get("aws_cloudwatch_event_target.ExtTarget", "arn"),
            "arn:aws:lambda:us-east-1:1:function:x");
  // A transform inside the job's arguments is not followed: unknown.
  EXPECT_EQ(get("aws_cloudwatch_log_group.OwnHandlerLogGroup", "retention_in_days"), "<unknown>");
}

// `{ ...unknown, KEY: value }`: the keys after the spread are certain, those
// before it may be replaced by it, and any other may be set by it. A
// translator takes an argument the spread may hold as unknown, never as
// absent (no SST default applies).
TEST(SstEvaluator, SpreadArgumentsKeepWhatFollowsThem) {
  Evaluated e = EvalConfig(R"js(
export default $config({
  app(input) { return { ...process.env.APP_DEFAULTS, name: "spread" }; },
  async run() {
    const common = { STAGE: "prod" };
    new sst.aws.Function("Api", {
      handler: "src/api.handler",
      environment: { EARLY: "gone", ...process.env.EXTRA, ...common, STRIPE_SECRET_KEY: "sk_live_abc" },
    });
    new sst.aws.Function("Plain", { handler: "a.h", environment: { ...common } });
    new sst.aws.Postgres("Db", { ...process.env.DB_ARGS, username: "admin" });
    new sst.aws.Service("Web", {
      cluster: new sst.aws.Cluster("Main", { vpc: new sst.aws.Vpc("Net") }),
      environment: { ...process.env.WEB, API_KEY: "literal-key" },
    });
  },
});
)js",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  auto get = [&](std::string_view address, std::string_view path) {
    return AttributeOf(resources, address, path);
  };
  const char* api = "aws_lambda_function.ApiFunction";
  EXPECT_EQ(get(api, "environment.variables.STRIPE_SECRET_KEY"), "sk_live_abc");
  EXPECT_EQ(get(api, "environment.variables.STAGE"), "prod");
  EXPECT_EQ(get(api, "environment.variables.EARLY"), "<unknown>");  // the spread may replace it
  EXPECT_EQ(get(api, "environment.variables.OTHER"), "<unknown>");
  EXPECT_EQ(get(api, "environment.variables.SST_KEY_FILE"), "resource.enc");
  // A spread of a known object is plain: its keys and no others.
  EXPECT_EQ(get("aws_lambda_function.PlainFunction", "environment.variables.STAGE"), "prod");
  EXPECT_EQ(get("aws_lambda_function.PlainFunction", "environment.variables.OTHER"), "<absent>");
  // Postgres: `instance` may be in the spread, so the instance class is not
  // SST's default; `username` follows it.
  EXPECT_EQ(get("aws_db_instance.DbInstance", "instance_class"), "<unknown>");
  EXPECT_EQ(get("aws_db_instance.DbInstance", "username"), "admin");
  // A task's environment: the entries we can read, and an unknown one.
  const Value* env = Lookup(FindResource(resources, "aws_ecs_task_definition.WebTask")
                                ->Get("container_definitions")
                                ->structured()
                                ->items()[0],
                            "environment");
  ASSERT_TRUE(env && env->is_list() && env->items().size() == 2);
  EXPECT_EQ(Show(Lookup(env->items()[0], "value")), "literal-key");
  EXPECT_TRUE(env->items()[1].is_unknown());
  // The app's result: `name` follows the spread; `removal` may be in it, so
  // SST's default ("retain") does not apply.
  EXPECT_EQ(get("sst_app.spread", "removal"), "<unknown>");
}

// A component that makes no resource here keeps its arguments, as written,
// in an sst_component configuration object; one that makes resources does not.
TEST(SstEvaluator, UntranslatedComponentsKeepTheirArguments) {
  Evaluated e = EvalConfig(R"js(
export default $config({
  app(input) { return { name: "web" }; },
  async run() {
    new sst.aws.Nextjs("Web", { environment: { API_URL: "https://api.example.com" } });
    new sst.Secret("Key");
    new sst.aws.Bucket("Files");
    new aws.rds.Instance("Raw", { ...process.env.DB });
  },
});
)js",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  std::vector<std::string> components;
  for (const Resource& r : resources) {
    if (r.kind != "sst_component") continue;
    EXPECT_EQ(r.mode, ResourceMode::kConfig);
    components.push_back(r.address);
  }
  // The Pulumi instance whose arguments we cannot read is an instance all the
  // same, every argument unknown (SpreadArgumentsKeepWhatFollowsThem).
  EXPECT_EQ(components, (std::vector<std::string>{"sst_component.Web", "sst_component.Key"}));
  EXPECT_EQ(AttributeOf(resources, "aws_db_instance.Raw", "publicly_accessible"), "<unknown>");
  EXPECT_EQ(AttributeOf(resources, "sst_component.Web", "type"), "sst.aws.Nextjs");
  EXPECT_EQ(AttributeOf(resources, "sst_component.Web", "args.environment.API_URL"),
            "https://api.example.com");
  EXPECT_EQ(AttributeOf(resources, "sst_component.Key", "args"), "null");
}

// A method we do not follow, called on a component, keeps its arguments
// (Component::call), named after the component and the method; its result
// stays unknown and names no component.
TEST(SstEvaluator, CallsOnComponentsKeepTheirArguments) {
  Evaluated e = EvalConfig(R"js(
export default $config({
  app(input) { return { name: "web" }; },
  async run() {
    const api = new sst.aws.ApiGatewayV2("Api");
    api.route("GET /", "src/get.handler");
    const r = api.route("POST /", { handler: "src/post.handler", environment: { MODE: "x" } });
    new sst.aws.Function("ApiRoute", { handler: "a.h" });
    return { route: r };
  },
});
)js",
                           false);
  ASSERT_EQ(e.ev.components.size(), 4U);
  EXPECT_TRUE(e.ev.components[1].call);
  EXPECT_EQ(e.ev.components[1].type, "sst.aws.ApiGatewayV2.route");
  EXPECT_EQ(e.ev.components[1].name, "ApiRoute");
  EXPECT_EQ(e.ev.components[2].name, "ApiRoute2");
  // A component's name is not taken by a call's.
  EXPECT_EQ(e.ev.components[3].name, "ApiRoute");
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  const Resource* post = FindResource(resources, "sst_component.ApiRoute2");
  ASSERT_NE(post, nullptr);
  const Value* args = post->Get("args");
  ASSERT_TRUE(args && args->is_list() && args->items().size() == 2);
  EXPECT_EQ(Show(&args->items()[0]), "POST /");
  EXPECT_EQ(Show(args->items()[1].Get("environment")->Get("MODE")), "x");
  // The function named like the first call keeps its own resources.
  EXPECT_NE(FindResource(resources, "aws_lambda_function.ApiRouteFunction"), nullptr);
}

// Components and recorded calls together stop at the limit, which is said once.
TEST(SstEvaluator, ComponentsStopAtTheLimit) {
  Evaluated e = EvalConfig(R"js(
export default $config({
  app(input) { return { name: "web" }; },
  async run() {
    const api = new sst.aws.ApiGatewayV2("Api");
    const d = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    for (const a of d) for (const b of d) for (const c of [...d, ...d, 0]) api.route("GET /", "h.h");
    new sst.aws.Bucket("Late");
  },
});
)js",
                           false);
  EXPECT_EQ(e.ev.components.size(), 2000U);
  ASSERT_EQ(e.ev.diagnostics.size(), 1U);
  EXPECT_EQ(e.ev.diagnostics[0].message, "more than 2000 components; the rest are not checked");
  EXPECT_EQ(e.ev.components.back().name, "ApiRoute1999");
}

TEST(SstEvaluator, PulumiResourcesAsTerraformHasThem) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "raw" }; },
  async run() {
    const web = new aws.ec2.SecurityGroup("Web", {
      vpcId: "vpc-1",
      ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp", ipv6CidrBlocks: ["::/0"] }],
      tags: { CostCenter: "web", "team:owner": "platform" },
    });
    new aws.vpc.SecurityGroupIngressRule("App", {
      securityGroupId: "sg-app", referencedSecurityGroupId: web.id, ipProtocol: "tcp",
    });
    new aws.ecr.Repository("Api", { imageScanningConfiguration: { scanOnPush: true } });
    new aws.ecr.Repository("Bare");
    new aws.lb.Listener("Http", {
      defaultActions: [{ type: "forward", forward: { targetGroups: [{ arn: "tg" }] } }],
    });
    new aws.iam.Role("Task", {
      assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
      inlinePolicies: [{ name: "s3", policy: { Statement: [{ Action: "s3:*" }] } }],
    });
    new aws.iam.Policy("Later", { policy: $jsonStringify({ Statement: [{ Resource: web.arn }] }) });
    new aws.rds.Instance("Spread", { ...process.env.ARGS });
    new aws.ec2.Instance("Bastion", { ami: "ami-1" });
    const JSON = { stringify: (v) => "x" };
    new aws.ssm.Parameter("Rebound", { value: JSON.stringify({ a: 1 }) });
  },
});
)",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  auto find = [&](std::string_view address) { return FindResource(resources, address); };
  auto get = [&](std::string_view address, std::string_view path) {
    return AttributeOf(resources, address, path);
  };
  // camelCase -> snake_case; repeating blocks stay lists (a path steps
  // through a list of one).
  EXPECT_EQ(get("aws_security_group.Web", "vpc_id"), "vpc-1");
  EXPECT_EQ(get("aws_security_group.Web", "ingress.from_port"), "443");
  EXPECT_EQ(get("aws_security_group.Web", "ingress.ipv6_cidr_blocks"), "<list>");
  EXPECT_EQ(Show(&find("aws_security_group.Web")->Get("ingress.ipv6_cidr_blocks")->items()[0]),
            "::/0");
  // Keys of a map are the user's.
  EXPECT_EQ(get("aws_security_group.Web", "tags.CostCenter"), "web");
  EXPECT_EQ(get("aws_security_group.Web", "tags.team:owner"), "platform");
  EXPECT_EQ(get("aws_security_group.Web", "tags.cost_center"), "<absent>");
  // A reference to a Pulumi resource is one to the Terraform resource.
  const Resource* app = find("aws_vpc_security_group_ingress_rule.App");
  ASSERT_NE(app, nullptr);
  const Value* referenced = app->Get("referenced_security_group_id");
  ASSERT_NE(referenced, nullptr);
  ASSERT_EQ(referenced->refs().size(), 1u);
  EXPECT_EQ(referenced->refs()[0].address, "aws_security_group.Web");
  EXPECT_EQ(referenced->refs()[0].attribute, "id");
  EXPECT_EQ(get("aws_vpc_security_group_ingress_rule.App", "ip_protocol"), "tcp");
  // A block of one: an object in Pulumi, a list of one in Terraform, also nested.
  EXPECT_EQ(get("aws_ecr_repository.Api", "image_scanning_configuration.scan_on_push"), "true");
  EXPECT_EQ(get("aws_lb_listener.Http", "default_action.forward.target_group.arn"), "tg");
  EXPECT_EQ(get("aws_ecr_repository.Api", "image_scanning_configuration"), "<list>");
  // No arguments are empty ones.
  EXPECT_EQ(get("aws_ecr_repository.Bare", "image_scanning_configuration"), "<absent>");
  EXPECT_EQ(get("aws_lb_listener.Http", "default_action.forward"), "<list>");
  // Documents: JSON.stringify and $jsonStringify keep the structure; an
  // object is encoded; a partly unknown one is unknown with its structure.
  const Value* assume = find("aws_iam_role.Task")->Get("assume_role_policy");
  ASSERT_TRUE(assume && assume->is_string() && assume->structured());
  EXPECT_EQ(Show(assume->structured()->Get("Version")), "2012-10-17");
  const Value* inline_policy = find("aws_iam_role.Task")->Get("inline_policy.policy");
  ASSERT_TRUE(inline_policy && inline_policy->is_string() && inline_policy->structured());
  EXPECT_EQ(Show(Lookup(*inline_policy->structured(), "Statement.Action")), "s3:*");
  EXPECT_EQ(get("aws_iam_role.Task", "inline_policy.name"), "s3");
  const Value* later = find("aws_iam_policy.Later")->Get("policy");
  ASSERT_TRUE(later && later->is_unknown() && later->structured());
  // JSON rebound is the config's own function, which is called: not a document.
  EXPECT_EQ(get("aws_ssm_parameter.Rebound", "value"), "x");
  EXPECT_EQ(find("aws_ssm_parameter.Rebound")->Get("value")->structured(), nullptr);
  // Spread arguments could set anything: every one unknown. An untranslated
  // type is nothing.
  ASSERT_NE(find("aws_db_instance.Spread"), nullptr);
  EXPECT_TRUE(find("aws_db_instance.Spread")->attributes.open());
  EXPECT_EQ(get("aws_db_instance.Spread", "storage_encrypted"), "<unknown>");
  for (const Resource& r : resources) EXPECT_NE(r.name, "Bastion") << r.address;
}

TEST(SstEvaluator, PulumiServicesBucketsAndNetworks) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "raw" }; },
  async run() {
    const task = new aws.ecs.TaskDefinition("Api", {
      family: "api",
      containerDefinitions: JSON.stringify([{ name: "api", user: "1000" }]),
      volumes: [{ name: "data", efsVolumeConfiguration: { fileSystemId: "fs-1",
                  authorizationConfig: { iam: "ENABLED" } } }],
    });
    new aws.ecs.TaskDefinition("Untyped", { family: "u", containerDefinitions: [{ name: "u" }] });
    new aws.ecs.Service("Api", {
      taskDefinition: task.arn,
      networkConfiguration: { subnets: ["subnet-1"], assignPublicIp: false },
      loadBalancers: [{ targetGroupArn: "tg", containerName: "api", containerPort: 3000 }],
    });
    new aws.ecs.Cluster("Main", { settings: [{ name: "containerInsights", value: "enabled" }] });
    // @pulumi/aws 6: the legacy Bucket's inline blocks are objects, BucketV2's
    // (and 7's Bucket's) lists.
    new aws.s3.Bucket("Legacy", {
      versioning: { enabled: true },
      serverSideEncryptionConfiguration: {
        rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      },
    });
    new aws.s3.BucketV2("Lists", {
      versionings: [{ enabled: false }],
      serverSideEncryptionConfigurations: [
        { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] },
      ],
    });
    new aws.ec2.RouteTable("Private", { routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }] });
  },
});
)",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  auto get = [&](std::string_view address, std::string_view path) {
    return AttributeOf(resources, address, path);
  };
  // Two types may share a name in Pulumi, and keep it here.
  const Resource* service = FindResource(resources, "aws_ecs_service.Api");
  ASSERT_NE(service, nullptr);
  const Value* service_task = service->Get("task_definition");
  ASSERT_NE(service_task, nullptr);
  ASSERT_EQ(service_task->refs().size(), 1u);
  EXPECT_EQ(service_task->refs()[0].address, "aws_ecs_task_definition.Api");
  EXPECT_EQ(get("aws_ecs_service.Api", "network_configuration.assign_public_ip"), "false");
  EXPECT_EQ(get("aws_ecs_service.Api", "network_configuration"), "<list>");
  EXPECT_EQ(get("aws_ecs_service.Api", "load_balancer.container_port"), "3000");
  EXPECT_EQ(get("aws_ecs_cluster.Main", "setting.value"), "enabled");
  EXPECT_EQ(get("aws_ecs_task_definition.Api",
                "volume.efs_volume_configuration.authorization_config.iam"),
            "ENABLED");
  // containerDefinitions is a JSON document, whether stringified or not.
  for (std::string_view address :
       {"aws_ecs_task_definition.Api", "aws_ecs_task_definition.Untyped"}) {
    const Value* defs = FindResource(resources, address)->Get("container_definitions");
    ASSERT_TRUE(defs && defs->is_string() && defs->structured()) << address;
    EXPECT_TRUE(defs->structured()->is_list()) << address;
  }
  EXPECT_EQ(get("aws_s3_bucket.Legacy", "versioning.enabled"), "true");
  EXPECT_EQ(get("aws_s3_bucket.Legacy", "versioning"), "<list>");
  EXPECT_EQ(get("aws_s3_bucket.Legacy",
                "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default."
                "sse_algorithm"),
            "AES256");
  EXPECT_EQ(get("aws_s3_bucket.Lists", "versioning.enabled"), "false");
  EXPECT_EQ(get("aws_s3_bucket.Lists",
                "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default."
                "sse_algorithm"),
            "aws:kms");
  EXPECT_EQ(get("aws_route_table.Private", "route.nat_gateway_id"), "nat-1");
}

TEST(SstEvaluator, OutputsApplyTheirCallbacks) {
  Evaluated e = EvalConfig(R"(
import * as pulumi from "@pulumi/pulumi";
export default $config({
  app(input) { return { name: "raw" }; },
  async run() {
    const logs = new aws.cloudwatch.LogGroup("Api", { retentionInDays: 30 });
    new aws.ecs.TaskDefinition("Api", {
      family: "api",
      containerDefinitions: pulumi.all([logs.name, "v1"]).apply(([group, tag]) =>
        JSON.stringify([{
          name: "api",
          image: "api:" + tag,
          logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": group } },
          environment: [{ name: "JWT_SECRET", value: "in-the-repo" }],
        }])),
    });
    new aws.ssm.Parameter("Known", { value: $resolve("ab").apply((v) => v + "c") });
    const [first, , third = "default", fourth = "missing"] = ["a", "b", undefined];
    new aws.ssm.Parameter("Elements", { value: first + third + fourth });
    const [head, ...rest] = ["x", "y"];
    new aws.ssm.Parameter("Rest", { value: rest });
    const [fromUnknown] = logs.tags;
    new aws.ssm.Parameter("FromUnknown", { value: fromUnknown });
    new aws.ssm.Parameter("Both", { value: pulumi.all("a", "b").apply((l) => l.length) });
    new aws.ssm.Parameter("FromArn", { value: logs.arn.apply((arn) => "x") });
    const lib = { apply: (f) => "own" };
    new aws.ssm.Parameter("Own", { value: lib.apply((v) => "callback") });
    new aws.ssm.Parameter("Output", { value: pulumi.output({ a: 1 }) });
    // Not an Output: a function's apply takes `this` first.
    const f = (x) => "called";
    new aws.ssm.Parameter("Function", { value: f.apply(null, ["x"]) });
  },
});
)",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  auto get = [&](std::string_view address, std::string_view path) {
    return AttributeOf(resources, address, path);
  };
  // The callback ran: the document's structure is there, what depends on the
  // log group's name unknown.
  const Value* defs =
      FindResource(resources, "aws_ecs_task_definition.Api")->Get("container_definitions");
  ASSERT_TRUE(defs && defs->is_unknown() && defs->structured());
  EXPECT_EQ(Show(Lookup(*defs->structured(), "environment.name")), "JWT_SECRET");
  EXPECT_EQ(Show(Lookup(*defs->structured(), "logConfiguration.logDriver")), "awslogs");
  EXPECT_EQ(Show(Lookup(*defs->structured(), "logConfiguration.options.awslogs-group")),
            "<unknown>");
  EXPECT_EQ(get("aws_ssm_parameter.Known", "value"), "abc");
  // Array patterns: elements by position, holes skipped, defaults for what
  // is missing or undefined; a rest element or an unknown list: unknown.
  EXPECT_EQ(get("aws_ssm_parameter.Elements", "value"), "adefaultmissing");
  EXPECT_EQ(get("aws_ssm_parameter.Rest", "value"), "<unknown>");
  EXPECT_EQ(get("aws_ssm_parameter.FromUnknown", "value"), "<unknown>");
  // The callback's array parameter takes the known element.
  const Value* image = Lookup(*defs->structured(), "image");
  ASSERT_NE(image, nullptr);
  EXPECT_EQ(Show(image), "api:v1");
  EXPECT_EQ(get("aws_ssm_parameter.Both", "value"), "2");
  EXPECT_EQ(get("aws_ssm_parameter.FromArn", "value"), "x");
  EXPECT_EQ(get("aws_ssm_parameter.Own", "value"), "own");
  EXPECT_EQ(get("aws_ssm_parameter.Output", "value.a"), "1");
  EXPECT_EQ(get("aws_ssm_parameter.Function", "value"), "<unknown>");
}

TEST(SstEvaluator, PulumiPolicyDocuments) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "raw" }; },
  async run() {
    const bucket = new aws.s3.BucketV2("Files", {});
    new aws.iam.Role("Fn", {
      assumeRolePolicy: aws.iam.getPolicyDocumentOutput({
        statements: [{
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }],
          conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["1"] }],
        }],
      }).json,
    });
    new aws.iam.Policy("Read", {
      policy: aws.iam.getPolicyDocumentOutput({
        statements: [{ effect: "Allow", notActions: ["iam:*"], resources: [bucket.arn] }],
      }).json,
    });
    const later = await aws.iam.getPolicyDocument({ statements: [{ actions: ["*"], resources: ["*"] }] });
    new aws.iam.Policy("Awaited", { policy: later.json });
    new aws.iam.Policy("Then", {
      policy: aws.iam.getPolicyDocument({ statements: [] }).then((d) => d.json),
    });
    new aws.iam.Policy("Merged", {
      policy: aws.iam.getPolicyDocumentOutput({ sourcePolicyDocuments: ["{}"], statements: [] }).json,
    });
  },
});
)",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  const Value* assume = DocumentOf(resources, "aws_iam_role.Fn", "assume_role_policy");
  ASSERT_NE(assume, nullptr);
  EXPECT_EQ(Show(Lookup(*assume, "Version")), "2012-10-17");
  EXPECT_EQ(Show(Lookup(*assume, "Statement.Effect")), "Allow");  // the default
  EXPECT_EQ(Show(Lookup(*assume, "Statement.Principal.Service")), "<list>");
  EXPECT_EQ(Show(Lookup(*assume, "Statement.Condition.StringEquals.aws:SourceAccount")), "<list>");
  // A statement with an unknown resource: a partly unknown document.
  const Value* read = DocumentOf(resources, "aws_iam_policy.Read", "policy");
  ASSERT_NE(read, nullptr);
  EXPECT_EQ(Show(Lookup(*read, "Statement.NotAction")), "<list>");
  EXPECT_TRUE(FindResource(resources, "aws_iam_policy.Read")->Get("policy")->is_unknown());
  const Value* awaited = DocumentOf(resources, "aws_iam_policy.Awaited", "policy");
  ASSERT_NE(awaited, nullptr);
  EXPECT_EQ(Show(Lookup(*awaited, "Statement.Action")), "<list>");
  ASSERT_NE(DocumentOf(resources, "aws_iam_policy.Then", "policy"), nullptr);
  // Documents merged in: unknown, no structure.
  EXPECT_EQ(AttributeOf(resources, "aws_iam_policy.Merged", "policy"), "<unknown>");
  EXPECT_EQ(DocumentOf(resources, "aws_iam_policy.Merged", "policy"), nullptr);
}

// SST's `transform`: an object is what it sets; a function is run with
// arguments we do not know, and what it assigns is what it sets. Anything it
// does that we do not follow leaves that transform unknown.
TEST(SstEvaluator, TransformsSetArguments) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "raw" }; },
  async run() {
    const prod = $app.stage === "production";
    const helper = (args) => Object.assign(args, { multiAz: true });
    new sst.aws.Postgres("Db", {
      transform: {
        instance: (args, opts, name) => {
          args.multiAz = prod;
          args.deletionProtection = true;
          args.tags = { ...args.tags, Team: "x" };
          args.storageType = args.storageType;
        },
        parameterGroup: { family: "postgres16" },
        subnetGroup: (args) => { if (Math.random() > 0.5) args.name = "x"; },
        proxy: helper,
        cluster: "not an object",
      },
    });
    new sst.aws.Bucket("Files", { transform: makeTransforms() });
    new aws.s3.BucketV2("Raw", { transform: { bucket: { forceDestroy: true } } });
  },
});
)",
                           false);
  ASSERT_EQ(e.ev.components.size(), 3U);
  const Value& t = e.ev.components[0].transforms;
  auto set = [&](std::string_view path) { return Show(Lookup(t, path)); };
  EXPECT_EQ(set("instance.multiAz"), "true");  // the production stage
  EXPECT_EQ(set("instance.deletionProtection"), "true");
  // Spread from arguments we do not know: what follows the spread, and the rest unknown.
  EXPECT_EQ(set("instance.tags.Team"), "x");
  EXPECT_EQ(set("instance.tags.Owner"), "<unknown>");
  EXPECT_EQ(set("instance.storageType"), "<unknown>");  // read from them
  EXPECT_EQ(set("instance.engine"), "<absent>");        // not set: the component's own
  EXPECT_EQ(set("parameterGroup.family"), "postgres16");
  EXPECT_EQ(set("subnetGroup"), "<unknown>");  // set under a condition we cannot decide
  EXPECT_EQ(set("proxy"), "<unknown>");        // given to a call we do not follow
  EXPECT_EQ(set("cluster"), "<unknown>");
  EXPECT_TRUE(e.ev.components[1].transforms.is_unknown());
  EXPECT_TRUE(e.ev.components[2].transforms.is_null());  // Pulumi's resources have none
}

// A transform key reaches the resources SST names after it (DbInstance,
// VpcNatGateway1), and the Service's resources named otherwise.
TEST(SstEvaluator, TransformsReachTheirResources) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "raw" }; },
  async run() {
    const vpc = new sst.aws.Vpc("Vpc", { nat: "managed" });
    const cluster = new sst.aws.Cluster("Cl", { vpc });
    new sst.aws.Service("Svc", {
      cluster,
      loadBalancer: { ports: [{ listen: "443/https", forward: "80/http" }] },
      transform: {
        taskDefinition: { cpu: "2048" },
        listener: { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
        target: (args) => { args.deregistrationDelay = 10; },
        logGroup: { retentionInDays: 90 },
      },
    });
    new sst.aws.Vpc("Net", { nat: "managed", transform: { natGateway: { connectivityType: "private" } } });
  },
});
)",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  EXPECT_EQ(AttributeOf(resources, "aws_ecs_task_definition.SvcTask", "cpu"), "2048");
  EXPECT_EQ(AttributeOf(resources, "aws_iam_role.SvcTaskRole", "cpu"), "<absent>");
  EXPECT_EQ(AttributeOf(resources, "aws_lb_listener.SvcListenerHTTPS443", "ssl_policy"),
            "ELBSecurityPolicy-TLS13-1-2-2021-06");
  EXPECT_EQ(
      AttributeOf(resources, "aws_lb_target_group.SvcTargetSvcHTTP80", "deregistration_delay"),
      "10");
  EXPECT_EQ(AttributeOf(resources, "aws_cloudwatch_log_group.SvcLogGroupSvc", "retention_in_days"),
            "90");
  for (std::string_view nat :
       {"aws_nat_gateway.NetNatGateway1", "aws_nat_gateway.NetNatGateway2"}) {
    EXPECT_EQ(AttributeOf(resources, nat, "connectivity_type"), "private") << nat;
  }
  EXPECT_EQ(AttributeOf(resources, "aws_nat_gateway.VpcNatGateway1", "connectivity_type"),
            "<absent>");
}

// Two transform keys reaching one resource: what the transform we do not
// follow may have set stays unknown after the one we do follow.
TEST(SstEvaluator, ATransformKeepsWhatAnEarlierOneMayHaveSet) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "raw" }; },
  async run() {
    const vpc = new sst.aws.Vpc("Vpc");
    const cluster = new sst.aws.Cluster("Cl", { vpc });
    new sst.aws.Service("Svc", {
      cluster,
      transform: {
        task: makeTaskTransform(),
        taskDefinition: { cpu: "2048" },
      },
    });
  },
});
)",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  const Resource* task = FindResource(resources, "aws_ecs_task_definition.SvcTask");
  ASSERT_NE(task, nullptr);
  EXPECT_EQ(AttributeOf(resources, "aws_ecs_task_definition.SvcTask", "cpu"), "2048");
  EXPECT_EQ(AttributeOf(resources, "aws_ecs_task_definition.SvcTask", "family"), "<unknown>");
  EXPECT_TRUE(task->attributes.open());
}

// $transform(type, cb): cb changes the arguments of each component of that
// type created after it, in the order they were registered.
TEST(SstEvaluator, TypeTransformsChangeLaterComponents) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "raw" }; },
  async run() {
    new sst.aws.Redis("Before", {});
    $transform(sst.aws.Redis, (args) => { args.engine = "valkey"; });
    $transform(sst.aws.Redis, (args) => { args.version = args.engine === "valkey" ? "7.2" : "7.1"; });
    $transform(aws.s3.BucketV2, (args, opts) => { args.forceDestroy = false; });
    if (Math.random() > 0.5) $transform(sst.aws.Bucket, (args) => { args.public = true; });
    new sst.aws.Redis("After", { cluster: false });
    new aws.s3.BucketV2("Raw");
    new sst.aws.Bucket("Files");
  },
});
)",
                           false);
  ASSERT_EQ(e.ev.components.size(), 4U);
  auto arg = [&](size_t i, std::string_view path) {
    return Show(Lookup(e.ev.components[i].args, path));
  };
  EXPECT_EQ(arg(0, "engine"), "<absent>");
  EXPECT_EQ(arg(1, "engine"), "valkey");
  EXPECT_EQ(arg(1, "version"), "7.2");
  EXPECT_EQ(arg(1, "cluster"), "false");
  EXPECT_EQ(arg(2, "forceDestroy"), "false");
  EXPECT_EQ(arg(3, "public"), "<absent>");  // registered under a condition we cannot decide
}

TEST(SstEvaluator, TemplatesThatWriteDocuments) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "raw" }; },
  async run() {
    const repo = new aws.ecr.Repository("Api", {});
    const port = 3000;
    new aws.ecs.TaskDefinition("Interpolated", {
      family: "api",
      containerDefinitions: pulumi.interpolate`[{
        "name": "api",
        "image": "${repo.repositoryUrl}:latest",
        "portMappings": [{ "containerPort": ${port}, "hostPort": ${repo.registryId} }],
        "environment": [{ "name": "API_TOKEN", "value": "in \\"quotes\\" ${port}" }]
      }]`,
    });
    new aws.ecs.TaskDefinition("Sst", { family: "s", containerDefinitions: $interpolate`[{"name": "${repo.name}"}]` });
    new aws.ssm.Parameter("NotJson", { value: `arn:${repo.arn}` });
    new aws.ssm.Parameter("BrokenJson", { value: `{"a": ${repo.arn}` });
    new aws.ssm.Parameter("Key", { value: `{"${repo.name}": 1}` });
    new aws.ssm.Parameter("Known", { value: pulumi.interpolate`x-${port}` });
    new aws.ecs.TaskDefinition("AllKnown", { family: "k", containerDefinitions: `[{"name": "k${port}", "user": "1000"}]` });
  },
});
)",
                           false);
  std::vector<Resource> resources = Translate(e.ev, *e.source);
  const Value* defs =
      FindResource(resources, "aws_ecs_task_definition.Interpolated")->Get("container_definitions");
  ASSERT_TRUE(defs && defs->is_unknown());
  const Value* interpolated =
      DocumentOf(resources, "aws_ecs_task_definition.Interpolated", "container_definitions");
  ASSERT_NE(interpolated, nullptr);
  const Value& doc = *interpolated;
  EXPECT_EQ(Show(Lookup(doc, "name")), "api");
  EXPECT_EQ(Show(Lookup(doc, "image")), "<unknown>");  // partly unknown: unknown
  EXPECT_EQ(Show(Lookup(doc, "portMappings.containerPort")), "3000");
  EXPECT_EQ(Show(Lookup(doc, "portMappings.hostPort")), "<unknown>");
  EXPECT_EQ(Show(Lookup(doc, "environment.value")), "in \"quotes\" 3000");
  // Located where each value is written in the template; what a hole wrote,
  // at the hole.
  auto written = [](const Value* v) { return v ? std::string(v->origin().text()) : "<absent>"; };
  EXPECT_EQ(written(Lookup(doc, "name")), "\"api\"");
  EXPECT_EQ(written(Lookup(doc, "image")), "\"${repo.repositoryUrl}:latest\"");
  EXPECT_EQ(written(Lookup(doc, "portMappings.containerPort")), "${port}");
  EXPECT_EQ(written(Lookup(doc, "portMappings.hostPort")), "${repo.registryId}");
  // A template whose holes are all known: the string, and its document.
  EXPECT_EQ(AttributeOf(resources, "aws_ecs_task_definition.AllKnown", "container_definitions"),
            "[{\"name\": \"k3000\", \"user\": \"1000\"}]");
  const Value* known =
      DocumentOf(resources, "aws_ecs_task_definition.AllKnown", "container_definitions");
  ASSERT_NE(known, nullptr);
  EXPECT_EQ(written(Lookup(*known, "user")), "\"1000\"");
  EXPECT_EQ(Show(Lookup(*known, "name")), "k3000");
  const Value* sst = DocumentOf(resources, "aws_ecs_task_definition.Sst", "container_definitions");
  ASSERT_NE(sst, nullptr);
  EXPECT_EQ(Show(Lookup(*sst, "name")), "<unknown>");
  for (std::string_view address :
       {"aws_ssm_parameter.NotJson", "aws_ssm_parameter.BrokenJson", "aws_ssm_parameter.Key"}) {
    EXPECT_EQ(AttributeOf(resources, address, "value"), "<unknown>") << address;
    EXPECT_EQ(DocumentOf(resources, address, "value"), nullptr) << address;
  }
  EXPECT_EQ(AttributeOf(resources, "aws_ssm_parameter.Known", "value"), "x-3000");
}

TEST(SstEvaluator, PulumiImportAndShadowing) {
  std::map<std::string, std::string> texts = {{"/p/infra.ts", R"(
import * as aws from "@pulumi/aws";
export const repo = new aws.ecr.Repository("Imported", {});
)"}};
  Modules modules(texts);
  SourceFile source("sst.config.ts", "/p/sst.config.ts", R"(
export default $config({
  app(input) { return { name: "raw" }; },
  async run() {
    await import("./infra");
    const aws = { ecr: {} };
    new aws.ecr.Repository("Shadowed", {});
  },
});
)");
  auto file = typescript::ParseFile(source);
  Evaluation ev = Evaluate(*file, Stage{}, modules.Loader());
  std::vector<std::string> components;
  for (const Component& c : ev.components) components.push_back(c.type + " " + c.name);
  EXPECT_EQ(components, std::vector<std::string>{"aws.ecr.Repository Imported"});
}

// What the evaluator does not follow (a switch, a C-style loop, a method
// that may change its object) leaves what it may change unknown, and a
// change to an object reaches every value holding it: a known value that
// the code has since changed would be a wrong finding.
TEST(SstEvaluator, ChangesWeDoNotFollowForgetValues) {
  std::map<std::string, std::string> texts = {{"/p/infra.ts", R"(
export const exported = { min: 1 };
exported.min = 4;
)"}};
  Modules modules(texts);
  SourceFile source("sst.config.ts", "/p/sst.config.ts", R"(
export default $config({
  app(input) {
    try {
      return { name: "shop", protect: true };
    } catch (e) {
      return { name: "shop" };
    }
  },
  async run() {
    const exported = (await import("./infra")).exported;
    let min = 1;
    switch ($app.stage) {
      case "production":
        if (process.env.BIG) {
          min = 8;
          break;
        }
        min = 4;
    }
    let count = 1;
    for (let i = 0; i < 3; i++) count++;
    const assigned = { min: 1, max: 8 };
    Object.assign(assigned, { min: 4 });
    const pushed = ["a"];
    const holder = { list: pushed, name: "h" };
    pushed.push("b");
    const original = { min: 1 };
    const alias = original;
    alias.min = 4;
    const set = { max: 8 };
    set.min = 2;
    const looped = { min: 1 };
    for (const x of process.env.LIST) looped.min = 4;
    const deleted = { min: 1 };
    delete deleted.min;
    const vpc = new sst.aws.Vpc("Net");
    console.log(vpc, holder.name);
    switch ($app.stage) {
      default:
        vpc.nodes.touch();
    }
    const kept = { min: 1 };
    console.log(kept.min);
    const collected = { items: [] };
    ["a", "b"].forEach((x) => collected.items.push(x));
    new sst.aws.Bucket("Values", {
      min, count, assigned, pushed, holder, original, alias, set, looped, deleted, exported,
      kept, vpc, collected,
    });
  },
});
)");
  auto file = typescript::ParseFile(source);
  ASSERT_FALSE(file->error);
  Stage stage;
  stage.name = "production";
  Evaluation ev = Evaluate(*file, stage, modules.Loader());
  EXPECT_TRUE(ev.app.result.is_unknown());
  const Component* values = nullptr;
  for (const Component& c : ev.components) {
    if (c.name == "Values") values = &c;
  }
  ASSERT_NE(values, nullptr);
  auto arg = [&](std::string_view path) { return Show(Lookup(values->args, path)); };
  EXPECT_EQ(arg("min"), "<unknown>");       // assigned in a switch left by a break in an if
  EXPECT_EQ(arg("count"), "<unknown>");     // count++ in a C-style loop
  EXPECT_EQ(arg("assigned"), "<unknown>");  // passed to Object.assign
  EXPECT_EQ(arg("pushed"), "<unknown>");    // its push
  EXPECT_EQ(arg("holder"), "<unknown>");    // holds what was pushed to
  EXPECT_EQ(arg("original"), "<unknown>");  // changed through its alias
  EXPECT_EQ(arg("alias.min"), "4");         // a field set on a known object
  EXPECT_EQ(arg("set.min"), "2");
  EXPECT_EQ(arg("set.max"), "8");
  EXPECT_EQ(arg("looped"), "<unknown>");     // changed in a loop that did not run
  EXPECT_EQ(arg("deleted"), "<unknown>");    // delete
  EXPECT_EQ(arg("exported.min"), "4");       // exports as the module left them
  EXPECT_EQ(arg("kept.min"), "1");           // only read
  EXPECT_EQ(arg("collected"), "<unknown>");  // changed by a callback
  // A component is never changed by what is done with it.
  EXPECT_NE(ComponentOf(*values->args.Get("vpc"), ev.components), nullptr);
}

// The config's own functions are called: helpers in modules, declarations
// (hoisted), closures. What a call changes in its closure's scope is
// forgotten everywhere else it is held.
TEST(SstEvaluator, FunctionsTheConfigDefines) {
  std::map<std::string, std::string> texts = {{"/p/infra/utils.ts", R"(
export const nodeEnv = (stage: string = $app.stage) =>
  stage === "production" ? "production" : "development";
export const isProd = () => nodeEnv() === "production";
export function scaling() {
  switch (nodeEnv()) {
    case "production":
      return { min: 4, max: 16 };
    default:
      return { min: 1, max: 1 };
  }
}
)"},
                                              {"/p/infra/registry.ts", R"(
const items = [];
export function add(x) { items.push(x); }
export function all() { return items; }
)"}};
  Modules modules(texts);
  SourceFile source("sst.config.ts", "/p/sst.config.ts", R"(
export default $config({
  app(input) { return { name: "fn" }; },
  async run() {
    const utils = await import("./infra/utils");
    const registry = await import("./infra/registry");
    const vpc = new sst.aws.Vpc("Net");
    const cluster = new sst.aws.Cluster("Cluster", { vpc });
    const min = 99;
    service("Api", 2);
    function service(name, min) {
      return new sst.aws.Service(name, { cluster, scaling: { min, max: 8 } });
    }
    let count = 0;
    const inc = () => { count++; };
    inc();
    registry.add("a");
    const picked = ({ min }) => min;
    const helpers = { stageName() { return $app.stage; } };
    const bound = helpers.stageName.bind(null);
    const { nodeEnv, isProd: prodCheck, missing = "dflt" } = utils;
    const { nested: { deep } } = { nested: { deep: 1 } };
    function forever(n) { return forever(n); }
    let late = 1;
    const readLate = () => late;
    late = 2;
    const readLater = () => later;
    const later = "declared after";
    new sst.aws.Bucket("Values", {
      prod: utils.isProd(),
      env: utils.nodeEnv("dev"),
      scaling: utils.scaling(),
      count,
      items: registry.all(),
      picked: picked({ min: 3 }),
      method: helpers.stageName(),
      bound,
      destructured: nodeEnv("production"),
      renamed: prodCheck(),
      missing,
      deep,
      forever: forever(1),
      late: readLate(),
      later: readLater(),
    });
  },
});
)");
  auto file = typescript::ParseFile(source);
  ASSERT_FALSE(file->error);
  Stage stage;
  stage.name = "production";
  Evaluation ev = Evaluate(*file, stage, modules.Loader());
  const Component* values = nullptr;
  const Component* api = nullptr;
  for (const Component& c : ev.components) {
    if (c.name == "Values") values = &c;
    if (c.name == "Api") api = &c;
  }
  ASSERT_NE(values, nullptr);
  auto arg = [&](std::string_view path) { return Show(Lookup(values->args, path)); };
  EXPECT_EQ(arg("prod"), "true");  // a default parameter: $app.stage
  EXPECT_EQ(arg("env"), "development");
  EXPECT_EQ(arg("scaling.min"), "4");            // returned from a switch
  EXPECT_EQ(arg("count"), "<unknown>");          // changed by the closure
  EXPECT_EQ(arg("items"), "<unknown>");          // pushed to by another function
  EXPECT_EQ(arg("picked"), "3");                 // its own min, not the outer one
  EXPECT_EQ(arg("method"), "production");        // a method of an object
  EXPECT_EQ(arg("bound"), "<unknown>");          // f.bind(...) is not f called
  EXPECT_EQ(arg("destructured"), "production");  // const { a, b: c, d = 1 } = object
  EXPECT_EQ(arg("renamed"), "true");
  EXPECT_EQ(arg("missing"), "dflt");
  EXPECT_EQ(arg("deep"), "<unknown>");  // nested patterns are not read
  EXPECT_EQ(arg("forever"), "<unknown>");
  EXPECT_EQ(arg("late"), "2");  // the variable, not its value when the closure was made
  EXPECT_EQ(arg("later"), "declared after");
  // A declaration is called before it is written; its parameter is its own.
  ASSERT_NE(api, nullptr);
  EXPECT_EQ(api->type, "sst.aws.Service");
  EXPECT_EQ(Show(Lookup(api->args, "scaling.min")), "2");
  EXPECT_NE(ComponentOf(*api->args.Get("cluster"), ev.components), nullptr);
  ASSERT_EQ(ev.diagnostics.size(), 1u);
  EXPECT_EQ(ev.diagnostics[0].message, "calls nest deeper than 16 levels; the result is unknown");
}

// A switch runs the case that matches and falls through to the next break;
// when the stage decides it and the stage is unknown, what it sets is unknown.
TEST(SstEvaluator, SwitchStatementsPerStage) {
  constexpr const char* kConfig = R"(
export default $config({
  app(input) { return { name: "sw" }; },
  async run() {
    function size(stage) {
      switch (stage) {
        case "production":
        case "staging":
          return "large";
        case "dev":
          return "small";
        default:
          return "medium";
      }
    }
    let tier = "none";
    switch ($app.stage) {
      case "production":
        tier = "gold";
      case "staging":
        tier = tier + "+";
        break;
      default:
        tier = "basic";
    }
    new sst.aws.Bucket("Values", {
      a: size("production"), b: size("dev"), c: size("qa"), d: size($app.stage), tier,
    });
  },
});
)";
  for (bool personal : {false, true}) {
    Evaluated e = EvalConfig(kConfig, personal);
    ASSERT_EQ(e.ev.components.size(), 1u);
    auto arg = [&](std::string_view path) { return Show(Lookup(e.ev.components[0].args, path)); };
    EXPECT_EQ(arg("a"), "large");
    EXPECT_EQ(arg("b"), "small");
    EXPECT_EQ(arg("c"), "medium");
    EXPECT_EQ(arg("d"), personal ? "<unknown>" : "large");
    EXPECT_EQ(arg("tier"), personal ? "<unknown>" : "gold+");
  }
}

TEST(SstEvaluator, StringEscapes) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) {
    return {
      a: "A\u0042\x43\u{1F600}\t'\"",
      b: `line\n${"x"}\``,
      octal: "\1",
    };
  },
  async run() {},
});
)",
                           false);
  EXPECT_EQ(AppField(e, "a"), "ABC\xF0\x9F\x98\x80\t'\"");
  EXPECT_EQ(AppField(e, "b"), "line\nx`");
  EXPECT_EQ(AppField(e, "octal"), "<unknown>");
}

TEST(SstEvaluator, UnparsableAndForeignConfigs) {
  SourceFile bad("sst.config.ts", "", "export default $config({ app( { }");
  EXPECT_TRUE(typescript::ParseFile(bad)->error);
  Evaluated other = EvalConfig("export default { not: \"sst\" };\n", false);
  EXPECT_FALSE(other.ev.has_config);
}

// Brackets 1,000 deep are refused before tree-sitter's error recovery sees
// them; brackets in strings and comments do not count, and a config nested
// 150 deep (the converter allows 200) still parses.
TEST(SstEvaluator, DeepBracketsRefusedBeforeParsing) {
  std::string deep = "export default $config({\n  app() {\n    return " + std::string(2000, '(');
  SourceFile too_deep("sst.config.ts", "", deep);
  auto f = typescript::ParseFile(too_deep);
  ASSERT_TRUE(f->error);
  EXPECT_EQ(f->error->message, "brackets nested deeper than 1000 levels");
  EXPECT_EQ(f->error->line, 3u);
  EXPECT_EQ(f->error->column, 1009u);  // the 998th parenthesis: 1,001 open brackets

  std::string quoted = std::string(1500, '(');
  Evaluated e = EvalConfig("// " + quoted + "\n/* " + quoted + " */\nexport default $config({\n" +
                               "  app() {\n    return { name: \"" + quoted + "\", home: `" +
                               quoted + "`, x: '" + quoted + "' };\n  },\n  async run() {},\n});\n",
                           false);
  EXPECT_EQ(AppField(e, "name"), quoted);
  EXPECT_EQ(AppField(e, "home"), quoted);

  std::string nested = "1";
  for (int i = 0; i < 150; ++i) nested = "[" + nested + "]";
  Evaluated n =
      EvalConfig("export default $config({\n  app() {\n    return { name: \"x\", v: " + nested +
                     " };\n  },\n  async run() {},\n});\n",
                 false);
  EXPECT_EQ(AppField(n, "v"), "<list>");
}

// Barrel files: `export * from`, `export * as`, `export { a as b } from`,
// local export lists and exported functions, as `await import("./infra")`
// reads them through infra/index.ts. A name re-exported from a module we
// cannot read (a package) is unknown, not undefined.
TEST(SstEvaluator, ReExportsThroughBarrelFiles) {
  std::map<std::string, std::string> texts = {
      {"/p/infra/index.ts",
       "export * from \"./network\";\n"
       "export { database as db, port, url } from \"./database\";\n"
       "export * as storage from \"./storage\";\n"
       "export * from \"@example/shared\";\n"},
      {"/p/infra/network.ts",
       "export const vpc = new sst.aws.Vpc(\"Vpc\");\n"
       "export const region = \"ap-northeast-2\";\n"},
      {"/p/infra/database.ts",
       "import { vpc } from \"./network\";\n"
       "const database = new sst.aws.Postgres(\"Database\", { vpc });\n"
       "const port = 5432;\n"
       "export function url() { return \"\"; }\n"
       "export { database, port as localPort };\n"
       "export const port2 = port;\n"},
      {"/p/infra/storage.ts", "export const bucket = new sst.aws.Bucket(\"Assets\");\n"},
  };
  Modules modules(texts);
  for (const auto& [path, text] : texts) {
    ASSERT_FALSE(modules.Get(path)->error) << path << ": " << modules.Get(path)->error->message;
  }
  ModuleLoader loader = modules.Loader();
  SourceFile config("sst.config.ts", "/p/sst.config.ts", R"(
export default $config({
  app(input) { return { name: "barrel" }; },
  async run() {
    const infra = await import("./infra");
    new sst.aws.Bucket("Probe", {
      region: infra.region,
      db: infra.db,
      port: infra.port,
      bucket: infra.storage.bucket,
      shared: infra.fromThePackage,
      url: infra.url,
    });
  },
});
)");
  auto file = typescript::ParseFile(config);
  ASSERT_FALSE(file->error);
  Stage stage;
  stage.name = "production";
  Evaluation ev = Evaluate(*file, stage, loader);
  // Every re-exported module ran once: Vpc, Postgres, Bucket, then Probe.
  std::vector<std::string> names;
  for (const Component& c : ev.components) names.push_back(c.type + " " + c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"sst.aws.Vpc Vpc", "sst.aws.Postgres Database",
                                             "sst.aws.Bucket Assets", "sst.aws.Bucket Probe"}));
  ASSERT_EQ(ev.components.size(), 4u);
  const Value& args = ev.components[3].args;
  EXPECT_EQ(Show(args.Get("region")), "ap-northeast-2");
  EXPECT_EQ(ComponentOf(*args.Get("db"), ev.components), &ev.components[1]);
  EXPECT_EQ(ComponentOf(*args.Get("bucket"), ev.components), &ev.components[2]);
  // `port` is not what database.ts exports (it exports localPort and port2).
  EXPECT_EQ(Show(args.Get("port")), "<unknown>");
  // From the package: unknown, where a missing export would be undefined.
  EXPECT_EQ(Show(args.Get("shared")), "<unknown>");
  // An exported function is a function (an open object), not its result.
  ASSERT_NE(args.Get("url"), nullptr);
  EXPECT_TRUE(args.Get("url")->is_object() && args.Get("url")->open());
}

// for...of over known lists and for...in over known objects run their body
// per element; a loop over an unknown value, or one that may break, is not
// run, and what it assigns becomes unknown.
TEST(SstEvaluator, LoopsOverKnownValues) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "loops" }; },
  async run() {
    for (const name of ["Assets", "Logs"]) new sst.aws.Bucket(name);
    const tiers = { Web: 1, Api: 2 };
    for (const tier in tiers) {
      new sst.aws.Bucket(tier + "Uploads", { versioning: tiers[tier] > 1 });
    }
    let last = "none";
    for (const x of process.env.NAMES) { new sst.aws.Bucket(x); last = x; }
    for (const y of ["A", "B"]) { if (y === "A") break; new sst.aws.Bucket("Never" + y); }
    const queues = { Orders: { fifo: true }, Mail: { fifo: false } };
    let order = "";
    for (const [name, config] of Object.entries(queues)) {
      new sst.aws.Bucket(name + "Dlq", { versioning: config.fifo });
      order = order + name;
    }
    for (const [, config] of Object.entries(queues)) new sst.aws.Bucket("Hole", { v: config.fifo });
    for (const key of Object.keys(queues)) new sst.aws.Bucket(key + "Key");
    for (const { name, days = 7 } of [{ name: "Keep", days: 30 }, { name: "Short" }]) {
      new sst.aws.Bucket(name, { days });
    }
    new sst.aws.Bucket("Probe", { last, order });
  },
});
)",
                           false);
  std::vector<std::string> names;
  for (const Component& c : e.ev.components) names.push_back(c.name);
  // Keys come sorted (objects do not keep insertion order); a second
  // component of one name is numbered (SST itself would refuse it).
  EXPECT_EQ(names, (std::vector<std::string>{"Assets", "Logs", "ApiUploads", "WebUploads",
                                             "MailDlq", "OrdersDlq", "Hole", "Hole2", "MailKey",
                                             "OrdersKey", "Keep", "Short", "Probe"}));
  ASSERT_EQ(e.ev.components.size(), 13u);
  EXPECT_EQ(Show(e.ev.components[2].args.Get("versioning")), "true");
  EXPECT_EQ(Show(e.ev.components[3].args.Get("versioning")), "false");
  EXPECT_EQ(Show(e.ev.components[4].args.Get("versioning")), "false");
  EXPECT_EQ(Show(e.ev.components[5].args.Get("versioning")), "true");
  EXPECT_EQ(Show(e.ev.components[6].args.Get("v")), "false");
  // An object pattern, with a default for what an element lacks.
  EXPECT_EQ(Show(e.ev.components[10].args.Get("days")), "30");
  EXPECT_EQ(Show(e.ev.components[11].args.Get("days")), "7");
  const Value& probe = e.ev.components[12].args;
  EXPECT_EQ(Show(probe.Get("last")), "<unknown>");
  // Which key came last depends on insertion order, which objects do not keep.
  EXPECT_EQ(Show(probe.Get("order")), "<unknown>");
}

// SST's monorepo template: run() imports every module readdirSync finds in
// infra/, with a computed path. Only TypeScript is imported (not a README).
TEST(SstEvaluator, ReaddirSyncAndComputedImports) {
  std::map<std::string, std::string> texts = {
      {"/p/infra/api.ts", "export const api = new sst.aws.Bucket(\"Api\");\n"},
      {"/p/infra/storage.ts", "export const outputs = { b: new sst.aws.Bucket(\"Storage\") };\n"},
      {"/p/infra/README.md", "export const not = new sst.aws.Bucket(\"Readme\");\n"},
  };
  Modules modules(texts);
  ModuleLoader loader = modules.Loader();
  std::vector<std::string> listed;
  DirectoryLister lister =
      [&](const std::filesystem::path& dir) -> std::optional<std::vector<std::string>> {
    listed.push_back(dir.string());
    if (dir != "/p/infra") return std::nullopt;
    return std::vector<std::string>{"README.md", "api.ts", "storage.ts"};
  };
  SourceFile config("sst.config.ts", "/p/sst.config.ts", R"(
import { readdirSync } from "fs";
export default $config({
  app(input) { return { name: "monorepo" }; },
  async run() {
    const outputs = {};
    for (const value of readdirSync("./infra/")) {
      const result = await import("./infra/" + value);
      if (result.outputs) Object.assign(outputs, result.outputs);
    }
    for (const value of fs.readdirSync("./missing")) new sst.aws.Bucket("Never");
    for (const value of readdirSync("./infra")) await import(`./infra/${value}`);
    return outputs;
  },
});
)");
  auto file = typescript::ParseFile(config);
  ASSERT_FALSE(file->error);
  Stage stage;
  stage.name = "production";
  Evaluation ev = Evaluate(*file, stage, loader, lister);
  std::vector<std::string> names;
  for (const Component& c : ev.components) names.push_back(c.name);
  // Each module runs once, however often it is imported.
  EXPECT_EQ(names, (std::vector<std::string>{"Api", "Storage"}));
  EXPECT_EQ(listed, (std::vector<std::string>{"/p/infra", "/p/missing", "/p/infra"}));
}

// Loops in loops over long lists, doubling a string, would run for hours:
// the evaluation stops at its work budget and says so.
// A function that calls itself twice would run for ever: calls nest at
// most 16 deep, and what the deepest would return is unknown (2^16 calls).
TEST(SstEvaluator, RecursionStopsAtTheLimits) {
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "recursion" }; },
  async run() {
    function f(n) { f(n); return f(n); }
    new sst.aws.Bucket("After", { r: f(1) });
  },
});
)",
                           false);
  std::vector<std::string> messages;
  for (const auto& d : e.ev.diagnostics) messages.push_back(d.message);
  EXPECT_EQ(messages,
            (std::vector<std::string>{"calls nest deeper than 16 levels; the result is unknown"}));
  ASSERT_EQ(e.ev.components.size(), 1u);
  EXPECT_EQ(Show(e.ev.components[0].args.Get("r")), "<unknown>");
}

TEST(SstEvaluator, LoopsStopAtTheWorkBudget) {
  std::string list = "[";
  for (int i = 0; i < 100; ++i) list += std::to_string(i) + ",";
  list += "]";
  Evaluated e = EvalConfig(R"(
export default $config({
  app(input) { return { name: "loops" }; },
  async run() {
    new sst.aws.Bucket("Before");
    const l = )" + list + R"(;
    let s = "x";
    for (const a of l) for (const b of l) for (const c of l) for (const d of l) {
      s = s + "x";
      const t = s + s;
    }
    new sst.aws.Bucket("After");
  },
});
)",
                           false);
  ASSERT_EQ(e.ev.diagnostics.size(), 1u);
  EXPECT_EQ(e.ev.diagnostics[0].message,
            "the config takes more than 20000000 steps to evaluate (loops in loops?); the rest "
            "is not evaluated");
  std::vector<std::string> names;
  for (const Component& c : e.ev.components) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Before"}));

  // A loop over more elements than a loop may run is not run, and says so.
  std::string big = "[";
  for (int i = 0; i < 10'001; ++i) big += "0,";
  big += "]";
  Evaluated b = EvalConfig(R"(
export default $config({
  app(input) { return { name: "big" }; },
  async run() {
    for (const x of )" + big + R"() new sst.aws.Bucket("Never");
    new sst.aws.Bucket("After");
  },
});
)",
                           false);
  ASSERT_EQ(b.ev.diagnostics.size(), 1u);
  EXPECT_EQ(b.ev.diagnostics[0].message, "a loop over more than 10000 elements is not run");
  ASSERT_EQ(b.ev.components.size(), 1u);
  EXPECT_EQ(b.ev.components[0].name, "After");
}

}  // namespace
}  // namespace infracheck::sst
