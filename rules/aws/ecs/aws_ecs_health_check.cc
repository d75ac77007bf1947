// aws-ecs-health-check: ECS can tell when an essential container stops
// working.
#include "infracheck/rule.h"
#include "rules/common/compute.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ecs_task_definition"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  const Graph& g = ctx.graph();
  // The first service that runs this task definition without a load-balancer
  // health check; a task definition no service runs here is a one-off task or
  // belongs to a service elsewhere, and stays silent.
  const Resource* unchecked = nullptr;
  for (const Resource* svc : ServicesOf(g, r)) {
    if (HasLoadBalancerHealthCheck(g, *svc) == Tri::kFalse) {
      unchecked = svc;
      break;
    }
  }
  if (!unchecked) return;
  Containers containers = ContainersOf(g, r);
  for (const Container& c : containers.items) {
    if (IsEssential(c) != Tri::kTrue) continue;
    if (!IsAbsent(c.def->Get("healthCheck"))) continue;
    ReportContainer(ctx, r, c, "healthCheck",
                    "essential container " + c.Label() + " has no healthCheck and service " +
                        unchecked->address +
                        " has no load balancer health check: a hung container keeps its task "
                        "running and is never replaced",
                    c.def->Get("essential"));
  }
}

}  // namespace

extern const Rule kAwsEcsHealthCheck = {
    .id = "aws-ecs-health-check",
    .title = "Essential ECS containers must be health-checked",
    .severity = Severity::kLow,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "Both documented services have a health check: 004 \"컴퓨팅 리소스\" gives the frontend "
        "`/api/health` and the backend `/health`, and 002 §3 sets a container `healthCheck` "
        "(`curl -f http://localhost:3000/health`) besides the target group's. ECS replaces a "
        "task only when it knows the task is unhealthy: without a container health check or a "
        "load-balancer health check, a deadlocked or hung process keeps its task RUNNING and "
        "serving errors, and a deployment with a broken image is never rolled back. The rule "
        "fires on an essential container (`essential` true or absent, the ECS default) without "
        "`healthCheck` whose task definition runs in a service that has no load-balancer "
        "health check: no `load_balancer` block, or only target groups with "
        "`health_check { enabled = false }` (target group health checks are on by default). A "
        "task definition no service in the configuration runs (a one-off or scheduled task, or "
        "a service in another stack) is not checked; target groups outside the configuration "
        "and unknown values stay silent. The finding points at the container, in the file "
        "where it is written.",
    .remediation =
        "Attach the service to a target group (its health check is on by default), or give "
        "each essential container a `healthCheck`, for example `{ command = [\"CMD-SHELL\", "
        "\"curl -f http://localhost:3000/health || exit 1\"], interval = 30, timeout = 5, "
        "retries = 3, startPeriod = 60 }`.",
    .bad_example = R"(resource "aws_ecs_task_definition" "worker" {
  family = "worker"
  container_definitions = jsonencode([{
    name      = "worker"
    image     = "codemate-worker:1.4.2"
    essential = true
  }])
}

resource "aws_ecs_service" "worker" {
  name            = "worker"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.worker.arn
  desired_count   = 2
})",
    .good_example = R"(resource "aws_ecs_task_definition" "worker" {
  family = "worker"
  container_definitions = jsonencode([{
    name      = "worker"
    image     = "codemate-worker:1.4.2"
    essential = true
    healthCheck = {
      command  = ["CMD-SHELL", "test -f /tmp/healthy || exit 1"]
      interval = 30
      retries  = 3
    }
  }])
}

resource "aws_ecs_service" "worker" {
  name            = "worker"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.worker.arn
  desired_count   = 2
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
