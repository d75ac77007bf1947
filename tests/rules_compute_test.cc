// The load balancer, ECR and ECS helpers (rules/common/compute.h), and the
// cases of those rules a fixture cannot hold: arguments of newer provider
// versions, and unknowns that silence a whole fixture. Graphs are built from
// real HCL through the whole loader and evaluator.
#include <gtest/gtest.h>

#include "checker/scan.h"
#include "rules/common/compute.h"
#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

TEST(Compute, RunsAsRoot) {
  auto s = [](std::string text) { return Value::String(std::move(text)); };
  for (const char* user : {"root", "0", "00", "0:0", "root:root", "root:1001", "0:nogroup"}) {
    Value v = s(user);
    EXPECT_EQ(rules::RunsAsRoot(&v), Tri::kTrue) << user;
  }
  for (const char* user : {"1001", "1001:0", "nestjs", "node:root", "", "rootless", "10"}) {
    Value v = s(user);
    EXPECT_EQ(rules::RunsAsRoot(&v), Tri::kFalse) << user;
  }
  Value zero = Value::Number(0);
  EXPECT_EQ(rules::RunsAsRoot(&zero), Tri::kTrue);
  Value unknown = Value::Unknown();
  EXPECT_EQ(rules::RunsAsRoot(&unknown), Tri::kUnknown);
  Value null = Value::Null();
  EXPECT_EQ(rules::RunsAsRoot(&null), Tri::kFalse);
  EXPECT_EQ(rules::RunsAsRoot(nullptr), Tri::kFalse);
}

Value Action(std::string type, const Value* protocol) {
  std::vector<Field> redirect;
  if (protocol) redirect.push_back(Field{"protocol", *protocol, {}});
  return Value::Object({{"type", Value::String(std::move(type)), {}},
                        {"redirect", Value::List({Value::Object(std::move(redirect))}), {}}});
}

TEST(Compute, RedirectsToHttps) {
  Value https = Value::String("HTTPS"), lower = Value::String("https"),
        http = Value::String("HTTP"), keep = Value::String("#{protocol}"),
        unknown = Value::Unknown();
  EXPECT_EQ(rules::RedirectsToHttps(Action("redirect", &https)), Tri::kTrue);
  EXPECT_EQ(rules::RedirectsToHttps(Action("redirect", &lower)), Tri::kTrue);
  EXPECT_EQ(rules::RedirectsToHttps(Action("redirect", &http)), Tri::kFalse);
  EXPECT_EQ(rules::RedirectsToHttps(Action("redirect", &keep)), Tri::kFalse);
  EXPECT_EQ(rules::RedirectsToHttps(Action("redirect", nullptr)), Tri::kFalse);
  EXPECT_EQ(rules::RedirectsToHttps(Action("redirect", &unknown)), Tri::kUnknown);
  EXPECT_EQ(rules::RedirectsToHttps(Action("forward", &https)), Tri::kFalse);
  EXPECT_EQ(rules::RedirectsToHttps(Value::Unknown()), Tri::kUnknown);
}

class ComputeRulesTest : public ::testing::Test {
 protected:
  const Graph& Build(const std::string& hcl) {
    tree_.Write("main.tf", "provider \"aws\" {\n  region = \"ap-northeast-2\"\n}\n" + hcl);
    ScanOptions options;
    options.paths = {tree_.path().string()};
    result_ = Evaluate(options);
    EXPECT_TRUE(result_.errors.empty()) << result_.errors[0].message;
    EXPECT_EQ(result_.graphs.size(), 1u);
    return *result_.graphs[0];
  }
  const Resource& R(const Graph& g, std::string_view address) {
    const Resource* r = g.Find(address);
    EXPECT_NE(r, nullptr) << address;
    return *r;
  }
  /// Runs one rule over the graph: the addresses it reports, in order.
  std::vector<std::string> Fired(const Graph& g, std::string_view id) {
    const Rule* rule = FindRule(id);
    EXPECT_NE(rule, nullptr) << id;
    RuleContext ctx(g, *rule);
    for (std::string_view kind : rule->kinds) {
      for (const Resource* r : g.OfKind(kind)) rule->check(*r, ctx);
    }
    std::vector<std::string> out;
    for (const Finding& f : ctx.findings()) out.push_back(f.resource);
    return out;
  }

  TempTree tree_;
  ScanResult result_;
};

TEST_F(ComputeRulesTest, LoadBalancerDefaults) {
  const Graph& g = Build(R"(
variable "internal" {}
resource "aws_lb" "defaults" {}
resource "aws_lb" "internal" {
  internal = true
}
resource "aws_lb" "network" {
  load_balancer_type = "network"
}
resource "aws_lb" "unknown" {
  internal = var.internal
}
)");
  EXPECT_EQ(rules::IsPublicAlb(R(g, "aws_lb.defaults")), Tri::kTrue);
  EXPECT_EQ(rules::IsPublicAlb(R(g, "aws_lb.internal")), Tri::kFalse);
  EXPECT_EQ(rules::IsApplicationLb(R(g, "aws_lb.internal")), Tri::kTrue);
  EXPECT_EQ(rules::IsPublicAlb(R(g, "aws_lb.network")), Tri::kFalse);
  EXPECT_EQ(rules::IsPublicAlb(R(g, "aws_lb.unknown")), Tri::kUnknown);
}

TEST_F(ComputeRulesTest, ContainersAndServices) {
  const Graph& g = Build(R"(
variable "containers" {}
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    { name = "app", essential = true },
    { name = "log-router", essential = false },
    { image = "nginx" },
  ])
}
resource "aws_ecs_task_definition" "unknown" {
  family                = "unknown"
  container_definitions = var.containers
}
resource "aws_lb_target_group" "checked" {}
resource "aws_lb_target_group" "unchecked" {
  health_check {
    enabled = false
  }
}
resource "aws_ecs_service" "checked" {
  task_definition = aws_ecs_task_definition.app.arn
  load_balancer {
    target_group_arn = aws_lb_target_group.checked.arn
  }
}
resource "aws_ecs_service" "unchecked" {
  task_definition = aws_ecs_task_definition.app.arn
  load_balancer {
    target_group_arn = aws_lb_target_group.unchecked.arn
  }
}
resource "aws_ecs_service" "classic" {
  load_balancer {
    elb_name = "legacy"
  }
}
resource "aws_ecs_service" "foreign" {
  load_balancer {
    target_group_arn = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/x/1"
  }
}
resource "aws_ecs_service" "none" {}
)");
  rules::Containers c = rules::ContainersOf(g, R(g, "aws_ecs_task_definition.app"));
  ASSERT_TRUE(c.known);
  ASSERT_EQ(c.items.size(), 3u);
  EXPECT_EQ(c.items[0].name, "app");
  EXPECT_EQ(rules::IsEssential(c.items[0]), Tri::kTrue);
  EXPECT_EQ(rules::IsEssential(c.items[1]), Tri::kFalse);
  EXPECT_EQ(rules::IsEssential(c.items[2]), Tri::kTrue);  // absent: essential
  EXPECT_EQ(c.items[2].name, "#2");
  EXPECT_EQ(rules::ContainerPath(c.items[1], "user"), "container_definitions.1.user");
  // No user: the container's name is where a finding points.
  EXPECT_EQ(rules::ContainerSpan(c.items[1], "user").text(), "name = \"log-router\"");
  EXPECT_FALSE(rules::ContainersOf(g, R(g, "aws_ecs_task_definition.unknown")).known);

  EXPECT_EQ(rules::ServicesOf(g, R(g, "aws_ecs_task_definition.app")).size(), 2u);
  EXPECT_EQ(rules::HasLoadBalancerHealthCheck(g, R(g, "aws_ecs_service.checked")), Tri::kTrue);
  EXPECT_EQ(rules::HasLoadBalancerHealthCheck(g, R(g, "aws_ecs_service.unchecked")), Tri::kFalse);
  EXPECT_EQ(rules::HasLoadBalancerHealthCheck(g, R(g, "aws_ecs_service.classic")), Tri::kTrue);
  EXPECT_EQ(rules::HasLoadBalancerHealthCheck(g, R(g, "aws_ecs_service.foreign")), Tri::kUnknown);
  EXPECT_EQ(rules::HasLoadBalancerHealthCheck(g, R(g, "aws_ecs_service.none")), Tri::kFalse);
}

// AWS provider 6.x adds IMMUTABLE_WITH_EXCLUSION and MUTABLE_WITH_EXCLUSION;
// fixtures are validated with 5.100, which rejects them.
TEST_F(ComputeRulesTest, TagMutabilityWithExclusions) {
  const Graph& g = Build(R"(
variable "filter" {}
resource "aws_ecr_repository" "latest_excluded" {
  name                 = "a"
  image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filter {
    filter      = "latest"
    filter_type = "WILDCARD"
  }
}
resource "aws_ecr_repository" "everything_excluded" {
  name                 = "b"
  image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filter {
    filter      = "*"
    filter_type = "WILDCARD"
  }
}
resource "aws_ecr_repository" "unknown_filter" {
  name                 = "c"
  image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filter {
    filter      = var.filter
    filter_type = "WILDCARD"
  }
}
resource "aws_ecr_repository" "mostly_mutable" {
  name                 = "d"
  image_tag_mutability = "MUTABLE_WITH_EXCLUSION"
  image_tag_mutability_exclusion_filter {
    filter      = "v*"
    filter_type = "WILDCARD"
  }
}
)");
  EXPECT_EQ(Fired(g, "aws-ecr-immutable-tags"),
            (std::vector<std::string>{"aws_ecr_repository.everything_excluded",
                                      "aws_ecr_repository.mostly_mutable"}));
}

TEST_F(ComputeRulesTest, AccountDefaultEnablesContainerInsights) {
  const Graph& g = Build(R"(
resource "aws_ecs_account_setting_default" "insights" {
  name  = "containerInsights"
  value = "enhanced"
}
resource "aws_ecs_cluster" "inherits" {
  name = "inherits"
}
resource "aws_ecs_cluster" "overrides" {
  name = "overrides"
  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}
)");
  EXPECT_EQ(Fired(g, "aws-ecs-container-insights"),
            std::vector<std::string>{"aws_ecs_cluster.overrides"});
}

TEST_F(ComputeRulesTest, UnresolvedLifecyclePolicyMayCoverAnyRepository) {
  const Graph& g = Build(R"(
variable "repository" {}
resource "aws_ecr_repository" "app" {
  name = "app"
}
resource "aws_ecr_lifecycle_policy" "somewhere" {
  repository = var.repository
  policy     = "{}"
}
)");
  EXPECT_TRUE(Fired(g, "aws-ecr-lifecycle-policy").empty());
}

TEST_F(ComputeRulesTest, UnresolvedListenerMayBeTheHttpsOne) {
  const Graph& g = Build(R"(
variable "lb_arn" {}
resource "aws_lb" "main" {}
resource "aws_lb" "other" {}
resource "aws_lb_listener" "https" {
  load_balancer_arn = var.lb_arn
  protocol          = "HTTPS"
  default_action {
    type = "fixed-response"
  }
}
)");
  EXPECT_TRUE(Fired(g, "aws-alb-https-only").empty());
}

TEST_F(ComputeRulesTest, LoadBalancerWithoutListenersHasNoHttps) {
  const Graph& g = Build(R"(
resource "aws_lb" "main" {}
resource "aws_lb" "internal" {
  internal = true
}
)");
  EXPECT_EQ(Fired(g, "aws-alb-https-only"), std::vector<std::string>{"aws_lb.main"});
}

}  // namespace
}  // namespace infracheck::testing
