// aws-ecs-deployment-rollback: failed production deployments roll back on
// their own.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ecs_service"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  // The circuit breaker belongs to the ECS deployment controller; CodeDeploy
  // blue/green and external controllers roll back on their own terms.
  const Value* controller = r.Get("deployment_controller.type");
  if (!IsAbsent(controller)) {
    auto type = StringOf(controller);
    if (!type || *type != "ECS") return;
  }
  const Value* breaker = r.Get("deployment_circuit_breaker");
  if (IsAbsent(breaker) || (breaker->is_list() && breaker->items().empty())) {
    ctx.Report(r, "",
               "the production service has no deployment_circuit_breaker: a deployment whose "
               "tasks keep failing is retried forever instead of rolled back");
    return;
  }
  const Value* enable = r.Get("deployment_circuit_breaker.enable");
  const Value* rollback = r.Get("deployment_circuit_breaker.rollback");
  if (Truth(enable) == Tri::kFalse) {
    ctx.Report(r, "deployment_circuit_breaker.enable",
               "the deployment circuit breaker is disabled: a deployment whose tasks keep "
               "failing is retried forever instead of rolled back",
               enable);
    return;
  }
  if (Truth(enable) == Tri::kTrue && Truth(rollback) == Tri::kFalse) {
    ctx.Report(r, "deployment_circuit_breaker.rollback",
               "the deployment circuit breaker stops a failing deployment but does not roll "
               "back: the service is left on the broken revision",
               rollback);
  }
}

}  // namespace

extern const Rule kAwsEcsDeploymentRollback = {
    .id = "aws-ecs-deployment-rollback",
    .title = "Production ECS services must roll back failed deployments",
    .severity = Severity::kLow,
    .scope = Scope::kProd,
    .kinds = kKinds,
    .rationale =
        "004 \"CI/CD 파이프라인\" (환경별 배포 전략) requires automatic rollback for production "
        "(\"자동 롤백 (Health "
        "Check 실패 시)\"). With the ECS deployment controller, that is the deployment circuit "
        "breaker with rollback: when new tasks keep failing to start or to pass health checks, "
        "ECS stops the deployment and returns to the last revision that completed. Without "
        "it, a bad image or configuration is retried indefinitely while capacity drains. The "
        "rule fires on a production service without `deployment_circuit_breaker`, or with "
        "`enable` or `rollback` false. Services using the CODE_DEPLOY or EXTERNAL deployment "
        "controller are not checked (their rollback is configured elsewhere, e.g. CodeDeploy "
        "blue/green as 004 allows). CloudWatch alarm rollback (`alarms { rollback = true }`) "
        "does not replace the circuit breaker: it reacts to alarms, not to tasks that fail to "
        "start or to pass their health checks. Unknown values stay silent.",
    .remediation =
        "Add `deployment_circuit_breaker { enable = true, rollback = true }` to production "
        "services.",
    .bad_example = R"(# prod.tfvars: environment = "production"
resource "aws_ecs_service" "app" {
  name            = "app"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2
})",
    .good_example = R"(resource "aws_ecs_service" "app" {
  name            = "app"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.app.arn
  desired_count   = 2

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
