// aws-rds-backup-retention: production databases keep a week of automated
// backups.
#include "infracheck/rule.h"
#include "rules/common/data.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_db_instance", "aws_rds_cluster"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_133"};
constexpr std::string_view kTrivy[] = {"AWS-0077", "AVD-AWS-0077"};
constexpr std::string_view kTfsec[] = {"aws-rds-specify-backup-retention"};
constexpr double kMinimumDays = 7;

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  bool cluster = r.kind == "aws_rds_cluster";
  auto engine = EngineOf(r);
  // Aurora backs up the cluster volume; a replica is backed up through its source.
  if (!cluster && engine && IsAuroraEngine(*engine)) return;
  if (IsRdsReplica(r) != Tri::kFalse) return;
  const Value* period = r.Get("backup_retention_period");
  if (IsAbsent(period)) {
    ctx.Report(r, "backup_retention_period",
               "backup_retention_period is not set: RDS keeps automated backups for 1 day by "
               "default, production needs at least 7");
    return;
  }
  auto days = NumberOf(period);
  if (!days || *days >= kMinimumDays) return;
  ctx.Report(r, "backup_retention_period",
             *days == 0 ? "backup_retention_period is 0: automated backups and point-in-time "
                          "recovery are turned off for the production database"
                        : "backup_retention_period is " + FormatNumber(*days) +
                              (*days == 1 ? " day" : " days") +
                              ": production keeps automated backups for at least 7",
             period);
}

}  // namespace

extern const Rule kAwsRdsBackupRetention = {
    .id = "aws-rds-backup-retention",
    .title = "Production RDS databases must keep automated backups for at least 7 days",
    .severity = Severity::kMedium,
    .scope = Scope::kProd,
    .kinds = kKinds,
    .rationale =
        "The production database keeps its automated backups for 7 days (004 \"데이터베이스 및 "
        "캐시\": \"Backup Retention: 7일\"; 002 §4 sets `backup_retention_period = "
        "var.backup_retention_days`). The retention period is also the window for point-in-time "
        "recovery: a corruption or a bad migration noticed after a weekend cannot be undone with "
        "one day of backups, and 0 turns automated backups off altogether. When the attribute is "
        "absent the provider sends nothing and RDS applies its API default of 1 day "
        "(CreateDBInstance and CreateDBCluster `BackupRetentionPeriod`, default 1; the provider "
        "documentation of `aws_db_instance` says 0), below 7 either way, so an absent attribute "
        "fires. Read replicas and the instances of an Aurora cluster are not checked: their "
        "backups are their source's or the cluster's. Only environments classed as production "
        "are checked.",
    .remediation =
        "Set `backup_retention_period = 7` (or more, up to 35) on production instances and "
        "clusters, for example from a per-environment tfvars value.",
    .bad_example = R"(# prod.tfvars: environment = "production", backup_retention_days = 3
resource "aws_db_instance" "main" {
  engine                  = "postgres"
  instance_class          = "db.t4g.small"
  allocated_storage       = 50
  backup_retention_period = var.backup_retention_days
})",
    .good_example = R"(resource "aws_db_instance" "main" {
  engine                  = "postgres"
  instance_class          = "db.t4g.small"
  allocated_storage       = 50
  backup_retention_period = 7
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .tfsec = kTfsec,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
