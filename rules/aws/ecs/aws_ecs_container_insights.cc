// aws-ecs-container-insights: clusters collect Container Insights metrics.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ecs_cluster"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_65"};
constexpr std::string_view kTrivy[] = {"AWS-0034", "AVD-AWS-0034"};
constexpr std::string_view kName = "containerInsights";

bool Enables(std::string_view value) { return value == "enabled" || value == "enhanced"; }

// The value of a containerInsights setting among `settings` (a list of
// {name, value} objects): *found is the setting's value, or nullptr when none
// names containerInsights. kUnknown when a setting cannot be read.
Tri FindSetting(const Value* settings, const Value** found, size_t* index) {
  *found = nullptr;
  if (IsAbsent(settings)) return Tri::kTrue;
  if (!settings->is_list()) return Tri::kUnknown;
  for (size_t i = 0; i < settings->items().size(); ++i) {
    const Value& s = settings->items()[i];
    auto name = StringOf(s.Get("name"));
    if (!name) return Tri::kUnknown;
    if (*name != kName) continue;
    *found = s.Get("value");
    *index = i;
    return Tri::kTrue;
  }
  return Tri::kTrue;
}

// Whether the account default (aws_ecs_account_setting_default) turns
// Container Insights on for new clusters.
Tri AccountDefaultEnables(const Graph& g) {
  Tri result = Tri::kFalse;
  for (const Resource* d : g.OfKind("aws_ecs_account_setting_default")) {
    if (d->mode != ResourceMode::kManaged) continue;
    auto name = StringOf(d->Get("name"));
    auto value = StringOf(d->Get("value"));
    if (!name || (*name == kName && !value)) {
      result = Tri::kUnknown;
      continue;
    }
    if (*name == kName && Enables(*value)) return Tri::kTrue;
  }
  return result;
}

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  const Value* setting = nullptr;
  size_t index = 0;
  const Value* settings = r.Get("setting");
  if (FindSetting(settings, &setting, &index) != Tri::kTrue) return;
  if (setting) {
    auto value = StringOf(setting);
    if (!value || Enables(*value)) return;
    std::string path = settings->items().size() == 1
                           ? std::string("setting.value")
                           : "setting." + std::to_string(index) + ".value";
    ctx.Report(r, path,
               "containerInsights is \"" + *value +
                   "\": the cluster's task and service metrics are not collected",
               setting);
    return;
  }
  // No setting on the cluster: the account default applies to new clusters.
  if (AccountDefaultEnables(ctx.graph()) != Tri::kFalse) return;
  ctx.Report(r, IsAbsent(settings) ? "" : "setting",
             "the cluster does not enable containerInsights (default disabled): CPU, memory "
             "and task metrics per service and task are not collected");
}

}  // namespace

extern const Rule kAwsEcsContainerInsights = {
    .id = "aws-ecs-container-insights",
    .title = "ECS clusters must enable Container Insights",
    .severity = Severity::kLow,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "002 §3 creates the cluster with `setting { name = \"containerInsights\", value = "
        "\"enabled\" }`, and 004 \"모니터링 및 로깅\" watches ECS CPUUtilization, "
        "MemoryUtilization and DesiredTaskCount. Without Container Insights CloudWatch has no "
        "per-task and per-service "
        "metrics, so the documented alarms and auto-scaling decisions are made blind. The rule "
        "passes a cluster whose containerInsights setting is \"enabled\" or \"enhanced\" (the "
        "values ECS accepts besides \"disabled\"), and a cluster without the setting when an "
        "`aws_ecs_account_setting_default` in the configuration turns containerInsights on for "
        "new clusters. Capacity providers do not matter. A setting block or value that is "
        "unknown stays silent.",
    .remediation =
        "Add `setting { name = \"containerInsights\", value = \"enabled\" }` (or \"enhanced\") "
        "to the cluster.",
    .bad_example = R"(resource "aws_ecs_cluster" "main" {
  name = "codemate-cluster"
})",
    .good_example = R"(resource "aws_ecs_cluster" "main" {
  name = "codemate-cluster"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
