// aws-rds-managed-password: the master password is not written in the
// repository.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_db_instance", "aws_rds_cluster"};
constexpr std::string_view kInstanceAttrs[] = {"password", "password_wo"};
constexpr std::string_view kClusterAttrs[] = {"master_password", "master_password_wo"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  std::span<const std::string_view> attrs = r.kind == "aws_rds_cluster"
                                                ? std::span<const std::string_view>(kClusterAttrs)
                                                : std::span<const std::string_view>(kInstanceAttrs);
  for (std::string_view attr : attrs) {
    const Value* v = r.Get(attr);
    // A known value is one the scan could read: written in a .tf or .tfvars file.
    // Generated (random_password) and fetched (Secrets Manager) values are unknown.
    if (!v || !(v->is_string() || v->is_number())) continue;
    if (v->is_string() && v->str().empty()) continue;
    bool write_only = attr.ends_with("_wo");
    ctx.Report(r, attr,
               std::string(attr) +
                   " is written in the repository: anyone who can read it or its history has "
                   "the master password" +
                   (write_only ? "" : ", and it is stored in every plan and state") +
                   "; let RDS manage it (manage_master_user_password = true) or read it from "
                   "Secrets Manager",
               v);
  }
}

}  // namespace

extern const Rule kAwsRdsManagedPassword = {
    .id = "aws-rds-managed-password",
    .title = "RDS master passwords must not be written in the repository",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "Every secret lives in Secrets Manager (004 \"보안 체크리스트\": \"모든 시크릿은 "
        "Secrets Manager 사용\"; 004 \"Secrets Management\"); 002 §4 passes the master password "
        "in as `var.master_password`, which is only safe when the value does not come from a "
        "file in the repository. A password written in a .tf or .tfvars file is readable by "
        "everyone who can read the repository and its history, and cannot be rotated without a "
        "commit. The rule fires when `password`/`password_wo` (instances) or "
        "`master_password`/`master_password_wo` (clusters) has a value the scan knows: a literal, "
        "or a variable whose default or tfvars value is one, however many variables, locals and "
        "module inputs it passed through (the finding lists them). A value given with `--var` "
        "on infracheck's command line is known too and is reported the same way. "
        "`manage_master_user_password = true`, a `random_password` result and a Secrets Manager "
        "or SSM data source are values the scan cannot know, and pass. An empty string is not "
        "reported.",
    .remediation =
        "Set `manage_master_user_password = true` and remove the password, so RDS generates it "
        "and keeps it in Secrets Manager; or read it from a Secrets Manager secret (data source "
        "or ephemeral resource) or generate it with `random_password`. Remove the literal from "
        "the repository and rotate it: it stays in the history.",
    .bad_example = R"(# terraform.tfvars: master_password = "Sup3rSecret!"
resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  username          = "app"
  password          = var.master_password
})",
    .good_example = R"(resource "aws_db_instance" "main" {
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
