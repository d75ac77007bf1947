// aws-rds-no-public-access: database instances are never reachable from the
// internet.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_db_instance", "aws_rds_cluster_instance"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_17"};
constexpr std::string_view kTrivy[] = {"AWS-0180", "AVD-AWS-0082"};
constexpr std::string_view kTfsec[] = {"aws-rds-enable-public-access",
                                       "aws-rds-no-public-db-access"};

void Check(const Resource& r, RuleContext& ctx) {
  const Value* v = r.Get("publicly_accessible");
  if (!IsTrue(v)) return;
  ctx.Report(r, "publicly_accessible",
             "publicly_accessible = true gives the database a public address; the documented "
             "data tier is private");
}

}  // namespace

extern const Rule kAwsRdsNoPublicAccess = {
    .id = "aws-rds-no-public-access",
    .title = "RDS instances must not be publicly accessible",
    .severity = Severity::kCritical,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The documented architecture keeps the data tier in private subnets, reachable only "
        "from the application tier (002 §4 `publicly_accessible = false`; 004 security checklist "
        "\"RDS는 Public Access Disabled\"). `publicly_accessible = true` gives the instance a "
        "public DNS name and IP, so a single permissive security group rule exposes the "
        "database to the internet.",
    .remediation =
        "Set `publicly_accessible = false` (the provider default) and reach the database from "
        "the application tier, or through a bastion or SSM session for administration.",
    .bad_example = R"(resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  publicly_accessible = true
})",
    .good_example = R"(resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  publicly_accessible = false
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .tfsec = kTfsec,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
