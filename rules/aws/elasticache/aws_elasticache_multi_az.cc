// aws-elasticache-multi-az: the production cache survives the loss of a node
// or an availability zone.
#include <algorithm>

#include "infracheck/rule.h"
#include "rules/common/data.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_elasticache_replication_group",
                                       "aws_elasticache_cluster"};
constexpr std::string_view kCheckov[] = {"CKV2_AWS_50"};

// Replicas per shard of a cluster-mode group: replicas_per_node_group, else
// the fewest replica_count of the node_group_configuration blocks, else 0.
// nullopt when unknown.
std::optional<double> ReplicasPerShard(const Resource& r, const Value** culprit) {
  const Value* replicas = r.Get("replicas_per_node_group");
  *culprit = replicas;
  if (!IsAbsent(replicas)) return NumberOf(replicas);
  const Value* blocks = r.attributes.Get("node_group_configuration");
  if (IsAbsent(blocks)) return 0;
  if (!blocks->is_list()) return std::nullopt;
  std::optional<double> fewest;
  for (const Value& block : blocks->items()) {
    const Value* count = block.Get("replica_count");
    std::optional<double> n = IsAbsent(count) ? std::optional<double>(0) : NumberOf(count);
    if (!n) return std::nullopt;
    if (!fewest || *n < *fewest) {
      fewest = n;
      *culprit = count;
    }
  }
  return fewest ? fewest : std::optional<double>(0);
}

void CheckNodes(const Resource& r, RuleContext& ctx) {
  if (!IsAbsent(r.Get("num_node_groups")) || !IsAbsent(r.Get("replicas_per_node_group"))) {
    const Value* culprit = nullptr;
    auto replicas = ReplicasPerShard(r, &culprit);
    if (!replicas || *replicas >= 1) return;
    ctx.Report(r, "replicas_per_node_group",
               IsAbsent(culprit) ? "replicas_per_node_group is not set (default 0): each shard "
                                   "is a single node, with nothing to fail over to"
                                 : "replicas_per_node_group is 0: each shard is a single node, "
                                   "with nothing to fail over to",
               IsAbsent(culprit) ? nullptr : culprit);
    return;
  }
  const Value* clusters = r.Get("num_cache_clusters");
  if (IsAbsent(clusters)) {
    ctx.Report(r, "num_cache_clusters",
               "num_cache_clusters is not set (default 1): the production cache is a single "
               "node, with nothing to fail over to");
    return;
  }
  auto n = NumberOf(clusters);
  if (!n || *n >= 2) return;
  ctx.Report(r, "num_cache_clusters",
             "num_cache_clusters is " + FormatNumber(*n) +
                 ": the production cache is a single node, with nothing to fail over to",
             clusters);
}

void CheckReplicationGroup(const Resource& r, RuleContext& ctx) {
  const Value* failover = r.Get("automatic_failover_enabled");
  if (Truth(failover) == Tri::kFalse) {
    ctx.Report(r, "automatic_failover_enabled",
               IsAbsent(failover)
                   ? "automatic_failover_enabled is not set (default false): when the primary "
                     "fails, no replica is promoted"
                   : "automatic_failover_enabled is false: when the primary fails, no replica is "
                     "promoted");
  }
  const Value* multi_az = r.Get("multi_az_enabled");
  if (Truth(multi_az) == Tri::kFalse) {
    ctx.Report(r, "multi_az_enabled",
               IsAbsent(multi_az)
                   ? "multi_az_enabled is not set (default false): the primary and its replicas "
                     "may share one availability zone"
                   : "multi_az_enabled is false: the primary and its replicas may share one "
                     "availability zone");
  }
  CheckNodes(r, ctx);
}

void CheckCluster(const Resource& r, RuleContext& ctx) {
  if (IsCacheGroupMember(r) != Tri::kFalse) return;  // the group is checked
  auto engine = CacheEngineOf(r);
  if (!engine) return;
  if (*engine != "memcached") {
    ctx.Report(r, "",
               "a standalone Redis OSS cluster (aws_elasticache_cluster) is a single node and "
               "cannot fail over: use an aws_elasticache_replication_group with a replica in "
               "another availability zone");
    return;
  }
  // Memcached does not replicate: availability comes from nodes in several zones.
  const Value* nodes = r.Get("num_cache_nodes");
  auto n = NumberOf(nodes);
  if (n && *n < 2) {
    ctx.Report(r, "num_cache_nodes",
               "num_cache_nodes is " + FormatNumber(*n) +
                   ": the production cache is a single node in a single availability zone",
               nodes);
    return;
  }
  const Value* mode = r.Get("az_mode");
  if (IsAbsent(mode) || (mode->is_string() && Lower(mode->str()) == "single-az")) {
    ctx.Report(r, "az_mode",
               IsAbsent(mode) ? "az_mode is not set (default single-az): every node of the "
                                "production cache is in one availability zone"
                              : "az_mode is single-az: every node of the production cache is in "
                                "one availability zone");
  }
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

extern const Rule kAwsElasticacheMultiAz = {
    .id = "aws-elasticache-multi-az",
    .title = "Production ElastiCache must fail over across availability zones",
    .severity = Severity::kHigh,
    .scope = Scope::kProd,
    .kinds = kKinds,
    .rationale =
        "The production cache is highly available: `num_cache_clusters = var.environment == "
        "\"production\" ? 2 : 1` with `automatic_failover_enabled` and `multi_az_enabled` set "
        "for production (002 §5), \"Nodes: 2 (Primary + Replica)\", \"Replicas: 1 replica per "
        "shard\" and \"Multi-AZ: Enabled\" (004). Sessions and WebSocket state live in the cache, "
        "so losing its only node or zone logs every user out. On a replication group each of "
        "these fires on its own: `automatic_failover_enabled` false or absent (default false), "
        "`multi_az_enabled` false or absent (default false), and fewer than two nodes, counted "
        "per shard: `num_cache_clusters` (default 1) or, in cluster mode (`num_node_groups`), "
        "`replicas_per_node_group` (default 0) must give every shard a replica, since a replica "
        "in another shard cannot take over. A standalone Redis OSS `aws_elasticache_cluster` is "
        "a single node and fires; a standalone Memcached cluster needs two nodes and `az_mode = "
        "\"cross-az\"`. Serverless caches replicate across zones by themselves and pass. Only "
        "environments classed as production are checked.",
    .remediation =
        "In production set `automatic_failover_enabled = true`, `multi_az_enabled = true` and "
        "`num_cache_clusters = 2` or more (in cluster mode, `replicas_per_node_group = 1` or "
        "more), for example with the documents' per-environment expressions.",
    .bad_example = R"(# prod.tfvars: environment = "production"
resource "aws_elasticache_replication_group" "main" {
  replication_group_id = "codemate-redis"
  description          = "Redis for sessions and caching"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 1
})",
    .good_example = R"(resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "codemate-redis"
  description                = "Redis for sessions and caching"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = var.environment == "production" ? 2 : 1
  automatic_failover_enabled = var.environment == "production"
  multi_az_enabled           = var.environment == "production"
})",
    .checkov = kCheckov,
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
