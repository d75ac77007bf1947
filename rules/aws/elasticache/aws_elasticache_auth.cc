// aws-elasticache-auth: a TLS-enabled cache also authenticates its clients.
#include "infracheck/rule.h"
#include "rules/common/data.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_elasticache_replication_group"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_31"};

// Whether a set of user group IDs names at least one group.
Tri HasUserGroup(const Value* v) {
  if (IsAbsent(v)) return Tri::kFalse;
  if (!v->is_list()) return Tri::kUnknown;
  for (const Value& id : v->items()) {
    Tri set = IsSet(&id);
    if (set != Tri::kFalse) return set;
  }
  return Tri::kFalse;
}

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  // AUTH and RBAC need TLS; without it aws-elasticache-encryption-in-transit fires.
  const Value* transit = r.Get("transit_encryption_enabled");
  if (!IsTrue(transit)) return;
  const Value* token = r.Get("auth_token");
  if (IsSet(token) != Tri::kFalse) return;
  if (HasUserGroup(r.Get("user_group_ids")) != Tri::kFalse) return;
  // Where the token was left empty, else where TLS was turned on.
  ctx.Report(r, "auth_token",
             "transit encryption is on but neither auth_token nor user_group_ids is set: any "
             "client that reaches the port can read and write the cache without credentials",
             token ? token : transit);
}

}  // namespace

extern const Rule kAwsElasticacheAuth = {
    .id = "aws-elasticache-auth",
    .title = "ElastiCache replication groups must require authentication",
    .severity = Severity::kMedium,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The documented replication group authenticates its clients with `auth_token = "
        "var.auth_token` alongside TLS (002 §5). Without an AUTH token or an RBAC user group "
        "(`user_group_ids`), anything that can reach port 6379 (a compromised task, a "
        "misconfigured security group) can read sessions and overwrite cached data. Redis AUTH "
        "and RBAC only work with encryption in transit, so the rule looks at replication groups "
        "with `transit_encryption_enabled = true`; a group without TLS is reported by "
        "aws-elasticache-encryption-in-transit instead. A token or user group whose value is "
        "unknown (a random_password, a Secrets Manager value) counts as set.",
    .remediation =
        "Set `auth_token` from a secret that is not in the repository (a `random_password` "
        "stored in Secrets Manager), or attach an RBAC user group with `user_group_ids` "
        "(aws_elasticache_user_group), and have clients authenticate.",
    .bad_example = R"(resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "codemate-redis"
  description                = "Redis for sessions and caching"
  node_type                  = "cache.t4g.micro"
  num_cache_clusters         = 1
  transit_encryption_enabled = true
})",
    .good_example = R"(resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "codemate-redis"
  description                = "Redis for sessions and caching"
  node_type                  = "cache.t4g.micro"
  num_cache_clusters         = 1
  transit_encryption_enabled = true
  auth_token                 = random_password.redis_auth.result
})",
    .checkov = kCheckov,
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
