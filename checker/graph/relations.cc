// Relations read from attributes that name another resource, by reference
// (aws_security_group.alb.id) or by a known name (db_subnet_group_name =
// "app-db"). One table says where each kind names what.
#include <string>

#include "checker/graph/builder.h"

namespace infracheck::graph {

namespace {

constexpr std::string_view kSecurityGroups[] = {"aws_security_group"};
constexpr std::string_view kLoadBalancers[] = {"aws_lb", "aws_alb"};
constexpr std::string_view kRepositories[] = {"aws_ecr_repository"};
constexpr std::string_view kBuckets[] = {"aws_s3_bucket"};
constexpr std::string_view kRdsClusters[] = {"aws_rds_cluster"};
constexpr std::string_view kSubnets[] = {"aws_subnet"};
constexpr std::string_view kDbSubnetGroups[] = {"aws_db_subnet_group"};
constexpr std::string_view kCacheSubnetGroups[] = {"aws_elasticache_subnet_group"};
constexpr std::string_view kVpcs[] = {"aws_vpc"};
constexpr std::string_view kDbParameterGroups[] = {"aws_db_parameter_group"};
constexpr std::string_view kClusterParameterGroups[] = {"aws_rds_cluster_parameter_group"};
constexpr std::string_view kCacheParameterGroups[] = {"aws_elasticache_parameter_group"};
constexpr std::string_view kTaskDefinitions[] = {"aws_ecs_task_definition"};
constexpr std::string_view kEcsClusters[] = {"aws_ecs_cluster"};
constexpr std::string_view kTargetGroups[] = {"aws_lb_target_group", "aws_alb_target_group"};
constexpr std::string_view kListeners[] = {"aws_lb_listener", "aws_alb_listener"};
constexpr std::string_view kRoles[] = {"aws_iam_role"};
constexpr std::string_view kPolicies[] = {"aws_iam_policy"};

constexpr RelationSpec kRules[] = {
    // Security groups attached to things.
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
    {"aws_elasticache_serverless_cache", "security_group_ids", kSecurityGroups, "",
     Relation::kSecurityGroup},
    {"aws_instance", "vpc_security_group_ids", kSecurityGroups, "", Relation::kSecurityGroup},
    {"aws_instance", "security_groups", kSecurityGroups, "name", Relation::kSecurityGroup},
    {"aws_launch_template", "vpc_security_group_ids", kSecurityGroups, "",
     Relation::kSecurityGroup},
    {"aws_lambda_function", "vpc_config.security_group_ids", kSecurityGroups, "",
     Relation::kSecurityGroup},
    {"aws_vpc_endpoint", "security_group_ids", kSecurityGroups, "", Relation::kSecurityGroup},
    // Listeners and their load balancer; target groups.
    {"aws_lb_listener", "load_balancer_arn", kLoadBalancers, "", Relation::kLoadBalancer},
    {"aws_alb_listener", "load_balancer_arn", kLoadBalancers, "", Relation::kLoadBalancer},
    {"aws_lb_listener", "default_action.target_group_arn", kTargetGroups, "",
     Relation::kTargetGroup},
    {"aws_lb_listener", "default_action.forward.target_group.arn", kTargetGroups, "",
     Relation::kTargetGroup},
    {"aws_alb_listener", "default_action.target_group_arn", kTargetGroups, "",
     Relation::kTargetGroup},
    {"aws_ecs_service", "load_balancer.target_group_arn", kTargetGroups, "",
     Relation::kTargetGroup},
    {"aws_lb_listener_rule", "listener_arn", kListeners, "", Relation::kListener},
    {"aws_alb_listener_rule", "listener_arn", kListeners, "", Relation::kListener},
    // Things that belong to a repository, a bucket, a cluster.
    {"aws_ecr_lifecycle_policy", "repository", kRepositories, "name", Relation::kRepository},
    {"aws_ecr_repository_policy", "repository", kRepositories, "name", Relation::kRepository},
    {"aws_s3_bucket_public_access_block", "bucket", kBuckets, "bucket", Relation::kBucket},
    {"aws_s3_bucket_versioning", "bucket", kBuckets, "bucket", Relation::kBucket},
    {"aws_s3_bucket_server_side_encryption_configuration", "bucket", kBuckets, "bucket",
     Relation::kBucket},
    {"aws_s3_bucket_policy", "bucket", kBuckets, "bucket", Relation::kBucket},
    {"aws_s3_bucket_logging", "bucket", kBuckets, "bucket", Relation::kBucket},
    {"aws_s3_bucket_lifecycle_configuration", "bucket", kBuckets, "bucket", Relation::kBucket},
    {"aws_s3_bucket_acl", "bucket", kBuckets, "bucket", Relation::kBucket},
    {"aws_s3_bucket_ownership_controls", "bucket", kBuckets, "bucket", Relation::kBucket},
    {"aws_s3_bucket_cors_configuration", "bucket", kBuckets, "bucket", Relation::kBucket},
    {"aws_rds_cluster_instance", "cluster_identifier", kRdsClusters, "cluster_identifier",
     Relation::kRdsCluster},
    // Subnets and subnet groups.
    {"aws_ecs_service", "network_configuration.subnets", kSubnets, "", Relation::kSubnet},
    {"aws_db_subnet_group", "subnet_ids", kSubnets, "", Relation::kSubnet},
    {"aws_elasticache_subnet_group", "subnet_ids", kSubnets, "", Relation::kSubnet},
    {"aws_elasticache_serverless_cache", "subnet_ids", kSubnets, "", Relation::kSubnet},
    {"aws_lb", "subnets", kSubnets, "", Relation::kSubnet},
    {"aws_lb", "subnet_mapping.subnet_id", kSubnets, "", Relation::kSubnet},
    {"aws_alb", "subnets", kSubnets, "", Relation::kSubnet},
    {"aws_nat_gateway", "subnet_id", kSubnets, "", Relation::kSubnet},
    {"aws_instance", "subnet_id", kSubnets, "", Relation::kSubnet},
    {"aws_lambda_function", "vpc_config.subnet_ids", kSubnets, "", Relation::kSubnet},
    {"aws_db_instance", "db_subnet_group_name", kDbSubnetGroups, "name", Relation::kSubnetGroup},
    {"aws_rds_cluster", "db_subnet_group_name", kDbSubnetGroups, "name", Relation::kSubnetGroup},
    {"aws_elasticache_replication_group", "subnet_group_name", kCacheSubnetGroups, "name",
     Relation::kSubnetGroup},
    {"aws_elasticache_cluster", "subnet_group_name", kCacheSubnetGroups, "name",
     Relation::kSubnetGroup},
    // VPC membership.
    {"aws_subnet", "vpc_id", kVpcs, "", Relation::kVpc},
    {"aws_security_group", "vpc_id", kVpcs, "", Relation::kVpc},
    {"aws_route_table", "vpc_id", kVpcs, "", Relation::kVpc},
    {"aws_internet_gateway", "vpc_id", kVpcs, "", Relation::kVpc},
    {"aws_flow_log", "vpc_id", kVpcs, "", Relation::kVpc},
    {"aws_default_route_table", "default_route_table_id", kVpcs, "", Relation::kVpc},
    {"aws_main_route_table_association", "vpc_id", kVpcs, "", Relation::kVpc},
    // Parameter groups.
    {"aws_db_instance", "parameter_group_name", kDbParameterGroups, "name",
     Relation::kParameterGroup},
    {"aws_rds_cluster_instance", "db_parameter_group_name", kDbParameterGroups, "name",
     Relation::kParameterGroup},
    {"aws_rds_cluster", "db_cluster_parameter_group_name", kClusterParameterGroups, "name",
     Relation::kParameterGroup},
    {"aws_elasticache_replication_group", "parameter_group_name", kCacheParameterGroups, "name",
     Relation::kParameterGroup},
    {"aws_elasticache_cluster", "parameter_group_name", kCacheParameterGroups, "name",
     Relation::kParameterGroup},
    // ECS.
    {"aws_ecs_service", "task_definition", kTaskDefinitions, "family", Relation::kTaskDefinition},
    {"aws_ecs_service", "cluster", kEcsClusters, "name", Relation::kEcsCluster},
    // IAM.
    {"aws_iam_role_policy", "role", kRoles, "name", Relation::kRole},
    {"aws_iam_role_policy_attachment", "role", kRoles, "name", Relation::kRole},
    {"aws_iam_policy_attachment", "roles", kRoles, "name", Relation::kRole},
    {"aws_iam_instance_profile", "role", kRoles, "name", Relation::kRole},
    {"aws_ecs_task_definition", "execution_role_arn", kRoles, "", Relation::kRole},
    {"aws_ecs_task_definition", "task_role_arn", kRoles, "", Relation::kRole},
    {"aws_iam_role_policy_attachment", "policy_arn", kPolicies, "", Relation::kPolicy},
    {"aws_iam_user_policy_attachment", "policy_arn", kPolicies, "", Relation::kPolicy},
    {"aws_iam_group_policy_attachment", "policy_arn", kPolicies, "", Relation::kPolicy},
    {"aws_iam_policy_attachment", "policy_arn", kPolicies, "", Relation::kPolicy},
};

constexpr std::string_view kEcsServices[] = {"aws_ecs_service"};

// aws_appautoscaling_target.resource_id = "service/<cluster>/<service>".
void RelateScalingTargets(Graph& g) {
  for (const Resource* t : g.OfKind("aws_appautoscaling_target")) {
    const Value* id = t->Get("resource_id");
    if (!id) continue;
    if (id->is_string()) {
      const std::string& s = id->str();
      if (s.rfind("service/", 0) != 0) continue;
      size_t slash = s.find('/', 8);
      if (slash == std::string::npos) continue;
      std::string cluster = s.substr(8, slash - 8), service = s.substr(slash + 1);
      for (const Resource* svc : g.OfKind("aws_ecs_service")) {
        const Value* name = svc->Get("name");
        if (!name || !name->is_string() || name->str() != service) continue;
        // The cluster, when known, must match too (same name in two clusters).
        bool cluster_ok = true;
        for (const Resource* c : g.Related(*svc, Relation::kEcsCluster)) {
          const Value* cn = c->Get("name");
          if (cn && cn->is_string()) cluster_ok = cn->str() == cluster;
        }
        if (cluster_ok) g.Relate(*t, Relation::kScales, *svc);
      }
      continue;
    }
    // Unknown (a name is computed): the template still refers to the service.
    ForEachTarget(g, *id, kEcsServices, "",
                  [&](const Resource& svc) { g.Relate(*t, Relation::kScales, svc); });
  }
}

}  // namespace

std::span<const RelationSpec> RelationSpecs() { return kRules; }

void BuildRelations(Graph& g) {
  for (const RelationSpec& rule : kRules) {
    for (const Resource* r : g.OfKind(rule.from_kind)) {
      ForEachAt(r->attributes, rule.path, [&](const Value& v) {
        ForEachTarget(g, v, rule.to_kinds, rule.name_attr,
                      [&](const Resource& target) { g.Relate(*r, rule.relation, target); });
      });
    }
  }
  RelateScalingTargets(g);
}

}  // namespace infracheck::graph
