// aws-alb-drop-invalid-headers: application load balancers drop HTTP headers
// that are not valid.
#include "infracheck/rule.h"
#include "rules/common/compute.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_alb", "aws_lb"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_131"};
constexpr std::string_view kTrivy[] = {"AWS-0052", "AVD-AWS-0052"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  if (IsApplicationLb(r) != Tri::kTrue) return;
  const Value* drop = r.Get("drop_invalid_header_fields");
  if (Truth(drop) != Tri::kFalse) return;
  ctx.Report(r, "drop_invalid_header_fields",
             IsAbsent(drop)
                 ? "drop_invalid_header_fields is not set (default false): headers with invalid "
                   "names are passed on to the targets"
                 : "drop_invalid_header_fields is false: headers with invalid names are passed "
                   "on to the targets");
}

}  // namespace

extern const Rule kAwsAlbDropInvalidHeaders = {
    .id = "aws-alb-drop-invalid-headers",
    .title = "Application load balancers must drop invalid HTTP headers",
    .severity = Severity::kLow,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The ALB is the edge of the documented stacks (002 §6, 004 \"로드 밸런싱 및 "
        "라우팅\"): every request reaches the ECS tasks through it. Header names with "
        "characters other than letters, digits and hyphens are how HTTP request smuggling and "
        "header-injection attacks confuse the application behind a proxy; with "
        "`drop_invalid_header_fields = true` the load balancer removes them before forwarding. "
        "The provider's default is false. Only application load balancers have the setting "
        "(`load_balancer_type` absent or \"application\"); internal ones are checked too, as "
        "their clients are not necessarily trusted. Unknown values stay silent.",
    .remediation = "Set `drop_invalid_header_fields = true` on every application load balancer.",
    .bad_example = R"(resource "aws_lb" "main" {
  name               = "app-alb"
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids
})",
    .good_example = R"(resource "aws_lb" "main" {
  name                       = "app-alb"
  load_balancer_type         = "application"
  subnets                    = var.public_subnet_ids
  drop_invalid_header_fields = true
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
