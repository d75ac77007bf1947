// The network helpers rules share (rules/common/network.h): CIDR classes,
// port ranges, tiers, subnet publicness and zones. Graph cases are built from
// real HCL through the whole loader and evaluator.
#include <gtest/gtest.h>

#include "checker/scan.h"
#include "rules/common/network.h"
#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

using rules::IngressPart;
using rules::PortRange;

bool Private(std::string_view cidr) {
  auto c = rules::ParseCidr(cidr);
  EXPECT_TRUE(c.has_value()) << cidr;
  return c && rules::IsPrivate(*c);
}

TEST(Cidr, Parses) {
  auto v4 = rules::ParseCidr("10.1.2.3/16");
  ASSERT_TRUE(v4);
  EXPECT_FALSE(v4->v6);
  EXPECT_EQ(v4->prefix, 16);
  EXPECT_EQ(v4->bytes[1], 1);
  auto v6 = rules::ParseCidr("2001:db8::1/64");
  ASSERT_TRUE(v6);
  EXPECT_TRUE(v6->v6);
  EXPECT_EQ(v6->bytes[0], 0x20);
  EXPECT_EQ(v6->bytes[3], 0xb8);
  EXPECT_EQ(v6->bytes[15], 1);
  EXPECT_EQ(rules::ParseCidr("192.168.1.1")->prefix, 32);
  EXPECT_EQ(rules::ParseCidr("::ffff:10.0.0.1/128")->bytes[12], 10);
  for (std::string_view bad : {"", "10.0.0.0/33", "10.0.0/8", "256.0.0.0/8", "1:2::3::4/64",
                               "::/129", "abc", "10.0.0.0/", "10.0.0.0/-1", "12345::/16"}) {
    EXPECT_FALSE(rules::ParseCidr(bad)) << bad;
  }
}

TEST(Cidr, AnywhereAndPrivate) {
  EXPECT_TRUE(rules::IsAnywhere(*rules::ParseCidr("0.0.0.0/0")));
  EXPECT_TRUE(rules::IsAnywhere(*rules::ParseCidr("::/0")));
  EXPECT_FALSE(rules::IsAnywhere(*rules::ParseCidr("0.0.0.0/1")));
  EXPECT_TRUE(Private("10.0.0.0/16"));
  EXPECT_TRUE(Private("172.31.0.0/16"));
  EXPECT_TRUE(Private("192.168.10.0/24"));
  EXPECT_TRUE(Private("100.64.0.0/10"));
  EXPECT_TRUE(Private("169.254.169.254/32"));
  EXPECT_TRUE(Private("127.0.0.1"));
  EXPECT_TRUE(Private("fd12:3456::/48"));
  EXPECT_TRUE(Private("fe80::/64"));
  EXPECT_TRUE(Private("::1/128"));
  EXPECT_FALSE(Private("0.0.0.0/0"));
  EXPECT_FALSE(Private("10.0.0.0/7"));  // reaches 11.0.0.0/8
  EXPECT_FALSE(Private("172.32.0.0/16"));
  EXPECT_FALSE(Private("100.128.0.0/16"));
  EXPECT_FALSE(Private("203.0.113.0/24"));
  EXPECT_FALSE(Private("::/0"));
  EXPECT_FALSE(Private("2001:db8::/32"));
}

TEST(Cidr, InternetAndPresence) {
  EXPECT_EQ(rules::IsInternet(Value::String("8.8.8.8/32")), Tri::kTrue);
  EXPECT_EQ(rules::IsInternet(Value::String("10.0.0.0/8")), Tri::kFalse);
  EXPECT_EQ(rules::IsInternet(Value::String("not a cidr")), Tri::kUnknown);
  EXPECT_EQ(rules::IsInternet(Value::Unknown()), Tri::kUnknown);
  EXPECT_TRUE(rules::IsPresent(Value::String("10.0.0.0/8")));
  EXPECT_FALSE(rules::IsPresent(Value::Unknown()));
  Value computed = Value::Unknown().WithRef(Ref{"aws_vpc.main", "cidr_block"});
  EXPECT_TRUE(rules::IsPresent(computed));
  EXPECT_EQ(rules::DescribeValue(computed), "aws_vpc.main.cidr_block (known after apply)");
}

Ingress Ports(Value protocol, Value from, Value to) {
  Ingress in;
  in.protocol = std::move(protocol);
  in.from_port = std::move(from);
  in.to_port = std::move(to);
  return in;
}

TEST(Ports, Kinds) {
  PortRange ssh = rules::PortsOf(Ports(Value::String("tcp"), Value::Number(22), Value::Number(22)));
  EXPECT_EQ(ssh.kind, PortRange::Kind::kPorts);
  EXPECT_EQ(ssh.Describe(), "port 22/tcp");
  EXPECT_EQ(rules::AdmitsNonWebPorts(ssh), Tri::kTrue);
  EXPECT_EQ(rules::SensitivePort(ssh), 22);

  PortRange https =
      rules::PortsOf(Ports(Value::String("6"), Value::String("443"), Value::Number(443)));
  EXPECT_EQ(https.Describe(), "port 443/tcp");
  EXPECT_EQ(rules::AdmitsNonWebPorts(https), Tri::kFalse);
  EXPECT_FALSE(rules::SensitivePort(https));

  PortRange web_range =
      rules::PortsOf(Ports(Value::String("TCP"), Value::Number(80), Value::Number(443)));
  EXPECT_EQ(web_range.Describe(), "ports 80-443/tcp");
  EXPECT_EQ(rules::AdmitsNonWebPorts(web_range), Tri::kTrue);
  EXPECT_FALSE(web_range.AllPorts());

  PortRange all_udp =
      rules::PortsOf(Ports(Value::String("udp"), Value::Number(0), Value::Number(65535)));
  EXPECT_TRUE(all_udp.AllPorts());
  EXPECT_EQ(rules::SensitivePort(all_udp), 22);

  PortRange all = rules::PortsOf(Ports(Value::String("-1"), Value::Number(0), Value::Number(0)));
  EXPECT_EQ(all.kind, PortRange::Kind::kAll);
  EXPECT_TRUE(all.Covers(5432));
  EXPECT_TRUE(all.AllPorts());
  EXPECT_EQ(rules::AdmitsNonWebPorts(all), Tri::kTrue);
  // The VPC rule resource leaves the ports out for all traffic.
  EXPECT_EQ(rules::PortsOf(Ports(Value::String("all"), Value::Null(), Value::Null())).kind,
            PortRange::Kind::kAll);

  PortRange icmp =
      rules::PortsOf(Ports(Value::String("icmp"), Value::Number(-1), Value::Number(-1)));
  EXPECT_EQ(icmp.kind, PortRange::Kind::kIcmp);
  EXPECT_EQ(rules::AdmitsNonWebPorts(icmp), Tri::kFalse);
  EXPECT_FALSE(icmp.Covers(22));

  PortRange esp = rules::PortsOf(Ports(Value::String("50"), Value::Number(0), Value::Number(0)));
  EXPECT_EQ(esp.kind, PortRange::Kind::kOther);
  EXPECT_EQ(esp.Describe(), "IP protocol 50");
  EXPECT_EQ(rules::AdmitsNonWebPorts(esp), Tri::kTrue);
  EXPECT_FALSE(rules::SensitivePort(esp));

  for (const Ingress& unknown :
       {Ports(Value::Unknown(), Value::Number(22), Value::Number(22)),
        Ports(Value::String("tcp"), Value::Unknown(), Value::Number(22)),
        Ports(Value::String("tcp"), Value::Null(), Value::Null()),
        Ports(Value::String("tcp"), Value::Number(443), Value::Number(80))}) {
    PortRange r = rules::PortsOf(unknown);
    EXPECT_EQ(r.kind, PortRange::Kind::kUnknown);
    EXPECT_EQ(rules::AdmitsNonWebPorts(r), Tri::kUnknown);
    EXPECT_FALSE(r.Covers(22));
  }
}

TEST(Ports, IngressPaths) {
  Resource sg;
  sg.kind = "aws_security_group";
  Ingress inline_block;
  inline_block.declared_in = &sg;
  inline_block.path = "ingress";
  inline_block.index = 2;
  EXPECT_EQ(rules::IngressPath(inline_block, IngressPart::kCidr), "ingress.2.cidr_blocks");
  EXPECT_EQ(rules::IngressPath(inline_block, IngressPart::kSource), "ingress.2.security_groups");

  Resource rule;
  rule.kind = "aws_security_group_rule";
  Ingress classic;
  classic.declared_in = &rule;
  EXPECT_EQ(rules::IngressPath(classic, IngressPart::kCidrV6), "ipv6_cidr_blocks");
  EXPECT_EQ(rules::IngressPath(classic, IngressPart::kSource), "source_security_group_id");

  Resource vpc_rule;
  vpc_rule.kind = "aws_vpc_security_group_ingress_rule";
  Ingress modern;
  modern.declared_in = &vpc_rule;
  EXPECT_EQ(rules::IngressPath(modern, IngressPart::kCidr), "cidr_ipv4");
  EXPECT_EQ(rules::IngressPath(modern, IngressPart::kPrefixList), "prefix_list_id");
  EXPECT_EQ(rules::IngressPath(modern, IngressPart::kSource), "referenced_security_group_id");

  EXPECT_EQ(rules::CidrPart(Value::String("::/0")), IngressPart::kCidrV6);
  EXPECT_EQ(rules::CidrPart(Value::String("0.0.0.0/0")), IngressPart::kCidr);
}

class NetworkGraphTest : public ::testing::Test {
 protected:
  const Graph& Build(const std::string& hcl) {
    tree_.Write("main.tf", "provider \"aws\" {\n  region = \"ap-northeast-2\"\n}\n" + hcl);
    ScanOptions options;
    options.paths = {tree_.path().string()};
    result_ = Evaluate(options);
    EXPECT_TRUE(result_.errors.empty()) << result_.errors[0].message;
    EXPECT_EQ(result_.graphs.size(), 1u);
    return *result_.graphs[0];
  }
  const Resource& R(const Graph& g, std::string_view address) {
    const Resource* r = g.Find(address);
    EXPECT_NE(r, nullptr) << address;
    return *r;
  }

  TempTree tree_;
  ScanResult result_;
};

constexpr std::string_view kVpc = R"(
variable "unknown_rt" {}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_nat_gateway" "nat" {
  subnet_id = aws_subnet.public.id
}
resource "aws_subnet" "public" {
  vpc_id            = aws_vpc.main.id
  availability_zone = "ap-northeast-2a"
}
resource "aws_subnet" "mapped" {
  vpc_id                  = aws_vpc.main.id
  map_public_ip_on_launch = true
  availability_zone       = "ap-northeast-2c"
}
resource "aws_subnet" "app" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  availability_zone = ["ap-northeast-2a", "ap-northeast-2c"][count.index]
}
resource "aws_subnet" "data" {
  vpc_id               = aws_vpc.main.id
  availability_zone_id = "apne2-az1"
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table" "app" {
  vpc_id = aws_vpc.main.id
  route {
    ipv6_cidr_block = "::/0"
    nat_gateway_id  = aws_nat_gateway.nat.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
resource "aws_route_table_association" "app" {
  count          = 2
  subnet_id      = aws_subnet.app[count.index].id
  route_table_id = aws_route_table.app.id
}
)";

TEST_F(NetworkGraphTest, SubnetPublicness) {
  const Graph& g = Build(std::string(kVpc));
  auto pub = rules::SubnetPublicness(g, R(g, "aws_subnet.public"));
  EXPECT_EQ(pub.is_public, Tri::kTrue);
  EXPECT_NE(pub.reason.find("aws_route_table.public"), std::string::npos) << pub.reason;
  ASSERT_NE(pub.culprit, nullptr);
  // The route's gateway_id, for the related location.
  EXPECT_EQ(pub.culprit->origin().start().line, 37u);

  auto mapped = rules::SubnetPublicness(g, R(g, "aws_subnet.mapped"));
  EXPECT_EQ(mapped.is_public, Tri::kTrue);
  EXPECT_EQ(mapped.reason, "map_public_ip_on_launch = true");

  EXPECT_EQ(rules::SubnetPublicness(g, R(g, "aws_subnet.app[0]")).is_public, Tri::kFalse);
  // The VPC's main route table, with no routes in the configuration.
  EXPECT_EQ(rules::SubnetPublicness(g, R(g, "aws_subnet.data")).is_public, Tri::kFalse);

  bool known = false;
  auto routes = rules::DefaultRoutes(g, R(g, "aws_subnet.app[1]"), &known);
  EXPECT_TRUE(known);
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0]->gateway->address, "aws_nat_gateway.nat");
  EXPECT_TRUE(rules::DefaultRoutes(g, R(g, "aws_subnet.data"), &known).empty());
  EXPECT_TRUE(known);
}

TEST_F(NetworkGraphTest, UnknownRouteTableIsUnknown) {
  const Graph& g = Build(R"(
variable "rt" {}
resource "aws_vpc" "main" {}
resource "aws_subnet" "a" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = var.rt
}
resource "aws_route_table" "b" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = var.rt
  }
}
resource "aws_subnet" "b" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table_association" "b" {
  subnet_id      = aws_subnet.b.id
  route_table_id = aws_route_table.b.id
}
)");
  EXPECT_EQ(rules::SubnetPublicness(g, R(g, "aws_subnet.a")).is_public, Tri::kUnknown);
  EXPECT_EQ(rules::SubnetPublicness(g, R(g, "aws_subnet.b")).is_public, Tri::kUnknown);
  bool known = true;
  EXPECT_TRUE(rules::DefaultRoutes(g, R(g, "aws_subnet.a"), &known).empty());
  EXPECT_FALSE(known);
}

TEST_F(NetworkGraphTest, SubnetSetsAndZones) {
  const Graph& g = Build(std::string(kVpc) + R"(
resource "aws_lb" "two_zones" {
  subnets = aws_subnet.app[*].id
}
resource "aws_lb" "one_zone" {
  subnets = [aws_subnet.public.id, aws_subnet.app[0].id]
}
resource "aws_lb" "partly_unknown" {
  subnets = [aws_subnet.public.id, "subnet-0123"]
}
resource "aws_db_subnet_group" "mixed" {
  subnet_ids = [aws_subnet.data.id, aws_subnet.public.id]
}
resource "aws_ecs_service" "app" {
  name = "app"
  network_configuration {
    subnets = aws_subnet.app[*].id
  }
}
)");
  auto two = rules::SubnetsAt(g, R(g, "aws_lb.two_zones"), "subnets");
  EXPECT_TRUE(two.complete);
  ASSERT_EQ(two.subnets.size(), 2u);
  auto zones = rules::ZonesOf(two.subnets);
  EXPECT_TRUE(zones.known);
  EXPECT_EQ(zones.names, (std::set<std::string>{"ap-northeast-2a", "ap-northeast-2c"}));

  auto one = rules::SubnetsAt(g, R(g, "aws_lb.one_zone"), "subnets");
  EXPECT_TRUE(one.complete);
  EXPECT_EQ(rules::ZonesOf(one.subnets).names, std::set<std::string>{"ap-northeast-2a"});
  ASSERT_NE(rules::ZonesOf(one.subnets).first, nullptr);

  EXPECT_FALSE(rules::SubnetsAt(g, R(g, "aws_lb.partly_unknown"), "subnets").complete);

  // One subnet names its zone, the other its zone id: cannot compare.
  auto mixed = rules::SubnetsAt(g, R(g, "aws_db_subnet_group.mixed"), "subnet_ids");
  EXPECT_TRUE(mixed.complete);
  EXPECT_FALSE(rules::ZonesOf(mixed.subnets).known);

  auto nested = rules::SubnetsAt(g, R(g, "aws_ecs_service.app"), "network_configuration.subnets");
  EXPECT_EQ(nested.subnets.size(), 2u);
  EXPECT_TRUE(rules::UsedByAppTier(g, R(g, "aws_subnet.app[1]")));
  EXPECT_FALSE(rules::UsedByAppTier(g, R(g, "aws_subnet.data")));
}

TEST_F(NetworkGraphTest, UnknownCountSubnetsAreIncomplete) {
  const Graph& g = Build(R"(
variable "azs" {}
resource "aws_subnet" "app" {
  count             = var.azs
  availability_zone = "ap-northeast-2a"
}
resource "aws_lb" "main" {
  subnets = aws_subnet.app[*].id
}
)");
  EXPECT_FALSE(rules::SubnetsAt(g, R(g, "aws_lb.main"), "subnets").complete);
}

TEST_F(NetworkGraphTest, Tiers) {
  const Graph& g = Build(std::string(kVpc) + R"(
resource "aws_security_group" "alb" {}
resource "aws_security_group" "ecs" {}
resource "aws_security_group" "public_host" {}
resource "aws_security_group" "private_host" {}
resource "aws_security_group" "template" {}
resource "aws_security_group" "unused" {}
resource "aws_security_group" "db" {
  ingress {
    from_port = 5432
    to_port   = 5432
    protocol  = "tcp"
    security_groups = [
      aws_security_group.alb.id,
      aws_security_group.ecs.id,
      aws_security_group.public_host.id,
      aws_security_group.private_host.id,
      aws_security_group.template.id,
      aws_security_group.unused.id,
    ]
    cidr_blocks     = ["10.0.0.0/16"]
    prefix_list_ids = ["pl-1234"]
    self            = true
  }
}
resource "aws_lb" "main" {
  security_groups = [aws_security_group.alb.id]
}
resource "aws_ecs_service" "app" {
  name = "app"
  network_configuration {
    subnets         = aws_subnet.app[*].id
    security_groups = [aws_security_group.ecs.id]
  }
}
resource "aws_instance" "bastion" {
  subnet_id              = aws_subnet.public.id
  vpc_security_group_ids = [aws_security_group.public_host.id]
}
resource "aws_instance" "worker" {
  subnet_id              = aws_subnet.app[0].id
  vpc_security_group_ids = [aws_security_group.private_host.id]
}
resource "aws_launch_template" "fleet" {
  vpc_security_group_ids = [aws_security_group.template.id]
}
resource "aws_db_instance" "main" {
  instance_class         = "db.t4g.micro"
  vpc_security_group_ids = [aws_security_group.db.id]
}
)");
  EXPECT_EQ(rules::IsAppTier(g, R(g, "aws_ecs_service.app")), Tri::kTrue);
  EXPECT_EQ(rules::IsAppTier(g, R(g, "aws_instance.bastion")), Tri::kFalse);
  EXPECT_EQ(rules::IsAppTier(g, R(g, "aws_instance.worker")), Tri::kTrue);
  EXPECT_EQ(rules::IsAppTier(g, R(g, "aws_launch_template.fleet")), Tri::kUnknown);
  EXPECT_EQ(rules::IsAppTier(g, R(g, "aws_lb.main")), Tri::kFalse);
  EXPECT_EQ(rules::GroupServes(g, R(g, "aws_security_group.unused"), rules::IsAppTier),
            Tri::kUnknown);
  EXPECT_TRUE(rules::IsDataTier(R(g, "aws_db_instance.main")));

  const Resource& db = R(g, "aws_security_group.db");
  auto stores = rules::AttachedWhere(g, db, rules::IsDataTier);
  ASSERT_EQ(stores.size(), 1u);
  auto ingress = g.IngressOf(db);
  ASSERT_EQ(ingress.size(), 1u);
  auto foreign = rules::ForeignSources(g, ingress[0], rules::IsAppTier);
  ASSERT_EQ(foreign.size(), 3u);
  EXPECT_EQ(foreign[0].path, "ingress.0.cidr_blocks");
  EXPECT_EQ(foreign[0].what, "CIDR 10.0.0.0/16");
  EXPECT_EQ(foreign[1].path, "ingress.0.prefix_list_ids");
  EXPECT_EQ(foreign[2].path, "ingress.0.security_groups");
  EXPECT_EQ(foreign[2].what, "aws_security_group.alb and aws_security_group.public_host");
}

}  // namespace
}  // namespace infracheck::testing
