// aws-iam-no-admin: no identity policy grants every action on every resource.
#include "infracheck/rule.h"
#include "rules/common/iam.h"
#include "rules/common/report.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {
    "aws_iam_group_policy",    "aws_iam_group_policy_attachment",
    "aws_iam_policy",          "aws_iam_policy_attachment",
    "aws_iam_policy_document", "aws_iam_role",
    "aws_iam_role_policy",     "aws_iam_role_policy_attachment",
    "aws_iam_user_policy",     "aws_iam_user_policy_attachment",
};
constexpr std::string_view kCheckov[] = {"CKV_AWS_1", "CKV_AWS_62", "CKV_AWS_274"};

void CheckAttachment(const Resource& r, const Value* arn, const std::string& path,
                     RuleContext& ctx) {
  if (!arn || !arn->is_string() || !IsAdministratorAccessArn(arn->str())) return;
  std::string message =
      "attaches the AWS managed AdministratorAccess policy, which allows Action \"*\" on "
      "Resource \"*\": every action on every resource of the account";
  if (AlreadyReported(ctx, arn->origin(), message)) return;
  ctx.Report(r, path, std::move(message), arn);
}

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode == ResourceMode::kConfig) return;
  if (r.kind.ends_with("_attachment")) {
    if (r.mode == ResourceMode::kManaged)
      CheckAttachment(r, r.Get("policy_arn"), "policy_arn", ctx);
    return;
  }
  if (r.kind == "aws_iam_role" && r.mode == ResourceMode::kManaged) {
    const Value* arns = r.Get("managed_policy_arns");
    if (arns && arns->is_list()) {
      for (size_t i = 0; i < arns->items().size(); ++i) {
        CheckAttachment(r, &arns->items()[i], "managed_policy_arns." + std::to_string(i), ctx);
      }
    }
  }
  for (const PolicyDoc& doc : IdentityPolicies(ctx.graph(), r)) {
    for (const AllowStatement& s : AllowStatements(doc)) {
      const Value* resource = WildcardResource(s);
      if (!resource) continue;
      for (const Value* a : s.actions) {
        if (!IsAllActions(a->str())) continue;
        std::string message =
            "allows Action \"" + a->str() + "\" on " +
            (resource == s.not_resource ? std::string("every resource but its NotResource")
                                        : std::string("Resource \"*\"")) +
            ": full administrator access to the account";
        if (AlreadyReported(ctx, a->origin(), message)) continue;
        Finding& f = ctx.ReportAt(r, s.path + ".Action", a->origin(), std::move(message), a);
        AddRelated(f, resource->origin(), "every resource");
        break;
      }
    }
  }
}

}  // namespace

extern const Rule kAwsIamNoAdmin = {
    .id = "aws-iam-no-admin",
    .title = "IAM policies must not grant full administrator access",
    .severity = Severity::kCritical,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "004 \"IAM 역할 및 정책\" gives each role only what it needs (the ECS execution role pulls "
        "images and writes logs, the task role reads and writes `codemate-files-*`): least "
        "privilege. An Allow statement with Action \"*\" on Resource \"*\" (or on everything but "
        "a NotResource) makes whoever holds the policy an administrator: one leaked task or CI "
        "credential is then the whole account. The rule reads every identity policy: "
        "`aws_iam_policy`, `aws_iam_role_policy`, `aws_iam_user_policy`, `aws_iam_group_policy`, "
        "inline `inline_policy` blocks of `aws_iam_role` and `data.aws_iam_policy_document`, "
        "whether the JSON is written in a heredoc, built with `jsonencode()`, or read with "
        "`file()`/`templatefile()`, and reports the offending Action element where it is "
        "written. It also reports attaching the AWS managed `AdministratorAccess` policy (an "
        "`*_policy_attachment` or `managed_policy_arns`), which is that statement. Deny "
        "statements and statements with a Principal (trust and resource policies) are not "
        "checked; an unknown Effect, Action or Resource stays silent.",
    .remediation =
        "Grant the specific actions the workload calls, on the ARNs of the resources it uses "
        "(IAM Access Analyzer can generate a policy from CloudTrail activity). Keep "
        "administrator access for break-glass roles assumed by people with MFA, outside the "
        "application's configuration.",
    .bad_example = R"(resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
})",
    .good_example = R"(resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ecs:UpdateService", "ecs:DescribeServices"]
      Resource = "arn:aws:ecs:ap-northeast-2:123456789012:service/codemate/*"
    }]
  })
})",
    .checkov = kCheckov,
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
