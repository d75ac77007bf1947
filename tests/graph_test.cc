// The graph layer: relations, the ingress model, routes and documents, built
// from real HCL through the whole loader and evaluator.
#include <gtest/gtest.h>

#include "checker/scan.h"
#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

class GraphTest : public ::testing::Test {
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
  static std::vector<std::string> Addresses(std::span<const Resource* const> rs) {
    std::vector<std::string> out;
    for (const Resource* r : rs) out.push_back(r->address);
    return out;
  }

  TempTree tree_;
  ScanResult result_;
};

TEST(Graph, StoresResourcesBeyondItsReservationAndFindsTheFirstOfAnAddress) {
  auto make = [](int i) {
    Resource r;
    r.kind = "aws_vpc";
    r.address = "aws_vpc.v" + std::to_string(i % 60);
    if (i > 0) {
      r.attributes = Value::Object(
          {{"vpc_id",
            Value::Unknown().WithRef({"aws_vpc.v" + std::to_string((i - 1) % 60), "id"}),
            {}}});
    }
    return r;
  };
  Graph g(Environment{});
  // Some taken whole, where they are; the rest one by one, past the room
  // made for them.
  std::vector<Resource> first;
  first.reserve(5);
  for (int i = 0; i < 5; ++i) first.push_back(make(i));
  std::vector<const Resource*> added;
  added.reserve(100);
  for (const Resource& r : first) added.push_back(&r);
  g.AddAll(std::move(first));
  g.Reserve(8);
  for (int i = 5; i < 100; ++i) added.push_back(&g.Add(make(i)));
  g.Seal();
  ASSERT_EQ(g.resources().size(), 100u);
  for (size_t i = 0; i < added.size(); ++i) {
    EXPECT_EQ(g.resources()[i], added[i]);
    EXPECT_EQ(added[i]->id, i);
  }
  EXPECT_EQ(g.Find("aws_vpc.v7"), added[7]);  // not added[67]
  EXPECT_EQ(g.Find("aws_vpc.v60"), nullptr);
  EXPECT_EQ(g.OfKind("aws_vpc").size(), 100u);
  // Edges from each resource, and to each in the order they were made.
  ASSERT_EQ(g.References(*added[5]).size(), 1u);
  EXPECT_EQ(g.References(*added[5])[0].to, added[4]);
  EXPECT_EQ(g.References(*added[5])[0].attribute, "id");
  std::vector<uint32_t> from;
  for (const Edge& e : g.ReferencedBy(*added[3])) from.push_back(e.from->id);
  EXPECT_EQ(from, (std::vector<uint32_t>{4, 64}));
  EXPECT_TRUE(g.References(*added[0]).empty());
  EXPECT_TRUE(g.ReferencedBy(*added[99]).empty());
}

TEST_F(GraphTest, SecurityGroupAttachments) {
  const Graph& g = Build(R"(
resource "aws_security_group" "alb" {}
resource "aws_security_group" "ecs" {}
resource "aws_security_group" "db" {}
resource "aws_lb" "main" {
  security_groups = [aws_security_group.alb.id]
}
resource "aws_ecs_service" "app" {
  name = "app"
  network_configuration {
    subnets         = ["subnet-1"]
    security_groups = [aws_security_group.ecs.id]
  }
}
resource "aws_db_instance" "db" {
  instance_class         = "db.t4g.micro"
  vpc_security_group_ids = [aws_security_group.db.id, aws_security_group.ecs.id]
}
)");
  EXPECT_EQ(Addresses(g.Related(R(g, "aws_lb.main"), Relation::kSecurityGroup)),
            std::vector<std::string>{"aws_security_group.alb"});
  EXPECT_EQ(Addresses(g.Referrers(R(g, "aws_security_group.ecs"), Relation::kSecurityGroup)),
            (std::vector<std::string>{"aws_ecs_service.app", "aws_db_instance.db"}));
}

TEST_F(GraphTest, IngressInEveryForm) {
  const Graph& g = Build(R"(
resource "aws_security_group" "alb" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "ecs" {
  dynamic "ingress" {
    for_each = [3000, 3001]
    content {
      from_port       = ingress.value
      to_port         = ingress.value
      protocol        = "tcp"
      security_groups = [aws_security_group.alb.id]
    }
  }
}
resource "aws_security_group" "db" {}
resource "aws_security_group_rule" "db_from_ecs" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.ecs.id
}
resource "aws_vpc_security_group_ingress_rule" "db_all" {
  security_group_id = aws_security_group.db.id
  ip_protocol       = "-1"
  cidr_ipv6         = "::/0"
}
resource "aws_security_group_rule" "egress_ignored" {
  type              = "egress"
  security_group_id = aws_security_group.db.id
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
}
)");
  auto alb = g.IngressOf(R(g, "aws_security_group.alb"));
  ASSERT_EQ(alb.size(), 1u);
  EXPECT_TRUE(alb[0].Covers(443));
  EXPECT_FALSE(alb[0].Covers(80));
  ASSERT_EQ(alb[0].cidrs.size(), 1u);
  EXPECT_EQ(alb[0].cidrs[0].str(), "0.0.0.0/0");

  auto ecs = g.IngressOf(R(g, "aws_security_group.ecs"));
  ASSERT_EQ(ecs.size(), 2u);
  EXPECT_TRUE(ecs[1].Covers(3001));
  ASSERT_EQ(ecs[0].sources.size(), 1u);
  EXPECT_EQ(ecs[0].sources[0]->address, "aws_security_group.alb");
  EXPECT_EQ(ecs[1].index, 1u);

  auto db = g.IngressOf(R(g, "aws_security_group.db"));
  ASSERT_EQ(db.size(), 2u);
  EXPECT_EQ(db[0].declared_in->address, "aws_security_group_rule.db_from_ecs");
  EXPECT_EQ(db[0].sources[0]->address, "aws_security_group.ecs");
  EXPECT_EQ(db[1].declared_in->address, "aws_vpc_security_group_ingress_rule.db_all");
  EXPECT_TRUE(db[1].all_traffic());
  EXPECT_TRUE(db[1].Covers(22));
  EXPECT_EQ(db[1].cidrs[0].str(), "::/0");
}

TEST_F(GraphTest, IngressOfGroupsOutsideTheConfiguration) {
  const Graph& g = Build(R"(
variable "sg_id" {}
resource "aws_security_group_rule" "literal" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
resource "aws_vpc_security_group_ingress_rule" "unknown" {
  security_group_id = var.sg_id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
resource "aws_security_group" "known" {}
resource "aws_security_group_rule" "attached" {
  type              = "ingress"
  security_group_id = aws_security_group.known.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
)");
  auto literal = g.UnattachedIngress(R(g, "aws_security_group_rule.literal"));
  ASSERT_EQ(literal.size(), 1u);
  EXPECT_EQ(literal[0].group, nullptr);
  EXPECT_TRUE(literal[0].Covers(22));
  ASSERT_EQ(g.UnattachedIngress(R(g, "aws_vpc_security_group_ingress_rule.unknown")).size(), 1u);
  EXPECT_TRUE(g.UnattachedIngress(R(g, "aws_security_group_rule.attached")).empty());
  EXPECT_EQ(g.IngressOf(R(g, "aws_security_group.known")).size(), 1u);
}

TEST_F(GraphTest, ServerlessCacheSubnets) {
  const Graph& g = Build(R"(
resource "aws_subnet" "a" {}
resource "aws_elasticache_serverless_cache" "c" {
  name       = "c"
  engine     = "valkey"
  subnet_ids = [aws_subnet.a.id]
}
)");
  EXPECT_EQ(Addresses(g.Related(R(g, "aws_elasticache_serverless_cache.c"), Relation::kSubnet)),
            std::vector<std::string>{"aws_subnet.a"});
}

TEST_F(GraphTest, RoutesAndSubnets) {
  const Graph& g = Build(R"(
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
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.11.0/24"
}
resource "aws_subnet" "data" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.21.0/24"
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
}
resource "aws_route" "app_nat" {
  route_table_id         = aws_route_table.app.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.nat.id
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = aws_route_table.app.id
}
)");
  auto pub = g.Related(R(g, "aws_subnet.public"), Relation::kRouteTable);
  ASSERT_EQ(pub.size(), 1u);
  auto routes = g.RoutesOf(*pub[0]);
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_EQ(routes[0].target, Route::Target::kInternetGateway);
  EXPECT_EQ(routes[0].destination.str(), "0.0.0.0/0");

  auto app = g.Related(R(g, "aws_subnet.app"), Relation::kRouteTable);
  ASSERT_EQ(app.size(), 1u);
  ASSERT_EQ(g.RoutesOf(*app[0]).size(), 1u);
  EXPECT_EQ(g.RoutesOf(*app[0])[0].target, Route::Target::kNatGateway);
  EXPECT_EQ(g.RoutesOf(*app[0])[0].declared_in->address, "aws_route.app_nat");

  // No association: the VPC's main route table, which has no routes here.
  auto data = g.Related(R(g, "aws_subnet.data"), Relation::kRouteTable);
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0]->address, "aws_vpc.main");
  EXPECT_TRUE(g.RoutesOf(*data[0]).empty());
}

TEST_F(GraphTest, UnresolvedAssociationLeavesSubnetsUnknown) {
  const Graph& g = Build(R"(
variable "subnet_id" {}
resource "aws_vpc" "main" {}
resource "aws_subnet" "a" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table" "rt" {}
resource "aws_route_table_association" "x" {
  subnet_id      = var.subnet_id
  route_table_id = aws_route_table.rt.id
}
)");
  EXPECT_TRUE(g.Related(R(g, "aws_subnet.a"), Relation::kRouteTable).empty());
}

TEST_F(GraphTest, HeredocPolicyIsLocatedInTheSource) {
  const Graph& g = Build(R"(
resource "aws_iam_policy" "p" {
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
}
EOF
}
)");
  const Value* doc = g.Document(R(g, "aws_iam_policy.p"), "policy");
  ASSERT_NE(doc, nullptr);
  const Value* action = doc->Get("Statement")->items()[0].Get("Action");
  ASSERT_NE(action, nullptr);
  EXPECT_EQ(action->str(), "*");
  Position p = action->origin().start();
  EXPECT_EQ(p.line, 9u);
  EXPECT_EQ(p.column, 47u);
}

TEST_F(GraphTest, IndentedHeredocPolicyIsLocatedLineByLine) {
  const Graph& g = Build(R"(
resource "aws_iam_policy" "p" {
  policy = <<-EOF
    {
      "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}
      ]
    }
  EOF
}
)");
  const Value* doc = g.Document(R(g, "aws_iam_policy.p"), "policy");
  ASSERT_NE(doc, nullptr);
  const Value& st = doc->Get("Statement")->items()[0];
  Position p = st.Get("Action")->origin().start();
  EXPECT_EQ(p.line, 9u);
  EXPECT_EQ(p.column, 39u);
  EXPECT_EQ(st.Get("Action")->origin().text(), "\"s3:*\"");
  EXPECT_EQ(st.GetField("Resource")->key_span.text(), "\"Resource\"");
  EXPECT_EQ(doc->origin().start().line, 7u);
}

TEST_F(GraphTest, PartlyUnknownJsonencodeKeepsItsKnownParts) {
  const Graph& g = Build(R"(
resource "aws_s3_bucket" "b" {
  bucket = "b"
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = aws_s3_bucket.b.arn }]
  })
}
)");
  const Resource& p = R(g, "aws_iam_policy.p");
  EXPECT_TRUE(p.Get("policy")->is_unknown());  // as in Terraform
  const Value* doc = g.Document(p, "policy");
  ASSERT_NE(doc, nullptr);
  const Value& st = doc->Get("Statement")->items()[0];
  EXPECT_EQ(st.Get("Action")->str(), "s3:GetObject");
  EXPECT_EQ(st.Get("Action")->origin().start().line, 10u);
  EXPECT_TRUE(st.Get("Resource")->is_unknown());
}

TEST_F(GraphTest, CorsConfigurationBelongsToItsBucket) {
  const Graph& g = Build(R"(
resource "aws_s3_bucket" "b" {
  bucket = "b"
}
resource "aws_s3_bucket_cors_configuration" "c" {
  bucket = aws_s3_bucket.b.id
  cors_rule {
    allowed_methods = ["PUT"]
    allowed_origins = ["*"]
  }
}
)");
  EXPECT_EQ(Addresses(g.Referrers(R(g, "aws_s3_bucket.b"), Relation::kBucket)),
            std::vector<std::string>{"aws_s3_bucket_cors_configuration.c"});
}

TEST_F(GraphTest, IndentedHeredocContainersAreLocatedInTheSource) {
  const Graph& g = Build(R"(
resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = <<-EOT
    [
      {"name": "app", "user": "root"}
    ]
  EOT
}
resource "aws_ecs_task_definition" "interpolated" {
  family                = "interpolated"
  container_definitions = <<-EOT
    [{"name": "${"app"}", "user": "0"}]
  EOT
}
)");
  const Value* doc = g.Document(R(g, "aws_ecs_task_definition.app"), "container_definitions");
  ASSERT_NE(doc, nullptr);
  const Value* user = doc->items()[0].Get("user");
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->str(), "root");
  EXPECT_EQ(user->origin().start().line, 9u);
  EXPECT_EQ(user->origin().text(), "\"root\"");
  // An interpolation changes the text: still decoded, located at the heredoc.
  const Value* other =
      g.Document(R(g, "aws_ecs_task_definition.interpolated"), "container_definitions");
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->items()[0].Get("name")->str(), "app");
}

TEST_F(GraphTest, PolicyDocumentDataSourceIsAdapted) {
  const Graph& g = Build(R"(
data "aws_iam_policy_document" "exec" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["*"]
  }
  statement {
    effect = "Deny"
    actions = ["s3:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
)");
  const Value* doc = g.Document(R(g, "data.aws_iam_policy_document.exec"), "json");
  ASSERT_NE(doc, nullptr);
  const auto& st = doc->Get("Statement")->items();
  ASSERT_EQ(st.size(), 2u);
  EXPECT_EQ(st[0].Get("Effect")->str(), "Allow");
  EXPECT_EQ(st[0].Get("Action")->items()[0].str(), "secretsmanager:GetSecretValue");
  EXPECT_EQ(st[0].Get("Action")->items()[0].origin().start().line, 7u);
  EXPECT_EQ(st[1].Get("Effect")->str(), "Deny");
  EXPECT_EQ(st[1].Get("Principal")->Get("AWS")->items()[0].str(), "*");
}

TEST_F(GraphTest, ScalingTargetFindsItsService) {
  const Graph& g = Build(R"(
resource "aws_ecs_cluster" "main" {
  name = "main"
}
resource "aws_ecs_service" "app" {
  name    = "app"
  cluster = aws_ecs_cluster.main.id
}
resource "aws_appautoscaling_target" "ecs" {
  max_capacity       = 4
  min_capacity       = 2
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.app.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  service_namespace  = "ecs"
}
)");
  EXPECT_EQ(Addresses(g.Referrers(R(g, "aws_ecs_service.app"), Relation::kScales)),
            std::vector<std::string>{"aws_appautoscaling_target.ecs"});
}

TEST_F(GraphTest, ListenerRuleFindsItsListener) {
  const Graph& g = Build(R"(
resource "aws_lb" "main" {}
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  default_action {
    type = "redirect"
    redirect {
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
resource "aws_lb_listener_rule" "health" {
  listener_arn = aws_lb_listener.http.arn
  action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/x/1"
  }
  condition {
    path_pattern {
      values = ["/health"]
    }
  }
}
)");
  EXPECT_EQ(Addresses(g.Referrers(R(g, "aws_lb_listener.http"), Relation::kListener)),
            std::vector<std::string>{"aws_lb_listener_rule.health"});
  EXPECT_EQ(Addresses(g.Related(R(g, "aws_lb_listener.http"), Relation::kLoadBalancer)),
            std::vector<std::string>{"aws_lb.main"});
}

}  // namespace
}  // namespace infracheck::testing
