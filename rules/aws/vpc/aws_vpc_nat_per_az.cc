// aws-vpc-nat-per-az: each availability zone's application subnets leave the
// VPC through a NAT gateway in the same zone.
#include <algorithm>

#include "infracheck/rule.h"
#include "rules/common/network.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_nat_gateway"};

void Check(const Resource& nat, RuleContext& ctx) {
  if (nat.mode != ResourceMode::kManaged || nat.unknown_count) return;
  const Graph& g = ctx.graph();
  // The private application subnets whose default route goes to this NAT.
  std::vector<const Resource*> served;
  std::vector<const Route*> via;
  for (const Resource* s : g.OfKind("aws_subnet")) {
    if (s->mode != ResourceMode::kManaged || !UsedByAppTier(g, *s)) continue;
    if (SubnetPublicness(g, *s).is_public == Tri::kTrue) continue;
    bool known = false;
    for (const Route* route : DefaultRoutes(g, *s, &known)) {
      if (route->target != Route::Target::kNatGateway || route->gateway != &nat) continue;
      if (s->unknown_count) return;  // stands for subnets in zones we cannot tell
      served.push_back(s);
      via.push_back(route);
      break;
    }
  }
  if (served.empty()) return;
  Zones zones = ZonesOf(served);
  if (!zones.known) return;
  std::vector<const Resource*> tables;
  for (const Route* r : via) {
    if (std::find(tables.begin(), tables.end(), r->table) == tables.end()) {
      tables.push_back(r->table);
    }
  }
  std::string message;
  if (zones.names.size() >= 2) {
    message = "serves the private application subnets of " + std::to_string(zones.names.size()) +
              " availability zones (";
    size_t i = 0;
    for (const std::string& z : zones.names) message += (i++ ? ", " : "") + z;
    message += ") through " + Addresses(tables) +
               ": an outage of its zone cuts all of them off; use one NAT gateway per zone";
  } else {
    // One zone served: still a cross-zone dependency when the NAT is elsewhere.
    auto placed = g.Related(nat, Relation::kSubnet);
    if (placed.size() != 1) return;
    std::vector<const Resource*> all = served;
    all.push_back(placed[0]);
    Zones both = ZonesOf(all);
    if (!both.known || both.names.size() < 2) return;
    const std::string& own = ZoneOf(*placed[0])->str();
    const std::string& theirs = *zones.names.begin();
    message = "sits in " + own + " but serves the private application subnets of " + theirs +
              " through " + Addresses(tables) + ": an outage of " + own + " cuts " + theirs +
              " off too; give each zone its own NAT gateway";
  }
  ctx.Report(nat, "subnet_id", std::move(message), &via[0]->target_value);
}

}  // namespace

extern const Rule kAwsVpcNatPerAz = {
    .id = "aws-vpc-nat-per-az",
    .title = "Production application subnets must use a NAT gateway in their own zone",
    .severity = Severity::kLow,
    .scope = Scope::kProd,
    .kinds = kKinds,
    .rationale =
        "002 §2 creates one NAT gateway per availability zone (`count = "
        "length(var.availability_zones)`, each in that zone's public subnet) and 004 budgets "
        "\"2 NAT Gateways (Multi-AZ)\" for production (a single one only for development). A "
        "NAT gateway is a zonal resource: when private application subnets in several zones "
        "route 0.0.0.0/0 through one NAT gateway, an outage of its zone cuts every zone's "
        "tasks off from ECR, Secrets Manager and other APIs, and cross-zone traffic is billed. "
        "The rule follows each private subnet used by the application tier (an ECS service, "
        "Lambda function or instance) through its route table to the NAT gateway its default "
        "route names, and fires on a NAT gateway that serves subnets of two or more zones, or "
        "one zone other than its own. Zones are the subnets' `availability_zone` (or "
        "`availability_zone_id`); unknown zones, subnets or NAT gateways with an unknown count, "
        "and routes whose target is not a NAT gateway in the configuration stay silent. Only "
        "environments classed as production are checked.",
    .remediation =
        "Create one NAT gateway per zone, each in that zone's public subnet, and one private "
        "route table per zone whose default route names that zone's NAT gateway (002 §2: "
        "`aws_nat_gateway.main[count.index]`).",
    .bad_example = R"(# prod.tfvars: environment = "production"
resource "aws_subnet" "private_app" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = ["10.0.11.0/24", "10.0.12.0/24"][count.index]
  availability_zone = ["ap-northeast-2a", "ap-northeast-2c"][count.index]
}

resource "aws_nat_gateway" "main" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[0].id
}

resource "aws_route_table" "private_app" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main.id
  }
}

resource "aws_route_table_association" "private_app" {
  count          = 2
  subnet_id      = aws_subnet.private_app[count.index].id
  route_table_id = aws_route_table.private_app.id
}

resource "aws_ecs_service" "app" {
  name = "app"
  network_configuration {
    subnets = aws_subnet.private_app[*].id
  }
})",
    .good_example = R"(resource "aws_nat_gateway" "main" {
  count         = 2
  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
}

resource "aws_route_table" "private_app" {
  count  = 2
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main[count.index].id
  }
}

resource "aws_route_table_association" "private_app" {
  count          = 2
  subnet_id      = aws_subnet.private_app[count.index].id
  route_table_id = aws_route_table.private_app[count.index].id
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
