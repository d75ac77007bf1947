#include "checker/graph_builder.h"

#include <algorithm>
#include <string_view>

namespace infracheck {

namespace {

// Calls fn for every resource that a value (or any element in it) refers to,
// or names by a known string equal to a target's `name_attr`.
template <class Fn>
void ForEachTarget(const Graph& g, const Value& v, std::span<const std::string_view> kinds,
                   std::string_view name_attr, Fn&& fn) {
  auto kind_ok = [&](const Resource& r) {
    return std::find(kinds.begin(), kinds.end(), r.kind) != kinds.end();
  };
  bool referenced = false;
  for (const Ref& ref : v.refs()) {
    if (const Resource* t = g.Resolve(ref); t && kind_ok(*t)) {
      fn(*t);
      referenced = true;
    }
  }
  if (v.is_list()) {
    for (const Value& item : v.items()) ForEachTarget(g, item, kinds, name_attr, fn);
    return;
  }
  if (referenced || name_attr.empty() || !v.is_string()) return;
  for (std::string_view kind : kinds) {
    for (const Resource* t : g.OfKind(kind)) {
      const Value* name = t->Get(name_attr);
      if (name && name->is_string() && name->str() == v.str()) fn(*t);
    }
  }
}

struct RelationRule {
  std::string_view from_kind;
  std::string_view path;  // attribute holding the reference, dotted
  std::span<const std::string_view> to_kinds;
  std::string_view name_attr;  // match a known string against this attribute of the target
  Relation relation;
};

constexpr std::string_view kSecurityGroups[] = {"aws_security_group"};
constexpr std::string_view kLoadBalancers[] = {"aws_lb", "aws_alb"};
constexpr std::string_view kRepositories[] = {"aws_ecr_repository"};
constexpr std::string_view kBuckets[] = {"aws_s3_bucket"};
constexpr std::string_view kClusters[] = {"aws_rds_cluster"};

// Where each kind names its security groups, listeners their load balancer, ...
constexpr RelationRule kRelationRules[] = {
    {"aws_lb", "security_groups", kSecurityGroups, "", Relation::kSecurityGroup},
    {"aws_alb", "security_groups", kSecurityGroups, "", Relation::kSecurityGroup},
    {"aws_ecs_service", "network_configuration.security_groups", kSecurityGroups, "",
     Relation::kSecurityGroup},
    {"aws_db_instance", "vpc_security_group_ids", kSecurityGroups, "", Relation::kSecurityGroup},
    {"aws_rds_cluster", "vpc_security_group_ids", kSecurityGroups, "", Relation::kSecurityGroup},
    {"aws_elasticache_replication_group", "security_group_ids", kSecurityGroups, "",
     Relation::kSecurityGroup},
    {"aws_elasticache_cluster", "security_group_ids", kSecurityGroups, "",
     Relation::kSecurityGroup},
    {"aws_instance", "vpc_security_group_ids", kSecurityGroups, "", Relation::kSecurityGroup},
    {"aws_lambda_function", "vpc_config.security_group_ids", kSecurityGroups, "",
     Relation::kSecurityGroup},
    {"aws_lb_listener", "load_balancer_arn", kLoadBalancers, "", Relation::kLoadBalancer},
    {"aws_alb_listener", "load_balancer_arn", kLoadBalancers, "", Relation::kLoadBalancer},
    {"aws_ecr_lifecycle_policy", "repository", kRepositories, "name", Relation::kRepository},
    {"aws_s3_bucket_public_access_block", "bucket", kBuckets, "bucket", Relation::kBucket},
    {"aws_rds_cluster_instance", "cluster_identifier", kClusters, "cluster_identifier",
     Relation::kCluster},
};

}  // namespace

void BuildRelations(Graph& graph) {
  for (const RelationRule& rule : kRelationRules) {
    for (const Resource* r : graph.OfKind(rule.from_kind)) {
      const Value* v = r->Get(rule.path);
      if (!v) continue;
      ForEachTarget(graph, *v, rule.to_kinds, rule.name_attr,
                    [&](const Resource& target) { graph.Relate(*r, rule.relation, target); });
    }
  }
}

}  // namespace infracheck
