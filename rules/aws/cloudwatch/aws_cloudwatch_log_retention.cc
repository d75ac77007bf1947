// aws-cloudwatch-log-retention: log groups expire their events.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_cloudwatch_log_group"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_66"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  const Value* days = r.Get("retention_in_days");
  if (IsAbsent(days)) {
    ctx.Report(r, "retention_in_days",
               "retention_in_days is not set: the log group keeps its events forever, and "
               "storage keeps growing with them");
    return;
  }
  auto n = NumberOf(days);
  if (n && *n == 0) {
    ctx.Report(r, "retention_in_days",
               "retention_in_days = 0 means never expire: the log group keeps its events "
               "forever, and storage keeps growing with them");
  }
}

}  // namespace

extern const Rule kAwsCloudwatchLogRetention = {
    .id = "aws-cloudwatch-log-retention",
    .title = "CloudWatch log groups must set a retention period",
    .severity = Severity::kLow,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "004 \"모니터링 및 로깅\" sets a retention policy for every log group (\"개발: 7일\", "
        "\"프로덕션: 30일\", important logs archived to S3) and 002 §8 creates its log groups with "
        "`retention_in_days`. A log group without it never expires its events: the logs (which "
        "may hold personal data) are kept longer than any policy allows and the storage bill "
        "grows without bound. The rule fires when `retention_in_days` is absent or 0 (the API's "
        "value for never expire); any positive value passes, and an unknown one (a variable "
        "without a value) stays silent. How long is right depends on the environment, so the "
        "rule does not judge the number.",
    .remediation =
        "Set `retention_in_days` on every `aws_cloudwatch_log_group` (004: 7 in development, "
        "30 in production), and export what must be kept longer to S3.",
    .bad_example = R"(resource "aws_cloudwatch_log_group" "backend" {
  name = "/aws/ecs/codemate-backend"
})",
    .good_example = R"(resource "aws_cloudwatch_log_group" "backend" {
  name              = "/aws/ecs/codemate-backend"
  retention_in_days = 30
})",
    .checkov = kCheckov,
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
