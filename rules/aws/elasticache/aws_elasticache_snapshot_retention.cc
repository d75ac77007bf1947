// aws-elasticache-snapshot-retention: the production cache takes daily
// snapshots.
#include "infracheck/rule.h"
#include "rules/common/data.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_elasticache_replication_group",
                                       "aws_elasticache_cluster",
                                       "aws_elasticache_serverless_cache"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_134"};
constexpr std::string_view kTrivy[] = {"AWS-0050", "AVD-AWS-0050"};
constexpr std::string_view kTfsec[] = {"aws-elasticache-enable-backup-retention"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  bool serverless = r.kind == "aws_elasticache_serverless_cache";
  if (r.kind == "aws_elasticache_cluster") {
    if (IsCacheGroupMember(r) != Tri::kFalse) return;  // the group is checked
    auto engine = CacheEngineOf(r);
    if (!engine || *engine == "memcached") return;  // Memcached nodes take no snapshots
  }
  const Value* limit = r.Get("snapshot_retention_limit");
  if (IsAbsent(limit)) {
    // CreateServerlessCache documents no default: only an explicit 0 is reported.
    if (serverless) return;
    ctx.Report(r, "snapshot_retention_limit",
               "snapshot_retention_limit is not set (default 0): the production cache takes no "
               "automatic snapshots");
    return;
  }
  auto days = NumberOf(limit);
  if (!days || *days > 0) return;
  ctx.Report(r, "snapshot_retention_limit",
             "snapshot_retention_limit is 0: the production cache takes no automatic snapshots",
             limit);
}

}  // namespace

extern const Rule kAwsElasticacheSnapshotRetention = {
    .id = "aws-elasticache-snapshot-retention",
    .title = "Production ElastiCache must keep automatic snapshots",
    .severity = Severity::kLow,
    .scope = Scope::kProd,
    .kinds = kKinds,
    .rationale =
        "The production cache keeps automatic snapshots: `snapshot_retention_limit = "
        "var.environment == \"production\" ? 7 : 0` (002 §5) and \"Snapshot Retention: 5일\" "
        "(004 \"데이터베이스 및 캐시\"). Without snapshots, a failed node, a bad deployment or a "
        "`FLUSHALL` loses every session and rate-limit counter with no way back. "
        "`snapshot_retention_limit = 0` turns automatic backups off, and 0 is the API default "
        "(CreateReplicationGroup and CreateCacheCluster `SnapshotRetentionLimit`), so an absent "
        "attribute fires on replication groups and standalone Redis OSS clusters. Serverless "
        "caches fire only on an explicit 0, as AWS documents no default for them. Memcached "
        "clusters cannot take snapshots and members of a replication group are checked through "
        "the group. Only environments classed as production are checked.",
    .remediation =
        "Set `snapshot_retention_limit` to the number of days to keep (the documents use 5 to "
        "7) and a `snapshot_window` outside peak hours on production caches.",
    .bad_example = R"(# prod.tfvars: environment = "production"
resource "aws_elasticache_replication_group" "main" {
  replication_group_id     = "codemate-redis"
  description              = "Redis for sessions and caching"
  node_type                = "cache.t4g.small"
  num_cache_clusters       = 2
  snapshot_retention_limit = 0
})",
    .good_example = R"(resource "aws_elasticache_replication_group" "main" {
  replication_group_id     = "codemate-redis"
  description              = "Redis for sessions and caching"
  node_type                = "cache.t4g.small"
  num_cache_clusters       = 2
  snapshot_retention_limit = var.environment == "production" ? 7 : 0
  snapshot_window          = "02:00-03:00"
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .tfsec = kTfsec,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
