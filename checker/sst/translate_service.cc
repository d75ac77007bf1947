// Service: its load balancer, listeners, target groups, task definition,
// log groups, IAM roles, ECS service and autoscaling target (the container
// definitions and IAM documents are built in translate_task.cc).
//
// Source: sst/sst platform/src/components/aws/service.ts (the version with
// `loadBalancer.rules`, shared Alb support and the deprecated `public` and
// `ports` spellings).
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
  // ECS takes cpu and memory as strings of numbers.
  auto sized = [&](const char* key, const char* dflt,
                   std::optional<double> (*conv)(const std::string&)) {
    Field f = ConvertedArg(args, key, key, dflt, conv, at);
    if (f.value.is_number()) f.value = Str(FormatNumber(f.value.number()), f.value.origin());
    return f;
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
