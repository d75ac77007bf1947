#include "checker/terraform/types.h"

#include <algorithm>
#include <array>

#include "checker/terraform/functions.h"

namespace infracheck::tf {

namespace {

std::string_view NameOf(const hcl::Expr* e) {
  if (e && e->kind == hcl::ExprKind::kVariable)
    return static_cast<const hcl::VariableExpr*>(e)->name();
  return {};
}

std::shared_ptr<const Type> Parse(const hcl::Expr* e, int depth);

// Primitive types are shared: a module declares hundreds of `type = string`.
std::shared_ptr<const Type> Prim(Type::Kind k) {
  static const auto* prims = [] {
    auto* all = new std::array<std::shared_ptr<const Type>, 4>;
    for (Type::Kind kind :
         {Type::Kind::kAny, Type::Kind::kString, Type::Kind::kNumber, Type::Kind::kBool}) {
      auto t = std::make_shared<Type>();
      t->kind = kind;
      (*all)[static_cast<size_t>(kind)] = std::move(t);
    }
    return all;
  }();
  return (*prims)[static_cast<size_t>(k)];
}

// So are collections of them: `map(string)` and `list(string)` are the most
// common declared types after the primitives. Null for other element types.
std::shared_ptr<const Type> PrimCollection(Type::Kind k, const std::shared_ptr<const Type>& elem) {
  constexpr size_t kPrims = 4;  // kAny, kString, kNumber, kBool
  static const auto* all = [] {
    auto* out = new std::array<std::shared_ptr<const Type>, 3 * kPrims>;
    size_t i = 0;
    for (Type::Kind kind : {Type::Kind::kList, Type::Kind::kSet, Type::Kind::kMap}) {
      for (size_t e = 0; e < kPrims; ++e) {
        auto t = std::make_shared<Type>();
        t->kind = kind;
        t->elem = Prim(static_cast<Type::Kind>(e));
        (*out)[i++] = std::move(t);
      }
    }
    return out;
  }();
  size_t e = static_cast<size_t>(elem->kind);
  if (e >= kPrims || elem != Prim(elem->kind)) return nullptr;
  size_t row = k == Type::Kind::kList ? 0 : k == Type::Kind::kSet ? 1 : 2;
  return (*all)[row * kPrims + e];
}

std::shared_ptr<const Type> Parse(const hcl::Expr* e, int depth) {
  if (!e || depth > 64) return nullptr;
  if (e->kind == hcl::ExprKind::kParens) {
    return Parse(static_cast<const hcl::ParensExpr*>(e)->inner, depth + 1);
  }
  std::string_view n = NameOf(e);
  if (n == "any") return Prim(Type::Kind::kAny);
  if (n == "string") return Prim(Type::Kind::kString);
  if (n == "number") return Prim(Type::Kind::kNumber);
  if (n == "bool") return Prim(Type::Kind::kBool);
  if (n == "list") return Prim(Type::Kind::kAny);  // legacy bare `list`
  if (n == "map") return Prim(Type::Kind::kAny);
  if (e->kind != hcl::ExprKind::kCall) return nullptr;
  const auto* c = static_cast<const hcl::CallExpr*>(e);
  if ((c->name() == "list" || c->name() == "set" || c->name() == "map") && c->args.size() == 1) {
    Type::Kind kind = c->name() == "list"  ? Type::Kind::kList
                      : c->name() == "set" ? Type::Kind::kSet
                                           : Type::Kind::kMap;
    auto elem = Parse(c->args[0], depth + 1);
    if (!elem) return nullptr;
    if (auto shared = PrimCollection(kind, elem)) return shared;
    auto t = std::make_shared<Type>();
    t->kind = kind;
    t->elem = std::move(elem);
    return t;
  }
  auto t = std::make_shared<Type>();
  if (c->name() == "tuple" && c->args.size() == 1 && c->args[0]->kind == hcl::ExprKind::kTuple) {
    t->kind = Type::Kind::kTuple;
    for (const hcl::Expr* x : static_cast<const hcl::TupleExpr*>(c->args[0])->items()) {
      auto et = Parse(x, depth + 1);
      if (!et) return nullptr;
      t->elems.push_back(et);
    }
    return t;
  }
  if (c->name() == "object" && c->args.size() == 1 && c->args[0]->kind == hcl::ExprKind::kObject) {
    t->kind = Type::Kind::kObject;
    for (const hcl::ObjectItem& item : static_cast<const hcl::ObjectExpr*>(c->args[0])->items()) {
      std::string key;
      if (item.key->kind == hcl::ExprKind::kLiteral) {
        const Value& kv = static_cast<const hcl::LiteralExpr*>(item.key)->value();
        if (!kv.is_string()) return nullptr;
        key = kv.str();
      } else {
        return nullptr;
      }
      Type::Attr a;
      a.name = key;
      const hcl::Expr* te = item.value;
      if (te->kind == hcl::ExprKind::kCall &&
          static_cast<const hcl::CallExpr*>(te)->name() == "optional") {
        const auto* oc = static_cast<const hcl::CallExpr*>(te);
        if (oc->args.empty() || oc->args.size() > 2) return nullptr;
        a.optional = true;
        te = oc->args[0];
        if (oc->args.size() == 2) a.default_expr = oc->args[1];
      }
      a.type = Parse(te, depth + 1);
      if (!a.type) return nullptr;
      t->attrs.push_back(std::move(a));
    }
    std::sort(t->attrs.begin(), t->attrs.end(),
              [](const Type::Attr& x, const Type::Attr& y) { return x.name < y.name; });
    return t;
  }
  return nullptr;
}

bool SetLess(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return a.kind() < b.kind();
  if (a.is_number()) return a.number() < b.number();
  if (a.is_string()) return a.str() < b.str();
  if (a.is_bool()) return a.bool_value() < b.bool_value();
  return false;
}

std::optional<Value> ConvertRec(const Value& v, const Type& t, const DefaultEvaluator& ev,
                                int depth) {
  if (depth > 64) return v;
  if (t.kind == Type::Kind::kAny || v.is_unknown() || v.is_null()) return v;
  Span o = v.origin();
  switch (t.kind) {
    case Type::Kind::kString: {
      if (v.is_string()) return v;
      if (v.is_number() || v.is_bool()) {
        return Value::String(*ToStringValue(v), o).WithProvenanceOf(v);
      }
      return std::nullopt;
    }
    case Type::Kind::kNumber: {
      if (v.is_number()) return v;
      if (auto n = NumberOf(&v)) return Value::Number(*n, o).WithProvenanceOf(v);
      return std::nullopt;
    }
    case Type::Kind::kBool: {
      if (v.is_bool()) return v;
      if (v.is_string() && (v.str() == "true" || v.str() == "false")) {
        return Value::Bool(v.str() == "true", o).WithProvenanceOf(v);
      }
      return std::nullopt;
    }
    case Type::Kind::kList:
    case Type::Kind::kSet: {
      if (!v.is_list()) return std::nullopt;
      // Elements are copied only from the first one the conversion changes
      // (most lists already hold their type).
      const std::vector<Value>& from = v.items();
      std::vector<Value> items;
      bool unchanged = true;  // every element so far already of the type
      for (size_t i = 0; i < from.size(); ++i) {
        auto c = ConvertRec(from[i], *t.elem, ev, depth + 1);
        if (!c) return std::nullopt;
        if (unchanged && !c->Identical(from[i])) {
          unchanged = false;
          items.reserve(from.size());
          items.assign(from.begin(), from.begin() + static_cast<std::ptrdiff_t>(i));
        }
        if (!unchanged) items.push_back(std::move(*c));
      }
      if (unchanged && t.kind == Type::Kind::kList) return v;
      if (unchanged) items = from;
      if (t.kind == Type::Kind::kSet) {
        bool known = std::all_of(items.begin(), items.end(),
                                 [](const Value& x) { return x.IsWhollyKnown(); });
        if (known) {
          std::stable_sort(items.begin(), items.end(), SetLess);
          items.erase(std::unique(items.begin(), items.end(),
                                  [](const Value& a, const Value& b) { return SameValue(a, b); }),
                      items.end());
        }
      }
      return Value::List(std::move(items), o).WithProvenanceOf(v);
    }
    case Type::Kind::kMap: {
      if (!v.is_object()) return std::nullopt;
      // As for lists: fields are copied only from the first one that changes.
      const std::vector<Field>& from = v.fields();
      std::vector<Field> fields;
      bool unchanged = true;  // every value so far already of the type
      for (size_t i = 0; i < from.size(); ++i) {
        const Field& f = from[i];
        auto c = ConvertRec(f.value, *t.elem, ev, depth + 1);
        if (!c) return std::nullopt;
        if (unchanged && !c->Identical(f.value)) {
          unchanged = false;
          fields.reserve(from.size());
          fields.assign(from.begin(), from.begin() + static_cast<std::ptrdiff_t>(i));
        }
        if (!unchanged) fields.push_back(Field{f.key, std::move(*c), f.key_span});
      }
      if (unchanged && !v.open()) return v;
      if (unchanged) fields = from;
      return Value::Object(std::move(fields), o).WithProvenanceOf(v);
    }
    case Type::Kind::kObject: {
      if (!v.is_object()) return std::nullopt;
      std::vector<Field> fields;
      for (const Type::Attr& a : t.attrs) {
        const Field* f = v.GetField(a.name);
        if (!f || f->value.is_null()) {
          if (!a.optional) {
            if (f) {
              fields.push_back(*f);
              continue;
            }
            return std::nullopt;
          }
          Value d = a.default_expr && ev ? ev(a.default_expr) : Value::Null(o);
          if (a.default_expr && ev) {
            auto c = ConvertRec(d, *a.type, ev, depth + 1);
            if (c) d = std::move(*c);
          }
          fields.push_back(Field{a.name, std::move(d), f ? f->key_span : Span{}});
          continue;
        }
        auto c = ConvertRec(f->value, *a.type, ev, depth + 1);
        if (!c) return std::nullopt;
        fields.push_back(Field{a.name, std::move(*c), f->key_span});
      }
      return Value::Object(std::move(fields), o).WithProvenanceOf(v);
    }
    case Type::Kind::kTuple: {
      if (!v.is_list() || v.items().size() != t.elems.size()) return std::nullopt;
      std::vector<Value> items;
      for (size_t i = 0; i < t.elems.size(); ++i) {
        auto c = ConvertRec(v.items()[i], *t.elems[i], ev, depth + 1);
        if (!c) return std::nullopt;
        items.push_back(std::move(*c));
      }
      return Value::List(std::move(items), o).WithProvenanceOf(v);
    }
    case Type::Kind::kAny:
      break;
  }
  return v;
}

}  // namespace

std::shared_ptr<const Type> ParseType(const hcl::Expr* e) { return Parse(e, 0); }

std::optional<Value> Convert(const Value& v, const Type& t, const DefaultEvaluator& eval_default) {
  return ConvertRec(v, t, eval_default, 0);
}

}  // namespace infracheck::tf
