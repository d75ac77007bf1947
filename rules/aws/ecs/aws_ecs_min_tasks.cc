// aws-ecs-min-tasks: production services keep at least two tasks running.
#include "infracheck/rule.h"
#include "rules/common/compute.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ecs_service"};
constexpr double kMinimum = 2;

std::string Tasks(double n) { return FormatNumber(n) + (n == 1 ? " task" : " tasks"); }

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  // A daemon service runs one task per container instance; desired_count
  // does not apply.
  const Value* strategy = r.Get("scheduling_strategy");
  if (!IsAbsent(strategy)) {
    auto s = StringOf(strategy);
    if (!s || *s != "REPLICA") return;
  }
  // An autoscaling target decides the floor: it raises desired_count to its
  // min_capacity and scales in down to it.
  auto targets = ctx.graph().Referrers(r, Relation::kScales);
  if (!targets.empty()) {
    const Resource* lowest = nullptr;
    double floor = 0;
    for (const Resource* t : targets) {
      if (t->unknown_count) return;
      auto min = NumberOf(t->Get("min_capacity"));
      if (!min) return;
      if (*min >= kMinimum) return;
      if (!lowest || *min < floor) {
        lowest = t;
        floor = *min;
      }
    }
    const Field* min_field = lowest->attributes.GetField("min_capacity");
    const Value* min = &min_field->value;
    Span at = FieldSpan(*min_field);
    if (!at.valid()) at = lowest->header;
    ctx.ReportAt(r, "desired_count", at,
                 "the autoscaling target " + lowest->address + " has min_capacity " +
                     FormatNumber(floor) + ": the production service scales in to " + Tasks(floor) +
                     ", a single point of failure",
                 min);
    return;
  }
  const Value* desired = r.Get("desired_count");
  if (IsAbsent(desired)) {
    ctx.Report(r, "desired_count",
               "desired_count is not set (default 0) and no autoscaling target keeps at least "
               "2 tasks: the production service runs no task at all");
    return;
  }
  auto n = NumberOf(desired);
  if (!n || *n >= kMinimum) return;
  ctx.Report(r, "desired_count",
             "desired_count is " + FormatNumber(*n) +
                 " and no autoscaling target keeps at least 2 tasks: the production service "
                 "runs " +
                 Tasks(*n) + ", a single point of failure",
             desired);
}

}  // namespace

extern const Rule kAwsEcsMinTasks = {
    .id = "aws-ecs-min-tasks",
    .title = "Production ECS services must run at least two tasks",
    .severity = Severity::kMedium,
    .scope = Scope::kProd,
    .kinds = kKinds,
    .rationale =
        "004 \"컴퓨팅 리소스\" sizes both production services at \"Desired Count = 2, Min = 2\" "
        "(development runs one), and 002 §3 scales the service with an "
        "`aws_appautoscaling_target` whose `min_capacity` comes from the environment. With a "
        "single task, every deployment, task replacement, host failure or availability-zone "
        "outage is downtime. The rule fires on a production service (scheduling strategy "
        "REPLICA, the default) whose `desired_count` is below 2 (absent means the provider's "
        "default, 0) when no application autoscaling target scales it. When targets scale the "
        "service, their `min_capacity` is the floor instead: it fires when that is below 2, "
        "whatever `desired_count` says, as autoscaling scales in to it (and desired_count is "
        "often ignored with `lifecycle { ignore_changes = [desired_count] }`). Unknown counts "
        "and capacities stay silent; daemon services are not checked.",
    .remediation =
        "Set `desired_count = 2` or more for production (a tfvars value per environment), or "
        "scale the service with an `aws_appautoscaling_target` whose `min_capacity` is at "
        "least 2.",
    .bad_example = R"(# prod.tfvars: environment = "production"
resource "aws_ecs_service" "app" {
  name            = "app"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 1
})",
    .good_example = R"(resource "aws_ecs_service" "app" {
  name            = "app"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
