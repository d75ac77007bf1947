// aws-sg-data-from-app-only: databases and caches take traffic only from the
// application tier's security groups.
#include "infracheck/rule.h"
#include "rules/common/network.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_security_group"};

constexpr TierLink kDataTier = {
    .guarded = IsDataTier,
    .subject = "the security group of ",
    .admitted = IsAppTier,
    .not_admitted = "the application tier",
    .requirement = "; the data tier takes traffic only from the application's security groups",
};

void Check(const Resource& sg, RuleContext& ctx) { CheckTierLink(sg, ctx, kDataTier); }

}  // namespace

extern const Rule kAwsSgDataFromAppOnly = {
    .id = "aws-sg-data-from-app-only",
    .title = "Database and cache security groups must admit only the application tier",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "The last hop of the documented tier chain: RDS admits 5432 and ElastiCache 6379 "
        "\"from ECS SG only\" (002 §2; 004 \"보안 구성\", RDS and ElastiCache Security Groups). "
        "A CIDR rule on the data tier admits every host in the range, including ones that "
        "never need the database, and a rule from another tier's group (the load balancer's, "
        "a public bastion's) opens a path the architecture does not have. For every security "
        "group attached to an `aws_db_instance`, `aws_rds_cluster`, `aws_elasticache_cluster`, "
        "`aws_elasticache_replication_group` or `aws_elasticache_serverless_cache` this rule "
        "fires on: any CIDR or prefix list, and any source security group that is attached to "
        "something in the configuration but not to the application tier. The application "
        "tier is an ECS service, a Lambda function, or an EC2 instance in a private subnet; an "
        "instance whose subnet is unknown, and a launch template, are given the benefit of the "
        "doubt. A group admitting itself (`self = true`, or naming itself) passes: it admits "
        "only members of the same group. Source groups attached to nothing in the "
        "configuration, data sources, unresolved group ids and unknown CIDRs stay silent; a "
        "CIDR read from another resource (`aws_vpc.main.cidr_block`) counts even when its "
        "value is computed.",
    .remediation =
        "Admit the database or cache port from the application's security group only "
        "(`source_security_group_id = aws_security_group.ecs_tasks.id`, "
        "`referenced_security_group_id`, or `security_groups` in an inline block), and remove "
        "CIDR, prefix-list and other-tier rules. Administer the database through the "
        "application tier, SSM port forwarding, or a bastion in a private subnet.",
    .bad_example = R"(resource "aws_security_group" "rds" {
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_db_instance" "main" {
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  vpc_security_group_ids = [aws_security_group.rds.id]
})",
    .good_example = R"(resource "aws_security_group" "rds" {
  vpc_id = aws_vpc.main.id

  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.ecs_tasks.id]
  }
}

resource "aws_db_instance" "main" {
  engine                 = "postgres"
  instance_class         = "db.t4g.micro"
  vpc_security_group_ids = [aws_security_group.rds.id]
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
