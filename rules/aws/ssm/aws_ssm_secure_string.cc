// aws-ssm-secure-string: secret parameters are stored encrypted.
#include "infracheck/rule.h"
#include "rules/common/secrets.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ssm_parameter"};
constexpr std::string_view kCheckov[] = {"CKV2_AWS_34"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  const Value* type = r.Get("type");
  if (!type || !type->is_string() || type->str() == "SecureString") return;
  const Value* name = r.Get("name");
  const Value* description = r.Get("description");
  std::string why;
  if (name && name->is_string() && IsSecretName(name->str())) {
    why = "its name \"" + name->str() + "\" says it holds a secret";
  } else if (description && description->is_string() && MentionsSecret(description->str())) {
    why = "its description says it holds a secret";
  } else {
    return;
  }
  ctx.Report(r, "type",
             "type is " + type->str() + ", but " + why +
                 ": a String or StringList parameter is stored unencrypted and readable by "
                 "anyone with ssm:GetParameter; use SecureString",
             type);
}

}  // namespace

extern const Rule kAwsSsmSecureString = {
    .id = "aws-ssm-secure-string",
    .title = "Secret SSM parameters must be SecureString",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "Secrets live only in Secrets Manager or in Parameter Store as SecureString: 003 §3 "
        "stores `/alert-system/prod/jwt-secret`, `vapid-private-key` and `air-quality-api-key` "
        "with `--type SecureString`, and 004 \"Secrets Management\" keeps every credential in a "
        "secret store. A `String` or `StringList` parameter is stored in plain text, shown in "
        "the console and returned by `ssm:GetParameter` without KMS permission, so it is not a "
        "secret store. The rule fires when an `aws_ssm_parameter` whose name ends in a secret "
        "word (password, secret, token, api-key, private-key, credentials, ... as "
        "secrets-no-plaintext reads names: \"jwt-secret\" is one, \"jwt-secret-arn\" is not) or "
        "whose description mentions one has a known `type` other than `SecureString`.",
    .remediation =
        "Set `type = \"SecureString\"` (with `key_id` for a customer-managed KMS key), or keep "
        "the value in Secrets Manager. Do not write the value itself in the configuration: "
        "set it outside Terraform, or use `value_wo`.",
    .bad_example = R"(variable "jwt_secret" {
  type      = string
  sensitive = true
}

resource "aws_ssm_parameter" "jwt" {
  name  = "/alert-system/prod/jwt-secret"
  type  = "String"
  value = var.jwt_secret
})",
    .good_example = R"(variable "jwt_secret" {
  type      = string
  sensitive = true
}

resource "aws_ssm_parameter" "jwt" {
  name  = "/alert-system/prod/jwt-secret"
  type  = "SecureString"
  value = var.jwt_secret
})",
    .checkov = kCheckov,
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
