// aws-iam-no-wildcard-action: identity policies name the actions they allow.
#include "infracheck/rule.h"
#include "rules/common/iam.h"
#include "rules/common/report.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kCheckov[] = {"CKV_AWS_49", "CKV_AWS_63"};
constexpr std::string_view kTrivy[] = {"AWS-0057", "AVD-AWS-0057"};

void Check(const Resource& r, RuleContext& ctx) {
  for (const PolicyDoc& doc : IdentityPolicies(ctx.graph(), r)) {
    for (const AllowStatement& s : AllowStatements(doc)) {
      for (const Value* a : s.actions) {
        const std::string& action = a->str();
        bool all = IsAllActions(action);
        if (!all && !IsServiceWildcard(action)) continue;
        std::string what = all ? "every action of every service"
                               : "every action of " + action.substr(0, action.find(':')) +
                                     ", including ones added later";
        std::string message = "allows \"" + action + "\": ";
        message += what;
        message += "; list the actions needed";
        if (AlreadyReported(ctx, a->origin(), message)) continue;
        ctx.ReportAt(r, s.path + ".Action." + action, a->origin(), std::move(message), a);
      }
      if (s.has_not_action && s.not_action->is_known()) {
        std::string message =
            "Allow with NotAction grants every action of every service except those listed, "
            "including actions added later; list the actions needed in Action";
        if (AlreadyReported(ctx, s.not_action->origin(), message)) continue;
        ctx.ReportAt(r, s.path + ".NotAction", s.not_action->origin(), std::move(message),
                     s.not_action);
      }
    }
  }
}

}  // namespace

extern const Rule kAwsIamNoWildcardAction = {
    .id = "aws-iam-no-wildcard-action",
    .title = "IAM policies must not allow wildcard actions",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kIdentityPolicyKinds,
    .rationale =
        "004 \"IAM 역할 및 정책\" lists the exact actions each role needs (ECS execution role: "
        "`ecr:GetAuthorizationToken`, `logs:PutLogEvents`, ...; task role: `s3:GetObject`, "
        "`s3:PutObject`, `s3:DeleteObject`, `s3:ListBucket`): least privilege. An Allow of "
        "\"*\" or \"service:*\" grants every action of a service, including destructive and "
        "permission-changing ones and any AWS adds later, so a compromised workload can do far "
        "more than it was built for. Allow with `NotAction` is the same wildcard turned inside "
        "out and is reported too. Prefix patterns such as `s3:Get*` are not reported by this "
        "rule (aws-iam-no-wildcard-resource judges what they reach). Every identity policy is "
        "read (standalone, inline, `jsonencode()`, heredoc, `file()`, `templatefile()`, "
        "`aws_iam_policy_document`) and each offending element is reported where it is written. "
        "Deny statements, statements with a Principal (trust and resource policies) and unknown "
        "actions are not reported. Trivy's equivalent (AWS-0057) is a deprecated stub.",
    .remediation =
        "Replace \"*\" and \"service:*\" with the specific actions the workload calls (IAM "
        "Access Analyzer can generate them from CloudTrail activity); replace NotAction with an "
        "Action list.",
    .bad_example = R"(data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::codemate-files-dev/*"]
  }
})",
    .good_example = R"(data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["arn:aws:s3:::codemate-files-dev/*"]
  }
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
