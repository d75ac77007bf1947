// aws-sg-ecs-from-alb-only: ECS tasks take traffic only from the load
// balancer's security group.
#include "infracheck/rule.h"
#include "rules/common/network.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_security_group"};

bool IsEcsService(const Resource& r) { return r.kind == "aws_ecs_service"; }

Tri LoadBalancerTier(const Graph&, const Resource& r) {
  return IsLoadBalancer(r) ? Tri::kTrue : Tri::kFalse;
}

constexpr TierLink kEcsTier = {
    .guarded = IsEcsService,
    .subject = "the security group of ECS service ",
    .admitted = LoadBalancerTier,
    .not_admitted = "a load balancer",
    .requirement = "; tasks take traffic only from the load balancer's security group",
};

void Check(const Resource& sg, RuleContext& ctx) { CheckTierLink(sg, ctx, kEcsTier); }

}  // namespace

extern const Rule kAwsSgEcsFromAlbOnly = {
    .id = "aws-sg-ecs-from-alb-only",
    .title = "ECS service security groups must admit traffic only from the load balancer",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The documented tier chain is internet → ALB → ECS tasks: the tasks' security group "
        "admits the application ports \"from ALB SG\" only (002 §2; 004 \"보안 구성\", ECS "
        "Security Group: port 3000/3001 from ALB SG). A CIDR rule, even the VPC's own range, "
        "lets anything in that range reach the containers around the load balancer, its TLS "
        "termination and its access logs. For every security group attached to an "
        "`aws_ecs_service` (network_configuration.security_groups) this rule fires on: any "
        "CIDR or prefix list, and any source security group that is attached to something in "
        "the configuration but not to an `aws_lb`/`aws_alb` (a bastion, another service, a "
        "database). A group admitting itself (`self = true`, or naming itself as the source) "
        "passes: it admits only the tasks that share it. A source group attached to nothing "
        "in the configuration (it may be used by another stack), a data source, an "
        "unresolved group id, and unknown CIDRs stay silent; a CIDR read from another "
        "resource (`aws_vpc.main.cidr_block`) counts even when its value is computed.",
    .remediation =
        "Admit the container port from the load balancer's security group only: "
        "`security_groups = [aws_security_group.alb.id]` in an inline ingress block, or "
        "`source_security_group_id` / `referenced_security_group_id` in a rule resource. "
        "Remove CIDR and prefix-list rules from the tasks' group.",
    .bad_example = R"(resource "aws_security_group" "ecs_tasks" {
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 3000
    to_port     = 3000
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_ecs_service" "app" {
  name = "app"
  network_configuration {
    subnets         = aws_subnet.private_app[*].id
    security_groups = [aws_security_group.ecs_tasks.id]
  }
})",
    .good_example = R"(resource "aws_security_group" "ecs_tasks" {
  vpc_id = aws_vpc.main.id

  ingress {
    from_port       = 3000
    to_port         = 3000
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }
}

resource "aws_ecs_service" "app" {
  name = "app"
  network_configuration {
    subnets         = aws_subnet.private_app[*].id
    security_groups = [aws_security_group.ecs_tasks.id]
  }
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
