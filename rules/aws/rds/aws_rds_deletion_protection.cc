// aws-rds-deletion-protection: a production database cannot be deleted by
// accident, and deleting it on purpose leaves a final snapshot.
#include "infracheck/rule.h"
#include "rules/common/data.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_db_instance", "aws_rds_cluster"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_293", "CKV_AWS_139"};
constexpr std::string_view kTrivy[] = {"AWS-0177", "AVD-AWS-0177", "AWS-0343", "AVD-AWS-0343"};
constexpr std::string_view kTfsec[] = {"aws-rds-enable-deletion-protection",
                                       "aws-rds-enable-cluster-deletion-protection"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  bool cluster = r.kind == "aws_rds_cluster";
  auto engine = EngineOf(r);
  // Aurora instances are protected through their cluster; a read replica holds
  // no data of its own, and AWS takes no final snapshot of one.
  if (!cluster && engine && IsAuroraEngine(*engine)) return;
  if (IsRdsReplica(r) != Tri::kFalse) return;
  const Value* protection = r.Get("deletion_protection");
  if (Truth(protection) == Tri::kFalse) {
    ctx.Report(r, "deletion_protection",
               IsAbsent(protection)
                   ? "deletion_protection is not set (default false): one `terraform destroy` or "
                     "a replacement deletes the production database"
                   : "deletion_protection is false: one `terraform destroy` or a replacement "
                     "deletes the production database");
  }
  const Value* skip = r.Get("skip_final_snapshot");
  if (IsTrue(skip)) {
    ctx.Report(r, "skip_final_snapshot",
               "skip_final_snapshot is true: when the production database is deleted, no final "
               "snapshot is kept");
  }
}

}  // namespace

extern const Rule kAwsRdsDeletionProtection = {
    .id = "aws-rds-deletion-protection",
    .title = "Production RDS databases must have deletion protection and a final snapshot",
    .severity = Severity::kMedium,
    .scope = Scope::kProd,
    .kinds = kKinds,
    .rationale =
        "The documented production database is protected against deletion: `deletion_protection "
        "= var.environment == \"production\"` and `skip_final_snapshot = var.environment != "
        "\"production\"` (002 §4). Without deletion protection a `terraform destroy`, a renamed "
        "resource or a change that forces replacement deletes the database; with "
        "`skip_final_snapshot = true` nothing is left to restore from once it is gone. Both "
        "attributes are checked on instances and clusters (provider defaults: "
        "`deletion_protection = false`, `skip_final_snapshot = false`), each with its own "
        "finding. Read replicas and the instances of an Aurora cluster are not checked: a replica "
        "holds no data of its own and Aurora protects the cluster. Only environments classed as "
        "production are checked.",
    .remediation =
        "Set `deletion_protection = true` and leave `skip_final_snapshot` false (with a "
        "`final_snapshot_identifier`) in production, for example with the documents' "
        "per-environment expressions.",
    .bad_example = R"(# prod.tfvars: environment = "production"
resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t4g.small"
  allocated_storage   = 50
  skip_final_snapshot = true
})",
    .good_example = R"(resource "aws_db_instance" "main" {
  engine                    = "postgres"
  instance_class            = "db.t4g.small"
  allocated_storage         = 50
  deletion_protection       = var.environment == "production"
  skip_final_snapshot       = var.environment != "production"
  final_snapshot_identifier = "main-final"
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .tfsec = kTfsec,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
