// The task side of a Service: container definitions, IAM roles' documents,
// and the size, duration and retention spellings SST accepts.
//
// Source: sst/sst platform/src/components/aws/fargate.ts (commit
// 0d1c5261d266dabef8ccbd457de65a16335810a4: createTaskDefinition,
// createExecutionRole, createTaskRole, normalizeContainers) and logging.ts
// (RETENTION).
#include <charconv>
#include <map>

#include "checker/sst/translate_util.h"

namespace infracheck::sst::detail {

namespace {

Value Str(std::string s, Span at) { return Value::String(std::move(s), at); }
Value Num(double n, Span at) { return Value::Number(n, at); }
Value Bool(bool b, Span at) { return Value::Bool(b, at); }
Value List(std::vector<Value> items, Span at) { return Value::List(std::move(items), at); }
Value Obj(std::vector<Field> fields, Span at) { return Value::Object(std::move(fields), at); }

}  // namespace

Span FieldSpan(const Field& f) {
  return f.key_span.valid() && f.value.origin().valid() && f.key_span.file == f.value.origin().file
             ? Span::Cover(f.key_span, f.value.origin())
             : f.value.origin();
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

Value TrustPolicy(Span at, std::string_view service) {
  // iam.assumeRolePolicyForPrincipal({ Service: service }).
  return Obj(
      {Default("Version", Str("2012-10-17", at)),
       Default("Statement",
               List({Obj({Default("Effect", Str("Allow", at)),
                          Default("Action", Str("sts:AssumeRole", at)),
                          Default("Principal",
                                  Obj({Default("Service", Str(std::string(service), at))}, at))},
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
      st.push_back(Field{"Effect", Str(UpperFirst(effect->value.str()), effect->value.origin()),
                         effect->key_span});
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
      // Spread from what we cannot read: more entries, unknown.
      if (env->value.open()) entries.push_back(Value::Unknown(env->value.origin()));
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
      if (ssm->value.open()) secrets.push_back(Value::Unknown(ssm->value.origin()));
      def.push_back(Field{"secrets", List(std::move(secrets), ssm->value.origin()), ssm->key_span});
    } else {
      def.push_back(Field{"secrets", Value::Unknown(ssm->value.origin()), ssm->key_span});
    }
  } else {
    def.push_back(Default("secrets", List({}, at)));
  }
  return Obj(std::move(def), ct.origin().valid() ? ct.origin() : at);
}

}  // namespace infracheck::sst::detail
