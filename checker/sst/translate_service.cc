// Service: its load balancer, listeners, target groups, task definition,
// log groups, IAM roles, ECS service and autoscaling target.
//
// Source: sst/sst platform/src/components/aws/service.ts (the version with
// `loadBalancer.rules`, shared Alb support and the deprecated `public` and
// `ports` spellings) and fargate.ts (commit 0d1c5261d266dabef8ccbd457de65a16335810a4:
// createTaskDefinition, createExecutionRole, createTaskRole,
// normalizeContainers), logging.ts (RETENTION).
#include <charconv>
#include <cmath>
#include <map>

#include "checker/sst/translate_util.h"

namespace infracheck::sst::detail {

namespace {

Value Str(std::string s, Span at) { return Value::String(std::move(s), at); }
Value Num(double n, Span at) { return Value::Number(n, at); }
Value Bool(bool b, Span at) { return Value::Bool(b, at); }
Value List(std::vector<Value> items, Span at) { return Value::List(std::move(items), at); }
Value Obj(std::vector<Field> fields, Span at) { return Value::Object(std::move(fields), at); }

Span FieldSpan(const Field& f) {
  return f.key_span.valid() && f.value.origin().valid() && f.key_span.file == f.value.origin().file
             ? Span::Cover(f.key_span, f.value.origin())
             : f.value.origin();
}

// "80/http" -> {80, "http"}.
struct PortSpec {
  int port = 0;
  std::string protocol;
};
std::optional<PortSpec> ParsePort(const Value* v) {
  if (!v || !v->is_string()) return std::nullopt;
  const std::string& s = v->str();
  size_t slash = s.find('/');
  if (slash == std::string::npos || slash == 0) return std::nullopt;
  PortSpec p;
  auto r = std::from_chars(s.data(), s.data() + slash, p.port);
  if (r.ec != std::errc() || r.ptr != s.data() + slash || p.port <= 0 || p.port > 65535) {
    return std::nullopt;
  }
  p.protocol = s.substr(slash + 1);
  static const char* kProtocols[] = {"http", "https", "tcp", "udp", "tcp_udp", "tls"};
  for (const char* k : kProtocols) {
    if (p.protocol == k) return p;
  }
  return std::nullopt;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// logging.ts RETENTION.
std::optional<double> RetentionDays(const std::string& s) {
  static const std::map<std::string, double> kRetention = {
      {"1 day", 1},       {"3 days", 3},      {"5 days", 5},     {"1 week", 7},
      {"2 weeks", 14},    {"1 month", 30},    {"2 months", 60},  {"3 months", 90},
      {"4 months", 120},  {"5 months", 150},  {"6 months", 180}, {"1 year", 365},
      {"13 months", 400}, {"18 months", 545}, {"2 years", 731},  {"3 years", 1096},
      {"5 years", 1827},  {"6 years", 2192},  {"7 years", 2557}, {"8 years", 2922},
      {"9 years", 3288},  {"10 years", 3653}, {"forever", 0}};
  auto it = kRetention.find(s);
  if (it == kRetention.end()) return std::nullopt;
  return it->second;
}

// fargate.ts supportedCpus, and "N GB" -> MB as toMBs computes it.
std::optional<double> CpuUnits(const std::string& s) {
  static const std::map<std::string, double> kCpus = {
      {"0.25 vCPU", 256}, {"0.5 vCPU", 512}, {"1 vCPU", 1024},  {"2 vCPU", 2048},
      {"4 vCPU", 4096},   {"8 vCPU", 8192},  {"16 vCPU", 16384}};
  auto it = kCpus.find(s);
  if (it == kCpus.end()) return std::nullopt;
  return it->second;
}
std::optional<double> MemoryMb(const std::string& s) {
  if (!s.ends_with(" GB")) return std::nullopt;
  double gb = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size() - 3, gb);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() - 3 || gb <= 0) return std::nullopt;
  return gb * 1024;
}
// "30 seconds" / "1 minute" -> seconds (duration.ts units).
std::optional<double> Seconds(const std::string& s) {
  size_t sp = s.find(' ');
  if (sp == std::string::npos) return std::nullopt;
  double n = 0;
  auto r = std::from_chars(s.data(), s.data() + sp, n);
  if (r.ec != std::errc() || r.ptr != s.data() + sp) return std::nullopt;
  std::string unit = s.substr(sp + 1);
  if (unit == "second" || unit == "seconds") return n;
  if (unit == "minute" || unit == "minutes") return n * 60;
  if (unit == "hour" || unit == "hours") return n * 3600;
  return std::nullopt;
}

Value TrustPolicy(Span at) {
  // iam.assumeRolePolicyForPrincipal({ Service: "ecs-tasks.amazonaws.com" }).
  return Obj(
      {Default("Version", Str("2012-10-17", at)),
       Default(
           "Statement",
           List({Obj({Default("Effect", Str("Allow", at)),
                      Default("Action", Str("sts:AssumeRole", at)),
                      Default("Principal",
                              Obj({Default("Service", Str("ecs-tasks.amazonaws.com", at))}, at))},
                     at)},
                at))},
      at);
}

Value PolicyDocument(std::vector<Value> statements, Span at) {
  return Obj({Default("Version", Str("2012-10-17", at)),
              Default("Statement", List(std::move(statements), at))},
             at);
}

Value InlinePolicy(const Value& document, Span at) {
  return List(
      {Obj({Default("name", Str("inline", at)), Default("policy", Encoded(document, at))}, at)},
      at);
}

// args.permissions: [{ actions, resources, effect? }] -> IAM statements.
void PermissionStatements(const Value& args, Span at, std::vector<Value>& out) {
  const Field* perms = Arg(args, "permissions");
  if (!perms) return;
  if (!perms->value.is_list()) {
    out.push_back(Value::Unknown(perms->value.origin()));
    return;
  }
  for (const Value& p : perms->value.items()) {
    if (!p.is_object()) {
      out.push_back(Value::Unknown(p.origin()));
      continue;
    }
    std::vector<Field> st;
    const Field* effect = Arg(p, "effect");
    if (effect && effect->value.is_string()) {
      std::string e = effect->value.str();
      if (!e.empty()) e[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(e[0])));
      st.push_back(Field{"Effect", Str(e, effect->value.origin()), effect->key_span});
    } else if (effect) {
      st.push_back(FromArg("Effect", *effect));
    } else {
      st.push_back(Default("Effect", Str("Allow", p.origin())));
    }
    if (const Field* a = Arg(p, "actions")) st.push_back(FromArg("Action", *a));
    if (const Field* r = Arg(p, "resources")) st.push_back(FromArg("Resource", *r));
    if (const Field* c = Arg(p, "conditions"))
      st.push_back(Field{"Condition", Value::Unknown(c->value.origin()), c->key_span});
    out.push_back(Obj(std::move(st), p.origin()));
  }
  (void)at;
}

// One container definition, as ECS JSON (camelCase), from container args.
Value ContainerDefinition(const Value& ct, const Value& name, const Value& log_group, Span at) {
  std::vector<Field> def;
  def.push_back(Default("name", name));
  if (const Field* image = Arg(ct, "image")) {
    // A string is a prebuilt image; an object is built and pushed by SST.
    def.push_back(image->value.is_string()
                      ? FromArg("image", *image)
                      : Field{"image", Value::Unknown(image->value.origin()), image->key_span});
  } else {
    def.push_back(Default("image", Value::Unknown(at)));
  }
  if (const Field* f = Arg(ct, "command")) def.push_back(FromArg("command", *f));
  if (const Field* f = Arg(ct, "entrypoint")) def.push_back(FromArg("entryPoint", *f));
  if (const Field* health = Arg(ct, "health")) {
    const Value& h = health->value;
    if (!h.is_object()) {
      def.push_back(Field{"healthCheck", Value::Unknown(h.origin()), health->key_span});
    } else {
      std::vector<Field> hc;
      if (const Field* cmd = Arg(h, "command")) hc.push_back(FromArg("command", *cmd));
      auto duration = [&](const char* key, const char* out, const char* dflt) {
        const Field* f = Arg(h, key);
        std::string s = f && f->value.is_string() ? f->value.str() : dflt;
        auto secs = (!f || f->value.is_string()) ? Seconds(s) : std::nullopt;
        Span o = f ? f->value.origin() : h.origin();
        hc.push_back(
            Field{out, secs ? Num(*secs, o) : Value::Unknown(o), f ? f->key_span : Span{}});
      };
      duration("startPeriod", "startPeriod", "0 seconds");
      duration("timeout", "timeout", "5 seconds");
      duration("interval", "interval", "30 seconds");
      if (const Field* r = Arg(h, "retries")) {
        hc.push_back(FromArg("retries", *r));
      } else {
        hc.push_back(Default("retries", Num(3, h.origin())));
      }
      def.push_back(Field{"healthCheck", Obj(std::move(hc), h.origin()), health->key_span});
    }
  }
  def.push_back(Default("pseudoTerminal", Bool(true, at)));
  def.push_back(Default("portMappings",
                        List({Obj({Default("containerPortRange", Str("1-65535", at))}, at)}, at)));
  def.push_back(
      Default("logConfiguration",
              Obj({Default("logDriver", Str("awslogs", at)),
                   Default("options", Obj({Default("awslogs-group", log_group),
                                           Default("awslogs-region", Value::Unknown(at)),
                                           Default("awslogs-stream-prefix", Str("/service", at))},
                                          at))},
                  at)));
  // environment: { KEY: value } -> [{ name, value }], each entry located at
  // `KEY: value` in the config.
  if (const Field* env = Arg(ct, "environment")) {
    if (env->value.is_object()) {
      std::vector<Value> entries;
      for (const Field& f : env->value.fields()) {
        Span entry = FieldSpan(f);
        entries.push_back(
            Obj({Field{"name", Str(f.key, f.key_span.valid() ? f.key_span : entry), {}},
                 Field{"value", f.value, {}}},
                entry));
      }
      def.push_back(
          Field{"environment", List(std::move(entries), env->value.origin()), env->key_span});
    } else {
      def.push_back(Field{"environment", Value::Unknown(env->value.origin()), env->key_span});
    }
  } else {
    def.push_back(Default("environment", List({}, at)));
  }
  def.push_back(
      Default("linuxParameters", Obj({Default("initProcessEnabled", Bool(true, at))}, at)));
  if (const Field* ssm = Arg(ct, "ssm")) {
    if (ssm->value.is_object()) {
      std::vector<Value> secrets;
      for (const Field& f : ssm->value.fields()) {
        secrets.push_back(
            Obj({Field{"name", Str(f.key, f.key_span), {}}, Field{"valueFrom", f.value, {}}},
                FieldSpan(f)));
      }
      def.push_back(Field{"secrets", List(std::move(secrets), ssm->value.origin()), ssm->key_span});
    } else {
      def.push_back(Field{"secrets", Value::Unknown(ssm->value.origin()), ssm->key_span});
    }
  } else {
    def.push_back(Default("secrets", List({}, at)));
  }
  return Obj(std::move(def), ct.origin().valid() ? ct.origin() : at);
}

struct Rule {
  const Value* item = nullptr;
  PortSpec listen;
  const Field* listen_field = nullptr;
  std::optional<PortSpec> forward;
  const Field* forward_field = nullptr;
  std::optional<PortSpec> redirect;
  const Field* redirect_field = nullptr;
  Value container;
  bool conditional = false;  // has conditions: a listener rule, not the default action
};

}  // namespace

void TranslateService(Context& ctx, const Component& c) {
  Span at = c.header;
  const std::string& n = c.name;
  const Value& args = c.args;

  // The cluster, and through it the VPC.
  const Field* cluster_arg = Arg(args, "cluster");
  const Component* cluster =
      cluster_arg ? ComponentOf(cluster_arg->value, ctx.ev.components) : nullptr;
  if (cluster && cluster->type != "sst.aws.Cluster") cluster = nullptr;
  Value vpc_arg = Value::Unknown(at);
  if (cluster) {
    if (const Field* v = Arg(cluster->args, "vpc")) vpc_arg = v->value;
  } else if (const Field* v = Arg(args, "vpc")) {
    vpc_arg = v->value;
  }
  Network net = NetworkOf(ctx, vpc_arg, at);
  Value cluster_arn =
      cluster ? RefTo("aws_ecs_cluster", cluster->name + "Cluster", "arn", at) : Value::Unknown(at);
  Value is_sst_vpc = net.vpc                                               ? Bool(true, at)
                     : (cluster && vpc_arg.is_object() && !vpc_arg.open()) ? Bool(false, at)
                                                                           : Value::Unknown(at);

  // Containers: args.containers, or one container named after the service.
  std::vector<std::pair<Value, Value>> containers;  // (args, name)
  bool containers_unknown = false;
  if (const Field* cs = Arg(args, "containers")) {
    if (cs->value.is_list()) {
      for (const Value& ct : cs->value.items()) {
        const Value* name = ct.Get("name");
        containers.emplace_back(ct, name ? *name : Value::Unknown(ct.origin()));
      }
    } else {
      containers_unknown = true;
    }
  } else {
    containers.emplace_back(args.is_object() ? args : Value::Object({}, at),
                            c.name_value.is_string() ? c.name_value : Value::Unknown(at));
  }

  // Log groups: `${name}LogGroup${container}` with "1 month" unless set.
  std::vector<Value> definitions;
  for (auto& [ct, cname] : containers) {
    // Named after the container; an unknown name (the service's, from
    // process.env) is written as the component name.
    std::string suffix = cname.is_string()        ? cname.str()
                         : containers.size() == 1 ? n
                                                  : std::to_string(definitions.size());
    const Field* logging = Arg(ct, "logging");
    Value retention = Num(30, at);
    Value group_name = Value::Unknown(at);
    if (logging && logging->value.is_object()) {
      if (const Field* r = Arg(logging->value, "retention")) {
        auto days = r->value.is_string() ? RetentionDays(r->value.str()) : std::nullopt;
        retention = days ? Num(*days, r->value.origin()) : Value::Unknown(r->value.origin());
      }
      if (const Field* nm = Arg(logging->value, "name")) group_name = nm->value;
    } else if (logging) {
      retention = Value::Unknown(logging->value.origin());
    }
    std::string lg = Name({n, "LogGroup", suffix});
    std::vector<Field> lg_attrs = {Default("name", group_name),
                                   Default("retention_in_days", retention)};
    if (logging && logging->value.is_object()) {
      if (const Field* r = Arg(logging->value, "retention")) lg_attrs[1].key_span = r->key_span;
    }
    Add(ctx, c, "aws_cloudwatch_log_group", lg, std::move(lg_attrs),
        logging ? FieldSpan(*logging) : Span{});
    Value group_ref =
        group_name.is_unknown() ? RefTo("aws_cloudwatch_log_group", lg, "name", at) : group_name;
    definitions.push_back(ContainerDefinition(ct, cname, group_ref, at));
  }

  // IAM roles (fargate.ts createExecutionRole / createTaskRole).
  std::string exec_role = n + "ExecutionRole";
  std::string task_role = n + "TaskRole";
  if (!Arg(args, "executionRole")) {
    Value exec_policy = PolicyDocument(
        {Obj({Default("Sid", Str("ReadSsmAndSecrets", at)), Default("Effect", Str("Allow", at)),
              Default("Action", List({Str("ssm:GetParameters", at), Str("ssm:GetParameter", at),
                                      Str("ssm:GetParameterHistory", at),
                                      Str("secretsmanager:GetSecretValue", at)},
                                     at)),
              Default("Resource", List({Str("*", at)}, at))},
             at)},
        at);
    Add(ctx, c, "aws_iam_role", exec_role,
        {Default("assume_role_policy", Encoded(TrustPolicy(at), at)),
         Default("managed_policy_arns", List({Value::Unknown(at)}, at)),
         Default("inline_policy", InlinePolicy(exec_policy, at))});
  }
  if (!Arg(args, "taskRole")) {
    std::vector<Value> statements;
    PermissionStatements(args, at, statements);
    if (Arg(args, "link"))
      statements.push_back(Value::Unknown(at));  // linked resources' permissions
    statements.push_back(Obj({Default("Effect", Str("Allow", at)),
                              Default("Action", List({Str("ssmmessages:CreateControlChannel", at),
                                                      Str("ssmmessages:CreateDataChannel", at),
                                                      Str("ssmmessages:OpenControlChannel", at),
                                                      Str("ssmmessages:OpenDataChannel", at)},
                                                     at)),
                              Default("Resource", List({Str("*", at)}, at))},
                             at));
    Add(ctx, c, "aws_iam_role", task_role,
        {Default("assume_role_policy", Encoded(TrustPolicy(at), at)),
         Default("inline_policy", InlinePolicy(PolicyDocument(std::move(statements), at), at))});
  }
  Value exec_arn = Arg(args, "executionRole") ? Arg(args, "executionRole")->value
                                              : RefTo("aws_iam_role", exec_role, "arn", at);
  Value task_arn = Arg(args, "taskRole") ? Arg(args, "taskRole")->value
                                         : RefTo("aws_iam_role", task_role, "arn", at);

  // Task definition.
  auto sized = [&](const char* key, const char* dflt,
                   std::optional<double> (*conv)(const std::string&)) {
    const Field* f = Arg(args, key);
    if (f && !f->value.is_string())
      return Field{key, Value::Unknown(f->value.origin()), f->key_span};
    std::string s = f ? f->value.str() : dflt;
    auto v = conv(s);
    Span o = f ? f->value.origin() : at;
    return Field{key, v ? Str(FormatNumber(*v), o) : Value::Unknown(o), f ? f->key_span : Span{}};
  };
  Value arch = Str("X86_64", at);
  if (const Field* a = Arg(args, "architecture")) {
    arch = a->value.is_string() ? Str(Upper(a->value.str()), a->value.origin())
                                : Value::Unknown(a->value.origin());
  }
  std::string task = n + "Task";
  Add(ctx, c, "aws_ecs_task_definition", task,
      {Default("family", Value::Unknown(at)), Default("track_latest", Bool(true, at)),
       sized("cpu", "0.25 vCPU", CpuUnits), sized("memory", "0.5 GB", MemoryMb),
       Default("network_mode", Str("awsvpc", at)),
       Default("requires_compatibilities", List({Str("FARGATE", at)}, at)),
       Default("runtime_platform", List({Obj({Default("cpu_architecture", arch),
                                              Default("operating_system_family", Str("LINUX", at))},
                                             at)},
                                        at)),
       Default("execution_role_arn", exec_arn), Default("task_role_arn", task_arn),
       Default("container_definitions",
               containers_unknown ? Value::Unknown(at) : Encoded(List(definitions, at), at))});

  // Load balancer: loadBalancer (or the deprecated `public`), with `rules`
  // (or the deprecated `ports`).
  std::vector<Value> lb_entries;
  const Field* lb = Arg(args, "loadBalancer");
  if (!lb) lb = Arg(args, "public");
  const Field* rules_field = lb && lb->value.is_object() ? Arg(lb->value, "rules") : nullptr;
  if (lb && lb->value.is_object() && !rules_field) rules_field = Arg(lb->value, "ports");
  std::vector<Rule> rules;
  bool lb_known = lb && lb->value.is_object() && !Arg(lb->value, "instance") && rules_field &&
                  rules_field->value.is_list() && !rules_field->value.items().empty();
  if (lb_known) {
    for (const Value& item : rules_field->value.items()) {
      Rule r;
      r.item = &item;
      r.listen_field = item.GetField("listen");
      auto listen = r.listen_field ? ParsePort(&r.listen_field->value) : std::nullopt;
      if (!listen) {
        // One listener we cannot read could be the HTTPS one: translate none.
        lb_known = false;
        break;
      }
      r.listen = *listen;
      r.redirect_field = Arg(item, "redirect");
      r.forward_field = Arg(item, "forward");
      if (r.redirect_field) {
        r.redirect = ParsePort(&r.redirect_field->value);
        if (!r.redirect) {
          lb_known = false;
          break;
        }
      } else {
        r.forward = r.forward_field ? ParsePort(&r.forward_field->value) : r.listen;
        if (!r.forward) {
          lb_known = false;
          break;
        }
      }
      const Field* container = Arg(item, "container");
      r.container = container ? container->value
                              : (containers.empty() ? Value::Unknown(at) : containers[0].second);
      r.conditional = Arg(item, "conditions") || Arg(item, "path");
      rules.push_back(std::move(r));
    }
  }
  if (lb_known) {
    Span lb_block = FieldSpan(*lb);
    Span lb_header = FieldSpan(*rules_field);
    const Field* pub_field = Arg(lb->value, "public");
    Value pub = pub_field ? pub_field->value : Bool(true, lb_block);
    Value internal =
        pub.is_bool() ? Bool(!pub.bool_value(), pub.origin()) : Value::Unknown(pub.origin());
    Value subnets = pub.is_bool()
                        ? (pub.bool_value() ? net.load_balancer_subnets : net.private_subnets)
                        : Value::Unknown(pub.origin());
    bool application = rules[0].listen.protocol.starts_with("http");
    std::string sg = n + "LoadBalancerSecurityGroup";
    auto all = [&](const char* cidr) {
      return List(
          {Obj({Default("from_port", Num(0, lb_header)), Default("to_port", Num(0, lb_header)),
                Default("protocol", Str("-1", lb_header)),
                Default("cidr_blocks", List({Str(cidr, lb_header)}, lb_header))},
               lb_header)},
          lb_header);
    };
    Add(ctx, c, "aws_security_group", sg,
        {Default("description", Str("Managed by SST", lb_header)), Default("vpc_id", net.id),
         Default("ingress", all("0.0.0.0/0")), Default("egress", all("0.0.0.0/0"))},
        lb_header, lb_header);
    std::string lb_name = n + "LoadBalancer";
    Add(ctx, c, "aws_lb", lb_name,
        {Field{"internal", internal, pub_field ? pub_field->key_span : Span{}},
         Default("load_balancer_type", Str(application ? "application" : "network",
                                           rules[0].listen_field->value.origin())),
         Default("subnets", subnets),
         Default("security_groups",
                 List({RefTo("aws_security_group", sg, "id", lb_header)}, lb_header)),
         Default("enable_cross_zone_load_balancing", Bool(true, lb_block))},
        lb_header, lb_block);
    Value lb_arn = RefTo("aws_lb", lb_name, "arn", lb_header);
    Value cert = Arg(lb->value, "domain") ? Value::Unknown(FieldSpan(*Arg(lb->value, "domain")))
                                          : Value::Null(lb_block);
    // Target groups, one per container/protocol/port forwarded to.
    std::map<std::string, std::string> targets;  // key -> resource name
    for (const Rule& r : rules) {
      if (!r.forward) continue;
      std::string proto = Upper(r.forward->protocol);
      std::string cname = r.container.is_string() ? r.container.str() : n;
      std::string key = cname + proto + std::to_string(r.forward->port);
      if (targets.count(key)) continue;
      std::string tg = Name({n, "Target", key});
      targets[key] = tg;
      const Field* src = r.forward_field ? r.forward_field : r.listen_field;
      Add(ctx, c, "aws_lb_target_group", tg,
          {Field{"port", Num(r.forward->port, src->value.origin()), src->key_span},
           Field{"protocol", Str(proto, src->value.origin()), src->key_span},
           Default("target_type", Str("ip", r.item->origin())), Default("vpc_id", net.id)},
          r.item->origin(), r.item->origin());
      lb_entries.push_back(Obj(
          {Default("target_group_arn", RefTo("aws_lb_target_group", tg, "arn", r.item->origin())),
           Default("container_name", r.container),
           Default("container_port", Num(r.forward->port, src->value.origin()))},
          r.item->origin()));
    }
    // Listeners, one per listen protocol/port; the rule without conditions
    // is the default action, else a 403 fixed response.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const Rule*>> by_listener;
    for (const Rule& r : rules) {
      std::string id = Upper(r.listen.protocol) + std::to_string(r.listen.port);
      if (!by_listener.count(id)) order.push_back(id);
      by_listener[id].push_back(&r);
    }
    for (const std::string& id : order) {
      const std::vector<const Rule*>& group = by_listener[id];
      const Rule* first = group[0];
      const Rule* dflt = nullptr;
      for (const Rule* r : group) {
        if (!r->conditional) {
          dflt = r;
          break;
        }
      }
      Span item = (dflt ? dflt : first)->item->origin();
      Value action;
      if (!dflt) {
        action = Obj(
            {Default("type", Str("fixed-response", item)),
             Default("fixed_response", List({Obj({Default("status_code", Str("403", item)),
                                                  Default("content_type", Str("text/plain", item)),
                                                  Default("message_body", Str("Forbidden", item))},
                                                 item)},
                                            item))},
            item);
      } else if (dflt->redirect) {
        Span o = dflt->redirect_field->value.origin();
        action =
            Obj({Field{"type", Str("redirect", o), dflt->redirect_field->key_span},
                 Field{"redirect",
                       List({Obj({Default("port", Str(std::to_string(dflt->redirect->port), o)),
                                  Default("protocol", Str(Upper(dflt->redirect->protocol), o)),
                                  Default("status_code", Str("HTTP_301", o))},
                                 o)},
                            o),
                       dflt->redirect_field->key_span}},
                item);
      } else {
        std::string cname = dflt->container.is_string() ? dflt->container.str() : n;
        std::string key =
            cname + Upper(dflt->forward->protocol) + std::to_string(dflt->forward->port);
        action = Obj(
            {Default("type", Str("forward", item)),
             Default("target_group_arn", RefTo("aws_lb_target_group", targets[key], "arn", item))},
            item);
      }
      std::string proto = Upper(first->listen.protocol);
      const Field* lf = first->listen_field;
      bool tls = proto == "HTTPS" || proto == "TLS";
      std::vector<Field> attrs = {
          Default("load_balancer_arn", lb_arn),
          Field{"port", Num(first->listen.port, lf->value.origin()), lf->key_span},
          Field{"protocol", Str(proto, lf->value.origin()), lf->key_span},
          Default("default_action", List({action}, item))};
      // No ssl_policy: SST sets none, so AWS applies its default policy.
      if (tls) attrs.push_back(Default("certificate_arn", cert));
      Add(ctx, c, "aws_lb_listener", Name({n, "Listener", id}), std::move(attrs), item, item);
    }
  }

  // The ECS service (service.ts createService).
  const Field* scaling = Arg(args, "scaling");
  Value desired = Num(1, at);
  Field desired_field = Default("desired_count", desired);
  Value min_cap = Num(1, at), max_cap = Num(1, at);
  if (scaling) {
    if (!scaling->value.is_object()) {
      desired_field =
          Field{"desired_count", Value::Unknown(scaling->value.origin()), scaling->key_span};
      min_cap = max_cap = Value::Unknown(scaling->value.origin());
    } else {
      if (const Field* mn = Arg(scaling->value, "min")) {
        desired_field = FromArg("desired_count", *mn);
        min_cap = mn->value;
      }
      if (const Field* mx = Arg(scaling->value, "max")) max_cap = mx->value;
    }
  }
  std::vector<Field> svc = {
      Default("name", c.name_value.is_string() ? c.name_value : Value::Unknown(at)),
      Default("cluster", cluster_arn),
      Default("task_definition", RefTo("aws_ecs_task_definition", task, "arn", at)),
      desired_field,
      Default("network_configuration", List({Obj({Default("assign_public_ip", is_sst_vpc),
                                                  Default("subnets", net.container_subnets),
                                                  Default("security_groups", net.security_groups)},
                                                 at)},
                                            at)),
      Default(
          "deployment_circuit_breaker",
          List({Obj({Default("enable", Bool(true, at)), Default("rollback", Bool(true, at))}, at)},
               at)),
      Default("load_balancer",
              lb && !lb_known ? Value::Unknown(FieldSpan(*lb)) : List(lb_entries, at)),
      Default("enable_execute_command", Bool(true, at))};
  if (const Field* cap = Arg(args, "capacity")) {
    svc.push_back(
        Field{"capacity_provider_strategy", Value::Unknown(cap->value.origin()), cap->key_span});
  } else {
    svc.push_back(Default("launch_type", Str("FARGATE", at)));
  }
  std::string service = n + "Service";
  Add(ctx, c, "aws_ecs_service", service, std::move(svc));

  // Autoscaling, only when `scaling` is given (createAutoScaling).
  if (scaling) {
    Span s = FieldSpan(*scaling);
    Add(ctx, c, "aws_appautoscaling_target", n + "AutoScalingTarget",
        {Default("service_namespace", Str("ecs", s)),
         Default("scalable_dimension", Str("ecs:service:DesiredCount", s)),
         Default("resource_id", RefTo("aws_ecs_service", service, "name", s)),
         Default("min_capacity", min_cap), Default("max_capacity", max_cap)},
        s, s);
  }
}

}  // namespace infracheck::sst::detail
