// aws-alb-tls13-policy: TLS listeners negotiate with a TLS 1.3 security policy.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_lb_listener", "aws_alb_listener"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_103", "CKV2_AWS_74"};
constexpr std::string_view kTrivy[] = {"AWS-0047", "AVD-AWS-0047"};
constexpr std::string_view kTfsec[] = {"aws-elb-use-secure-tls-policy"};
constexpr std::string_view kFamily = "ELBSecurityPolicy-TLS13-";

void Check(const Resource& r, RuleContext& ctx) {
  auto protocol = StringOf(r.Get("protocol"));
  if (!protocol || (*protocol != "HTTPS" && *protocol != "TLS")) return;
  const Value* policy = r.Get("ssl_policy");
  if (IsAbsent(policy)) {
    ctx.Report(r, "ssl_policy",
               "ssl_policy is not set: AWS applies ELBSecurityPolicy-2016-08, which allows TLS "
               "1.0 and 1.1 and not TLS 1.3");
    return;
  }
  if (!policy->is_string()) return;  // unknown
  if (policy->str().rfind(kFamily, 0) == 0) return;
  ctx.Report(r, "ssl_policy",
             "ssl_policy \"" + policy->str() +
                 "\" is not a TLS 1.3 policy; use ELBSecurityPolicy-TLS13-1-2-2021-06",
             policy);
}

}  // namespace

extern const Rule kAwsAlbTls13Policy = {
    .id = "aws-alb-tls13-policy",
    .title = "HTTPS and TLS listeners must use a TLS 1.3 security policy",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "TLS terminates at the load balancer with `ssl_policy = "
        "\"ELBSecurityPolicy-TLS13-1-2-2021-06\"` (002 §6, 004 \"Security Policy\"). When a "
        "listener names no policy, AWS applies ELBSecurityPolicy-2016-08, which still accepts "
        "TLS 1.0 and 1.1 with CBC ciphers; other pre-TLS 1.3 policies give up forward secrecy or "
        "TLS 1.3 itself. Any policy of the ELBSecurityPolicy-TLS13-* family passes, as the "
        "requirement says; ELBSecurityPolicy-TLS13-1-2-2021-06 (TLS 1.2 and 1.3) is the one the "
        "documents use.",
    .remediation =
        "Set `ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"` (or another "
        "ELBSecurityPolicy-TLS13-* policy) on every HTTPS and TLS listener.",
    .bad_example = R"(resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn
  ssl_policy        = "ELBSecurityPolicy-2016-08"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
})",
    .good_example = R"(resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = var.certificate_arn
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .tfsec = kTfsec,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
