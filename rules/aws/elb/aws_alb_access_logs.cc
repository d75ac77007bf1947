// aws-alb-access-logs: internet-facing application load balancers write
// access logs.
#include "infracheck/rule.h"
#include "rules/common/compute.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_alb", "aws_lb"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_91"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  if (IsPublicAlb(r) != Tri::kTrue) return;
  const Value* logs = r.Get("access_logs");
  if (IsAbsent(logs) || (logs->is_list() && logs->items().empty())) {
    ctx.Report(r, "access_logs",
               "internet-facing load balancer has no access_logs block: requests from the "
               "internet leave no record to investigate an incident with");
    return;
  }
  const Value* enabled = r.Get("access_logs.enabled");
  if (Truth(enabled) != Tri::kFalse) return;
  ctx.Report(r, "access_logs.enabled",
             IsAbsent(enabled)
                 ? "access_logs has no `enabled = true`: the provider leaves access logs off "
                   "even when a bucket is named"
                 : "access_logs are disabled: requests from the internet leave no record to "
                   "investigate an incident with");
}

}  // namespace

extern const Rule kAwsAlbAccessLogs = {
    .id = "aws-alb-access-logs",
    .title = "Internet-facing ALBs must write access logs",
    .severity = Severity::kLow,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "004 \"스토리지\" keeps a Logs Archive bucket for ALB, CloudFront and VPC flow logs "
        "(\"용도: ALB, CloudFront, VPC Flow Logs\"). Access logs are the only record of who "
        "sent which request to an internet-facing load balancer: without them an attack, a "
        "scan or a leaked URL cannot be traced after the fact. The rule fires on an "
        "internet-facing application load balancer (`internal` absent or false, "
        "`load_balancer_type` absent or \"application\") without an `access_logs` block, or "
        "whose block does not say `enabled = true`: the provider's default for `enabled` is "
        "false, even when `bucket` is set. Internal and network load balancers are not "
        "checked; unknown values stay silent.",
    .remediation =
        "Add `access_logs { bucket = <logs bucket>, prefix = \"alb\", enabled = true }` to the "
        "load balancer, with a bucket policy that lets the region's Elastic Load Balancing "
        "account write to it.",
    .bad_example = R"(resource "aws_lb" "main" {
  name               = "app-alb"
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids

  access_logs {
    bucket = "codemate-logs"
  }
})",
    .good_example = R"(resource "aws_lb" "main" {
  name               = "app-alb"
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids

  access_logs {
    bucket  = "codemate-logs"
    prefix  = "alb"
    enabled = true
  }
})",
    .checkov = kCheckov,
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
