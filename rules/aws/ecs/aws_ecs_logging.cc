// aws-ecs-logging: every container sends its output to a log driver.
#include "infracheck/rule.h"
#include "rules/common/compute.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ecs_task_definition"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  Containers containers = ContainersOf(ctx.graph(), r);
  for (const Container& c : containers.items) {
    if (!IsAbsent(c.def->Get("logConfiguration"))) continue;
    ReportContainer(ctx, r, c, "logConfiguration",
                    "container " + c.Label() +
                        " has no logConfiguration: its stdout and stderr are not collected, "
                        "so crashes and errors leave no trace once the task stops");
  }
}

}  // namespace

extern const Rule kAwsEcsLogging = {
    .id = "aws-ecs-logging",
    .title = "ECS containers must have a log configuration",
    .severity = Severity::kMedium,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "Every documented container logs to CloudWatch: 002 §3 gives the app container "
        "`logConfiguration { logDriver = \"awslogs\" }` with a log group per project, and 004 "
        "\"모니터링 및 로깅\" keeps one log group per service. A container without a "
        "`logConfiguration` writes to a log nobody collects; on Fargate its output is lost when "
        "the task stops, so a crash loop or an attack leaves no evidence. The rule reads the "
        "container definitions however they are written (jsonencode() in HCL, a JSON file "
        "read with file(), a heredoc) and reports at the container itself, in its own file. "
        "Any log driver passes (awslogs, awsfirelens, splunk...). Containers or definition "
        "lists that are unknown stay silent.",
    .remediation =
        "Give every container a `logConfiguration`, for example `{ logDriver = \"awslogs\", "
        "options = { awslogs-group = aws_cloudwatch_log_group.app.name, awslogs-region = "
        "var.aws_region, awslogs-stream-prefix = \"app\" } }`.",
    .bad_example = R"(resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024

  container_definitions = jsonencode([{
    name      = "app"
    image     = "nginx:1.27"
    essential = true
  }])
})",
    .good_example = R"(resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024

  container_definitions = jsonencode([{
    name      = "app"
    image     = "nginx:1.27"
    essential = true
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = "/ecs/app"
        awslogs-region        = "ap-northeast-2"
        awslogs-stream-prefix = "app"
      }
    }
  }])
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
