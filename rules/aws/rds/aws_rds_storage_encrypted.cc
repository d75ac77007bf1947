// aws-rds-storage-encrypted: database storage is encrypted at rest.
#include "infracheck/rule.h"
#include "rules/common/data.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_db_instance", "aws_rds_cluster"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_16", "CKV_AWS_96"};
constexpr std::string_view kTrivy[] = {"AWS-0080", "AVD-AWS-0080", "AWS-0079", "AVD-AWS-0079"};
constexpr std::string_view kTfsec[] = {"aws-rds-encrypt-instance-storage-data",
                                       "aws-rds-encrypt-cluster-storage-data"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  bool cluster = r.kind == "aws_rds_cluster";
  auto engine = EngineOf(r);
  // An Aurora instance stores its data in the cluster volume: the cluster is checked.
  if (!cluster && engine && IsAuroraEngine(*engine)) return;
  // A replica takes its encryption from its source (the attribute is ignored).
  if (IsRdsReplica(r) != Tri::kFalse) return;
  const Value* encrypted = r.Get("storage_encrypted");
  Tri t = Truth(encrypted);
  if (t != Tri::kFalse) return;
  if (IsAbsent(encrypted)) {
    // A database restored from a snapshot inherits the snapshot's encryption.
    if (IsSet(r.Get("snapshot_identifier")) != Tri::kFalse) return;
    if (cluster) {
      // Aurora Serverless v1 (engine_mode = "serverless") is encrypted by default.
      const Value* mode = r.Get("engine_mode");
      if (!IsAbsent(mode) && (!mode->is_string() || Lower(mode->str()) == "serverless")) return;
    }
    ctx.Report(r, "storage_encrypted",
               cluster ? "storage_encrypted is not set (default false): the cluster's data, "
                         "snapshots and backups are stored unencrypted"
                       : "storage_encrypted is not set (default false): the database's data, "
                         "snapshots and backups are stored unencrypted");
    return;
  }
  ctx.Report(r, "storage_encrypted",
             "storage_encrypted is false: the database's data, snapshots and backups are stored "
             "unencrypted");
}

}  // namespace

extern const Rule kAwsRdsStorageEncrypted = {
    .id = "aws-rds-storage-encrypted",
    .title = "RDS storage must be encrypted at rest",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The documented database is encrypted at rest: `storage_encrypted = true` (002 §4) and "
        "\"Encryption: At-rest 암호화 (AWS KMS)\" (004 \"데이터베이스 및 캐시\"). Without it the "
        "volumes, automated backups, snapshots and read replicas hold the data in the clear, and "
        "encryption cannot be switched on later: it takes a snapshot copy and a restore into a "
        "new instance. The provider default is false for instances and for provisioned Aurora "
        "clusters, so an absent attribute fires. Aurora Serverless v1 clusters (`engine_mode = "
        "\"serverless\"`) are encrypted by default; read replicas and databases restored from a "
        "snapshot take their encryption from the source, so replicas are not checked and restored "
        "databases only when they set the attribute; instances of an Aurora cluster are covered by "
        "the cluster.",
    .remediation =
        "Set `storage_encrypted = true` (and `kms_key_id` for a customer-managed key) on every "
        "`aws_db_instance` and `aws_rds_cluster`. For an existing unencrypted database, copy a "
        "snapshot with encryption and restore from it.",
    .bad_example = R"(resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
})",
    .good_example = R"(resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  storage_encrypted = true
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .tfsec = kTfsec,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
