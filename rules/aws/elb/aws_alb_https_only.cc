// aws-alb-https-only: internet-facing application load balancers serve HTTPS
// and send plain HTTP only to HTTPS.
#include "infracheck/rule.h"
#include "rules/common/compute.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_alb", "aws_alb_listener", "aws_alb_listener_rule",
                                       "aws_lb",  "aws_lb_listener",  "aws_lb_listener_rule"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_2", "CKV2_AWS_20"};
constexpr std::string_view kTrivy[] = {"AWS-0054", "AVD-AWS-0054"};

bool IsListener(const Resource& r) {
  return r.kind == "aws_lb_listener" || r.kind == "aws_alb_listener";
}

// Whether every load balancer a listener belongs to is known to be an
// internet-facing ALB (and there is at least one).
bool OnPublicAlb(const Graph& g, const Resource& listener) {
  auto lbs = LoadBalancersOf(g, listener);
  if (lbs.empty()) return false;
  for (const Resource* lb : lbs) {
    if (lb->mode != ResourceMode::kManaged || IsPublicAlb(*lb) != Tri::kTrue) return false;
  }
  return true;
}

// Whether a listener not tied to a load balancer in the graph could still
// belong to `lb`: its load_balancer_arn is unknown (a literal ARN cannot name
// a load balancer this configuration creates).
bool MayBelongTo(const Graph& g, const Resource& listener) {
  if (!LoadBalancersOf(g, listener).empty()) return false;
  const Value* arn = listener.Get("load_balancer_arn");
  return arn && !arn->is_string() && !arn->is_null();
}

void CheckLoadBalancer(const Resource& lb, RuleContext& ctx) {
  if (IsPublicAlb(lb) != Tri::kTrue) return;
  const Graph& g = ctx.graph();
  for (std::string_view kind : {"aws_lb_listener", "aws_alb_listener"}) {
    for (const Resource* l : g.OfKind(kind)) {
      if (MayBelongTo(g, *l)) return;
    }
  }
  for (const Resource* l : g.Referrers(lb, Relation::kLoadBalancer)) {
    if (!IsListener(*l)) continue;
    auto protocol = ListenerProtocol(*l);
    if (!protocol || *protocol == "HTTPS") return;  // served over HTTPS, or cannot tell
  }
  ctx.Report(lb, "",
             "internet-facing application load balancer has no HTTPS listener: clients reach "
             "it over plain HTTP only");
}

// An HTTP listener's default action must redirect to HTTPS.
void CheckListener(const Resource& l, RuleContext& ctx) {
  if (!OnPublicAlb(ctx.graph(), l)) return;
  auto protocol = ListenerProtocol(l);
  if (!protocol || *protocol != "HTTP") return;
  const Value* actions = l.Get("default_action");
  if (!actions || !actions->is_list() || actions->items().empty()) return;
  const auto& items = actions->items();
  for (const Value& action : items) {
    if (RedirectsToHttps(action) != Tri::kFalse) return;
  }
  // Point at the first action that is not a redirect to HTTPS; they all are not.
  auto type = StringOf(items[0].Get("type"));
  std::string path = items.size() == 1 ? "default_action" : "default_action.0";
  if (type && *type == "redirect") {
    const Value* protocol = Lookup(items[0], "redirect.protocol");
    if (IsAbsent(protocol)) {
      ctx.Report(l, path + ".redirect",
                 "the HTTP listener redirects without `protocol = \"HTTPS\"`: the redirect keeps "
                 "the request's own protocol, plain HTTP");
    } else {
      ctx.Report(l, path + ".redirect.protocol",
                 "the HTTP listener redirects to " + StringOf(protocol).value_or("?") +
                     " instead of HTTPS: requests and responses cross the internet unencrypted",
                 protocol);
    }
    return;
  }
  ctx.Report(l, path + ".type",
             "the HTTP listener of an internet-facing load balancer " +
                 (type ? "answers with a \"" + *type + "\" action" : std::string("answers")) +
                 " instead of redirecting to HTTPS: requests and responses cross the internet "
                 "unencrypted",
             items[0].Get("type"));
}

// A listener rule that forwards on an HTTP listener serves the application
// over plain HTTP, whatever the listener's default action.
void CheckListenerRule(const Resource& rule, RuleContext& ctx) {
  const Graph& g = ctx.graph();
  auto listeners = g.Related(rule, Relation::kListener);
  if (listeners.empty()) return;
  for (const Resource* l : listeners) {
    auto protocol = ListenerProtocol(*l);
    if (!protocol || *protocol != "HTTP" || !OnPublicAlb(g, *l)) return;
  }
  const Value* actions = rule.Get("action");
  if (!actions || !actions->is_list()) return;
  const auto& items = actions->items();
  for (size_t i = 0; i < items.size(); ++i) {
    auto type = StringOf(items[i].Get("type"));
    if (!type || *type != "forward") continue;
    std::string path = items.size() == 1 ? "action.type" : "action." + std::to_string(i) + ".type";
    ctx.Report(rule, path,
               "this rule forwards requests on the HTTP listener " + listeners[0]->address +
                   ": the application is served over plain HTTP; forward on the HTTPS listener "
                   "and let HTTP redirect",
               items[i].Get("type"));
    return;
  }
}

void Check(const Resource& r, RuleContext& ctx) {
  if (r.mode != ResourceMode::kManaged) return;
  if (r.kind == "aws_lb" || r.kind == "aws_alb") {
    CheckLoadBalancer(r, ctx);
  } else if (IsListener(r)) {
    CheckListener(r, ctx);
  } else {
    CheckListenerRule(r, ctx);
  }
}

}  // namespace

extern const Rule kAwsAlbHttpsOnly = {
    .id = "aws-alb-https-only",
    .title = "Internet-facing ALBs must serve HTTPS and redirect HTTP to it",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "TLS terminates at the load balancer (003 \"HTTPS 종료\"): 002 §6 pairs an HTTPS "
        "listener on 443 with an HTTP listener on 80 whose only action is a 301 redirect to "
        "HTTPS; 004 terminates TLS on the ALB's HTTPS listener (\"로드 밸런싱 및 라우팅\") and "
        "opens port 80 only to redirect to HTTPS (\"보안 구성\": \"HTTP (80) ... (redirect to "
        "HTTPS)\"). An internet-facing application load balancer without an HTTPS listener, or "
        "with an HTTP listener that forwards or answers instead of redirecting, carries "
        "sessions, tokens and user data across the internet in clear text. The rule fires on "
        "the load balancer when none of its listeners is HTTPS, on an HTTP listener whose "
        "default action is not a redirect with `protocol = \"HTTPS\"` (a redirect without a "
        "protocol keeps the request's own, `#{protocol}`), and on a listener rule that forwards "
        "traffic on such an HTTP listener. A load balancer is internet-facing unless `internal = "
        "true`, and an "
        "application load balancer unless `load_balancer_type` says otherwise (the provider's "
        "defaults); a listener without `protocol` on an application load balancer is HTTP. "
        "Internal and network load balancers are not checked. When a listener's protocol, an "
        "action or the load balancer a listener belongs to is unknown, the rule stays silent.",
    .remediation =
        "Add an HTTPS listener on 443 with an ACM certificate and a TLS 1.3 policy, and make "
        "the HTTP listener's default action `type = \"redirect\"` with `redirect { protocol = "
        "\"HTTPS\", port = \"443\", status_code = \"HTTP_301\" }`. Attach forwarding listener "
        "rules to the HTTPS listener only.",
    .bad_example = R"(resource "aws_lb" "main" {
  name               = "app-alb"
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
})",
    .good_example = R"(resource "aws_lb" "main" {
  name               = "app-alb"
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
