// aws-elasticache-encryption-at-rest: cache data, snapshots and swap are
// encrypted on disk.
#include "infracheck/rule.h"
#include "rules/common/data.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_elasticache_replication_group",
                                       "aws_elasticache_cluster"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_29"};
constexpr std::string_view kTrivy[] = {"AWS-0045", "AVD-AWS-0045"};
constexpr std::string_view kTfsec[] = {"aws-elasticache-enable-at-rest-encryption"};

void CheckReplicationGroup(const Resource& r, RuleContext& ctx) {
  const Value* enabled = r.Get("at_rest_encryption_enabled");
  Tri t = Truth(enabled);
  if (t != Tri::kFalse) return;
  if (!IsAbsent(enabled)) {
    ctx.Report(r, "at_rest_encryption_enabled",
               "at_rest_encryption_enabled is false: cached data, snapshots and swap are written "
               "to disk unencrypted");
    return;
  }
  // A secondary of a global datastore takes its encryption from the primary.
  if (IsSet(r.Get("global_replication_group_id")) != Tri::kFalse) return;
  auto engine = CacheEngineOf(r);
  if (!engine || *engine == "valkey") return;  // Valkey encrypts at rest by default
  ctx.Report(r, "at_rest_encryption_enabled",
             "at_rest_encryption_enabled is not set (default false for Redis OSS): cached data, "
             "snapshots and swap are written to disk unencrypted");
}

void CheckCluster(const Resource& r, RuleContext& ctx) {
  if (IsCacheGroupMember(r) != Tri::kFalse) return;  // the group is checked
  auto engine = CacheEngineOf(r);
  // Memcached nodes keep no data on disk to encrypt.
  if (!engine || (*engine != "redis" && *engine != "valkey")) return;
  ctx.Report(r, "",
             "a standalone Redis OSS cluster (aws_elasticache_cluster) cannot be encrypted at "
             "rest: create it as an aws_elasticache_replication_group with "
             "at_rest_encryption_enabled = true");
}

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  if (r.kind == "aws_elasticache_cluster") {
    CheckCluster(r, ctx);
  } else {
    CheckReplicationGroup(r, ctx);
  }
}

}  // namespace

extern const Rule kAwsElasticacheEncryptionAtRest = {
    .id = "aws-elasticache-encryption-at-rest",
    .title = "ElastiCache Redis data must be encrypted at rest",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The documented Redis replication group sets `at_rest_encryption_enabled = true` (002 "
        "§5), as 004 asks of every data store (\"Encryption: At-rest 암호화\"). The cache holds "
        "sessions, IDE state and cached API responses (004 \"사용 목적\"); unencrypted, they land "
        "on disk in snapshots, in backups exported to S3 and in swap. Encryption at rest can only "
        "be chosen when the replication group is created. The provider default is false for the "
        "`redis` engine (the default) and true for `valkey`, so an absent attribute fires only for "
        "Redis OSS; a secondary of a global datastore inherits the primary's setting. A "
        "standalone Redis OSS `aws_elasticache_cluster` has no way to encrypt at rest and fires; "
        "Memcached clusters and members of a replication group (checked through the group) are "
        "not checked. A serverless cache (`aws_elasticache_serverless_cache`) is always encrypted "
        "and passes.",
    .remediation =
        "Set `at_rest_encryption_enabled = true` (optionally with `kms_key_id`) on the "
        "replication group. The setting cannot be changed in place: create a new group, for "
        "example from a snapshot, and switch the application to it. Replace a standalone Redis "
        "`aws_elasticache_cluster` with a replication group or a serverless cache.",
    .bad_example = R"(resource "aws_elasticache_replication_group" "main" {
  replication_group_id = "codemate-redis"
  description          = "Redis for sessions and caching"
  engine               = "redis"
  node_type            = "cache.t4g.micro"
  num_cache_clusters   = 1
})",
    .good_example = R"(resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "codemate-redis"
  description                = "Redis for sessions and caching"
  engine                     = "redis"
  node_type                  = "cache.t4g.micro"
  num_cache_clusters         = 1
  at_rest_encryption_enabled = true
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .tfsec = kTfsec,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
