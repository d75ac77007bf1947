// aws-ecs-secrets-managed-store: container secrets come from Secrets Manager
// or Parameter Store.
#include "infracheck/rule.h"
#include "rules/common/compute.h"
#include "rules/common/report.h"
#include "rules/common/secrets.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_ecs_task_definition"};

// A Parameter Store name as ECS accepts one for a parameter in the task's
// region: letters, digits and _.-/ only, and fully qualified (a leading
// slash) when it has a hierarchy.
bool IsParameterName(std::string_view s) {
  if (s.empty() || s.size() > 2048) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-' || c == '/';
    if (!ok) return false;
  }
  return s.find('/') == std::string_view::npos || s.front() == '/';
}

// Why a known valueFrom is not a secret store reference, or "".
std::string Problem(std::string_view s) {
  if (IsArn(s)) {
    // arn:<partition>:<service>:<region>:<account>:<resource>
    size_t p = s.find(':', 4);
    size_t e = p == std::string_view::npos ? p : s.find(':', p + 1);
    std::string_view service = e == std::string_view::npos ? "" : s.substr(p + 1, e - p - 1);
    if (service == "secretsmanager" && s.find(":secret:") != std::string_view::npos) return "";
    if (service == "ssm" && s.find(":parameter/") != std::string_view::npos) return "";
    return "it is an ARN of " +
           (service.empty() ? std::string("something else") : std::string(service)) +
           ", not of a Secrets Manager secret or SSM parameter";
  }
  if (FindCredential(s)) return "it holds a credential itself instead of naming where it is stored";
  if (s.empty()) return "it is empty";
  if (IsParameterName(s)) return "";
  if (s.find('/') != std::string_view::npos && s.front() != '/' &&
      IsParameterName("/" + std::string(s))) {
    return "it looks like a Secrets Manager secret name; ECS needs the secret's full ARN (a "
           "Parameter Store name with a path needs a leading slash)";
  }
  return "it is neither a Secrets Manager secret ARN nor an SSM parameter ARN or name";
}

// Why a reference that NamesSecretStore() rejects is wrong.
std::string RefProblem(const Graph& g, const Value& v) {
  for (const Ref& ref : v.refs()) {
    const Resource* t = g.Resolve(ref);
    if (!t) continue;
    std::string read = ref.attribute.empty() ? t->address : t->address + "." + ref.attribute;
    if (t->kind == "aws_secretsmanager_secret" || t->kind == "aws_secretsmanager_secret_version" ||
        t->kind == "aws_ssm_parameter") {
      return "it reads " + read + ", the secret itself, instead of its ARN";
    }
    return "it reads " + read + ", which is not a Secrets Manager secret or SSM parameter";
  }
  return "it is not a Secrets Manager secret or SSM parameter";
}

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  const Graph& g = ctx.graph();
  for (const Container& container : ContainersOf(g, r).items) {
    const Value* secrets = container.def->Get("secrets");
    if (!secrets || !secrets->is_list()) continue;
    for (size_t i = 0; i < secrets->items().size(); ++i) {
      const Value& entry = secrets->items()[i];
      const Value* from = entry.Get("valueFrom");
      if (!from || from->is_null()) continue;
      std::string why;
      if (from->is_string() && from->refs().empty()) {
        why = Problem(from->str());
      } else if (NamesSecretStore(g, *from) == Tri::kFalse) {
        why = RefProblem(g, *from);
      }
      if (why.empty()) continue;
      Span at = from->origin().valid() ? from->origin() : entry.origin();
      const Value* name = entry.Get("name");
      std::string var = name && name->is_string() ? name->str() : "entry " + std::to_string(i);
      std::string message = "container " + container.name + " reads secret " + var;
      message += " from a valueFrom that is not a secret store: ";
      message += why;
      if (AlreadyReported(ctx, at, message)) continue;
      ctx.ReportAt(r, "container_definitions." + container.name + ".secrets." + var, at,
                   std::move(message), from);
    }
  }
}

}  // namespace

extern const Rule kAwsEcsSecretsManagedStore = {
    .id = "aws-ecs-secrets-managed-store",
    .title = "ECS container secrets must come from Secrets Manager or Parameter Store",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "Secrets live only in Secrets Manager or Parameter Store (001 \"Secrets Manager\", 003 §3, "
        "004 \"Secrets Management\": `codemate/{env}/database`, ...). ECS resolves a container's "
        "`secrets[].valueFrom` at task start from a Secrets Manager secret ARN (optionally with "
        "`:json-key:version-stage:version-id`), an SSM parameter ARN, or the name of an SSM "
        "parameter in the task's region. The rule fires when a known `valueFrom` is something "
        "else: an ARN of another service, a Secrets Manager secret name without its ARN (ECS "
        "cannot resolve it), a string that is itself a credential, or a reference to a resource "
        "that is not a secret or parameter, or to a secret's value (`secret_string`, `value`, "
        "a `random_password`) rather than its ARN. References to the arn/id/name of "
        "`aws_secretsmanager_secret`, `aws_secretsmanager_secret_version` or `aws_ssm_parameter` "
        "(resources and data sources) pass, and so does a value the scan cannot know.",
    .remediation =
        "Set `valueFrom` to the ARN of the Secrets Manager secret "
        "(`aws_secretsmanager_secret.x.arn`, or "
        "`\"${aws_secretsmanager_secret.x.arn}:password::\"` "
        "for one JSON key) or of an SSM SecureString parameter.",
    .bad_example = R"(resource "aws_ecs_task_definition" "backend" {
  family = "codemate-backend"
  container_definitions = jsonencode([{
    name  = "backend"
    image = "codemate-backend:latest"
    secrets = [
      { name = "DATABASE_PASSWORD", valueFrom = "codemate/dev/database" },
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
      { name = "DATABASE_PASSWORD", valueFrom = "${aws_secretsmanager_secret.database.arn}:password::" },
    ]
  }])
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
