// aws-vpc-multi-az: production load balancers, services and data stores span
// at least two availability zones.
#include "infracheck/rule.h"
#include "rules/common/network.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_alb",
                                       "aws_db_subnet_group",
                                       "aws_ecs_service",
                                       "aws_elasticache_serverless_cache",
                                       "aws_elasticache_subnet_group",
                                       "aws_lb"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  std::string path, report_path;
  if (IsLoadBalancer(r)) {
    const Value* subnets = r.Get("subnets");
    path = report_path = "subnets";
    if (IsAbsent(subnets)) {
      path = "subnet_mapping.subnet_id";
      report_path = "subnet_mapping";
    }
  } else if (r.kind == "aws_ecs_service") {
    path = report_path = "network_configuration.subnets";
  } else {
    path = report_path = "subnet_ids";
  }
  SubnetSet set = SubnetsAt(ctx.graph(), r, path);
  if (!set.complete || set.subnets.empty()) return;
  Zones zones = ZonesOf(set.subnets);
  if (!zones.known || zones.names.size() >= 2) return;
  const std::string& zone = *zones.names.begin();
  std::string message =
      set.subnets.size() == 1
          ? "uses a single subnet, " + set.subnets[0]->address + " in " + zone
          : (set.subnets.size() == 2 ? "both subnets ("
                                     : "all " + std::to_string(set.subnets.size()) + " subnets (") +
                Addresses(set.subnets) + ") are in " + zone;
  message += ": an outage of that availability zone takes the production " +
             std::string(IsLoadBalancer(r)             ? "load balancer"
                         : r.kind == "aws_ecs_service" ? "service"
                                                       : "data store") +
             " down";
  ctx.Report(r, report_path, std::move(message), zones.first);
}

}  // namespace

extern const Rule kAwsVpcMultiAz = {
    .id = "aws-vpc-multi-az",
    .title = "Production load balancers, services and data stores must span two availability zones",
    .severity = Severity::kHigh,
    .scope = Scope::kProd,
    .kinds = kKinds,
    .rationale =
        "Both documented stacks are Multi-AZ: 002 §2 creates one public, application and data "
        "subnet per entry of `var.availability_zones`, and 004 \"네트워크 구성\" lays every "
        "tier out in ap-northeast-2a and ap-northeast-2c. A production load balancer, ECS "
        "service, DB subnet group or ElastiCache subnet group (or serverless cache) whose "
        "subnets all lie in one zone goes down with that zone, however many tasks or replicas "
        "it runs; RDS and ElastiCache Multi-AZ failover needs a subnet in a second zone. The "
        "zone is the subnet's `availability_zone`, or `availability_zone_id` when every "
        "subnet sets that instead. The rule stays silent when a subnet id does not resolve to a "
        "subnet in the configuration, when a subnet's zone is unknown or not set (AWS then "
        "picks one), or when the subnets have an unknown count. Only environments classed as "
        "production are checked; a single-zone development environment is a cost choice "
        "(004's dev environment).",
    .remediation =
        "Create one subnet per availability zone for each tier (count or for_each over "
        "`var.availability_zones`) and pass all of them: `subnets = aws_subnet.public[*].id` "
        "for the load balancer, `aws_subnet.private_app[*].id` for the service, "
        "`aws_subnet.private_data[*].id` for the subnet groups.",
    .bad_example = R"(# prod.tfvars: environment = "production"
resource "aws_subnet" "private_data" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.21.0/24"
  availability_zone = "ap-northeast-2a"
}

resource "aws_db_subnet_group" "main" {
  name       = "app-db"
  subnet_ids = [aws_subnet.private_data.id]
})",
    .good_example = R"(resource "aws_subnet" "private_data" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = ["10.0.21.0/24", "10.0.22.0/24"][count.index]
  availability_zone = ["ap-northeast-2a", "ap-northeast-2c"][count.index]
}

resource "aws_db_subnet_group" "main" {
  name       = "app-db"
  subnet_ids = aws_subnet.private_data[*].id
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
