// aws-alb-deletion-protection: production load balancers cannot be deleted by
// accident.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_alb", "aws_lb"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_150"};

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  const Value* protection = r.Get("enable_deletion_protection");
  if (Truth(protection) != Tri::kFalse) return;
  ctx.Report(r, "enable_deletion_protection",
             IsAbsent(protection)
                 ? "enable_deletion_protection is not set (default false): one `terraform "
                   "destroy` or a replaced resource deletes the production load balancer and "
                   "its DNS name"
                 : "enable_deletion_protection is false: one `terraform destroy` or a replaced "
                   "resource deletes the production load balancer and its DNS name");
}

}  // namespace

extern const Rule kAwsAlbDeletionProtection = {
    .id = "aws-alb-deletion-protection",
    .title = "Production load balancers must have deletion protection",
    .severity = Severity::kLow,
    .scope = Scope::kProd,
    .kinds = kKinds,
    .rationale =
        "002 §6 sets `enable_deletion_protection = var.environment == \"production\"` on the "
        "ALB. Deleting a production load balancer takes the whole service offline, and the "
        "replacement gets a new DNS name that every alias record and client must follow. With "
        "deletion protection on, the AWS API refuses the delete until someone turns it off on "
        "purpose. The provider's default is false. The rule checks load balancers of every "
        "type (application, network, gateway): the protection and the cost of losing one are "
        "the same. Only environments classed as production are checked.",
    .remediation =
        "Set `enable_deletion_protection = true` on production load balancers, for example "
        "`enable_deletion_protection = var.environment == \"production\"`.",
    .bad_example = R"(# prod.tfvars: environment = "production"
resource "aws_lb" "main" {
  name               = "app-alb"
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids
})",
    .good_example = R"(resource "aws_lb" "main" {
  name                       = "app-alb"
  load_balancer_type         = "application"
  subnets                    = var.public_subnet_ids
  enable_deletion_protection = true
})",
    .checkov = kCheckov,
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
