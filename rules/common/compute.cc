#include "rules/common/compute.h"

#include <cctype>

namespace infracheck::rules {

namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Tri Both(Tri a, Tri b) {
  if (a == Tri::kFalse || b == Tri::kFalse) return Tri::kFalse;
  if (a == Tri::kTrue && b == Tri::kTrue) return Tri::kTrue;
  return Tri::kUnknown;
}

bool IsTargetGroup(const Resource& r) {
  return r.kind == "aws_lb_target_group" || r.kind == "aws_alb_target_group";
}

// Whether one load_balancer block of a service gives it a health check.
Tri BlockHealthCheck(const Graph& g, const Value& block) {
  if (!block.is_object()) return Tri::kUnknown;
  const Value* elb = block.Get("elb_name");
  if (!IsAbsent(elb)) return Tri::kTrue;  // classic load balancers always check
  const Value* arn = block.Get("target_group_arn");
  if (IsAbsent(arn)) return Tri::kFalse;
  Tri result = Tri::kUnknown;  // a target group outside the graph: cannot tell
  for (const Ref& ref : arn->refs()) {
    const Resource* tg = g.Resolve(ref);
    if (!tg || !IsTargetGroup(*tg)) continue;
    if (tg->mode != ResourceMode::kManaged) return Tri::kUnknown;
    const Value* enabled = tg->Get("health_check.enabled");
    if (IsAbsent(enabled) || IsTrue(enabled)) return Tri::kTrue;
    if (!IsFalse(enabled)) return Tri::kUnknown;
    result = Tri::kFalse;
  }
  return result;
}

}  // namespace

Span FieldSpan(const Field& f) {
  Span value = f.value.origin();
  if (f.key_span.valid() && value.valid() && value.file == f.key_span.file &&
      value.begin >= f.key_span.begin) {
    return Span::Cover(f.key_span, value);
  }
  return f.key_span.valid() ? f.key_span : value;
}

Tri IsApplicationLb(const Resource& lb) {
  const Value* type = lb.Get("load_balancer_type");
  if (IsAbsent(type)) return Tri::kTrue;
  auto s = StringOf(type);
  if (!s) return Tri::kUnknown;
  return *s == "application" ? Tri::kTrue : Tri::kFalse;
}

Tri IsInternetFacing(const Resource& lb) {
  const Value* internal = lb.Get("internal");
  if (IsAbsent(internal) || IsFalse(internal)) return Tri::kTrue;
  return IsTrue(internal) ? Tri::kFalse : Tri::kUnknown;
}

Tri IsPublicAlb(const Resource& lb) { return Both(IsApplicationLb(lb), IsInternetFacing(lb)); }

std::optional<std::string> ListenerProtocol(const Resource& listener) {
  const Value* protocol = listener.Get("protocol");
  if (IsAbsent(protocol)) return "HTTP";
  auto s = StringOf(protocol);
  if (!s) return std::nullopt;
  return Upper(*s);
}

Tri RedirectsToHttps(const Value& action) {
  if (!action.is_object()) return Tri::kUnknown;
  auto type = StringOf(action.Get("type"));
  if (!type) return Tri::kUnknown;
  if (*type != "redirect") return Tri::kFalse;
  const Value* protocol = Lookup(action, "redirect.protocol");
  if (IsAbsent(protocol)) return Tri::kFalse;  // "#{protocol}": the request's own
  auto p = StringOf(protocol);
  if (!p) return Tri::kUnknown;
  return Upper(*p) == "HTTPS" ? Tri::kTrue : Tri::kFalse;
}

std::span<const Resource* const> LoadBalancersOf(const Graph& g, const Resource& listener) {
  return g.Related(listener, Relation::kLoadBalancer);
}

Containers ContainersOf(const Graph& g, const Resource& task_definition) {
  Containers out;
  const Value* doc = g.Document(task_definition, "container_definitions");
  if (!doc || !doc->is_list()) return out;
  out.known = true;
  const auto& items = doc->items();
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_object()) continue;
    auto name = StringOf(items[i].Get("name"));
    out.items.push_back(
        Container{&items[i], i, name ? *name : "#" + std::to_string(i), name.has_value()});
  }
  return out;
}

Span ContainerSpan(const Container& c, std::string_view field) {
  if (!field.empty()) {
    if (const Field* f = c.def->GetField(field)) {
      if (Span s = FieldSpan(*f); s.valid()) return s;
    }
  }
  if (const Field* name = c.def->GetField("name")) {
    if (Span s = FieldSpan(*name); s.valid()) return s;
  }
  return c.def->origin();
}

std::string ContainerPath(const Container& c, std::string_view field) {
  std::string path = "container_definitions." + std::to_string(c.index);
  if (!field.empty()) path += "." + std::string(field);
  return path;
}

Finding& ReportContainer(RuleContext& ctx, const Resource& task_definition, const Container& c,
                         std::string_view field, std::string message, const Value* culprit) {
  Span at = ContainerSpan(c, field);
  if (!at.valid())
    at = task_definition.header.valid() ? task_definition.header : task_definition.block;
  return ctx.ReportAt(task_definition, ContainerPath(c, field), at, std::move(message), culprit);
}

Tri IsEssential(const Container& c) {
  const Value* essential = c.def->Get("essential");
  if (IsAbsent(essential) || IsTrue(essential)) return Tri::kTrue;
  return IsFalse(essential) ? Tri::kFalse : Tri::kUnknown;
}

Tri RunsAsRoot(const Value* user) {
  if (IsAbsent(user)) return Tri::kFalse;
  auto s = StringOf(user);
  if (!s) return Tri::kUnknown;
  std::string_view name = std::string_view(*s).substr(0, s->find(':'));
  // A numeric user is a uid: "0", and "00" too, as the runtime parses it.
  bool uid0 = !name.empty() && name.find_first_not_of('0') == std::string_view::npos;
  return name == "root" || uid0 ? Tri::kTrue : Tri::kFalse;
}

std::span<const Resource* const> ServicesOf(const Graph& g, const Resource& task_definition) {
  return g.Referrers(task_definition, Relation::kTaskDefinition);
}

Tri HasLoadBalancerHealthCheck(const Graph& g, const Resource& service) {
  const Value* blocks = service.Get("load_balancer");
  if (IsAbsent(blocks)) return Tri::kFalse;
  if (!blocks->is_list()) return Tri::kUnknown;  // dynamic blocks over an unknown collection
  Tri result = Tri::kFalse;
  for (const Value& block : blocks->items()) {
    Tri t = BlockHealthCheck(g, block);
    if (t == Tri::kTrue) return Tri::kTrue;
    if (t == Tri::kUnknown) result = Tri::kUnknown;
  }
  return result;
}

}  // namespace infracheck::rules
