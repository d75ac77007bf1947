// Terraform plan JSON (`terraform show -json plan.out`): planned values are
// known, `after_unknown` paths are unknown, addresses are kept. Where the
// configuration is part of the scan, each resource points at its
// declaration: the module path is followed through module calls (as the
// scan loaded them) and the resource found by type and name, its attributes
// and nested blocks mapped onto the HCL; otherwise at the plan's JSON.
#include <filesystem>

#include "checker/formats.h"

namespace infracheck {

namespace {

// Replaces the values that after_unknown marks true with unknowns.
Value ApplyUnknown(const Value& v, const Value* unknown, Span at) {
  if (!unknown) return v;
  if (unknown->is_bool() && unknown->bool_value())
    return Value::Unknown(v.origin().valid() ? v.origin() : at);
  if (unknown->is_object()) {
    std::vector<Field> fields = v.fields();
    for (const Field& u : unknown->fields()) {
      auto it = std::find_if(fields.begin(), fields.end(),
                             [&](const Field& f) { return f.key == u.key; });
      if (it != fields.end()) {
        it->value = ApplyUnknown(it->value, &u.value, at);
      } else if (u.value.is_bool() && u.value.bool_value()) {
        fields.push_back(Field{u.key, Value::Unknown(at), {}});
      }
    }
    return v.is_object() || v.is_null() ? Value::Object(std::move(fields), v.origin()) : v;
  }
  if (unknown->is_list() && v.is_list()) {
    std::vector<Value> items = v.items();
    for (size_t i = 0; i < items.size() && i < unknown->items().size(); ++i) {
      items[i] = ApplyUnknown(items[i], &unknown->items()[i], at);
    }
    return Value::List(std::move(items), v.origin());
  }
  return v;
}

// Moves origins onto the HCL that wrote them: attributes to their
// expressions (tuple items to their items), nested blocks to their blocks.
Value MapToSource(const Value& v, const hcl::Body* body, Span block) {
  if (!v.is_object() || !body) return v;
  std::vector<Field> fields;
  for (const Field& f : v.fields()) {
    Field out = f;
    if (const hcl::Attribute* a = body->Find(f.key)) {
      out.key_span = a->name_span();
      Value val = f.value;
      if (a->expr->kind == hcl::ExprKind::kTuple && val.is_list()) {
        const auto* t = static_cast<const hcl::TupleExpr*>(a->expr);
        if (t->items().size() == val.items().size()) {
          std::vector<Value> items;
          for (size_t i = 0; i < t->items().size(); ++i) {
            items.push_back(val.items()[i].WithOrigin(t->items()[i]->span));
          }
          val = Value::List(std::move(items), a->expr->span);
        }
      }
      out.value = val.WithOrigin(a->expr->span);
    } else if (f.value.is_list()) {
      std::vector<const hcl::Block*> blocks;
      for (const hcl::Block* b : body->blocks()) {
        if (b->type() == f.key) blocks.push_back(b);
      }
      if (!blocks.empty() && blocks.size() == f.value.items().size()) {
        std::vector<Value> items;
        for (size_t i = 0; i < blocks.size(); ++i) {
          items.push_back(MapToSource(f.value.items()[i], blocks[i]->body, blocks[i]->span())
                              .WithOrigin(blocks[i]->span()));
        }
        out.value = Value::List(std::move(items), blocks[0]->span());
        out.key_span = blocks[0]->type_span;
      }
    }
    fields.push_back(std::move(out));
  }
  return Value::Object(std::move(fields), block);
}

struct PlanWalker {
  const Project& project;
  const tf::ModuleConfig* root;                  // the plan's root module, if scanned
  const Value* config;                           // configuration.root_module of the plan
  std::map<std::string, const Value*> unknowns;  // address -> after_unknown
  FormatResult out;

  // The module a module address ("module.a.module.b") is declared by: each
  // call's source as the plan's configuration records it, relative to the
  // calling module's directory (the scanned call when the plan has none).
  const tf::ModuleConfig* ModuleOf(std::string_view module_address) const {
    const tf::ModuleConfig* m = root;
    const Value* cfg = config;
    size_t pos = 0;
    while (m && pos < module_address.size()) {
      if (module_address.substr(pos, 7) != "module.") return nullptr;
      pos += 7;
      size_t end = module_address.find_first_of(".[", pos);
      std::string_view name = module_address.substr(
          pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
      const Value* call =
          cfg && cfg->Get("module_calls") ? cfg->Get("module_calls")->Get(name) : nullptr;
      const Value* source = call ? call->Get("source") : nullptr;
      if (source && source->is_string() &&
          (source->str().starts_with("./") || source->str().starts_with("../"))) {
        m = project.ModuleAt(std::filesystem::path(m->dir) / source->str());
      } else {
        auto it = m->calls.find(name);
        m = it == m->calls.end() ? nullptr : it->second.target;
      }
      cfg = call ? call->Get("module") : nullptr;
      if (end == std::string_view::npos) break;
      if (module_address[end] == '[') {
        end = module_address.find(']', end);
        if (end == std::string_view::npos) return nullptr;
        ++end;
      }
      pos = end < module_address.size() && module_address[end] == '.' ? end + 1 : end;
    }
    return m;
  }

  void Walk(const Value& module, int depth) {
    if (depth > 64 || !module.is_object()) return;
    std::string module_address;
    if (const Value* a = module.Get("address"); a && a->is_string()) module_address = a->str();
    if (const Value* rs = module.Get("resources"); rs && rs->is_list()) {
      for (const Value& r : rs->items()) Add(r, module_address);
    }
    if (const Value* cs = module.Get("child_modules"); cs && cs->is_list()) {
      for (const Value& c : cs->items()) Walk(c, depth + 1);
    }
  }

  void Add(const Value& r, const std::string& module_address) {
    auto str = [&](const char* k) {
      const Value* v = r.Get(k);
      return v && v->is_string() ? v->str() : std::string();
    };
    std::string address = str("address"), type = str("type"), name = str("name"),
                mode = str("mode");
    if (address.empty() || type.empty()) return;
    Resource res;
    res.address = address;
    res.kind = type;
    res.name = name;
    res.module_path = module_address;
    res.mode = mode == "data" ? ResourceMode::kData : ResourceMode::kManaged;
    res.format = SourceFormat::kTerraformPlan;
    res.block = r.origin();
    const Field* af = r.GetField("address");
    res.header = af ? Span::Cover(af->key_span, af->value.origin()) : r.origin();
    const Value* values = r.Get("values");
    Value attrs = values && values->is_object() ? *values : Value::Object({}, r.origin());
    auto u = unknowns.find(address);
    attrs = ApplyUnknown(attrs, u == unknowns.end() ? nullptr : u->second, res.header);
    // Point at the declaration when the configuration was scanned.
    if (const tf::ModuleConfig* m = ModuleOf(module_address)) {
      std::string key = (res.mode == ResourceMode::kData ? "data." : "") + type + "." + name;
      auto it = m->resource_index.find(key);
      if (it != m->resource_index.end()) {
        const hcl::Block* b = m->resources[it->second].block;
        res.block = b->span();
        res.header = b->header();
        attrs = MapToSource(attrs, b->body, b->span());
      }
    }
    res.attributes = attrs.is_object() ? attrs : Value::Object({}, res.block);
    out.resources.push_back(std::move(res));
  }
};

std::string PlanStem(const Input& in) {
  std::string name(in.file_name());
  if (size_t dot = name.find('.'); dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

}  // namespace

Environment PlanEnvironment(const Input& in) {
  Environment env;
  env.name = PlanStem(in);
  env.root = in.source ? in.source->path() : "";
  env.production = Tri::kFalse;
  const Value* vars = in.json ? in.json->Get("variables") : nullptr;
  for (const char* var : {"environment", "env", "stage"}) {
    const Value* v = vars ? vars->Get(var) : nullptr;
    const Value* value = v ? v->Get("value") : nullptr;
    if (value && value->is_string() && !value->str().empty()) {
      env.name = value->str();
      if (IsProductionName(value->str())) {
        env.production = Tri::kTrue;
        env.production_reason = std::string("plan variable ") + var + " = \"" + value->str() + "\"";
      }
      return env;
    }
  }
  if (IsProductionName(env.name)) {
    env.production = Tri::kTrue;
    env.production_reason = "plan file name \"" + env.name + "\"";
  }
  return env;
}

// The root module the plan was made from: the module beside the plan file,
// else the one scanned root whose module calls and resources are the plan's.
const tf::ModuleConfig* PlanRoot(const Input& in, const Project& project, const Value* config) {
  if (const tf::ModuleConfig* m = project.ModuleAt(in.dir())) return m;
  if (!config) return nullptr;
  const Value* calls = config->Get("module_calls");
  const Value* resources = config->Get("resources");
  if ((!calls || calls->size() == 0) && (!resources || resources->size() == 0)) return nullptr;
  const tf::ModuleConfig* found = nullptr;
  for (const tf::ModuleConfig* root : project.Roots()) {
    bool match = root->calls.size() == (calls ? calls->size() : 0);
    if (calls) {
      for (const Field& f : calls->fields()) {
        auto it = root->calls.find(f.key);
        const Value* src = f.value.Get("source");
        match = match && it != root->calls.end() && src && src->is_string() &&
                it->second.source == src->str();
      }
    }
    if (resources) {
      for (const Value& r : resources->items()) {
        const Value* address = r.Get("address");
        match = match && address && address->is_string() &&
                root->resource_index.count(address->str()) > 0;
      }
    }
    if (!match) continue;
    if (found) return nullptr;  // two candidates: do not guess
    found = root;
  }
  return found;
}

FormatResult PlanResources(const Input& in, const Project& project) {
  const Value* config = nullptr;
  if (in.json) {
    if (const Value* c = in.json->Get("configuration")) config = c->Get("root_module");
  }
  PlanWalker w{project, in.json ? PlanRoot(in, project, config) : nullptr, config, {}, {}};
  if (!in.json) return std::move(w.out);
  if (const Value* changes = in.json->Get("resource_changes"); changes && changes->is_list()) {
    for (const Value& c : changes->items()) {
      const Value* address = c.Get("address");
      const Value* change = c.Get("change");
      const Value* unknown = change ? change->Get("after_unknown") : nullptr;
      if (address && address->is_string() && unknown) w.unknowns[address->str()] = unknown;
    }
  }
  if (const Value* pv = in.json->Get("planned_values"); pv && pv->is_object()) {
    if (const Value* root = pv->Get("root_module")) w.Walk(*root, 0);
  }
  return std::move(w.out);
}

}  // namespace infracheck
