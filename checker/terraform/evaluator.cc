#include "checker/terraform/evaluator.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "checker/terraform/types.h"

namespace infracheck::tf {

namespace {

bool Inside(Span inner, Span outer) {
  return inner.file == outer.file && inner.begin >= outer.begin && inner.end <= outer.end;
}

// A nested module deeper than this is treated as a remote one (unknown).
constexpr size_t kMaxModuleDepth = 32;
// Named values (variables, locals, outputs, resources) evaluated inside one another.
constexpr int kMaxReferenceDepth = 200;

bool IsMetaArgument(std::string_view name) {
  return name == "count" || name == "for_each" || name == "provider" || name == "depends_on";
}

bool IsMetaBlock(std::string_view type) {
  return type == "lifecycle" || type == "provisioner" || type == "connection";
}

// Bool as Terraform converts it ("true"/"false" strings included).
std::optional<bool> AsBool(const Value& v) {
  if (v.is_bool()) return v.bool_value();
  if (v.is_string()) {
    if (v.str() == "true") return true;
    if (v.str() == "false") return false;
  }
  return std::nullopt;
}

}  // namespace

template <class T>
struct Memo {
  enum class State : uint8_t { kNone, kBusy, kDone };
  State state = State::kNone;
  T value{};
};

struct NamedValue {
  Value value;
  const char* note = "value set here";
};

enum class Expansion : uint8_t { kSingle, kCount, kForEach, kUnknown };

struct Instance {
  bool unknown_count = false;
  Value key;
  std::string address;
  Value attributes;  // closed object, as configured
  Value open;        // the same, open: what references see
};

struct ResourceSet {
  Expansion expansion = Expansion::kSingle;
  std::string address;  // without instance key
  std::vector<Instance> instances;
};

struct CallInstance {
  Value key;
  std::unique_ptr<ModuleInstance> module;
};

struct CallSet {
  Expansion expansion = Expansion::kSingle;
  std::vector<CallInstance> instances;
  bool unavailable = false;  // remote, refused or recursive module
};

struct ModuleInstance {
  const ModuleConfig* config = nullptr;
  std::string path;  // "" for the root, "module.a", "module.a[0].module.b"
  std::string path_module;  // path.module, relative to the root module directory
  ModuleInstance* caller = nullptr;
  const ModuleCall* call = nullptr;
  Scope call_scope;  // the caller's scope with the call's count.index / each bound
  size_t depth = 0;
  bool unknown_count = false;  // this instance stands for an unknown number of them
  std::map<std::string_view, Memo<NamedValue>> vars;
  std::map<std::string_view, Memo<Value>> locals;
  std::map<std::string_view, Memo<Value>> outputs;
  std::vector<Memo<ResourceSet>> resources;
  std::map<std::string_view, Memo<CallSet>> calls;
};

const Value* Scope::Find(std::string_view name) const {
  for (const Scope* s = this; s; s = s->parent) {
    for (auto it = s->names.rbegin(); it != s->names.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
  }
  return nullptr;
}

const Value* Scope::CountIndex() const {
  for (const Scope* s = this; s; s = s->parent) {
    if (s->count_index) return &*s->count_index;
  }
  return nullptr;
}

const Value* Scope::EachKey() const {
  for (const Scope* s = this; s; s = s->parent) {
    if (s->each_key) return &*s->each_key;
  }
  return nullptr;
}

const Value* Scope::EachValue() const {
  for (const Scope* s = this; s; s = s->parent) {
    if (s->each_value) return &*s->each_value;
  }
  return nullptr;
}

std::string InstanceKey(const Value& key) {
  if (key.is_number()) return "[" + FormatNumber(key.number()) + "]";
  if (!key.is_string()) return "";
  std::string out = "[\"";
  for (char c : key.str()) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"]";
}

struct Evaluator::Impl {
  Impl(Evaluator& owner, const ModuleConfig& root, EvalOptions opts)
      : self(owner), root_config(root), options(std::move(opts)) {
    fctx.read_file = [this](std::string_view path, std::string* error) -> const SourceFile* {
      std::filesystem::path p(std::string{path});
      if (p.is_relative()) p = std::filesystem::path(root_config.dir) / p;
      p = p.lexically_normal();
      if (!options.read_file) {
        *error = "file access is not available here";
        return nullptr;
      }
      return options.read_file(p.string(), error);
    };
    fctx.render_template = [this](const SourceFile& file, const Value& vars, Span call,
                                  std::string* error) -> Value {
      const hcl::File* t = options.parse_template ? options.parse_template(file) : nullptr;
      if (!t || t->error || !t->templ) {
        *error = t && t->error ? file.path() + ":" + std::to_string(t->error->line) + ": " +
                                     t->error->message
                               : "cannot parse template " + file.path();
        return Value::Unknown(call);
      }
      Scope ts;
      ts.template_only = true;
      for (const Field& f : vars.fields()) ts.names.emplace_back(f.key, f.value);
      Value v = Eval(t->templ, ts);
      return v.is_unknown() ? v : v.WithOrigin(call);
    };
  }

  Evaluator& self;
  const ModuleConfig& root_config;
  EvalOptions options;
  FunctionContext fctx;
  uint64_t steps = 0;
  bool out_of_steps = false;
  int depth = 0;
  uint64_t errors = 0;

  // --- diagnostics
  Value Error(Span at) {
    ++errors;
    return Value::Unknown(at);
  }
  void Diagnose(Span at, std::string message) {
    Diagnostic d = DiagnosticAt(at, std::move(message));
    for (const Diagnostic& x : self.diagnostics_) {
      if (x.file == d.file && x.line == d.line && x.message == d.message) return;
    }
    self.diagnostics_.push_back(std::move(d));
  }

  // Guards a named value's evaluation against runaway nesting.
  struct DepthGuard {
    explicit DepthGuard(Impl& i) : impl(i) { ++impl.depth; }
    ~DepthGuard() { --impl.depth; }
    bool too_deep() const { return impl.depth > kMaxReferenceDepth; }
    Impl& impl;
  };

  // --- expressions
  Value Eval(const hcl::Expr* e, const Scope& s);
  Value EvalTemplate(const hcl::TemplateExpr* t, const Scope& s);
  void RenderParts(const std::vector<hcl::TemplatePart>& parts, const Scope& s, std::string& out,
                   bool& unknown, Value& prov);
  Value EvalTraversal(const hcl::TraversalExpr* t, const Scope& s);
  Value ResolveRoot(const hcl::VariableExpr* v, const std::vector<hcl::Step>& steps,
                    size_t& consumed, const Scope& s, Span at);
  Value ApplySteps(Value v, const std::vector<hcl::Step>& steps, size_t from, const Scope& s);
  Value GetAttr(const Value& v, std::string_view name, Span at);
  Value Index(const Value& v, const Value& key, Span at);
  Value EvalCall(const hcl::CallExpr* c, const Scope& s);
  Value EvalFor(const hcl::ForExpr* f, const Scope& s);
  Value EvalUnary(const hcl::UnaryExpr* u, const Scope& s);
  Value EvalBinary(const hcl::BinaryExpr* b, const Scope& s);
  Value EvalConditional(const hcl::ConditionalExpr* c, const Scope& s);
  Value EvalObject(const hcl::ObjectExpr* o, const Scope& s);

  // --- named values
  Value Var(ModuleInstance& m, std::string_view name, Span at);
  NamedValue ComputeVar(ModuleInstance& m, const Variable& v);
  Value Local(ModuleInstance& m, std::string_view name, Span at);
  Value OutputOf(ModuleInstance& m, std::string_view name, Span at);
  Value ModuleRef(ModuleInstance& m, std::string_view name, const std::vector<hcl::Step>& steps,
                  size_t& consumed, Span at);
  Value ResourceRef(ModuleInstance& m, const ResourceDecl& d, Span at);
  ResourceSet* Resources(ModuleInstance& m, size_t index, Span at);
  CallSet* Calls(ModuleInstance& m, std::string_view name, Span at);
  Value OutputsObject(ModuleInstance& m, Span at);

  // --- bodies
  Value EvalBody(const hcl::Body& body, const Scope& s, bool top, Span origin);

  // Expands count / for_each into (key, scope) pairs.
  struct Expanded {
    Expansion expansion = Expansion::kSingle;
    std::vector<std::pair<Value, Scope>> items;
  };
  Expanded Expand(const hcl::Expr* count, const hcl::Expr* for_each, const Scope& base,
                  Span header);

  void Walk(ModuleInstance& m);
  void Collect(ModuleInstance& m, std::vector<Resource>& out);
};

// ---------------------------------------------------------------------------
// Expressions

Value Evaluator::Impl::Eval(const hcl::Expr* e, const Scope& s) {
  if (!e) return Value::Null();
  if (++steps > options.max_steps) {
    if (!out_of_steps) {
      out_of_steps = true;
      Diagnose(e->span, "evaluation stopped after " + std::to_string(options.max_steps) +
                            " steps; the remaining values are unknown");
    }
    return Value::Unknown(e->span);
  }
  switch (e->kind) {
    case hcl::ExprKind::kLiteral:
      return static_cast<const hcl::LiteralExpr*>(e)->value;
    case hcl::ExprKind::kTemplate:
      return EvalTemplate(static_cast<const hcl::TemplateExpr*>(e), s);
    case hcl::ExprKind::kTuple: {
      const auto* t = static_cast<const hcl::TupleExpr*>(e);
      std::vector<Value> items;
      items.reserve(t->items.size());
      for (const hcl::Expr* x : t->items) items.push_back(Eval(x, s));
      return Value::List(std::move(items), e->span);
    }
    case hcl::ExprKind::kObject:
      return EvalObject(static_cast<const hcl::ObjectExpr*>(e), s);
    case hcl::ExprKind::kVariable: {
      const auto* v = static_cast<const hcl::VariableExpr*>(e);
      if (const Value* bound = s.Find(v->name)) return *bound;
      return Error(e->span);
    }
    case hcl::ExprKind::kTraversal:
      return EvalTraversal(static_cast<const hcl::TraversalExpr*>(e), s);
    case hcl::ExprKind::kCall:
      return EvalCall(static_cast<const hcl::CallExpr*>(e), s);
    case hcl::ExprKind::kFor:
      return EvalFor(static_cast<const hcl::ForExpr*>(e), s);
    case hcl::ExprKind::kUnary:
      return EvalUnary(static_cast<const hcl::UnaryExpr*>(e), s);
    case hcl::ExprKind::kBinary:
      return EvalBinary(static_cast<const hcl::BinaryExpr*>(e), s);
    case hcl::ExprKind::kConditional:
      return EvalConditional(static_cast<const hcl::ConditionalExpr*>(e), s);
    case hcl::ExprKind::kParens:
      return Eval(static_cast<const hcl::ParensExpr*>(e)->inner, s);
  }
  return Value::Unknown(e->span);
}

Value Evaluator::Impl::EvalObject(const hcl::ObjectExpr* o, const Scope& s) {
  std::vector<Field> fields;
  fields.reserve(o->items.size());
  Value unknown_key;
  bool has_unknown_key = false;
  for (const hcl::ObjectItem& item : o->items) {
    Value k = Eval(item.key, s);
    Value v = Eval(item.value, s);
    if (k.is_unknown()) {
      has_unknown_key = true;
      unknown_key = unknown_key.WithProvenanceOf(k).WithProvenanceOf(v);
      continue;
    }
    std::optional<std::string> key = ToStringValue(k);
    if (!key) return Error(item.key->span);
    fields.push_back(Field{std::move(*key), std::move(v), item.key->span});
  }
  if (has_unknown_key) return Value::Unknown(o->span).WithProvenanceOf(unknown_key);
  return Value::Object(std::move(fields), o->span);
}

Value Evaluator::Impl::EvalTemplate(const hcl::TemplateExpr* t, const Scope& s) {
  if (t->IsSingleInterpolation()) return Eval(t->parts[0].expr, s);
  std::string out;
  bool unknown = false;
  Value prov;
  RenderParts(t->parts, s, out, unknown, prov);
  Value result = unknown ? Value::Unknown(t->span) : Value::String(std::move(out), t->span);
  return result.WithProvenanceOf(prov);
}

void Evaluator::Impl::RenderParts(const std::vector<hcl::TemplatePart>& parts, const Scope& s,
                                  std::string& out, bool& unknown, Value& prov) {
  using Kind = hcl::TemplatePart::Kind;
  for (const hcl::TemplatePart& p : parts) {
    switch (p.kind) {
      case Kind::kLiteral:
        out += p.text;
        break;
      case Kind::kInterpolation: {
        Value v = Eval(p.expr, s);
        prov = prov.WithProvenanceOf(v);
        if (v.is_unknown()) {
          unknown = true;
        } else if (auto str = ToStringValue(v)) {
          out += *str;
        } else {
          Error(p.span);
          unknown = true;
        }
        break;
      }
      case Kind::kIf: {
        Value c = Eval(p.expr, s);
        prov = prov.WithHopsOf(c);
        auto b = AsBool(c);
        if (c.is_unknown()) {
          unknown = true;
        } else if (!b) {
          Error(p.span);
          unknown = true;
        } else {
          RenderParts(*b ? p.body : p.orelse, s, out, unknown, prov);
        }
        break;
      }
      case Kind::kFor: {
        Value coll = Eval(p.expr, s);
        prov = prov.WithHopsOf(coll);
        if (coll.is_unknown()) {
          unknown = true;
          break;
        }
        auto each = [&](Value k, const Value& v) {
          Scope inner;
          inner.module = s.module;
          inner.parent = &s;
          inner.template_only = s.template_only;
          if (!p.key_var.empty()) inner.names.emplace_back(p.key_var, std::move(k));
          inner.names.emplace_back(p.value_var, v);
          RenderParts(p.body, inner, out, unknown, prov);
        };
        if (coll.is_list()) {
          for (size_t i = 0; i < coll.items().size(); ++i) {
            each(Value::Number(static_cast<double>(i)), coll.items()[i]);
          }
        } else if (coll.is_object()) {
          for (const Field& f : coll.fields()) each(Value::String(f.key), f.value);
        } else {
          Error(p.span);
          unknown = true;
        }
        break;
      }
    }
  }
}

Value Evaluator::Impl::EvalTraversal(const hcl::TraversalExpr* t, const Scope& s) {
  size_t consumed = 0;
  Value root;
  if (t->base->kind == hcl::ExprKind::kVariable) {
    root = ResolveRoot(static_cast<const hcl::VariableExpr*>(t->base), t->steps, consumed, s,
                       t->span);
  } else {
    root = Eval(t->base, s);
  }
  if (consumed >= t->steps.size()) return root;
  Value v = ApplySteps(root, t->steps, consumed, s);
  // A value picked out of a structure was written elsewhere; it arrives here.
  if (v.origin().valid() && !Inside(v.origin(), t->span)) {
    v = v.Through(t->span, "value set here").WithHopsOf(root);
  } else if (!v.origin().valid()) {
    v = v.WithOrigin(t->span);
  }
  return v;
}

Value Evaluator::Impl::ResolveRoot(const hcl::VariableExpr* var,
                                   const std::vector<hcl::Step>& steps, size_t& consumed,
                                   const Scope& s, Span at) {
  std::string_view name = var->name;
  if (const Value* bound = s.Find(name)) return *bound;
  if (s.template_only || !s.module) return Error(at);
  auto attr = [&](size_t i) -> std::string_view {
    return i < steps.size() && steps[i].kind == hcl::Step::Kind::kAttr ? steps[i].name
                                                                       : std::string_view();
  };
  ModuleInstance& m = *s.module;
  if (name == "var") {
    consumed = 1;
    if (attr(0).empty()) return Error(at);
    return Var(m, attr(0), at);
  }
  if (name == "local") {
    consumed = 1;
    if (attr(0).empty()) return Error(at);
    return Local(m, attr(0), at);
  }
  if (name == "module") {
    consumed = 1;
    if (attr(0).empty()) return Error(at);
    return ModuleRef(m, attr(0), steps, consumed, at);
  }
  if (name == "data") {
    consumed = 2;
    if (attr(0).empty() || attr(1).empty()) return Error(at);
    const ResourceDecl* d =
        m.config->FindResource("data." + std::string(attr(0)) + "." + std::string(attr(1)));
    if (!d) return Error(at);
    return ResourceRef(m, *d, at);
  }
  if (name == "count") {
    consumed = 1;
    const Value* idx = s.CountIndex();
    if (attr(0) != "index" || !idx) return Error(at);
    return idx->WithOrigin(at).WithHopsOf(*idx);
  }
  if (name == "each") {
    consumed = 1;
    const Value* v = attr(0) == "key" ? s.EachKey() : attr(0) == "value" ? s.EachValue() : nullptr;
    if (!v) return Error(at);
    if (v->is_unknown()) return *v;
    return v->Through(at, "for_each value");
  }
  if (name == "path") {
    consumed = 1;
    if (attr(0) == "module") return Value::String(m.path_module, at);
    if (attr(0) == "root") return Value::String(".", at);
    if (attr(0) == "cwd") return Value::Unknown(at);
    return Error(at);
  }
  if (name == "terraform") {
    consumed = 1;
    if (attr(0) == "workspace") return Value::String("default", at);
    return Value::Unknown(at);
  }
  if (name == "self") return Value::Unknown(at);
  consumed = 1;
  if (attr(0).empty()) return Error(at);
  const ResourceDecl* d =
      m.config->FindResource(std::string(name) + "." + std::string(attr(0)));
  if (!d) return Error(at);
  return ResourceRef(m, *d, at);
}

Value Evaluator::Impl::ApplySteps(Value v, const std::vector<hcl::Step>& steps, size_t from,
                                  const Scope& s) {
  for (size_t i = from; i < steps.size(); ++i) {
    const hcl::Step& st = steps[i];
    switch (st.kind) {
      case hcl::Step::Kind::kAttr:
        v = GetAttr(v, st.name, st.span);
        break;
      case hcl::Step::Kind::kIndex:
        v = Index(v, Eval(st.index, s), st.span);
        break;
      case hcl::Step::Kind::kSplat: {
        if (v.is_unknown()) return Value::Unknown(st.span).WithProvenanceOf(v);
        if (v.is_null()) {
          v = Value::List({}, st.span);
          break;
        }
        std::vector<Value> items;
        if (v.is_list()) {
          for (const Value& item : v.items()) items.push_back(ApplySteps(item, st.rest, 0, s));
        } else {
          items.push_back(ApplySteps(v, st.rest, 0, s));
        }
        v = Value::List(std::move(items), st.span);
        break;
      }
    }
  }
  return v;
}

Value Evaluator::Impl::GetAttr(const Value& v, std::string_view name, Span at) {
  if (v.is_unknown()) {
    Value u = Value::Unknown(at).WithHopsOf(v);
    for (const Ref& r : v.refs()) {
      u = u.WithRef(Ref{r.address, r.attribute.empty() ? std::string(name) : r.attribute});
    }
    return u;
  }
  if (v.is_object()) {
    if (const Value* f = v.Get(name)) {
      return v.open() ? f->WithRef(Ref{v.open_address(), std::string(name)}) : *f;
    }
    if (v.open()) return Value::Unknown(at).WithRef(Ref{v.open_address(), std::string(name)});
  }
  return Error(at);
}

Value Evaluator::Impl::Index(const Value& v, const Value& key, Span at) {
  if (v.is_unknown() || key.is_unknown()) {
    return Value::Unknown(at).WithProvenanceOf(v).WithHopsOf(key);
  }
  if (v.is_list()) {
    auto n = NumberOf(&key);
    if (!n || *n != std::floor(*n) || *n < 0 || *n >= static_cast<double>(v.items().size())) {
      return Error(at);
    }
    return v.items()[static_cast<size_t>(*n)];
  }
  if (v.is_object()) {
    auto k = ToStringValue(key);
    if (!k) return Error(at);
    if (const Value* f = v.Get(*k)) {
      return v.open() ? f->WithRef(Ref{v.open_address(), *k}) : *f;
    }
    if (v.open()) return Value::Unknown(at).WithRef(Ref{v.open_address(), *k});
  }
  return Error(at);
}

Value Evaluator::Impl::EvalCall(const hcl::CallExpr* c, const Scope& s) {
  if (c->name == "try") {
    for (const hcl::Expr* a : c->args) {
      uint64_t before = errors;
      Value v = Eval(a, s);
      if (errors == before) return v;
    }
    return Error(c->span);
  }
  if (c->name == "can") {
    if (c->args.size() != 1) return Error(c->span);
    uint64_t before = errors;
    Value v = Eval(c->args[0], s);
    if (errors != before) return Value::Bool(false, c->span);
    if (!v.IsWhollyKnown()) return Value::Unknown(c->span).WithProvenanceOf(v);
    return Value::Bool(true, c->span);
  }
  std::vector<Value> args;
  args.reserve(c->args.size());
  for (const hcl::Expr* a : c->args) args.push_back(Eval(a, s));
  if (c->expand_final && !args.empty()) {
    Value last = std::move(args.back());
    args.pop_back();
    if (last.is_unknown()) return Value::Unknown(c->span).WithProvenanceOf(last);
    if (!last.is_list()) return Error(c->span);
    for (const Value& x : last.items()) args.push_back(x);
  }
  Function f = FindFunction(c->name);
  if (!f) {
    Value u = Value::Unknown(c->span);
    for (const Value& a : args) u = u.WithProvenanceOf(a);
    return u;
  }
  CallResult r = f(args, fctx, c->span);
  if (r.error) {
    Value u = Error(c->span);
    for (const Value& a : args) u = u.WithProvenanceOf(a);
    return u;
  }
  Value v = std::move(r.value);
  if (!v.origin().valid()) return v.WithOrigin(c->span);
  if (!Inside(v.origin(), c->span)) return v.Through(c->span, "value set here");
  return v;
}

Value Evaluator::Impl::EvalFor(const hcl::ForExpr* f, const Scope& s) {
  Value coll = Eval(f->collection, s);
  if (coll.is_unknown()) return Value::Unknown(f->span).WithProvenanceOf(coll);
  std::vector<std::pair<Value, Value>> elems;
  if (coll.is_list()) {
    for (size_t i = 0; i < coll.items().size(); ++i) {
      elems.emplace_back(Value::Number(static_cast<double>(i), f->collection->span),
                         coll.items()[i]);
    }
  } else if (coll.is_object()) {
    for (const Field& fl : coll.fields()) {
      elems.emplace_back(Value::String(fl.key, fl.key_span.valid() ? fl.key_span : fl.value.origin()),
                         fl.value);
    }
  } else {
    return Error(f->collection->span);
  }
  std::vector<Value> items;
  std::vector<Field> fields;
  std::map<std::string, std::vector<Value>> groups;
  std::vector<std::string> group_order;
  for (auto& [k, v] : elems) {
    Scope inner;
    inner.module = s.module;
    inner.parent = &s;
    inner.template_only = s.template_only;
    if (!f->key_var.empty()) inner.names.emplace_back(f->key_var, k);
    inner.names.emplace_back(f->value_var, v);
    if (f->cond) {
      Value c = Eval(f->cond, inner);
      if (c.is_unknown()) return Value::Unknown(f->span).WithProvenanceOf(c);
      auto b = AsBool(c);
      if (!b) return Error(f->cond->span);
      if (!*b) continue;
    }
    if (!f->is_object) {
      items.push_back(Eval(f->value, inner));
      continue;
    }
    Value key = Eval(f->key, inner);
    if (key.is_unknown()) return Value::Unknown(f->span).WithProvenanceOf(key);
    auto ks = ToStringValue(key);
    if (!ks) return Error(f->key->span);
    Value val = Eval(f->value, inner);
    if (f->grouping) {
      if (!groups.count(*ks)) group_order.push_back(*ks);
      groups[*ks].push_back(std::move(val));
    } else {
      for (const Field& existing : fields) {
        if (existing.key == *ks) return Error(f->key->span);  // duplicate key
      }
      fields.push_back(Field{*ks, std::move(val), f->key->span});
    }
  }
  if (!f->is_object) return Value::List(std::move(items), f->span);
  if (f->grouping) {
    for (const std::string& k : group_order) {
      fields.push_back(Field{k, Value::List(std::move(groups[k]), f->value->span), f->key->span});
    }
  }
  return Value::Object(std::move(fields), f->span);
}

Value Evaluator::Impl::EvalUnary(const hcl::UnaryExpr* u, const Scope& s) {
  Value v = Eval(u->operand, s);
  if (v.is_unknown()) return Value::Unknown(u->span).WithProvenanceOf(v);
  if (u->op == '!') {
    auto b = AsBool(v);
    if (!b) return Error(u->span);
    return Value::Bool(!*b, u->span).WithHopsOf(v);
  }
  auto n = NumberOf(&v);
  if (!n) return Error(u->span);
  return Value::Number(-*n, u->span).WithHopsOf(v);
}

Value Evaluator::Impl::EvalBinary(const hcl::BinaryExpr* b, const Scope& s) {
  using Op = hcl::BinaryOp;
  Value l = Eval(b->lhs, s);
  Value r = Eval(b->rhs, s);
  auto prov = [&](Value v) { return v.WithHopsOf(l).WithHopsOf(r); };
  auto unknown = [&]() { return Value::Unknown(b->span).WithProvenanceOf(l).WithProvenanceOf(r); };
  switch (b->op) {
    case Op::kAnd:
    case Op::kOr: {
      auto lb = AsBool(l), rb = AsBool(r);
      bool is_and = b->op == Op::kAnd;
      // A known false decides && (a known true decides ||) whatever the other is.
      if ((lb && *lb != is_and) || (rb && *rb != is_and)) {
        if ((!lb && !l.is_unknown()) || (!rb && !r.is_unknown())) return Error(b->span);
        return prov(Value::Bool(!is_and, b->span));
      }
      if (l.is_unknown() || r.is_unknown()) return unknown();
      if (!lb || !rb) return Error(b->span);
      return prov(Value::Bool(is_and, b->span));
    }
    case Op::kEq:
    case Op::kNe: {
      Tri t = Equals(l, r);
      if (t == Tri::kUnknown) return unknown();
      bool eq = t == Tri::kTrue;
      return prov(Value::Bool(b->op == Op::kEq ? eq : !eq, b->span));
    }
    default:
      break;
  }
  if (l.is_unknown() || r.is_unknown()) return unknown();
  auto ln = NumberOf(&l), rn = NumberOf(&r);
  if (!ln || !rn) return Error(b->span);
  double x = *ln, y = *rn;
  switch (b->op) {
    case Op::kAdd:
      return prov(Value::Number(x + y, b->span));
    case Op::kSub:
      return prov(Value::Number(x - y, b->span));
    case Op::kMul:
      return prov(Value::Number(x * y, b->span));
    case Op::kDiv:
      if (y == 0) return Error(b->span);
      return prov(Value::Number(x / y, b->span));
    case Op::kMod:
      if (y == 0) return Error(b->span);
      return prov(Value::Number(std::fmod(x, y), b->span));
    case Op::kGt:
      return prov(Value::Bool(x > y, b->span));
    case Op::kGe:
      return prov(Value::Bool(x >= y, b->span));
    case Op::kLt:
      return prov(Value::Bool(x < y, b->span));
    case Op::kLe:
      return prov(Value::Bool(x <= y, b->span));
    default:
      break;
  }
  return Error(b->span);
}

Value Evaluator::Impl::EvalConditional(const hcl::ConditionalExpr* c, const Scope& s) {
  Value cond = Eval(c->cond, s);
  if (cond.is_unknown()) return Value::Unknown(c->span).WithProvenanceOf(cond);
  auto b = AsBool(cond);
  if (!b) return Error(c->cond->span);
  Value chosen = Eval(*b ? c->then : c->otherwise, s);
  return chosen.WithHopsOf(cond);
}

// ---------------------------------------------------------------------------
// Named values

Value Evaluator::Impl::Var(ModuleInstance& m, std::string_view name, Span at) {
  auto it = m.config->variables.find(name);
  if (it == m.config->variables.end()) return Error(at);
  Memo<NamedValue>& memo = m.vars[it->first];
  if (memo.state == Memo<NamedValue>::State::kBusy) {
    Diagnose(at, "var." + std::string(name) + " depends on itself");
    return Value::Unknown(at);
  }
  if (memo.state == Memo<NamedValue>::State::kNone) {
    DepthGuard g(*this);
    if (g.too_deep()) {
      Diagnose(at, "references nested too deeply");
      return Value::Unknown(at);
    }
    memo.state = Memo<NamedValue>::State::kBusy;
    memo.value = ComputeVar(m, it->second);
    memo.state = Memo<NamedValue>::State::kDone;
  }
  const NamedValue& nv = memo.value;
  if (nv.value.is_unknown()) return nv.value.WithOrigin(at);
  return nv.value.Through(at, nv.note);
}

NamedValue Evaluator::Impl::ComputeVar(ModuleInstance& m, const Variable& decl) {
  NamedValue nv;
  Span header = decl.block->header;
  auto eval_default = [&]() {
    Scope empty;
    return Eval(decl.default_expr, empty);
  };
  if (!m.caller) {
    if (options.unknown_inputs) {
      nv.value = Value::Unknown(header);
      return nv;
    }
    auto in = options.inputs.find(decl.name);
    if (in != options.inputs.end()) {
      nv.value = in->second.value;
      nv.note = in->second.note;
    } else if (decl.default_expr) {
      nv.value = eval_default();
      nv.note = "variable default";
    } else {
      nv.value = Value::Unknown(header);
      return nv;
    }
  } else {
    const hcl::Attribute* input = m.call->block->body->Find(decl.name);
    if (input) {
      nv.value = Eval(input->expr, m.call_scope);
      nv.note = "module input";
      if (nv.value.is_null() && !decl.nullable && decl.default_expr) {
        nv.value = eval_default();
        nv.note = "variable default";
      }
    } else if (decl.default_expr) {
      nv.value = eval_default();
      nv.note = "variable default";
    } else {
      nv.value = Value::Unknown(header);
      return nv;
    }
  }
  if (decl.type_expr) {
    if (auto type = ParseType(decl.type_expr)) {
      auto converted = Convert(nv.value, *type, [this](const hcl::Expr* e) {
        Scope empty;
        return Eval(e, empty);
      });
      nv.value = converted ? *converted : Value::Unknown(nv.value.origin()).WithProvenanceOf(nv.value);
    }
  }
  return nv;
}

Value Evaluator::Impl::Local(ModuleInstance& m, std::string_view name, Span at) {
  auto it = m.config->locals.find(name);
  if (it == m.config->locals.end()) return Error(at);
  Memo<Value>& memo = m.locals[it->first];
  if (memo.state == Memo<Value>::State::kBusy) {
    Diagnose(at, "local." + std::string(name) + " depends on itself");
    return Value::Unknown(at);
  }
  if (memo.state == Memo<Value>::State::kNone) {
    DepthGuard g(*this);
    if (g.too_deep()) {
      Diagnose(at, "references nested too deeply");
      return Value::Unknown(at);
    }
    memo.state = Memo<Value>::State::kBusy;
    Scope scope;
    scope.module = &m;
    memo.value = Eval(it->second.attr->expr, scope);
    memo.state = Memo<Value>::State::kDone;
  }
  if (memo.value.is_unknown()) return memo.value.WithOrigin(at);
  return memo.value.Through(at, "local value");
}

Value Evaluator::Impl::OutputOf(ModuleInstance& m, std::string_view name, Span at) {
  auto it = m.config->outputs.find(name);
  if (it == m.config->outputs.end()) return Error(at);
  Memo<Value>& memo = m.outputs[it->first];
  if (memo.state == Memo<Value>::State::kBusy) {
    Diagnose(at, "output " + std::string(name) + " depends on itself");
    return Value::Unknown(at);
  }
  if (memo.state == Memo<Value>::State::kNone) {
    DepthGuard g(*this);
    if (g.too_deep()) {
      Diagnose(at, "references nested too deeply");
      return Value::Unknown(at);
    }
    memo.state = Memo<Value>::State::kBusy;
    Scope scope;
    scope.module = &m;
    memo.value = Eval(it->second.value, scope);
    memo.state = Memo<Value>::State::kDone;
  }
  if (!at.valid()) return memo.value;
  if (memo.value.is_unknown()) return memo.value.WithOrigin(at);
  return memo.value.Through(at, "module output");
}

Value Evaluator::Impl::OutputsObject(ModuleInstance& m, Span at) {
  std::vector<Field> fields;
  for (const auto& [name, out] : m.config->outputs) {
    fields.push_back(Field{std::string(name), OutputOf(m, name, at), {}});
  }
  return Value::Object(std::move(fields), at);
}

Value Evaluator::Impl::ModuleRef(ModuleInstance& m, std::string_view name,
                                 const std::vector<hcl::Step>& steps, size_t& consumed, Span at) {
  CallSet* cs = Calls(m, name, at);
  if (!cs) return Error(at);
  if (cs->unavailable || cs->expansion == Expansion::kUnknown) return Value::Unknown(at);
  if (cs->expansion == Expansion::kSingle) {
    if (cs->instances.empty()) return Value::Unknown(at);
    ModuleInstance& child = *cs->instances[0].module;
    // Evaluate just the output asked for: evaluating all could create cycles
    // Terraform does not have.
    if (steps.size() > 1 && steps[1].kind == hcl::Step::Kind::kAttr) {
      consumed = 2;
      return OutputOf(child, steps[1].name, at);
    }
    return OutputsObject(child, at);
  }
  if (cs->expansion == Expansion::kCount) {
    std::vector<Value> items;
    for (CallInstance& ci : cs->instances) items.push_back(OutputsObject(*ci.module, at));
    return Value::List(std::move(items), at);
  }
  std::vector<Field> fields;
  for (CallInstance& ci : cs->instances) {
    fields.push_back(Field{ci.key.str(), OutputsObject(*ci.module, at), {}});
  }
  return Value::Object(std::move(fields), at);
}

Value Evaluator::Impl::ResourceRef(ModuleInstance& m, const ResourceDecl& d, Span at) {
  size_t index = m.config->resource_index.at(d.key);
  ResourceSet* set = Resources(m, index, at);
  std::string address = (m.path.empty() ? "" : m.path + ".") + d.key;
  if (!set) return Value::Unknown(at).WithRef(Ref{address, ""});
  switch (set->expansion) {
    case Expansion::kSingle:
      if (set->instances.empty()) return Value::Unknown(at).WithRef(Ref{address, ""});
      return set->instances[0].open;
    case Expansion::kCount: {
      std::vector<Value> items;
      for (const Instance& in : set->instances) items.push_back(in.open);
      return Value::List(std::move(items), at);
    }
    case Expansion::kForEach: {
      std::vector<Field> fields;
      for (const Instance& in : set->instances) fields.push_back(Field{in.key.str(), in.open, {}});
      return Value::Object(std::move(fields), at);
    }
    case Expansion::kUnknown:
      break;
  }
  return Value::Unknown(at).WithRef(Ref{address, ""});
}

Evaluator::Impl::Expanded Evaluator::Impl::Expand(const hcl::Expr* count,
                                                  const hcl::Expr* for_each, const Scope& base,
                                                  Span header) {
  Expanded out;
  auto unknown = [&](bool with_count) {
    out.expansion = Expansion::kUnknown;
    out.items.clear();
    Scope sc;
    sc.module = base.module;
    sc.parent = &base;
    if (with_count) {
      sc.count_index = Value::Unknown(count->span);
    } else {
      sc.each_key = Value::Unknown(for_each->span);
      sc.each_value = Value::Unknown(for_each->span);
    }
    out.items.emplace_back(Value(), std::move(sc));
    return out;
  };
  if (count) {
    Value c = Eval(count, base);
    auto n = NumberOf(&c);
    if (c.is_unknown() || !n || *n < 0 || *n != std::floor(*n)) return unknown(true);
    if (*n > static_cast<double>(options.max_instances)) {
      Diagnose(count->span, "count = " + FormatNumber(*n) + " exceeds the limit of " +
                                std::to_string(options.max_instances) +
                                " instances; the resource is checked as one instance");
      return unknown(true);
    }
    out.expansion = Expansion::kCount;
    for (size_t i = 0; i < static_cast<size_t>(*n); ++i) {
      Scope sc;
      sc.module = base.module;
      sc.parent = &base;
      sc.count_index = Value::Number(static_cast<double>(i), count->span).WithHopsOf(c);
      out.items.emplace_back(Value::Number(static_cast<double>(i)), std::move(sc));
    }
    return out;
  }
  if (for_each) {
    Value fe = Eval(for_each, base);
    if (fe.is_unknown()) return unknown(false);
    std::vector<std::pair<Value, Value>> kv;
    if (fe.is_object()) {
      for (const Field& f : fe.fields()) {
        Span ks = f.key_span.valid() ? f.key_span : for_each->span;
        kv.emplace_back(Value::String(f.key, ks), f.value);
      }
    } else if (fe.is_list()) {
      for (const Value& item : fe.items()) {
        if (item.is_unknown()) return unknown(false);
        if (!item.is_string()) {
          Error(for_each->span);
          return unknown(false);
        }
        kv.emplace_back(item, item);
      }
      std::sort(kv.begin(), kv.end(),
                [](const auto& a, const auto& b) { return a.first.str() < b.first.str(); });
      kv.erase(std::unique(kv.begin(), kv.end(),
                           [](const auto& a, const auto& b) { return a.first.str() == b.first.str(); }),
               kv.end());
    } else {
      Error(for_each->span);
      return unknown(false);
    }
    if (kv.size() > options.max_instances) {
      Diagnose(for_each->span, "for_each has " + std::to_string(kv.size()) +
                                   " elements, more than the limit of " +
                                   std::to_string(options.max_instances));
      return unknown(false);
    }
    out.expansion = Expansion::kForEach;
    for (auto& [k, v] : kv) {
      Scope sc;
      sc.module = base.module;
      sc.parent = &base;
      sc.each_key = k;
      sc.each_value = v;
      out.items.emplace_back(Value::String(k.str()), std::move(sc));
    }
    return out;
  }
  Scope sc;
  sc.module = base.module;
  sc.parent = &base;
  out.items.emplace_back(Value(), std::move(sc));
  (void)header;
  return out;
}

ResourceSet* Evaluator::Impl::Resources(ModuleInstance& m, size_t index, Span at) {
  Memo<ResourceSet>& memo = m.resources[index];
  const ResourceDecl& d = m.config->resources[index];
  if (memo.state == Memo<ResourceSet>::State::kBusy) {
    if (at.valid()) Diagnose(at, d.key + " refers to itself");
    return nullptr;
  }
  if (memo.state == Memo<ResourceSet>::State::kDone) return &memo.value;
  DepthGuard g(*this);
  if (g.too_deep()) {
    Diagnose(at.valid() ? at : d.block->header, "references nested too deeply");
    return nullptr;
  }
  memo.state = Memo<ResourceSet>::State::kBusy;
  Scope base;
  base.module = &m;
  Expanded ex = Expand(d.count, d.for_each, base, d.block->header);
  ResourceSet set;
  set.expansion = ex.expansion;
  set.address = (m.path.empty() ? "" : m.path + ".") + d.key;
  for (auto& [key, scope] : ex.items) {
    Instance in;
    in.key = key;
    in.unknown_count = ex.expansion == Expansion::kUnknown || m.unknown_count;
    in.address = set.address + InstanceKey(key);
    in.attributes = EvalBody(*d.block->body, scope, true, d.block->header);
    in.open = in.attributes.AsOpen(in.address);
    set.instances.push_back(std::move(in));
  }
  memo.value = std::move(set);
  memo.state = Memo<ResourceSet>::State::kDone;
  return &memo.value;
}

CallSet* Evaluator::Impl::Calls(ModuleInstance& m, std::string_view name, Span at) {
  auto it = m.config->calls.find(name);
  if (it == m.config->calls.end()) return nullptr;
  const ModuleCall& call = it->second;
  Memo<CallSet>& memo = m.calls[it->first];
  if (memo.state == Memo<CallSet>::State::kBusy) {
    Diagnose(at.valid() ? at : call.block->header, "module." + std::string(name) + " refers to itself");
    return nullptr;
  }
  if (memo.state == Memo<CallSet>::State::kDone) return &memo.value;
  memo.state = Memo<CallSet>::State::kBusy;
  CallSet cs;
  bool recursive = false;
  for (ModuleInstance* a = &m; a; a = a->caller) recursive = recursive || a->config == call.target;
  if (!call.target || m.depth + 1 > kMaxModuleDepth || recursive) {
    if (call.target && (recursive || m.depth + 1 > kMaxModuleDepth)) {
      Diagnose(call.block->header, "module \"" + std::string(name) +
                                       "\" calls itself (directly or through other modules)");
    }
    cs.unavailable = true;
  } else {
    Scope base;
    base.module = &m;
    Expanded ex = Expand(call.count, call.for_each, base, call.block->header);
    cs.expansion = ex.expansion;
    if (ex.expansion != Expansion::kUnknown) {
      std::string prefix = (m.path.empty() ? "" : m.path + ".") + "module." + std::string(name);
      for (auto& [key, scope] : ex.items) {
        auto child = std::make_unique<ModuleInstance>();
        child->config = call.target;
        child->path = prefix + InstanceKey(key);
        child->caller = &m;
        child->call = &call;
        child->call_scope = std::move(scope);
        child->depth = m.depth + 1;
        child->unknown_count = m.unknown_count;
        auto rel = std::filesystem::path(call.target->dir)
                       .lexically_relative(std::filesystem::path(root_config.dir));
        child->path_module = rel.empty() ? "." : rel.generic_string();
        child->resources.resize(call.target->resources.size());
        cs.instances.push_back(CallInstance{key, std::move(child)});
      }
    } else {
      // An unknown number of instances: evaluate one with unknown keys, so its
      // resources are still checked (their literal settings are known).
      auto& [key, scope] = ex.items[0];
      auto child = std::make_unique<ModuleInstance>();
      child->unknown_count = true;
      child->config = call.target;
      child->path = (m.path.empty() ? "" : m.path + ".") + "module." + std::string(name);
      child->caller = &m;
      child->call = &call;
      child->call_scope = std::move(scope);
      child->depth = m.depth + 1;
      auto rel = std::filesystem::path(call.target->dir)
                     .lexically_relative(std::filesystem::path(root_config.dir));
      child->path_module = rel.empty() ? "." : rel.generic_string();
      child->resources.resize(call.target->resources.size());
      cs.instances.push_back(CallInstance{key, std::move(child)});
    }
  }
  memo.value = std::move(cs);
  memo.state = Memo<CallSet>::State::kDone;
  return &memo.value;
}

// ---------------------------------------------------------------------------
// Bodies

Value Evaluator::Impl::EvalBody(const hcl::Body& body, const Scope& s, bool top, Span origin) {
  std::vector<Field> fields;
  fields.reserve(body.attributes.size() + body.blocks.size());
  for (const hcl::Attribute& a : body.attributes) {
    if (top && IsMetaArgument(a.name)) continue;
    fields.push_back(Field{std::string(a.name), Eval(a.expr, s), a.name_span});
  }
  struct Group {
    std::string type;
    Span span;
    std::vector<Value> items;
    Value unknown;  // set when a dynamic block has an unknown for_each
    bool is_unknown = false;
  };
  std::vector<Group> groups;
  auto group = [&](std::string_view type, Span span) -> Group& {
    for (Group& g : groups) {
      if (g.type == type) return g;
    }
    groups.push_back(Group{std::string(type), span, {}, {}, false});
    return groups.back();
  };
  for (const hcl::Block* b : body.blocks) {
    if (top && IsMetaBlock(b->type)) continue;
    if (b->type != "dynamic") {
      group(b->type, b->type_span).items.push_back(EvalBody(*b->body, s, false, b->header));
      continue;
    }
    if (b->labels.size() != 1) continue;
    Group& g = group(b->labels[0].value, b->header);
    const hcl::Attribute* fe = b->body->Find("for_each");
    const hcl::Block* content = nullptr;
    for (const hcl::Block* c : b->body->blocks) {
      if (c->type == "content") content = c;
    }
    if (!fe || !content) continue;
    std::string_view iter = b->labels[0].value;
    if (const hcl::Attribute* it = b->body->Find("iterator")) {
      if (it->expr->kind == hcl::ExprKind::kVariable) {
        iter = static_cast<const hcl::VariableExpr*>(it->expr)->name;
      }
    }
    Value coll = Eval(fe->expr, s);
    if (coll.is_unknown()) {
      g.is_unknown = true;
      g.unknown = Value::Unknown(b->header).WithProvenanceOf(coll);
      continue;
    }
    auto emit = [&](Value k, const Value& v) {
      Scope inner;
      inner.module = s.module;
      inner.parent = &s;
      inner.names.emplace_back(
          iter, Value::Object({{"key", std::move(k), {}}, {"value", v, {}}}, fe->expr->span));
      g.items.push_back(EvalBody(*content->body, inner, false, b->header));
    };
    if (coll.is_list()) {
      for (size_t i = 0; i < coll.items().size(); ++i) {
        emit(Value::Number(static_cast<double>(i), fe->expr->span), coll.items()[i]);
      }
    } else if (coll.is_object()) {
      for (const Field& f : coll.fields()) emit(Value::String(f.key, fe->expr->span), f.value);
    } else if (!coll.is_null()) {
      Error(fe->expr->span);
      g.is_unknown = true;
      g.unknown = Value::Unknown(b->header);
    }
  }
  for (Group& g : groups) {
    Value v = g.is_unknown ? g.unknown : Value::List(std::move(g.items), g.span);
    fields.push_back(Field{g.type, std::move(v), g.span});
  }
  return Value::Object(std::move(fields), origin);
}

// ---------------------------------------------------------------------------
// Walking the module tree

void Evaluator::Impl::Walk(ModuleInstance& m) {
  for (size_t i = 0; i < m.config->resources.size(); ++i) Resources(m, i, Span{});
  for (const auto& [name, call] : m.config->calls) {
    CallSet* cs = Calls(m, name, Span{});
    if (!cs) continue;
    for (CallInstance& ci : cs->instances) Walk(*ci.module);
  }
}

void Evaluator::Impl::Collect(ModuleInstance& m, std::vector<Resource>& out) {
  for (size_t i = 0; i < m.config->resources.size(); ++i) {
    const ResourceDecl& d = m.config->resources[i];
    if (m.resources[i].state != Memo<ResourceSet>::State::kDone) continue;
    for (Instance& in : m.resources[i].value.instances) {
      Resource r;
      r.kind = std::string(d.type);
      r.address = in.address;
      r.module_path = m.path;
      r.name = std::string(d.name);
      r.mode = d.mode;
      r.attributes = in.attributes;
      r.block = d.block->span;
      r.header = d.block->header;
      r.format = SourceFormat::kTerraform;
      r.unknown_count = in.unknown_count;
      out.push_back(std::move(r));
    }
  }
  for (auto& [name, memo] : m.calls) {
    if (memo.state != Memo<CallSet>::State::kDone) continue;
    for (CallInstance& ci : memo.value.instances) Collect(*ci.module, out);
  }
}

// ---------------------------------------------------------------------------

Evaluator::Evaluator(const ModuleConfig& root, EvalOptions options)
    : impl_(std::make_unique<Impl>(*this, root, std::move(options))),
      root_(std::make_unique<ModuleInstance>()) {
  root_->config = &root;
  root_->path_module = ".";
  root_->resources.resize(root.resources.size());
}

Evaluator::~Evaluator() = default;

void Evaluator::Run() { impl_->Walk(*root_); }

std::vector<Resource> Evaluator::TakeResources() {
  std::vector<Resource> out;
  impl_->Collect(*root_, out);
  return out;
}

Value Evaluator::Eval(const hcl::Expr* e, const Scope& scope) { return impl_->Eval(e, scope); }

Value Evaluator::Output(std::string_view name) { return impl_->OutputOf(*root_, name, Span{}); }

Value Evaluator::RootVariable(std::string_view name) {
  auto it = root_->config->variables.find(name);
  if (it == root_->config->variables.end()) return Value::Unknown();
  return impl_->Var(*root_, name, it->second.block->header);
}

}  // namespace infracheck::tf
