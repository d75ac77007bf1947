#include "checker/sst/translate.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <set>

#include "checker/sst/translate_util.h"
#include "checker/terraform/functions.h"

namespace infracheck::sst {

std::string UpperFirst(std::string_view s) {
  std::string out(s);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

namespace detail {

std::string Address(std::string_view kind, std::string_view name) {
  return std::string(kind) + "." + std::string(name);
}

std::string Name(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out += p;
  return out;
}

Field Default(std::string key, Value v) { return Field{std::move(key), std::move(v), {}}; }

Field FromArg(std::string key, const Field& arg) {
  return Field{std::move(key), arg.value, arg.key_span};
}

Resource& Add(Context& ctx, const Component& c, std::string kind, std::string name,
              std::vector<Field> attributes, Span header, Span block) {
  Resource r;
  r.address = Address(kind, name);
  r.kind = std::move(kind);
  r.name = std::move(name);
  r.mode = ResourceMode::kManaged;
  r.format = SourceFormat::kSst;
  r.header = header.valid() ? header : c.header;
  r.block = block.valid() ? block : c.block;
  r.attributes = Value::Object(std::move(attributes), r.block);
  r.unknown_count = c.conditional;
  ctx.out.push_back(std::move(r));
  return ctx.out.back();
}

Value RefTo(std::string_view kind, std::string_view name, std::string attribute, Span at) {
  return Value::Unknown(at).WithRef(Ref{Address(kind, name), std::move(attribute)});
}

Value Encoded(const Value& structured, Span at) {
  std::string text = structured.IsWhollyKnown() ? tf::JsonEncode(structured) : std::string();
  return Value::EncodedString(std::move(text), structured, at);
}

Field ConvertedArg(const Value& args, const char* key, std::string out, const char* dflt,
                   std::optional<double> (*conv)(const std::string&), Span at) {
  const Field* f = Arg(args, key);
  std::optional<double> v;
  if (!f || f->value.is_string()) v = conv(f ? f->value.str() : dflt);
  Span o = f ? f->value.origin() : at;
  return Field{std::move(out), v ? Value::Number(*v, o) : Value::Unknown(o),
               f ? f->key_span : Span{}};
}

const Field* Arg(const Value& args, std::string_view key) {
  const Field* f = args.GetField(key);
  if (!f && args.open()) {
    // Arguments spread from an object we cannot read may hold any key: one
    // not listed is unknown, never absent (no default applies).
    static const Field kUnlisted{"", Value::Unknown(), {}};
    return &kUnlisted;
  }
  return f && !f->value.is_null() ? f : nullptr;
}

std::optional<size_t> AzCount(const Component& vpc) {
  // vpc.ts (sst/sst 08fa0a6): `args?.az ?? 2` zones.
  const Field* az = Arg(vpc.args, "az");
  if (!az) return vpc.args.is_unknown() ? std::nullopt : std::optional<size_t>(2);
  if (az->value.is_number()) {
    double n = az->value.number();
    if (n >= 1 && n <= 16 && n == std::floor(n)) return static_cast<size_t>(n);
    return std::nullopt;
  }
  if (az->value.is_list() && !az->value.items().empty() && az->value.items().size() <= 16) {
    return az->value.items().size();
  }
  return std::nullopt;
}

}  // namespace detail

using namespace detail;

namespace {

bool NameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

std::string Sanitize(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(NameChar(c) ? c : '_');
  return out;
}

Value SubnetIds(const Component& vpc, std::string_view which) {
  auto n = AzCount(vpc);
  if (!n) return Value::Unknown(vpc.header).WithRef(Ref{Address("aws_vpc", vpc.name + "Vpc"), ""});
  std::vector<Value> ids;
  for (size_t i = 0; i < *n; ++i) {
    ids.push_back(RefTo("aws_subnet", vpc.name + std::string(which) + std::to_string(i + 1), "id",
                        vpc.header));
  }
  return Value::List(std::move(ids), vpc.header);
}

void TranslateApp(Context& ctx, const AppConfig& app) {
  if (!app.found) return;
  Resource r;
  r.kind = "sst_app";
  r.mode = ResourceMode::kConfig;
  r.format = SourceFormat::kSst;
  r.header = app.header;
  r.block = app.span;
  std::vector<Field> fields;
  const Value& result = app.result;
  for (const char* key : {"name", "removal", "protect", "home"}) {
    if (const Field* f = result.GetField(key)) fields.push_back(*f);
  }
  // platform/src/config.ts: removal "@default `\"retain\"`".
  if (result.is_object() && !result.open() && !result.GetField("removal")) {
    fields.push_back(Default("removal", Value::String("retain", app.header)));
  }
  if (result.is_unknown() || result.open()) {  // open: spread from what we cannot read
    for (const char* key : {"name", "removal", "protect", "home"}) {
      if (result.GetField(key)) continue;
      fields.push_back(Default(key, Value::Unknown(app.header).WithProvenanceOf(result)));
    }
  }
  const Value* name = result.Get("name");
  r.name = name && name->is_string() && !name->str().empty() ? Sanitize(name->str()) : "app";
  r.address = "sst_app." + r.name;
  r.attributes = Value::Object(std::move(fields), app.span);
  ctx.out.push_back(std::move(r));
}

}  // namespace

namespace {

// Whether a name was written as a string literal, perhaps passed on through
// variables (whose names are its most recent origins): then it names the
// component in every stage.
bool WrittenAsLiteral(const Value& v) {
  auto literal = [](std::string_view t) -> std::optional<bool> {
    if (t.empty()) return false;
    char q = t.front();
    if (q == '"' || q == '\'' || q == '`') {
      return t.size() >= 2 && t.back() == q && (q != '`' || t.find("${") == std::string_view::npos);
    }
    bool name = std::all_of(t.begin(), t.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
    });
    return name ? std::nullopt : std::optional<bool>(false);  // a variable: look further
  };
  if (auto r = literal(v.origin().text())) return *r;
  for (const Hop& h : v.hops()) {
    if (auto r = literal(h.span.text())) return *r;
  }
  return false;
}

}  // namespace

std::string ComponentName(const Component& c, const std::vector<Component>& earlier) {
  std::string base;
  // A name computed in the config (from the stage, by a function) may
  // differ between stages, and so would the addresses: the variable it is
  // assigned to names it instead, when there is one.
  if (c.name_value.is_string() && !c.name_value.str().empty() &&
      (c.binding.empty() || WrittenAsLiteral(c.name_value))) {
    base = Sanitize(c.name_value.str());
  } else if (!c.binding.empty()) {
    base = Sanitize(c.binding);
  } else {
    base = c.type.substr(c.type.rfind('.') + 1);
  }
  // Pulumi names a resource by its type and name, so resources of two types
  // may share a name ("Api" for a task definition and its service); an SST
  // component's name is unique among all of them.
  std::string_view kind = PulumiKind(c.type);
  std::set<std::string> taken;
  for (const Component& e : earlier) {
    if (e.call) continue;  // named apart (RecordCall)
    std::string_view other = PulumiKind(e.type);
    if (kind.empty() || other.empty() || other == kind) taken.insert(e.name);
  }
  std::string name = base;
  for (int i = 2; taken.count(name); ++i) name = base + std::to_string(i);
  return name;
}

Value ComponentInstance(const Component& c) {
  // A Pulumi resource reads as Terraform's does: every attribute unknown,
  // with a reference to it (sg.id -> aws_security_group.Db, "id").
  if (std::string_view kind = PulumiKind(c.type); !kind.empty()) {
    return Value::Object({}, c.block).AsOpen(Address(kind, c.name));
  }
  std::vector<Field> fields;
  Span at = c.header;
  if (c.type == "sst.aws.Vpc") {
    fields.push_back(Default("id", RefTo("aws_vpc", c.name + "Vpc", "id", at)));
    fields.push_back(Default("publicSubnets", SubnetIds(c, "PublicSubnet")));
    fields.push_back(Default("privateSubnets", SubnetIds(c, "PrivateSubnet")));
    fields.push_back(Default(
        "securityGroups",
        Value::List({RefTo("aws_default_security_group", c.name + "SecurityGroup", "id", at)},
                    at)));
  } else if (c.type == "sst.Secret") {
    fields.push_back(Default("value", Value::Unknown(at)));
    fields.push_back(Default("name", c.name_value));
  }
  return Value::Object(std::move(fields), c.block).AsOpen(c.key);
}

std::vector<Resource> Translate(const Evaluation& ev, const SourceFile& file) {
  (void)file;
  Context ctx{ev, {}};
  TranslateApp(ctx, ev.app);
  for (const Component& c : ev.components) {
    size_t first = ctx.out.size();
    if (c.type == "sst.aws.Vpc") {
      TranslateVpc(ctx, c);
    } else if (c.type == "sst.aws.Cluster") {
      TranslateCluster(ctx, c);
    } else if (c.type == "sst.aws.Service") {
      TranslateService(ctx, c);
    } else if (c.type == "sst.aws.Postgres") {
      TranslatePostgres(ctx, c);
    } else if (c.type == "sst.aws.Aurora") {
      TranslateAurora(ctx, c);
    } else if (c.type == "sst.aws.Redis") {
      TranslateRedis(ctx, c);
    } else if (c.type == "sst.aws.Bucket") {
      TranslateBucket(ctx, c);
    } else if (c.type == "sst.aws.Function") {
      TranslateFunction(ctx, c);
    } else if (c.type == "sst.aws.Cron") {
      TranslateCron(ctx, c);
    } else if (c.type.starts_with("aws.")) {
      TranslatePulumi(ctx, c);
    }
    // Other components (Router, Cdn, Nextjs, Secret...) create no resource
    // here: nothing is better than a guess. Their arguments are kept as
    // written, for the rules that read every value (a secret in a Nextjs
    // site's `environment`).
    if (ctx.out.size() == first) {
      Add(ctx, c, "sst_component", c.name,
          {Default("type", Value::String(c.type, c.header)), Default("args", c.args)});
      ctx.out.back().mode = ResourceMode::kConfig;
      continue;
    }
    ApplyTransforms(ctx, c, first);
  }
  // Duplicate addresses (two components with the same explicit name) would
  // make the graph ambiguous: keep the first.
  std::set<std::string> seen;
  std::erase_if(ctx.out, [&](const Resource& r) { return !seen.insert(r.address).second; });
  return std::move(ctx.out);
}

}  // namespace infracheck::sst
