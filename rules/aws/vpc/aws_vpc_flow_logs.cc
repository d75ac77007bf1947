// aws-vpc-flow-logs: every VPC records its traffic.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_vpc"};
constexpr std::string_view kCheckov[] = {"CKV2_AWS_11"};
constexpr std::string_view kTrivy[] = {"AWS-0178", "AVD-AWS-0178"};
constexpr std::string_view kTfsec[] = {"aws-ec2-require-vpc-flow-logs-for-all-vpcs"};

void Check(const Resource& vpc, RuleContext& ctx) {
  if (vpc.mode != ResourceMode::kManaged) return;
  const Graph& g = ctx.graph();
  for (const Resource* user : g.Referrers(vpc, Relation::kVpc)) {
    if (user->kind == "aws_flow_log") return;
  }
  // A flow log whose VPC we cannot resolve might be this one's.
  for (const Resource* log : g.OfKind("aws_flow_log")) {
    const Value* id = log->Get("vpc_id");
    if (!IsAbsent(id) && g.Related(*log, Relation::kVpc).empty()) return;
  }
  ctx.Report(vpc, "",
             "VPC has no aws_flow_log: its accepted and rejected traffic is not recorded for "
             "investigation");
}

}  // namespace

extern const Rule kAwsVpcFlowLogs = {
    .id = "aws-vpc-flow-logs",
    .title = "VPCs must have flow logs",
    .severity = Severity::kLow,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "004 plans for VPC flow logs (\"용도: ALB, CloudFront, VPC Flow Logs\", the log "
        "archive bucket) as part of monitoring and logging. Flow logs are the only record of "
        "which addresses talked to which ports inside a VPC: without them a port scan, a "
        "security-group mistake or data leaving through the NAT gateway cannot be "
        "investigated afterwards. The rule fires on an `aws_vpc` that no `aws_flow_log` names "
        "through `vpc_id`; flow logs on single subnets or network interfaces do not cover the "
        "VPC. When a flow log's `vpc_id` does not resolve to a VPC in the configuration (a "
        "literal id, an unknown input) it might be any VPC's, and the rule stays silent.",
    .remediation =
        "Add an `aws_flow_log` with `vpc_id = aws_vpc.main.id`, `traffic_type = \"ALL\"` (or at "
        "least REJECT) and a CloudWatch Logs or S3 destination with a retention period.",
    .bad_example = R"(resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
})",
    .good_example = R"(resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination      = aws_s3_bucket.logs.arn
  log_destination_type = "s3"
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .tfsec = kTfsec,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
