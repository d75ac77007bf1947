// Map functions: keys, lookup, matchkeys, merge, transpose, values, zipmap;
// and the set functions setintersection, setproduct, setsubtract, setunion.
#include <algorithm>
#include <map>

#include "checker/terraform/builtins.h"
#include "checker/terraform/function_util.h"

namespace infracheck::tf::fn {

namespace {

// How Terraform names our kinds in "got ..." messages.
std::string TerraformTypeName(const Value& v) {
  if (v.is_list()) return "tuple";
  return std::string(v.TypeName());
}

enum class SetOp { kUnion, kIntersection, kSubtract };

CallResult SetOperation(Call& c, SetOp op) {
  Args args = c.args();
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].is_unknown()) continue;
    if (args[i].is_null()) return c.ArgError(i, "argument must not be null");
    if (!args[i].is_list()) return c.ArgError(i, "a set of any single type is required");
  }
  for (const Value& a : args) {
    // Unknown elements could equal known ones: the result's size is unknown.
    if (!a.IsWhollyKnown()) return c.Unknown();
  }
  std::vector<Value> all;
  for (const Value& a : args) all.insert(all.end(), a.items().begin(), a.items().end());
  std::optional<std::vector<Value>> unified = UnifyPrimitives(all);
  if (!unified) return c.Error("given sets must all have compatible element types");
  std::vector<std::vector<Value>> sets;
  size_t at = 0;
  for (const Value& a : args) {
    sets.push_back(MakeSet(
        std::vector<Value>(unified->begin() + at, unified->begin() + at + a.items().size())));
    at += a.items().size();
  }
  auto has = [](const std::vector<Value>& set, const Value& v) {
    return std::any_of(set.begin(), set.end(), [&](const Value& s) { return SameValue(s, v); });
  };
  std::vector<Value> out;
  switch (op) {
    case SetOp::kUnion:
      out = MakeSet(std::move(*unified));
      break;
    case SetOp::kIntersection:
      for (const Value& v : sets[0]) {
        bool everywhere = std::all_of(sets.begin() + 1, sets.end(),
                                      [&](const std::vector<Value>& s) { return has(s, v); });
        if (everywhere) out.push_back(v);
      }
      break;
    case SetOp::kSubtract:
      for (const Value& v : sets[0]) {
        if (!has(sets[1], v)) out.push_back(v);
      }
      break;
  }
  return c.Ok(Value::List(std::move(out)));
}

}  // namespace

CallResult Keys(Args args, const FunctionContext&, Span call) {
  Call c("keys", args, call);
  TF_RETURN_IF(c.Arity({"inputMap"}));
  TF_RETURN_IF(c.Known(0));
  if (!args[0].is_object()) return c.ArgError(0, "must have map or object type");
  if (args[0].open()) return c.Unknown();
  std::vector<Value> out;
  for (const Field& f : args[0].fields()) {
    out.push_back(Value::String(f.key, f.key_span.valid() ? f.key_span : call));
  }
  return c.Ok(Value::List(std::move(out)));
}

CallResult Lookup(Args args, const FunctionContext&, Span call) {
  Call c("lookup", args, call);
  TF_RETURN_IF(c.ArityOptional({"inputMap", "key", "default"}, 1));
  std::string key;
  TF_RETURN_IF(c.Known(0));
  TF_RETURN_IF(c.String(1, &key));
  const Value& map = args[0];
  if (!map.is_object()) return c.ArgError(0, "the given value is not a map or object");
  if (const Value* v = map.Get(key)) return CallResult::Ok(*v);
  if (map.open()) {
    // An attribute we do not know of, computed by the provider.
    return CallResult::Ok(c.Unknown().value.WithRef(Ref{map.open_address(), key}));
  }
  if (args.size() == 3) return CallResult::Ok(args[2]);
  return c.ArgError(0, "the given object has no attribute \"" + key + "\"");
}

CallResult MatchKeys(Args args, const FunctionContext&, Span call) {
  Call c("matchkeys", args, call);
  TF_RETURN_IF(c.Arity({"values", "keys", "searchset"}));
  for (size_t i = 0; i < 3; ++i) {
    if (!args[i].is_unknown() && !args[i].is_list()) {
      return c.ArgError(i, "list of any single type required");
    }
  }
  if (args[0].is_unknown()) return c.Unknown();
  TF_RETURN_IF(c.Known(1));
  TF_RETURN_IF(c.Known(2));
  const auto& values = args[0].items();
  const auto& keys = args[1].items();
  const auto& search = args[2].items();
  if (values.size() != keys.size()) return c.Error("length of keys and values should be equal");
  std::vector<Value> both(keys.begin(), keys.end());
  both.insert(both.end(), search.begin(), search.end());
  std::optional<std::vector<Value>> unified = UnifyPrimitives(both);
  if (!unified) return c.ArgError(1, "keys and searchset must be of the same type");
  if (search.empty()) return c.Ok(Value::List({}));
  if (!args[0].IsWhollyKnown() || !args[1].IsWhollyKnown()) return c.Unknown();
  std::vector<Value> out;
  for (size_t i = 0; i < keys.size(); ++i) {
    for (size_t k = 0; k < search.size(); ++k) {
      Tri t = Equals((*unified)[i], (*unified)[keys.size() + k]);
      if (t == Tri::kUnknown) return c.Unknown();
      if (t == Tri::kTrue) {
        out.push_back(values[i]);
        break;
      }
    }
  }
  return c.Ok(Value::List(std::move(out)));
}

CallResult Merge(Args args, const FunctionContext&, Span call) {
  Call c("merge", args, call);
  TF_RETURN_IF(c.Arity({}, "maps"));
  for (const Value& a : args) {
    if (a.is_unknown() || a.is_null()) continue;
    if (!a.is_object()) {
      return c.Error("arguments must be maps or objects, got \"" + TerraformTypeName(a) + "\"");
    }
  }
  std::vector<Field> fields;
  for (const Value& a : args) {
    if (a.is_unknown() || a.open()) return c.Unknown();
    if (a.is_null()) continue;
    fields.insert(fields.end(), a.fields().begin(), a.fields().end());
  }
  return c.Ok(Value::Object(std::move(fields)));
}

CallResult Transpose(Args args, const FunctionContext&, Span call) {
  Call c("transpose", args, call);
  TF_RETURN_IF(c.Arity({"values"}));
  const std::vector<Field>* fields = nullptr;
  TF_RETURN_IF(c.Mapping(0, &fields));
  if (!args[0].IsWhollyKnown()) return c.Unknown();
  std::map<std::string, std::vector<Value>> out;
  for (const Field& f : *fields) {
    if (!f.value.is_list()) return c.ArgError(0, "map of list of string required");
    for (const Value& v : f.value.items()) {
      if (v.is_null() || v.is_list() || v.is_object()) {
        return c.ArgError(0, "map of list of string required");
      }
      std::optional<std::string> s = PrimitiveString(v);
      if (!s) return c.Unknown();
      out[*s].push_back(Value::String(f.key, f.key_span.valid() ? f.key_span : call));
    }
  }
  std::vector<Field> result;
  result.reserve(out.size());
  for (auto& [k, v] : out) result.push_back(Field{k, Value::List(std::move(v), call), {}});
  return c.Ok(Value::Object(std::move(result)));
}

CallResult Values(Args args, const FunctionContext&, Span call) {
  Call c("values", args, call);
  TF_RETURN_IF(c.Arity({"mapping"}));
  TF_RETURN_IF(c.Known(0));
  if (!args[0].is_object()) return c.ArgError(0, "must have map or object type");
  if (args[0].open()) return c.Unknown();
  std::vector<Value> out;
  for (const Field& f : args[0].fields()) out.push_back(f.value);
  return c.Ok(Value::List(std::move(out)));
}

CallResult Zipmap(Args args, const FunctionContext&, Span call) {
  Call c("zipmap", args, call);
  TF_RETURN_IF(c.Arity({"keys", "values"}));
  for (size_t i = 0; i < 2; ++i) {
    if (!args[i].is_unknown() && !args[i].is_null() && !args[i].is_list()) {
      return c.ArgError(i, "list required");
    }
  }
  TF_RETURN_IF(c.Known(0));
  TF_RETURN_IF(c.Known(1));
  const auto& keys = args[0].items();
  const auto& values = args[1].items();
  if (keys.size() != values.size()) {
    return c.Error("number of keys (" + std::to_string(keys.size()) +
                   ") does not match number of values (" + std::to_string(values.size()) + ")");
  }
  std::vector<Field> fields;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].is_unknown()) return c.Unknown();
    if (keys[i].is_null()) return c.ArgError(0, "element " + std::to_string(i) + " is null");
    if (keys[i].is_list() || keys[i].is_object()) return c.ArgError(0, "list of string required");
    std::optional<std::string> k = PrimitiveString(keys[i]);
    if (!k) return c.Unknown();
    fields.push_back(Field{std::move(*k), values[i], keys[i].origin()});
  }
  return c.Ok(Value::Object(std::move(fields)));
}

CallResult SetIntersection(Args args, const FunctionContext&, Span call) {
  Call c("setintersection", args, call);
  TF_RETURN_IF(c.Arity({"first_set"}, "other_sets"));
  return SetOperation(c, SetOp::kIntersection);
}

CallResult SetSubtract(Args args, const FunctionContext&, Span call) {
  Call c("setsubtract", args, call);
  TF_RETURN_IF(c.Arity({"a", "b"}));
  return SetOperation(c, SetOp::kSubtract);
}

CallResult SetUnion(Args args, const FunctionContext&, Span call) {
  Call c("setunion", args, call);
  TF_RETURN_IF(c.Arity({"first_set"}, "other_sets"));
  return SetOperation(c, SetOp::kUnion);
}

CallResult SetProduct(Args args, const FunctionContext&, Span call) {
  Call c("setproduct", args, call);
  TF_RETURN_IF(c.Arity({}, "sets"));
  if (args.size() < 2) return c.Error("at least two arguments are required");
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].is_unknown()) continue;
    if (args[i].is_null()) return c.ArgError(i, "argument must not be null");
    if (!args[i].is_list()) return c.ArgError(i, "a set or a list is required");
  }
  for (const Value& a : args) {
    if (!a.IsWhollyKnown()) return c.Unknown();
  }
  size_t total = 1;
  for (const Value& a : args) {
    size_t n = a.items().size();
    if (n == 0) return c.Ok(Value::List({}));
    if (total > kMaxElements / n) return c.Error("the result would have too many elements");
    total *= n;
  }
  std::vector<Value> out;
  out.reserve(total);
  std::vector<size_t> idx(args.size(), 0);
  for (size_t k = 0; k < total; ++k) {
    std::vector<Value> row;
    row.reserve(args.size());
    for (size_t i = 0; i < args.size(); ++i) row.push_back(args[i].items()[idx[i]]);
    out.push_back(Value::List(std::move(row), call));
    for (size_t i = args.size(); i-- > 0;) {
      if (++idx[i] < args[i].items().size()) break;
      idx[i] = 0;
    }
  }
  return c.Ok(Value::List(std::move(out)));
}

}  // namespace infracheck::tf::fn
