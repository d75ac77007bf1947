// Function: its Lambda function, IAM role, log group and function URL; and
// Cron, which makes a Function and the EventBridge rule that runs it.
//
// Sources: sst/sst platform/src/components/aws/function.ts (createRole,
// createLogGroup, createFunction, createUrl), logging.ts (RETENTION) and
// cron.ts (functionBuilder(`${name}Handler`, job), createRule, createTarget).
// Where SST versions differ, the value is unknown: the runtime (nodejs20.x,
// later nodejs24.x) and the log group's retention when `logging.retention`
// is not set ("forever" in earlier versions, "1 month" in later ones).
#include <charconv>

#include "checker/sst/translate_util.h"

namespace infracheck::sst::detail {

namespace {

Value Str(std::string s, Span at) { return Value::String(std::move(s), at); }
Value Num(double n, Span at) { return Value::Number(n, at); }
Value List(std::vector<Value> items, Span at) { return Value::List(std::move(items), at); }
Value Obj(std::vector<Field> fields, Span at) { return Value::Object(std::move(fields), at); }

// size.ts toMBs: "1024 MB" or "1 GB".
std::optional<double> FunctionMemoryMb(const std::string& s) {
  if (s.ends_with(" GB")) return MemoryMb(s);
  if (!s.ends_with(" MB")) return std::nullopt;
  double mb = 0;
  const char* end = s.data() + s.size() - 3;
  auto r = std::from_chars(s.data(), end, mb);
  if (r.ec != std::errc() || r.ptr != end || mb <= 0) return std::nullopt;
  return mb;
}

// environment: the user's variables, then SST's own, which win on a clash.
Value Variables(const Value& args, Span at) {
  const Field* env = Arg(args, "environment");
  std::vector<Field> vars;
  if (env) {
    if (!env->value.is_object()) return Value::Unknown(env->value.origin());
    vars = env->value.fields();
  }
  vars.push_back(Default("SST_RESOURCE_App", Value::Unknown(at)));  // {name, stage} as JSON
  vars.push_back(Default("SST_KEY", Value::Unknown(at)));           // the app's RandomBytes
  vars.push_back(Default("SST_KEY_FILE", Str("resource.enc", at)));
  Value out = Obj(std::move(vars), env ? env->value.origin() : at);
  return env && env->value.open() ? out.AsOpen("") : out;  // more variables we cannot read
}

}  // namespace

void TranslateFunction(Context& ctx, const Component& c) {
  Span at = c.header;
  const std::string& n = c.name;
  const Value& args = c.args;
  std::string fn = n + "Function";

  // normalizeLogging: `logging: false` makes no log group and no logging
  // config; `logging.logGroup` names an existing group instead.
  const Field* logging = Arg(args, "logging");
  bool logs_off = logging && logging->value.is_bool() && !logging->value.bool_value();
  const Field* own_group = logging ? Arg(logging->value, "logGroup") : nullptr;
  std::string lg = n + "LogGroup";
  Value group_name = Value::Unknown(at);
  if (!logs_off && !own_group) {
    if (const Field* nm = Arg(args, "name"); nm && nm->value.is_string()) {
      group_name = Str("/aws/lambda/" + nm->value.str(), nm->value.origin());
    }
    Field retention = Default("retention_in_days", Value::Unknown(at));
    if (const Field* r = logging ? Arg(logging->value, "retention") : nullptr) {
      std::optional<double> days =
          r->value.is_string() ? RetentionDays(r->value.str()) : std::nullopt;
      Span o = r->value.origin();
      retention = Field{"retention_in_days", days ? Num(*days, o) : Value::Unknown(o), r->key_span};
    }
    Resource& r = Add(ctx, c, "aws_cloudwatch_log_group", lg,
                      {Default("name", group_name), std::move(retention)},
                      logging ? FieldSpan(*logging) : Span{});
    // `logging` we cannot read may be false: the group may not exist.
    r.unknown_count = r.unknown_count || (logging && !logging->value.is_object());
  }

  // createRole, unless `role` names one.
  const Field* role_arg = Arg(args, "role");
  std::string role = n + "Role";
  if (!role_arg) {
    std::vector<Value> managed;
    if (!logs_off) {
      managed.push_back(
          Str("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", at));
    }
    if (Arg(args, "vpc")) {
      managed.push_back(
          Str("arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole", at));
    }
    std::vector<Value> statements;
    PermissionStatements(args, at, statements);
    if (Arg(args, "link")) statements.push_back(Value::Unknown(at));  // linked resources'
    std::vector<Field> attrs = {
        Default("assume_role_policy", Encoded(TrustPolicy(at, "lambda.amazonaws.com"), at)),
        Default("managed_policy_arns", List(std::move(managed), at))};
    if (!statements.empty()) {
      attrs.push_back(
          Default("inline_policy", InlinePolicy(PolicyDocument(std::move(statements), at), at)));
    }
    Add(ctx, c, "aws_iam_role", role, std::move(attrs));
  }

  // createFunction.
  std::vector<Field> attrs;
  if (const Field* nm = Arg(args, "name")) {
    attrs.push_back(FromArg("function_name", *nm));
  } else {
    attrs.push_back(Default("function_name", Value::Unknown(at)));
  }
  attrs.push_back(role_arg ? FromArg("role", *role_arg)
                           : Default("role", RefTo("aws_iam_role", role, "arn", at)));
  attrs.push_back(Default("handler", Value::Unknown(at)));  // what the build produces
  if (const Field* rt = Arg(args, "runtime")) {
    attrs.push_back(FromArg("runtime", *rt));
  } else {
    attrs.push_back(Default("runtime", Value::Unknown(at)));
  }
  attrs.push_back(ConvertedArg(args, "timeout", "timeout", "20 seconds", Seconds, at));
  attrs.push_back(ConvertedArg(args, "memory", "memory_size", "1024 MB", FunctionMemoryMb, at));
  Value arch = Str("x86_64", at);
  Span arch_key;
  if (const Field* a = Arg(args, "architecture")) {
    arch = a->value.is_string()
               ? Str(a->value.str() == "arm64" ? "arm64" : "x86_64", a->value.origin())
               : Value::Unknown(a->value.origin());
    arch_key = a->key_span;
  }
  attrs.push_back(Field{"architectures", List({arch}, arch.origin()), arch_key});
  const Field* env = Arg(args, "environment");
  Value vars = Variables(args, at);
  attrs.push_back(Field{"environment", List({Obj({Default("variables", vars)}, vars.origin())}, at),
                        env ? env->key_span : Span{}});
  if (const Field* vpc = Arg(args, "vpc")) {
    Network net = NetworkOf(ctx, vpc->value, at);
    Span o = vpc->value.origin();
    attrs.push_back(Field{"vpc_config",
                          List({Obj({Default("subnet_ids", net.private_subnets),
                                     Default("security_group_ids", net.security_groups)},
                                    o)},
                               o),
                          vpc->key_span});
  }
  if (!logs_off) {
    Value format = Str("Text", at);
    if (const Field* f = logging ? Arg(logging->value, "format") : nullptr) {
      format = f->value.is_string()
                   ? Str(f->value.str() == "json" ? "JSON" : "Text", f->value.origin())
                   : Value::Unknown(f->value.origin());
    }
    Value group = own_group
                      ? own_group->value
                      : (group_name.is_unknown() ? RefTo("aws_cloudwatch_log_group", lg, "name", at)
                                                 : group_name);
    // `logging` we cannot read may be false: no logging config then.
    bool readable = !logging || logging->value.is_object();
    attrs.push_back(Default(
        "logging_config",
        readable ? List({Obj({Default("log_format", format), Default("log_group", group)}, at)}, at)
                 : Value::Unknown(logging->value.origin())));
  }
  if (const Field* tags = Arg(args, "tags")) attrs.push_back(FromArg("tags", *tags));
  Add(ctx, c, "aws_lambda_function", fn, std::move(attrs));

  // createUrl: `url: true` or `{ authorization, cors }`; "none" unless "iam".
  if (const Field* url = Arg(args, "url")) {
    const Value& u = url->value;
    if (u.is_bool() && !u.bool_value()) return;
    Value auth = Str("NONE", u.origin());
    Span auth_key;
    if (u.is_object()) {
      if (const Field* a = Arg(u, "authorization")) {
        auth = a->value.is_string()
                   ? Str(a->value.str() == "iam" ? "AWS_IAM" : "NONE", a->value.origin())
                   : Value::Unknown(a->value.origin());
        auth_key = a->key_span;
      } else if (Arg(u, "router")) {
        auth = Value::Unknown(u.origin());  // a router may front it with IAM (OAC)
      }
    } else if (!u.is_bool()) {
      auth = Value::Unknown(u.origin());
    }
    Resource& r =
        Add(ctx, c, "aws_lambda_function_url", n + "Url",
            {Default("function_name", RefTo("aws_lambda_function", fn, "function_name", at)),
             Field{"authorization_type", auth, auth_key}},
            FieldSpan(*url));
    r.unknown_count = r.unknown_count || !(u.is_bool() || u.is_object());
  }
}

void TranslateCron(Context& ctx, const Component& c) {
  Span at = c.header;
  const std::string& n = c.name;
  // `function` (`job` before SST renamed it): a handler, FunctionArgs, or
  // the ARN of a function that exists (nothing is created for it).
  const Field* job = Arg(c.args, "function");
  if (!job) job = Arg(c.args, "job");
  Value target_arn = Value::Unknown(at);
  if (job) {
    const Value& j = job->value;
    Component fn = c;
    fn.type = "sst.aws.Function";
    fn.name = n + "Handler";
    fn.transforms = Value();
    fn.args = Value();
    if (j.is_string() && !j.str().starts_with("arn:")) {
      fn.args = Obj({Field{"handler", j, job->key_span}}, j.origin());
    } else if (j.is_object() && !j.open()) {
      fn.args = j;
      // A transform inside the function's arguments: not followed, so what
      // it may change is unknown.
      if (const Field* t = Arg(j, "transform")) fn.transforms = Value::Unknown(t->value.origin());
    } else if (j.is_string()) {
      target_arn = j;
    }
    if (!fn.args.is_null()) {
      size_t first = ctx.out.size();
      TranslateFunction(ctx, fn);
      ApplyTransforms(ctx, fn, first);
      target_arn = RefTo("aws_lambda_function", fn.name + "Function", "arn", at);
    }
  }
  std::string rule = n + "Rule";
  const Field* schedule = Arg(c.args, "schedule");
  Add(ctx, c, "aws_cloudwatch_event_rule", rule,
      {schedule ? FromArg("schedule_expression", *schedule)
                : Default("schedule_expression", Value::Unknown(at))});
  Add(ctx, c, "aws_cloudwatch_event_target", n + "Target",
      {Default("arn", target_arn),
       Default("rule", RefTo("aws_cloudwatch_event_rule", rule, "name", at))});
}

}  // namespace infracheck::sst::detail
