// aws-elasticache-encryption-in-transit: clients talk to the cache over TLS.
#include "infracheck/rule.h"
#include "rules/common/data.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_elasticache_replication_group",
                                       "aws_elasticache_cluster"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_30"};
constexpr std::string_view kTrivy[] = {"AWS-0051", "AVD-AWS-0051"};
constexpr std::string_view kTfsec[] = {"aws-elasticache-enable-in-transit-encryption"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  bool group = r.kind == "aws_elasticache_replication_group";
  if (!group && IsCacheGroupMember(r) != Tri::kFalse) return;  // the group is checked
  const Value* enabled = r.Get("transit_encryption_enabled");
  Tri t = Truth(enabled);
  if (t == Tri::kUnknown) return;
  if (t == Tri::kTrue) {
    // "preferred" is the migration mode: TLS is offered, plaintext still accepted.
    const Value* mode = r.Get("transit_encryption_mode");
    if (group && mode && mode->is_string() && Lower(mode->str()) == "preferred") {
      ctx.Report(r, "transit_encryption_mode",
                 "transit_encryption_mode is \"preferred\": the cache still accepts clients "
                 "that do not use TLS; set it to \"required\" once every client uses TLS");
    }
    return;
  }
  std::string_view what = group ? "clients and replicas exchange data and AUTH tokens in plaintext"
                                : "clients exchange data with the cache in plaintext";
  if (IsAbsent(enabled)) {
    // A secondary of a global datastore takes its setting from the primary.
    if (group && IsSet(r.Get("global_replication_group_id")) != Tri::kFalse) return;
    ctx.Report(r, "transit_encryption_enabled",
               "transit_encryption_enabled is not set (default false): " + std::string(what));
    return;
  }
  ctx.Report(r, "transit_encryption_enabled",
             "transit_encryption_enabled is false: " + std::string(what));
}

}  // namespace

extern const Rule kAwsElasticacheEncryptionInTransit = {
    .id = "aws-elasticache-encryption-in-transit",
    .title = "ElastiCache must encrypt connections in transit",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The documented Redis replication group sets `transit_encryption_enabled = true` (002 "
        "§5), and 004 asks for TLS on every connection to the data tier (\"In-transit: SSL/TLS "
        "연결 강제\"). Without it session tokens, cached responses and the AUTH token itself "
        "cross the VPC in plaintext, and AUTH cannot be used at all. The attribute defaults to "
        "false (CreateReplicationGroup and CreateCacheCluster `TransitEncryptionEnabled`), so "
        "an absent attribute fires, for replication groups and standalone "
        "`aws_elasticache_cluster`s (Redis OSS and Memcached); members of a replication group "
        "are checked through the group, and a secondary of a global datastore inherits the "
        "primary's setting. `transit_encryption_mode = \"preferred\"` on a replication group "
        "still accepts plaintext clients and fires too. A serverless cache always requires TLS "
        "and passes.",
    .remediation =
        "Set `transit_encryption_enabled = true` (and `transit_encryption_mode = \"required\"` "
        "once clients have moved) and connect with TLS (`rediss://`). Engine versions before "
        "Redis OSS 7.0.5 can only turn it on when the group is created.",
    .bad_example = R"(resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "codemate-redis"
  description                = "Redis for sessions and caching"
  node_type                  = "cache.t4g.micro"
  num_cache_clusters         = 1
  transit_encryption_enabled = false
})",
    .good_example = R"(resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "codemate-redis"
  description                = "Redis for sessions and caching"
  node_type                  = "cache.t4g.micro"
  num_cache_clusters         = 1
  transit_encryption_enabled = true
  auth_token                 = var.redis_auth_token
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .tfsec = kTfsec,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
