// aws-rds-multi-az: production databases survive the loss of an availability
// zone.
#include <set>

#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_db_instance", "aws_rds_cluster"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_157"};

void CheckInstance(const Resource& r, RuleContext& ctx) {
  // Read replicas and instances in a cluster take their availability from
  // their source; this rule is about standalone instances.
  const Value* multi_az = r.Get("multi_az");
  if (Truth(multi_az) != Tri::kFalse) return;
  ctx.Report(r, "multi_az",
             multi_az ? "multi_az is false: the production database runs in a single "
                        "availability zone"
                      : "multi_az is not set (default false): the production database runs in a "
                        "single availability zone");
}

void CheckCluster(const Resource& r, RuleContext& ctx) {
  // Multi-AZ DB clusters (non-Aurora, db_cluster_instance_class) span three
  // zones by construction.
  const Value* cls = r.Get("db_cluster_instance_class");
  if (cls && !cls->is_null()) return;
  auto members = ctx.graph().Referrers(r, Relation::kRdsCluster);
  size_t count = 0;
  std::set<std::string> zones;
  bool zones_known = true;
  for (const Resource* m : members) {
    if (m->unknown_count) return;  // cannot tell how many
    ++count;
    const Value* az = m->Get("availability_zone");
    if (az && az->is_string()) {
      zones.insert(az->str());
    } else {
      zones_known = false;
    }
  }
  if (count >= 2 && (!zones_known || zones.size() >= 2)) return;
  if (count >= 2) {
    ctx.Report(r, "",
               "all instances of the production cluster are pinned to one availability "
               "zone (" +
                   *zones.begin() + ")");
    return;
  }
  ctx.Report(r, "",
             count == 0 ? "the production cluster has no cluster instance in this configuration, "
                          "so it cannot fail over to another availability zone"
                        : "the production cluster has a single instance: it cannot fail over to "
                          "another availability zone");
}

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  if (r.kind == "aws_rds_cluster") {
    CheckCluster(r, ctx);
  } else {
    CheckInstance(r, ctx);
  }
}

}  // namespace

extern const Rule kAwsRdsMultiAz = {
    .id = "aws-rds-multi-az",
    .title = "Production RDS databases must be Multi-AZ",
    .severity = Severity::kHigh,
    .scope = Scope::kProd,
    .kinds = kKinds,
    .rationale =
        "Production runs with high availability: the documents set `multi_az = var.environment "
        "== \"production\"` (002 §4) and \"Multi-AZ: Enabled\" for production (004). A "
        "single-AZ instance is down for the whole of an availability-zone outage and during "
        "maintenance. For Aurora clusters, availability comes from a second instance in another "
        "zone. Only environments classed as production are checked.",
    .remediation =
        "Set `multi_az = true` on production instances (a tfvars value per environment works "
        "well). For Aurora, run at least two `aws_rds_cluster_instance` resources and do not pin "
        "them to the same `availability_zone`.",
    .bad_example = R"(# environments/prod/terraform.tfvars: environment = "prod"
resource "aws_db_instance" "main" {
  engine   = "postgres"
  multi_az = false
})",
    .good_example = R"(resource "aws_db_instance" "main" {
  engine   = "postgres"
  multi_az = true
})",
    .checkov = kCheckov,
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
