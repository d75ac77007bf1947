// aws-vpc-private-subnets: the application and data tiers run in private
// subnets.
#include "infracheck/rule.h"
#include "rules/common/network.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_db_subnet_group", "aws_ecs_service",
                                       "aws_elasticache_serverless_cache",
                                       "aws_elasticache_subnet_group"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  const Graph& g = ctx.graph();
  std::vector<const Resource*> public_subnets;
  Publicness first;
  for (const Resource* s : g.Related(r, Relation::kSubnet)) {
    Publicness p = SubnetPublicness(g, *s);
    if (p.is_public != Tri::kTrue) continue;
    if (public_subnets.empty()) first = p;
    public_subnets.push_back(s);
  }
  if (public_subnets.empty()) return;
  std::string path = r.kind == "aws_ecs_service" ? "network_configuration.subnets" : "subnet_ids";
  std::string what = r.kind == "aws_ecs_service" ? "ECS tasks" : "databases and caches";
  std::string which =
      public_subnets.size() == 1
          ? "public subnet " + public_subnets[0]->address + " (" + first.reason + ")"
          : "public subnets " + Addresses(public_subnets) + " (" + public_subnets[0]->address +
                ": " + first.reason + ")";
  ctx.Report(r, path, "uses " + which + "; " + what + " belong in private subnets", first.culprit);
}

}  // namespace

extern const Rule kAwsVpcPrivateSubnets = {
    .id = "aws-vpc-private-subnets",
    .title = "ECS services, databases and caches must use private subnets",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "Only the load balancer and the NAT gateways live in public subnets; ECS tasks run in "
        "the private application subnets and RDS and ElastiCache in the private data subnets "
        "(002 §2 `private_app` and `private_data` subnets; 004 \"네트워크 구성\": Public "
        "Subnets for ALB, NAT Gateway, Bastion; Private Subnets for ECS Fargate tasks and for "
        "RDS, ElastiCache). In a public subnet a single security-group mistake, a public IP or "
        "`publicly_accessible` exposes the workload directly. A subnet is public when it sets "
        "`map_public_ip_on_launch = true`, or when its route table (the associated one, else "
        "the VPC's main one) sends 0.0.0.0/0 or ::/0 to an internet gateway; a default route "
        "to a NAT gateway or an egress-only internet gateway keeps it private. The rule checks "
        "the subnets of ECS services (network_configuration.subnets), DB and ElastiCache subnet "
        "groups and ElastiCache serverless caches. Subnets whose route table or gateway is "
        "unknown, and subnet ids that do not resolve to a subnet in the configuration, stay "
        "silent.",
    .remediation =
        "Place the service or subnet group in the private subnets (002's `private_app` / "
        "`private_data`), whose route table sends 0.0.0.0/0 to a NAT gateway or nowhere, and "
        "leave `map_public_ip_on_launch` unset on them.",
    .bad_example = R"(resource "aws_subnet" "public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_db_subnet_group" "main" {
  name       = "app-db"
  subnet_ids = [aws_subnet.public.id]
})",
    .good_example = R"(resource "aws_subnet" "private_data" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.21.0/24"
}

resource "aws_db_subnet_group" "main" {
  name       = "app-db"
  subnet_ids = [aws_subnet.private_data.id]
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
