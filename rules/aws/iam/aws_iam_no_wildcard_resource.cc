// aws-iam-no-wildcard-resource: data-access and privilege actions are granted
// on named resources, not on "*".
#include "infracheck/rule.h"
#include "rules/common/iam.h"
#include "rules/common/report.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kCheckov[] = {"CKV_AWS_355", "CKV_AWS_356", "CKV_AWS_108", "CKV_AWS_109",
                                         "CKV_AWS_110"};
constexpr std::string_view kTrivy[] = {"AWS-0057", "AVD-AWS-0057"};

void Check(const Resource& r, RuleContext& ctx) {
  for (const PolicyDoc& doc : IdentityPolicies(ctx.graph(), r)) {
    for (const AllowStatement& s : AllowStatements(doc)) {
      const Value* resource = WildcardResource(s);
      if (!resource) continue;
      if (s.condition && !s.condition->is_object() && !s.condition->is_null()) continue;
      if (ScopesResources(s.condition)) continue;
      std::string on = resource == s.not_resource ? "every resource but its NotResource"
                                                  : std::string("Resource \"*\"");
      for (const Value* a : s.actions) {
        const std::string& action = a->str();
        if (!IsSensitiveAction(action)) continue;
        std::string message = "allows " + action + " on ";
        message += on;
        message +=
            ": it reaches every matching resource of the account (every secret, key, object or "
            "role); name the resources' ARNs instead";
        if (AlreadyReported(ctx, a->origin(), message)) continue;
        Finding& f =
            ctx.ReportAt(r, s.path + ".Resource." + action, a->origin(), std::move(message), a);
        AddRelated(f, resource->origin(), "every resource");
      }
    }
  }
}

}  // namespace

extern const Rule kAwsIamNoWildcardResource = {
    .id = "aws-iam-no-wildcard-resource",
    .title = "IAM policies must scope data-access and privilege actions to resources",
    .severity = Severity::kMedium,
    .scope = Scope::kAll,
    .kinds = kIdentityPolicyKinds,
    .rationale =
        "004 \"IAM 역할 및 정책\" scopes the task role's S3 access to "
        "`arn:aws:s3:::codemate-files-*`, but its ECS execution role allows "
        "`secretsmanager:GetSecretValue` on \"*\": every secret of the account, other "
        "environments' included, instead of `codemate/{env}/*` (004 \"Secrets Management\"). The "
        "rule fires when an Allow statement on Resource \"*\" (or with NotResource) grants a "
        "data-access or privilege action, or a pattern covering one: reading or writing secrets "
        "and parameters (`secretsmanager:GetSecretValue`, `ssm:GetParameter*`), using keys "
        "(`kms:Decrypt`, `kms:GenerateDataKey*`), reading or changing objects, items and "
        "messages (`s3:GetObject`, `s3:PutObject`, `dynamodb:Query`, `sqs:ReceiveMessage`, "
        "...), changing resource policies, and the IAM actions that escalate privilege "
        "(`iam:PassRole`, `iam:CreatePolicyVersion`, `iam:AttachRolePolicy`, `sts:AssumeRole`, "
        "... after Rhino Security Labs' list). The table is in rules/common/iam_actions.cc. "
        "Actions AWS only allows on \"*\" (no resource types in the Service Authorization "
        "Reference: `ecr:GetAuthorizationToken`, `sts:GetCallerIdentity`, "
        "`ssm:DescribeParameters`, "
        "`secretsmanager:ListSecrets`, `s3:ListAllMyBuckets`, `logs:DescribeQueries`, ...) never "
        "fire; their table is in the same file with its source. Image pulls and log writes are "
        "not data-access actions here: AWS's own AmazonECSTaskExecutionRolePolicy grants them "
        "on \"*\". A Condition on `aws:ResourceTag/...`, `<service>:ResourceTag/...`, "
        "`aws:ResourceAccount`, `aws:ResourceOrgID` or `aws:ResourceOrgPaths` scopes the "
        "resources and passes. Deny statements, statements with a Principal and unknown values "
        "stay silent.",
    .remediation =
        "List the ARNs the workload uses in Resource: the secrets of its environment "
        "(`arn:aws:secretsmanager:<region>:<account>:secret:codemate/dev/*`), its bucket's "
        "objects, its key, the role it passes. Where ARNs are not known in advance, scope with a "
        "resource-tag condition.",
    .bad_example = R"(resource "aws_iam_role_policy" "execution" {
  name = "execution"
  role = "codemate-dev-ecs-execution"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ecr:GetAuthorizationToken", "secretsmanager:GetSecretValue"]
      Resource = "*"
    }]
  })
})",
    .good_example = R"(resource "aws_iam_role_policy" "execution" {
  name = "execution"
  role = "codemate-dev-ecs-execution"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "ecr:GetAuthorizationToken", Resource = "*" },
      {
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:codemate/dev/*"
      },
    ]
  })
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
