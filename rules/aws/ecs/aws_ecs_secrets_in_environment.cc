// aws-ecs-secrets-in-environment: container secrets come from `secrets`, not
// from plain-text `environment` entries.
#include "infracheck/rule.h"
#include "rules/common/compute.h"
#include "rules/common/report.h"
#include "rules/common/secrets.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ecs_task_definition"};
constexpr std::string_view kTrivy[] = {"AWS-0036", "AVD-AWS-0036"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  const Graph& g = ctx.graph();
  for (const Container& container : ContainersOf(g, r).items) {
    const Value* env = container.def->Get("environment");
    if (!env || !env->is_list()) continue;
    for (size_t i = 0; i < env->items().size(); ++i) {
      const Value& entry = env->items()[i];
      const Value* name = entry.Get("name");
      const Value* value = entry.Get("value");
      if (!value || value->is_null()) continue;
      std::string why;
      if (value->is_string()) {
        if (auto m = FindCredential(value->str())) {
          why = "its value is " + std::string(m->kind);
        } else if (name && name->is_string() && IsSecretName(name->str()) &&
                   !IsPlaceholder(value->str()) && NamesSecretStore(g, *value) != Tri::kTrue &&
                   !IsArn(value->str())) {
          why = "its name says it is a secret";
        }
      } else if (value->is_unknown() && name && name->is_string() && IsSecretName(name->str()) &&
                 NamesSecretStore(g, *value) != Tri::kTrue) {
        // The value is computed, but whatever it is lands in the task
        // definition in plain text.
        why = "its name says it is a secret (whatever value it gets is stored in plain text)";
      }
      if (why.empty()) continue;
      Span at = value->origin().valid() ? value->origin() : entry.origin();
      std::string var = name && name->is_string() ? name->str() : "entry " + std::to_string(i);
      std::string message = "container " + container.name + " sets " + var;
      message += " in environment, but ";
      message += why;
      message +=
          ": environment values are stored in plain text in the task definition, readable by "
          "anyone with ecs:DescribeTaskDefinition; move it to secrets with valueFrom";
      if (AlreadyReported(ctx, at, message)) continue;
      // An unknown value's origin is only the declaration it was not given in.
      ctx.ReportAt(r, "container_definitions." + container.name + ".environment." + var, at,
                   std::move(message), value->is_known() ? value : nullptr);
    }
  }
}

}  // namespace

extern const Rule kAwsEcsSecretsInEnvironment = {
    .id = "aws-ecs-secrets-in-environment",
    .title = "ECS container secrets must not be set in environment",
    .severity = Severity::kCritical,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "001 injects the application's secrets from Secrets Manager when ECS starts a task "
        "(\"ECS가 실행될 때 자동으로 환경변수로 주입\"), and 004 \"환경 변수 (Secrets Manager "
        "사용)\" "
        "lists DATABASE_PASSWORD, ANTHROPIC_API_KEY and NEXTAUTH_SECRET as `<secret>`s. An "
        "`environment` entry is stored in plain text in the task definition: every revision "
        "keeps it, `ecs:DescribeTaskDefinition` and the console show it, and the Terraform "
        "state holds it. The rule fires on an entry whose name is secret-like (its last word "
        "is password, secret, token, credential(s), or it ends in api_key, private_key, "
        "secret_key, ...; DATABASE_PASSWORD_ARN, TOKEN_URL, SECRET_NAME and NEXT_PUBLIC_API_KEY, "
        "public by design, are not) or whose value "
        "is a known credential (a URL with a password, a private key, an AWS access key ID, "
        "GitHub/Slack/Stripe/... tokens: the patterns secrets-no-plaintext uses). A secret-like "
        "name fires even when its value is computed (a variable, a random_password, a Secrets "
        "Manager data source read into the environment): whatever value it gets is written in "
        "plain text. It does not fire when the value only names a secret store (an ARN, or the "
        "arn/name of an aws_secretsmanager_secret or aws_ssm_parameter), when it is empty, or "
        "when it is an obvious placeholder (one repeated character, or wholly `<...>`, `${...}`, "
        "`{{...}}`, `%...%`).",
    .remediation =
        "Move the entry to the container's `secrets` list with `valueFrom` set to the ARN of a "
        "Secrets Manager secret (optionally `:json-key::`) or an SSM SecureString parameter, "
        "and give the execution role `secretsmanager:GetSecretValue` / `ssm:GetParameters` on "
        "that ARN only.",
    .bad_example = R"(variable "database_password" {
  type      = string
  sensitive = true
}

resource "aws_ecs_task_definition" "backend" {
  family = "codemate-backend"
  container_definitions = jsonencode([{
    name  = "backend"
    image = "codemate-backend:latest"
    environment = [
      { name = "DATABASE_PASSWORD", value = var.database_password },
    ]
  }])
})",
    .good_example = R"(resource "aws_secretsmanager_secret" "database" {
  name = "codemate/dev/database"
}

resource "aws_ecs_task_definition" "backend" {
  family = "codemate-backend"
  container_definitions = jsonencode([{
    name  = "backend"
    image = "codemate-backend:latest"
    secrets = [
      { name = "DATABASE_PASSWORD", valueFrom = aws_secretsmanager_secret.database.arn },
    ]
  }])
})",
    .checkov = {},
    .trivy = kTrivy,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
