#include "checker/terraform/evaluator.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "checker/terraform/evaluator_impl.h"
#include "checker/terraform/template_json.h"
#include "checker/terraform/types.h"

namespace infracheck::tf {

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

Evaluator::Impl::Impl(Evaluator& owner, const ModuleConfig& root, EvalOptions opts)
    : self(owner), root_config(root), options(std::move(opts)) {
  fctx.read_file = [this](std::string_view path, std::string* error) -> const SourceFile* {
    std::filesystem::path p(std::string{path});
    if (p.is_relative()) p = std::filesystem::path(root_config.dir) / p;
    p = p.lexically_normal();
    if (!options.read_file) {
      *error = "file access is not available here";
      return nullptr;
    }
    const SourceFile* f = options.read_file(p.string(), error);
    // A file that exists but is refused (outside the project root, too
    // large, binary) is worth saying; EvalCall says it at the call.
    if (!f && *error != "no such file" && file_refusal.empty()) {
      file_refusal = "(\"" + std::string(path) + "\"): " + *error;
    }
    return f;
  };
  fctx.render_template = [this](const SourceFile& file, const Value& vars, Span call,
                                std::string* error) -> Value {
    const hcl::File* t = options.parse_template ? options.parse_template(file) : nullptr;
    if (!t || t->error || !t->templ) {
      *error = t && t->error
                   ? file.path() + ":" + std::to_string(t->error->line) + ": " + t->error->message
                   : "cannot parse template " + file.path();
      return Value::Unknown(call);
    }
    Scope ts;
    ts.template_only = true;
    for (const Field& f : vars.fields()) ts.names.emplace_back(f.key, f.value);
    Value v = Eval(t->templ, ts);
    if (v.is_unknown()) return v;
    // JSON from a template keeps the template's lines for its documents.
    if (v.is_string()) {
      if (auto doc = LocateTemplateJson(*t, v.str())) {
        return Value::EncodedString(v.str(), *doc, call).WithProvenanceOf(v);
      }
    }
    // Its origin stays in the template: the call adds itself as a hop
    // (EvalCall), so what reads the value can find the template's text.
    return v;
  };
}

namespace {

// An expression of literals alone (numbers, strings without templates,
// bools, null, and lists and objects of them with literal keys): evaluating
// it can report nothing. Unknown when nested deeper than anything written
// by hand.
bool IsPlainLiteral(const hcl::Expr* e, int depth) {
  if (!e || depth > 32) return false;
  switch (e->kind) {
    case hcl::ExprKind::kLiteral:
      return true;
    case hcl::ExprKind::kTuple:
      for (const hcl::Expr* item : static_cast<const hcl::TupleExpr*>(e)->items()) {
        if (!IsPlainLiteral(item, depth + 1)) return false;
      }
      return true;
    case hcl::ExprKind::kObject:
      for (const hcl::ObjectItem& item : static_cast<const hcl::ObjectExpr*>(e)->items()) {
        if (!item.key || item.key->kind != hcl::ExprKind::kLiteral ||
            !IsPlainLiteral(item.value, depth + 1)) {
          return false;
        }
      }
      return true;
    default:
      return false;
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Named values

Value Evaluator::Impl::Var(ModuleInstance& m, std::string_view name, Span at) {
  const Variable* decl = m.config->FindVariable(name);
  if (!decl) return Error(at);
  return VarOf(m, *decl, at);
}

Value Evaluator::Impl::VarOf(ModuleInstance& m, const Variable& decl, Span at) {
  Memo<NamedValue>& memo = MemoOf(m.vars, m.config->variables, decl);
  if (memo.state == Memo<NamedValue>::State::kBusy) {
    Diagnose(at, "var." + std::string(decl.name) + " depends on itself");
    return Value::Unknown(at);
  }
  if (memo.state == Memo<NamedValue>::State::kNone) {
    DepthGuard g(*this);
    if (g.too_deep()) {
      Diagnose(at, "references nested too deeply");
      return Value::Unknown(at);
    }
    memo.state = Memo<NamedValue>::State::kBusy;
    uint64_t problems = errors + diagnosed;
    memo.value = ComputeVar(m, decl);
    memo.value.diagnosed = errors + diagnosed != problems;
    memo.state = Memo<NamedValue>::State::kDone;
  }
  const NamedValue& nv = memo.value;
  return nv.value.Through(at, nv.note);
}

NamedValue Evaluator::Impl::ComputeVar(ModuleInstance& m, const Variable& decl) {
  NamedValue nv;
  Span header = decl.block->header();
  auto eval_default = [&]() {
    Scope empty;
    empty.constant = "a variable's default";
    nv.default_value = Eval(decl.default_expr(), empty);
    return *nv.default_value;
  };
  if (!m.caller) {
    if (options.unknown_inputs) {
      // The default is still read, so a broken one is reported.
      if (decl.default_expr()) eval_default();
      nv.value = Value::Unknown(header);
      return nv;
    }
    auto in = options.inputs.find(decl.name);
    if (in != options.inputs.end() &&
        !(in->second.value.is_null() && !decl.nullable && decl.default_expr())) {
      nv.value = in->second.value;
      nv.note = in->second.note;
    } else if (decl.default_expr()) {
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
      if (nv.value.is_null() && !decl.nullable && decl.default_expr()) {
        nv.value = eval_default();
        nv.note = "variable default";
      }
    } else if (decl.default_expr()) {
      nv.value = eval_default();
      nv.note = "variable default";
    } else {
      nv.value = Value::Unknown(header);
      return nv;
    }
  }
  if (decl.type) {
    auto converted = Convert(nv.value, *decl.type, [this](const hcl::Expr* e) {
      Scope empty;
      return Eval(e, empty);
    });
    nv.value =
        converted ? *converted : Value::Unknown(nv.value.origin()).WithProvenanceOf(nv.value);
  }
  return nv;
}

Value Evaluator::Impl::Local(ModuleInstance& m, std::string_view name, Span at) {
  const tf::Local* decl = m.config->FindLocal(name);
  if (!decl) return Error(at);
  return LocalOf(m, *decl, at);
}

Value Evaluator::Impl::LocalOf(ModuleInstance& m, const tf::Local& decl, Span at) {
  Memo<Value>& memo = MemoOf(m.locals, m.config->locals, decl);
  if (memo.state == Memo<Value>::State::kBusy) {
    Diagnose(at, "local." + std::string(decl.name) + " depends on itself");
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
    memo.value = Eval(decl.attr->expr, scope);
    memo.state = Memo<Value>::State::kDone;
  }
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
                                 const hcl::List<hcl::Step>& steps, size_t& consumed, Span at) {
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
      return OutputOf(child, steps[1].name(), at);
    }
    return OutputsObject(child, at);
  }
  // Every instance's outputs, each time the call is referenced whole.
  for (const CallInstance& ci : cs->instances) Charge(ci.module->config->outputs.size() + 1);
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

// What references to an instance see: made when first referred to (most
// resources are not).
const Value& Evaluator::Impl::OpenOf(Instance& in) {
  if (in.open.is_null()) in.open = in.attributes.AsOpen(in.address);
  return in.open;
}

Value Evaluator::Impl::ResourceRef(ModuleInstance& m, const ResourceDecl& d, Span at) {
  // `d` is one of the module's declarations (FindResource).
  auto index = static_cast<size_t>(&d - m.config->resources.data());
  ResourceSet* set = Resources(m, index, at);
  auto whole = [&] {
    return Value::Unknown(at).WithRef(Ref{(m.path.empty() ? "" : m.path + ".") + d.key, ""});
  };
  if (!set) return whole();
  Charge(set->instances.size());
  switch (set->expansion) {
    case Expansion::kSingle:
      if (set->instances.empty()) return whole();
      return OpenOf(set->instances[0]);
    case Expansion::kCount: {
      std::vector<Value> items;
      for (Instance& in : set->instances) items.push_back(OpenOf(in));
      return Value::List(std::move(items), at);
    }
    case Expansion::kForEach: {
      std::vector<Field> fields;
      for (Instance& in : set->instances) fields.push_back(Field{in.key.str(), OpenOf(in), {}});
      return Value::Object(std::move(fields), at);
    }
    case Expansion::kUnknown:
      break;
  }
  return whole();
}

Evaluator::Impl::Expanded Evaluator::Impl::Expand(const hcl::Expr* count, const hcl::Expr* for_each,
                                                  const Scope& base, Span header) {
  Expanded out;
  auto unknown = [&](bool with_count) {
    out.expansion = Expansion::kUnknown;
    out.items.clear();
    Scope sc;
    sc.module = base.module;
    sc.parent = base.parent;  // base itself is a temporary of the caller
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
      sc.parent = base.parent;  // base itself is a temporary of the caller
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
      kv.erase(
          std::unique(kv.begin(), kv.end(),
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
      sc.parent = base.parent;  // base itself is a temporary of the caller
      sc.each_key = k;
      sc.each_value = v;
      out.items.emplace_back(Value::String(k.str()), std::move(sc));
    }
    return out;
  }
  Scope sc;
  sc.module = base.module;
  sc.parent = base.parent;  // base itself is a temporary of the caller
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
    Diagnose(at.valid() ? at : d.block->header(), "references nested too deeply");
    return nullptr;
  }
  memo.state = Memo<ResourceSet>::State::kBusy;
  Scope base;
  base.module = &m;
  Expanded ex = Expand(d.count, d.for_each, base, d.block->header());
  ResourceSet set;
  set.expansion = ex.expansion;
  set.address = (m.path.empty() ? "" : m.path + ".") + d.key;
  for (auto& [key, scope] : ex.items) {
    Instance in;
    in.key = key;
    in.unknown_count = ex.expansion == Expansion::kUnknown || m.unknown_count;
    in.address = set.address + InstanceKey(key);
    in.attributes = EvalBody(*d.block->body, scope, true, d.block->header());
    // Rules and reports walk every resource: its size is work too.
    Charge(in.attributes.tree_size());
    if (in.attributes.depth() > kMaxValueDepth || in.attributes.tree_size() > kMaxValueSize) {
      Bounded(in.attributes, d.block->header());
      in.attributes = Value::Object({}, d.block->header());
    }
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
    Diagnose(at.valid() ? at : call.block->header(),
             "module." + std::string(name) + " refers to itself");
    return nullptr;
  }
  if (memo.state == Memo<CallSet>::State::kDone) return &memo.value;
  memo.state = Memo<CallSet>::State::kBusy;
  CallSet cs;
  bool recursive = false;
  for (ModuleInstance* a = &m; a; a = a->caller) recursive = recursive || a->config == call.target;
  if (!call.target || m.depth + 1 > kMaxModuleDepth || recursive) {
    if (call.target && (recursive || m.depth + 1 > kMaxModuleDepth)) {
      Diagnose(call.block->header(), "module \"" + std::string(name) +
                                         "\" calls itself (directly or through other modules)");
    }
    cs.unavailable = true;
  } else {
    Scope base;
    base.module = &m;
    Expanded ex = Expand(call.count, call.for_each, base, call.block->header());
    // Each scope Expand returns points at `base`, which dies with this call,
    // while a child's call scope lives as long as the child. `base` holds
    // nothing but the module, which every scope carries itself.
    for (auto& item : ex.items) item.second.parent = nullptr;
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
  fields.reserve(body.attributes.size() + body.blocks().size());
  for (const hcl::Attribute& a : body.attributes) {
    if (top && IsMetaArgument(a.name())) continue;
    fields.push_back(Field{std::string(a.name()), Eval(a.expr, s), a.name_span()});
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
  for (const hcl::Block* b : body.blocks()) {
    if (top && IsMetaBlock(b->type())) continue;
    if (b->type() != "dynamic") {
      group(b->type(), b->type_span).items.push_back(EvalBody(*b->body, s, false, b->header()));
      continue;
    }
    if (b->labels().size() != 1) continue;
    Group& g = group(b->labels()[0].value(), b->header());
    const hcl::Attribute* fe = b->body->Find("for_each");
    const hcl::Block* content = nullptr;
    for (const hcl::Block* c : b->body->blocks()) {
      if (c->type() == "content") content = c;
    }
    if (!fe || !content) continue;
    std::string_view iter = b->labels()[0].value();
    if (const hcl::Attribute* it = b->body->Find("iterator")) {
      if (it->expr->kind == hcl::ExprKind::kVariable) {
        iter = static_cast<const hcl::VariableExpr*>(it->expr)->name();
      }
    }
    Value coll = Eval(fe->expr, s);
    if (coll.is_unknown()) {
      g.is_unknown = true;
      g.unknown = Value::Unknown(b->header()).WithProvenanceOf(coll);
      continue;
    }
    auto emit = [&](Value k, const Value& v) {
      Scope inner;
      inner.module = s.module;
      inner.parent = &s;
      inner.names.emplace_back(
          iter, Value::Object({{"key", std::move(k), {}}, {"value", v, {}}}, fe->expr->span));
      g.items.push_back(EvalBody(*content->body, inner, false, b->header()));
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
      g.unknown = Value::Unknown(b->header());
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

// path.module: the module's directory relative to the root module's, made
// when the module first asks (most modules never do).
const std::string& Evaluator::Impl::PathModule(ModuleInstance& m) {
  if (m.path_module.empty()) {
    auto rel = std::filesystem::path(m.config->dir)
                   .lexically_relative(std::filesystem::path(root_config.dir));
    m.path_module = rel.empty() ? "." : rel.generic_string();
  }
  return m.path_module;
}

void Evaluator::Impl::Walk(ModuleInstance& m) {
  for (size_t i = 0; i < m.config->resources.size(); ++i) Resources(m, i, Span{});
  for (const auto& [name, call] : m.config->calls) {
    CallSet* cs = Calls(m, name, Span{});
    if (!cs) continue;
    for (CallInstance& ci : cs->instances) Walk(*ci.module);
  }
}

bool Evaluator::Impl::VariableRead(const ModuleConfig& c, size_t i) {
  std::atomic<VariableUse>& use = c.variable_uses[i];
  VariableUse u = use.load(std::memory_order_relaxed);
  if (u == VariableUse::kUnknown) {
    const Variable& decl = c.variables[i];
    const hcl::Expr* d = decl.default_expr();
    const hcl::Attribute* type = decl.block->body->Find("type");
    bool read = options.variable_read(decl.name, d ? d->span.text() : std::string_view(),
                                      type ? type->expr->span.text() : std::string_view());
    u = read ? VariableUse::kRead : VariableUse::kUnread;
    // Every evaluator computes the same answer: a race stores it twice.
    use.store(u, std::memory_order_relaxed);
  }
  return u == VariableUse::kRead;
}

// Configuration pieces rules check besides resources. Once per module
// declaration: a module called three times declares its variables once.
void Evaluator::Impl::CollectConfig(ModuleInstance& m, std::vector<Resource>& out,
                                    CollectedConfig& config) {
  std::vector<SharedConfig>& shared = config.shared;
  std::string prefix = m.path.empty() ? "" : m.path + ".";
  auto add = [&](std::string kind, std::string address, std::string name, Value attrs,
                 const hcl::Block* block, Span header) {
    Resource& r = out.emplace_back();
    r.kind = std::move(kind);
    r.address = std::move(address);
    r.module_path = m.path;
    r.name = std::move(name);
    r.mode = ResourceMode::kConfig;
    r.attributes = std::move(attrs);
    r.block = block ? block->span() : header;
    r.header = header;
    r.format = SourceFormat::kTerraform;
  };
  auto variable_address = [&](std::string_view name) {
    std::string address;
    address.reserve(prefix.size() + 4 + name.size());
    address.append(prefix).append("var.").append(name);
    return address;
  };
  Scope module_scope;
  module_scope.module = &m;
  // A module variable the call gives no value has its default in every
  // environment: the scan keeps a verdict on its object (see ConfigVerdict).
  bool same_everywhere =
      options.skip_quiet_config && m.caller && !out_of_steps && m.config->variable_verdicts;
  for (size_t i = 0; i < m.config->variables.size(); ++i) {
    const Variable& decl = m.config->variables[i];
    std::string_view name = decl.name;
    if (options.variable_read && !VariableRead(*m.config, i)) {
      // No rule reads its object. Its value is still computed where that
      // can report a problem (a broken default or input), as it was for
      // every variable before; a default of literals alone cannot have one.
      const Memo<NamedValue>& memo = MemoOf(m.vars, m.config->variables, decl);
      bool given = m.caller ? m.call->block->body->Find(name) != nullptr
                            : options.inputs.find(name) != options.inputs.end();
      if (memo.state == Memo<NamedValue>::State::kNone &&
          (given || (decl.default_expr() && !IsPlainLiteral(decl.default_expr(), 0)))) {
        VarOf(m, decl, Span{});
      }
      // A module variable's is left out in every environment alike. A root
      // variable's object is built where the environment gives it a value
      // (from a .tfvars file, which a rule may read), so whether it is left
      // out depends on the environment: the scan counts it present.
      if (m.caller) continue;
      if (!given) {
        config.left_out.push_back(ResourceIdentity(variable_address(name), decl.block->span()));
        continue;
      }
    }
    std::atomic<ConfigVerdict>* verdict = nullptr;
    if (same_everywhere && !m.call->block->body->Find(name)) {
      verdict = &m.config->variable_verdicts[i];
      if (verdict->load(std::memory_order_relaxed) == ConfigVerdict::kQuiet) continue;
    }
    // The value first: computing it may have evaluated the default already.
    Value v = VarOf(m, decl, Span{});
    if (MemoOf(m.vars, m.config->variables, decl).value.diagnosed || out_of_steps)
      verdict = nullptr;
    std::vector<Field> fields;  // in key order: default, name, value
    fields.reserve(3);
    if (decl.default_expr()) {
      const Memo<NamedValue>& memo = MemoOf(m.vars, m.config->variables, decl);
      Value d;
      if (memo.state == Memo<NamedValue>::State::kDone && memo.value.default_value) {
        d = *memo.value.default_value;
      } else {
        Scope empty;
        d = Eval(decl.default_expr(), empty);
      }
      fields.push_back(Field{"default", std::move(d), decl.default_attr()->name_span()});
    }
    fields.push_back(
        Field{"name", Value::String(std::string(name), decl.block->label_span(0)), {}});
    fields.push_back(Field{"value", std::move(v), {}});
    add("terraform_variable", variable_address(name), std::string(name),
        Value::Object(std::move(fields), decl.block->header()), decl.block, decl.block->header());
    if (verdict) shared.push_back(SharedConfig{static_cast<uint32_t>(out.size() - 1), verdict});
  }
  for (const tf::Local& local : m.config->locals) {
    std::string_view name = local.name;
    Value v = LocalOf(m, local, Span{});
    std::vector<Field> fields;
    fields.reserve(2);
    fields.push_back(Field{"name", Value::String(std::string(name), local.attr->name_span()), {}});
    fields.push_back(Field{"value", v, local.attr->name_span()});
    add("terraform_local", prefix + "local." + std::string(name), std::string(name),
        Value::Object(std::move(fields), local.attr->span()), nullptr, local.attr->span());
  }
  for (const auto& [name, call] : m.config->calls) {
    auto it = m.calls.find(name);
    Scope scope;
    scope.module = &m;
    const Scope* input_scope = &module_scope;
    if (it != m.calls.end() && it->second.state == Memo<CallSet>::State::kDone &&
        !it->second.value.instances.empty()) {
      input_scope = &it->second.value.instances[0].module->call_scope;
    }
    std::vector<Field> fields;
    fields.reserve(call.block->body->attributes.size());
    for (const hcl::Attribute& a : call.block->body->attributes) {
      if (IsMetaArgument(a.name()) || a.name() == "source" || a.name() == "version" ||
          a.name() == "providers") {
        continue;
      }
      fields.push_back(Field{std::string(a.name()), Eval(a.expr, *input_scope), a.name_span()});
    }
    add("terraform_module_call", prefix + "module." + std::string(name), std::string(name),
        Value::Object(std::move(fields), call.block->header()), call.block, call.block->header());
  }
  if (!m.caller && m.config->backend) {
    const Backend& b = *m.config->backend;
    Scope empty;
    Value body = EvalBody(*b.block->body, empty, false, b.block->header());
    std::vector<Field> fields = body.fields();
    fields.push_back(Field{"type", Value::String(b.type, b.block->label_span(0)), {}});
    add("terraform_backend", "terraform.backend", b.type,
        Value::Object(std::move(fields), b.block->header()), b.block, b.block->header());
  }
}

void Evaluator::Impl::Collect(ModuleInstance& m, std::vector<Resource>& out,
                              std::set<const ModuleConfig*>& configs_seen,
                              CollectedConfig& config) {
  if (configs_seen.insert(m.config).second) CollectConfig(m, out, config);
  for (size_t i = 0; i < m.config->resources.size(); ++i) {
    const ResourceDecl& d = m.config->resources[i];
    if (m.resources[i].state != Memo<ResourceSet>::State::kDone) continue;
    for (Instance& in : m.resources[i].value.instances) {
      Resource& r = out.emplace_back();
      r.kind = std::string(d.type);
      r.address = in.address;
      r.module_path = m.path;
      r.name = std::string(d.name);
      r.mode = d.mode;
      r.attributes = in.attributes;
      r.block = d.block->span();
      r.header = d.block->header();
      r.format = SourceFormat::kTerraform;
      r.unknown_count = in.unknown_count;
    }
  }
  for (auto& [name, memo] : m.calls) {
    if (memo.state != Memo<CallSet>::State::kDone) continue;
    for (CallInstance& ci : memo.value.instances) Collect(*ci.module, out, configs_seen, config);
  }
}

size_t Evaluator::Impl::CountCollected(const ModuleInstance& m,
                                       std::set<const ModuleConfig*>& configs_seen) const {
  size_t n = 0;
  if (configs_seen.insert(m.config).second) {
    n += m.config->variables.size() + m.config->locals.size() + m.config->calls.size();
    if (!m.caller && m.config->backend) ++n;
  }
  for (const Memo<ResourceSet>& rs : m.resources) {
    if (rs.state == Memo<ResourceSet>::State::kDone) n += rs.value.instances.size();
  }
  for (const auto& [name, memo] : m.calls) {
    if (memo.state != Memo<CallSet>::State::kDone) continue;
    for (const CallInstance& ci : memo.value.instances)
      n += CountCollected(*ci.module, configs_seen);
  }
  return n;
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

std::vector<Resource> Evaluator::TakeResources(std::vector<SharedConfig>* shared,
                                               std::vector<uint64_t>* left_out) {
  std::vector<Resource> out;
  std::set<const ModuleConfig*> seen;
  out.reserve(impl_->CountCollected(*root_, seen));
  seen.clear();
  std::vector<SharedConfig> no_shared;
  std::vector<uint64_t> no_left_out;
  Impl::CollectedConfig config{shared ? *shared : no_shared, left_out ? *left_out : no_left_out};
  impl_->Collect(*root_, out, seen, config);
  return out;
}

Value Evaluator::Eval(const hcl::Expr* e, const Scope& scope) { return impl_->Eval(e, scope); }

Value Evaluator::Output(std::string_view name) { return impl_->OutputOf(*root_, name, Span{}); }

Value Evaluator::RootVariable(std::string_view name) {
  const Variable* decl = root_->config->FindVariable(name);
  if (!decl) return Value::Unknown();
  return impl_->VarOf(*root_, *decl, decl->block->header());
}

}  // namespace infracheck::tf
