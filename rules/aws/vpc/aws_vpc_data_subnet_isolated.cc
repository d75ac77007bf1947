// aws-vpc-data-subnet-isolated: the data tier's subnets have no route out of
// the VPC.
#include <algorithm>

#include "infracheck/rule.h"
#include "rules/common/network.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_subnet"};

constexpr std::string_view kDataUsers[] = {"aws_db_subnet_group", "aws_elasticache_subnet_group",
                                           "aws_elasticache_serverless_cache"};

// Kinds that put compute or network interfaces into a subnet without a
// kSubnet relation: a subnet they name is not the data tier's alone.
constexpr std::string_view kOtherUsers[] = {"aws_autoscaling_group",
                                            "aws_batch_compute_environment",
                                            "aws_ec2_transit_gateway_vpc_attachment",
                                            "aws_eks_cluster",
                                            "aws_eks_node_group",
                                            "aws_emr_cluster",
                                            "aws_network_interface",
                                            "aws_vpc_endpoint"};

bool In(std::span<const std::string_view> kinds, const std::string& kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string TargetOf(const Route& route) {
  if (route.gateway) return route.gateway->address;
  switch (route.target) {
    case Route::Target::kInternetGateway:
      return "an internet gateway";
    case Route::Target::kNatGateway:
      return "a NAT gateway";
    case Route::Target::kOther:
      return DescribeValue(route.target_value);
    case Route::Target::kUnknown:
      break;
  }
  return "a target that is not known yet";
}

std::string TableName(const Resource& table) {
  if (table.kind == "aws_vpc") return "the main route table of " + table.address;
  return "its route table " + table.address;
}

void Check(const Resource& subnet, RuleContext& ctx) {
  if (subnet.mode != ResourceMode::kManaged) return;
  const Graph& g = ctx.graph();
  auto users = g.Referrers(subnet, Relation::kSubnet);
  if (users.empty()) return;
  for (const Resource* u : users) {
    if (!In(kDataUsers, u->kind)) return;
  }
  for (const Edge& e : g.ReferencedBy(subnet)) {
    if (In(kOtherUsers, e.from->kind)) return;
  }
  bool known = false;
  auto routes = DefaultRoutes(g, subnet, &known);
  if (routes.empty()) return;
  const Route& route = *routes[0];
  ctx.Report(subnet, "",
             "subnet is used only by the data tier (" + Addresses(users) + ") but " +
                 TableName(*route.table) + " sends " + route.destination.str() + " to " +
                 TargetOf(route) + "; data-tier subnets must have no route out of the VPC",
             &route.destination);
}

}  // namespace

extern const Rule kAwsVpcDataSubnetIsolated = {
    .id = "aws-vpc-data-subnet-isolated",
    .title = "Data-tier subnets must have no default route",
    .severity = Severity::kMedium,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "004 \"네트워크 구성\" gives the database subnets their own route table and keeps it "
        "isolated: \"Private Route Table (DB): 격리된 환경 (외부 접근 불가)\", unlike the "
        "application route table that goes to the NAT gateway. RDS and ElastiCache need no "
        "internet access (patching and backups are managed by AWS), so a default route from "
        "their subnets only gives a compromised database a way to send data out. A subnet is "
        "the data tier's when every resource in the configuration that places something in "
        "it is an `aws_db_subnet_group`, `aws_elasticache_subnet_group` or "
        "`aws_elasticache_serverless_cache`; a subnet shared with ECS, Lambda, instances, NAT "
        "gateways, load balancers, endpoints or node groups is not. It fires when the "
        "subnet's route table (the associated one, else the VPC's main one) has a route for "
        "0.0.0.0/0 or ::/0 to anything: internet gateway, NAT gateway, egress-only gateway, "
        "transit gateway, or a target not known yet. Subnets whose route table is unknown, "
        "and routes whose destination is unknown, stay silent. The finding points at the "
        "subnet; the related location is the route.",
    .remediation =
        "Give the data subnets their own route table with only the local route (002/004: one "
        "route table per tier) and associate it with `aws_route_table_association`; keep the "
        "NAT route on the application subnets' table. Reach AWS APIs from the data tier, if "
        "ever needed, through VPC endpoints.",
    .bad_example = R"(resource "aws_subnet" "private_data" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.21.0/24"
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main.id
  }
}

resource "aws_route_table_association" "data" {
  subnet_id      = aws_subnet.private_data.id
  route_table_id = aws_route_table.private.id
}

resource "aws_db_subnet_group" "main" {
  name       = "app-db"
  subnet_ids = [aws_subnet.private_data.id]
})",
    .good_example = R"(resource "aws_subnet" "private_data" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.21.0/24"
}

resource "aws_route_table" "data" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table_association" "data" {
  subnet_id      = aws_subnet.private_data.id
  route_table_id = aws_route_table.data.id
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
