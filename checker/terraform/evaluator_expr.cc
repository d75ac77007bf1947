#include <algorithm>
#include <cmath>
#include <set>

#include "checker/terraform/evaluator_impl.h"
#include "checker/terraform/function_util.h"

namespace infracheck::tf {

namespace {

// Whether d is exactly a decimal of at most 15 significant digits. Terraform
// computes with 512-bit floats and prints numbers exactly; a double holds the
// same value and prints the same digits only then.
bool ShortDecimal(double d) {
  if (!std::isfinite(d)) return false;
  if (d == 0) return true;
  int exp = 0;
  double frac = std::frexp(std::fabs(d), &exp);
  auto m = static_cast<uint64_t>(std::ldexp(frac, 53));
  int e = exp - 53;  // |d| = m * 2^e
  while (m % 2 == 0 && e < 0) {
    m /= 2;
    ++e;
  }
  constexpr unsigned __int128 kLimit = 1'000'000'000'000'000;  // 10^15
  unsigned __int128 v = m;
  if (e >= 0) {
    if (e > 70) return false;
    v <<= e;
    while (v % 10 == 0) v /= 10;
    return v < kLimit;
  }
  // m / 2^k has the digits of m * 5^k (no trailing zeros: m is odd).
  for (int k = 0; k < -e; ++k) {
    v *= 5;
    if (v >= kLimit) return false;
  }
  return true;
}

// The rounding error of x + y = s (Knuth's TwoSum); zero when exact.
double SumError(double x, double y, double s) {
  double yy = s - x;
  return (x - (s - yy)) + (y - yy);
}

}  // namespace

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
  // Only expressions that build values can build one too large: a literal is a
  // scalar, and a reference without a splat reads (a part of) a value already
  // bounded. A splat builds a list, one level deeper for each.
  switch (e->kind) {
    case hcl::ExprKind::kLiteral:
    case hcl::ExprKind::kVariable:
      return EvalExpr(e, s);
    case hcl::ExprKind::kTraversal: {
      const auto& steps = static_cast<const hcl::TraversalExpr*>(e)->steps;
      bool splat = std::any_of(steps.begin(), steps.end(), [](const hcl::Step& st) {
        return st.kind == hcl::Step::Kind::kSplat;
      });
      return splat ? Bounded(EvalExpr(e, s), e->span) : EvalExpr(e, s);
    }
    default:
      return Bounded(EvalExpr(e, s), e->span);
  }
}

Value Evaluator::Impl::Bounded(Value v, Span at) {
  if (v.depth() > kMaxValueDepth) {
    Diagnose(at, "value nests deeper than " + std::to_string(kMaxValueDepth) +
                     " levels; it is treated as unknown");
    return Value::Unknown(at);
  }
  if (v.tree_size() > kMaxValueSize) {
    Diagnose(at, "value is too large to check (more than " + std::to_string(kMaxValueSize) +
                     " parts); it is treated as unknown");
    return Value::Unknown(at);
  }
  return v;
}

Value Evaluator::Impl::EvalExpr(const hcl::Expr* e, const Scope& s) {
  switch (e->kind) {
    case hcl::ExprKind::kLiteral:
      return static_cast<const hcl::LiteralExpr*>(e)->value();
    case hcl::ExprKind::kTemplate:
      return EvalTemplate(static_cast<const hcl::TemplateExpr*>(e), s);
    case hcl::ExprKind::kTuple: {
      const auto* t = static_cast<const hcl::TupleExpr*>(e);
      std::vector<Value> items;
      items.reserve(t->items().size());
      for (const hcl::Expr* x : t->items()) items.push_back(Eval(x, s));
      return Value::List(std::move(items), e->span);
    }
    case hcl::ExprKind::kObject:
      return EvalObject(static_cast<const hcl::ObjectExpr*>(e), s);
    case hcl::ExprKind::kVariable: {
      const auto* v = static_cast<const hcl::VariableExpr*>(e);
      if (const Value* bound = s.Find(v->name())) return *bound;
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
  fields.reserve(o->items().size());
  Value unknown_key;
  bool has_unknown_key = false;
  for (const hcl::ObjectItem& item : o->items()) {
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
  if (out.size() > fn::kMaxStringBytes) {
    Diagnose(t->span, "template result is longer than " + std::to_string(fn::kMaxStringBytes) +
                          " bytes; it is treated as unknown");
    return Value::Unknown(t->span).WithProvenanceOf(prov);
  }
  Value result = unknown ? Value::Unknown(t->span) : Value::String(std::move(out), t->span);
  return result.WithProvenanceOf(prov);
}

void Evaluator::Impl::RenderParts(const hcl::List<hcl::TemplatePart>& parts, const Scope& s,
                                  std::string& out, bool& unknown, Value& prov) {
  using Kind = hcl::TemplatePart::Kind;
  for (const hcl::TemplatePart& p : parts) {
    // Past the limit the result is dropped (EvalTemplate): stop building it.
    if (out.size() > fn::kMaxStringBytes) return;
    switch (p.kind) {
      case Kind::kLiteral:
        out += p.text;
        Charge(p.text.size() / 64);
        break;
      case Kind::kInterpolation: {
        Value v = Eval(p.expr, s);
        prov = prov.WithProvenanceOf(v);
        if (v.is_unknown()) {
          unknown = true;
        } else if (auto str = ToStringValue(v)) {
          out += *str;
          Charge(str->size() / 64);
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
          RenderParts(*b ? p.directive->body : p.directive->orelse, s, out, unknown, prov);
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
          const hcl::TemplateDirective& d = *p.directive;
          if (!d.key_var.empty()) inner.names.emplace_back(d.key_var, std::move(k));
          inner.names.emplace_back(d.value_var, v);
          RenderParts(d.body, inner, out, unknown, prov);
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
  if (!t->base()) {  // both parsers keep a bare name root in the traversal
    root = ResolveRoot(t->root_name(), t->steps, consumed, s, t->span);
  } else {
    root = Eval(t->base(), s);
  }
  if (consumed >= t->steps.size()) return root;
  Value v = ApplySteps(root, t->steps, consumed, s);
  // A value picked out of a structure was written elsewhere; it arrives here.
  // One computed by the steps themselves (an unknown attribute) is the whole
  // reference.
  if (v.origin().valid() && !Inside(v.origin(), t->span)) {
    v = v.Through(t->span, "value set here").WithHopsOf(root);
  } else {
    v = v.WithOrigin(t->span);
  }
  return v;
}

Value Evaluator::Impl::ResolveRoot(std::string_view name, const hcl::List<hcl::Step>& steps,
                                   size_t& consumed, const Scope& s, Span at) {
  if (const Value* bound = s.Find(name)) return *bound;
  if (s.template_only || !s.module) {
    for (const Scope* p = &s; p; p = p->parent) {
      if (p->constant) {
        std::string_view what = at.text().empty() ? name : at.text();
        Diagnose(at, std::string(what) + " cannot be used in " + p->constant +
                         ": Terraform allows only constant values there");
        break;
      }
    }
    return Error(at);
  }
  auto attr = [&](size_t i) -> std::string_view {
    return i < steps.size() && steps[i].kind == hcl::Step::Kind::kAttr ? steps[i].name()
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
    if (attr(0) == "module") return Value::String(PathModule(m), at);
    if (attr(0) == "root") return Value::String(".", at);
    if (attr(0) == "cwd") return Value::Unknown(at);
    return Error(at);
  }
  if (name == "terraform") {
    consumed = 1;
    if (attr(0) == "workspace") {
      return options.workspace ? Value::String(*options.workspace, at) : Value::Unknown(at);
    }
    return Value::Unknown(at);
  }
  if (name == "self") return Value::Unknown(at);
  consumed = 1;
  if (attr(0).empty()) return Error(at);
  const ResourceDecl* d = m.config->FindResource(std::string(name) + "." + std::string(attr(0)));
  if (!d) return Error(at);
  return ResourceRef(m, *d, at);
}

Value Evaluator::Impl::ApplySteps(Value v, const hcl::List<hcl::Step>& steps, size_t from,
                                  const Scope& s) {
  for (size_t i = from; i < steps.size(); ++i) {
    const hcl::Step& st = steps[i];
    switch (st.kind) {
      case hcl::Step::Kind::kAttr:
        v = GetAttr(v, st.name(), st.span);
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
          Charge(v.items().size());
          for (const Value& item : v.items()) items.push_back(ApplySteps(item, st.rest(), 0, s));
        } else {
          items.push_back(ApplySteps(v, st.rest(), 0, s));
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
  if (c->name() == "try") {
    for (const hcl::Expr* a : c->args) {
      uint64_t before = errors;
      Value v = Eval(a, s);
      if (errors == before) return v;
    }
    return Error(c->span);
  }
  if (c->name() == "can") {
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
  Function f = FindFunction(c->name());
  if (!f) {
    Value u = Value::Unknown(c->span);
    for (const Value& a : args) u = u.WithProvenanceOf(a);
    return u;
  }
  // A function may walk its arguments and builds its result: that is work.
  uint64_t work = 0;
  for (const Value& a : args) work = std::min<uint64_t>(work + a.tree_size(), kMaxValueSize);
  Charge(work);
  if (steps > options.max_steps) return Value::Unknown(c->span);
  CallResult r = f(args, fctx, c->span);
  Charge(r.value.tree_size());
  if (!file_refusal.empty()) {
    Diagnose(c->span, std::string(c->name()) + file_refusal + "; its result is unknown");
    file_refusal.clear();
  }
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
      elems.emplace_back(
          Value::String(fl.key, fl.key_span.valid() ? fl.key_span : fl.value.origin()), fl.value);
    }
  } else {
    return Error(f->collection->span);
  }
  std::vector<Value> items;
  std::vector<Field> fields;
  std::set<std::string> keys;  // to find duplicate keys without a quadratic search
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
      if (!keys.insert(*ks).second) return Error(f->key->span);  // duplicate key
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
  auto prov = [&](const Value& v) { return v.WithHopsOf(l).WithHopsOf(r); };
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
      Charge(std::min(l.tree_size(), r.tree_size()));
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
  // Arithmetic is known only where doubles give Terraform's exact result:
  // 1 / 3 or 0.1 + 0.2 print differently at 512 bits.
  auto arithmetic = [&](double r, bool rounded) {
    if (rounded || !ShortDecimal(x) || !ShortDecimal(y) || !ShortDecimal(r)) return unknown();
    return prov(Value::Number(r, b->span));
  };
  switch (b->op) {
    case Op::kAdd:
      return arithmetic(x + y, SumError(x, y, x + y) != 0);
    case Op::kSub:
      return arithmetic(x - y, SumError(x, -y, x - y) != 0);
    case Op::kMul:
      return arithmetic(x * y, std::fma(x, y, -(x * y)) != 0);
    case Op::kDiv:
      if (y == 0) return Error(b->span);
      return arithmetic(x / y, std::fma(x / y, y, -x) != 0);
    case Op::kMod:
      // fmod is exact; like Terraform's %, its sign follows the dividend.
      if (y == 0) return Error(b->span);
      return arithmetic(std::fmod(x, y), false);
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
  if (chosen.is_number() || chosen.is_bool()) {
    // Terraform gives both results one type: `true ? 1 : "x"` is "1", and
    // a number against a bool is an error. The other result is evaluated
    // for its type only; its errors are not ours (as in HCL).
    uint64_t errors_before = errors;
    Value other = Eval(*b ? c->otherwise : c->then, s);
    errors = errors_before;
    if (other.is_string()) {
      chosen = Value::String(*ToStringValue(chosen), chosen.origin()).WithProvenanceOf(chosen);
    } else if ((other.is_number() || other.is_bool()) && other.kind() != chosen.kind()) {
      return Error(c->span);
    }
  }
  return chosen.WithHopsOf(cond);
}

}  // namespace infracheck::tf
