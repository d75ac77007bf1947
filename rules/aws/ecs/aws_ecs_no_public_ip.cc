// aws-ecs-no-public-ip: ECS tasks get no public IP address.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ecs_service"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_333"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  const Value* assign = r.Get("network_configuration.assign_public_ip");
  if (!IsTrue(assign)) return;
  ctx.Report(r, "network_configuration.assign_public_ip",
             "assign_public_ip is true: every task gets a public IP address and is reachable "
             "from the internet past the load balancer, limited only by its security group",
             assign);
}

}  // namespace

extern const Rule kAwsEcsNoPublicIp = {
    .id = "aws-ecs-no-public-ip",
    .title = "ECS services must not assign public IPs to tasks",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The documented tier chain is internet → ALB → ECS tasks in private subnets: 002 §3 "
        "runs the service with `assign_public_ip = false` in `var.private_subnet_ids`, and 004 "
        "\"네트워크 구성\" places the tasks in private application subnets that reach the "
        "internet through NAT gateways. A task with a public IP is addressable from the "
        "internet directly, so one security-group mistake exposes the application port, the "
        "container's debug endpoints and everything the task role can reach. The provider's "
        "default is false; the rule fires only on `assign_public_ip = true`, however the value "
        "is passed in (tfvars, module inputs, dynamic blocks). Unknown values stay silent.",
    .remediation =
        "Set `assign_public_ip = false` (or leave it out), run the service in private "
        "subnets, and give those subnets a NAT gateway or VPC endpoints (ECR, Secrets "
        "Manager, CloudWatch Logs) for outbound traffic.",
    .bad_example = R"(resource "aws_ecs_service" "app" {
  name            = "app"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = var.public_subnet_ids
    security_groups  = [aws_security_group.ecs_tasks.id]
    assign_public_ip = true
  }
})",
    .good_example = R"(resource "aws_ecs_service" "app" {
  name            = "app"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.ecs_tasks.id]
    assign_public_ip = false
  }
})",
    .checkov = kCheckov,
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
