// Sequence functions: alltrue, anytrue, chunklist, coalesce, coalescelist,
// compact, concat, contains, distinct, element, flatten, index, length, one,
// range, reverse, slice, sort.
#include <algorithm>
#include <cmath>

#include "checker/terraform/builtins.h"
#include "checker/terraform/function_util.h"
#include "checker/terraform/unicode.h"

namespace infracheck::tf::fn {

namespace {

// Terraform's range() refuses to make more than this many values.
constexpr size_t kMaxRange = 1024;

// Converts a list(bool) element; nullopt when it is not a bool.
std::optional<bool> BoolOf(const Value& v) {
  if (v.is_bool()) return v.bool_value();
  if (v.is_string() && (v.str() == "true" || v.str() == "false")) return v.str() == "true";
  return std::nullopt;
}

CallResult TruthOf(std::string_view name, Args args, Span span, bool all) {
  Call c(name, args, span);
  TF_RETURN_IF(c.Arity({"list"}));
  const std::vector<Value>* items = nullptr;
  TF_RETURN_IF(c.Sequence(0, &items));
  for (size_t i = 0; i < items->size(); ++i) {
    const Value& v = (*items)[i];
    if (!v.is_unknown() && !v.is_null() && !BoolOf(v)) {
      return c.ArgError(0, "element " + std::to_string(i) + ": bool required");
    }
  }
  // Same order of decisions as Terraform's alltrue / anytrue.
  bool unknown = false;
  for (const Value& v : *items) {
    if (v.is_unknown()) {
      if (all) return c.Unknown();
      unknown = true;
      continue;
    }
    if (v.is_null()) {
      if (all) return c.Ok(Value::Bool(false));
      continue;
    }
    bool b = *BoolOf(v);
    if (all && !b) return c.Ok(Value::Bool(false));
    if (!all && b) return c.Ok(Value::Bool(true));
  }
  if (unknown) return c.Unknown();
  return c.Ok(Value::Bool(all));
}

// Index argument as gocty converts to int: a whole number.
Early IndexArg(const Call& c, size_t i, int64_t* out, const char* prefix) {
  TF_RETURN_IF(c.Known(i));
  double d = 0;
  TF_RETURN_IF(c.Number(i, &d));
  if (d != std::floor(d) || std::fabs(d) >= 9.2233720368547758e18) {
    return c.Error(std::string(prefix) +
                   "value must be a whole number, between -9223372036854775808 and "
                   "9223372036854775807");
  }
  *out = static_cast<int64_t>(d);
  return std::nullopt;
}

// Primitive kinds among known, non-null values: the type coalesce unifies to.
enum class Unified { kNone, kSame, kString, kError };

Unified UnifyKinds(Args args) {
  bool s = false, n = false, b = false, complex = false;
  for (const Value& v : args) {
    s |= v.is_string();
    n |= v.is_number();
    b |= v.is_bool();
    complex |= v.is_list() || v.is_object();
  }
  int kinds = int(s) + int(n) + int(b);
  if (complex && kinds > 0) return Unified::kError;
  if (kinds <= 1) return kinds == 0 && !complex ? Unified::kNone : Unified::kSame;
  if (!s) return Unified::kError;
  return Unified::kString;
}

void FlattenInto(const std::vector<Value>& items, std::vector<Value>& out, bool& unknown,
                 int depth) {
  for (const Value& v : items) {
    if (v.is_unknown()) {
      // It might be a list that would flatten into any number of values.
      unknown = true;
      return;
    }
    if (v.is_list()) {
      if (depth > 256) {
        unknown = true;
        return;
      }
      FlattenInto(v.items(), out, unknown, depth + 1);
      if (unknown) return;
    } else {
      out.push_back(v);
    }
  }
}

}  // namespace

CallResult AllTrue(Args args, const FunctionContext&, Span call) {
  return TruthOf("alltrue", args, call, true);
}

CallResult AnyTrue(Args args, const FunctionContext&, Span call) {
  return TruthOf("anytrue", args, call, false);
}

CallResult ChunkList(Args args, const FunctionContext&, Span call) {
  Call c("chunklist", args, call);
  TF_RETURN_IF(c.Arity({"list", "size"}));
  const std::vector<Value>* items = nullptr;
  TF_RETURN_IF(c.Sequence(0, &items));
  int64_t size = 0;
  TF_RETURN_IF(c.Int(1, &size));
  if (size < 0) return c.Error("the size argument must be positive");
  std::optional<std::vector<Value>> unified = UnifyPrimitives(*items);
  if (!unified) return c.ArgError(0, "all list elements must have the same type");
  std::vector<Value> out;
  if (unified->empty()) return c.Ok(Value::List({}));
  if (size == 0) return c.Ok(Value::List({Value::List(std::move(*unified), call)}));
  for (size_t i = 0; i < unified->size(); i += static_cast<size_t>(size)) {
    size_t end = std::min(unified->size(), i + static_cast<size_t>(size));
    out.push_back(
        Value::List(std::vector<Value>(unified->begin() + i, unified->begin() + end), call));
  }
  return c.Ok(Value::List(std::move(out)));
}

CallResult Coalesce(Args args, const FunctionContext&, Span call) {
  Call c("coalesce", args, call);
  TF_RETURN_IF(c.Arity({}, "vals"));
  Unified u = UnifyKinds(args);
  if (u == Unified::kError) return c.Error("all arguments must have the same type");
  bool strings = u == Unified::kString ||
                 (u == Unified::kSame && std::any_of(args.begin(), args.end(),
                                                     [](const Value& v) { return v.is_string(); }));
  for (const Value& v : args) {
    if (v.is_unknown()) return c.Unknown();
    if (v.is_null()) continue;
    if (strings) {
      std::optional<Value> s = AsStringValue(v);
      if (!s) return c.Unknown();
      if (s->str().empty()) continue;
      return CallResult::Ok(*s);
    }
    return CallResult::Ok(v);
  }
  return c.Error("no non-null, non-empty-string arguments");
}

CallResult CoalesceList(Args args, const FunctionContext&, Span call) {
  Call c("coalescelist", args, call);
  TF_RETURN_IF(c.Arity({}, "vals"));
  if (args.empty()) return c.Error("at least one argument is required");
  for (const Value& v : args) {
    if (!v.is_unknown() && !v.is_list()) {
      return c.Error("coalescelist arguments must be lists or tuples");
    }
  }
  for (const Value& v : args) {
    if (v.is_unknown()) return c.Unknown();
    if (!v.items().empty()) return CallResult::Ok(v);
  }
  return c.Error("no non-null arguments");
}

CallResult Compact(Args args, const FunctionContext&, Span call) {
  Call c("compact", args, call);
  TF_RETURN_IF(c.Arity({"list"}));
  TF_RETURN_IF(c.Known(0));
  const Value& list = args[0];
  if (!list.is_list()) return c.ArgError(0, "list of string required");
  if (!list.IsWhollyKnown()) return c.Unknown();
  std::vector<Value> out;
  for (const Value& v : list.items()) {
    if (v.is_null()) continue;
    if (v.is_list() || v.is_object()) return c.ArgError(0, "list of string required");
    std::optional<Value> s = AsStringValue(v);
    if (!s) return c.Unknown();
    if (s->str().empty()) continue;
    out.push_back(std::move(*s));
  }
  return c.Ok(Value::List(std::move(out)));
}

CallResult Concat(Args args, const FunctionContext&, Span call) {
  Call c("concat", args, call);
  TF_RETURN_IF(c.Arity({}, "seqs"));
  if (args.empty()) return c.Error("at least one argument is required");
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].is_unknown()) continue;
    if (!args[i].is_list()) {
      return c.ArgError(
          i, "all arguments must be lists or tuples; got " + std::string(args[i].TypeName()));
    }
  }
  std::vector<Value> out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].is_unknown()) return c.Unknown();
    if (out.size() + args[i].items().size() > kMaxElements) return c.Error("result is too long");
    out.insert(out.end(), args[i].items().begin(), args[i].items().end());
  }
  return c.Ok(Value::List(std::move(out)));
}

CallResult Contains(Args args, const FunctionContext&, Span call) {
  Call c("contains", args, call);
  TF_RETURN_IF(c.Arity({"list", "value"}));
  const Value& list = args[0];
  if (list.is_null()) return c.Error("cannot search a nil list or set");
  if (!list.is_unknown() && !list.is_list()) return c.Error("argument must be list, tuple, or set");
  if (list.is_list() && list.items().empty()) return c.Ok(Value::Bool(false));
  if (args[1].is_null()) return c.ArgError(1, "argument must not be null");
  if (list.is_unknown() || args[1].is_unknown()) return c.Unknown();
  bool unknown = false;
  for (const Value& v : list.items()) {
    Tri t = Equals(args[1], v);
    if (t == Tri::kTrue) return c.Ok(Value::Bool(true));
    if (t == Tri::kUnknown) unknown = true;
  }
  if (unknown) return c.Unknown();
  return c.Ok(Value::Bool(false));
}

CallResult Distinct(Args args, const FunctionContext&, Span call) {
  Call c("distinct", args, call);
  TF_RETURN_IF(c.Arity({"list"}));
  const std::vector<Value>* items = nullptr;
  TF_RETURN_IF(c.Sequence(0, &items));
  if (!args[0].IsWhollyKnown()) return c.Unknown();
  std::optional<std::vector<Value>> unified = UnifyPrimitives(*items);
  if (!unified) return c.ArgError(0, "all list elements must have the same type");
  std::vector<Value> out;
  for (Value& v : *unified) {
    bool seen =
        std::any_of(out.begin(), out.end(), [&](const Value& o) { return SameValue(o, v); });
    if (!seen) out.push_back(std::move(v));
  }
  return c.Ok(Value::List(std::move(out)));
}

CallResult Element(Args args, const FunctionContext&, Span call) {
  Call c("element", args, call);
  TF_RETURN_IF(c.Arity({"list", "index"}));
  const Value& list = args[0];
  if (!list.is_unknown() && !list.is_null() && !list.is_list()) {
    return c.Error("cannot read elements from " + std::string(list.TypeName()));
  }
  int64_t index = 0;
  TF_RETURN_IF(IndexArg(c, 1, &index, "invalid index: "));
  TF_RETURN_IF(c.Known(0));
  if (list.items().empty()) return c.Error("cannot use element function with an empty list");
  if (index < 0) return c.Error("cannot use element function with a negative index");
  return CallResult::Ok(list.items()[static_cast<size_t>(index) % list.items().size()]);
}

CallResult Flatten(Args args, const FunctionContext&, Span call) {
  Call c("flatten", args, call);
  TF_RETURN_IF(c.Arity({"list"}));
  TF_RETURN_IF(c.Known(0));
  if (!args[0].is_list()) return c.Error("can only flatten lists, sets and tuples");
  std::vector<Value> out;
  bool unknown = false;
  FlattenInto(args[0].items(), out, unknown, 0);
  if (unknown) return c.Unknown();
  return c.Ok(Value::List(std::move(out)));
}

CallResult Index(Args args, const FunctionContext&, Span call) {
  Call c("index", args, call);
  TF_RETURN_IF(c.Arity({"list", "value"}));
  const Value& list = args[0];
  if (!list.is_unknown() && !list.is_list()) return c.Error("argument must be a list or tuple");
  if (list.is_unknown()) return c.Unknown();
  if (list.items().empty()) return c.Error("cannot search an empty list");
  for (size_t i = 0; i < list.items().size(); ++i) {
    Tri t = Equals(list.items()[i], args[1]);
    if (t == Tri::kUnknown) return c.Unknown();
    if (t == Tri::kTrue) return c.Ok(Value::Number(static_cast<double>(i)));
  }
  return c.Error("item not found");
}

CallResult Length(Args args, const FunctionContext&, Span call) {
  Call c("length", args, call);
  TF_RETURN_IF(c.Arity({"value"}));
  TF_RETURN_IF(c.Known(0));
  const Value& v = args[0];
  switch (v.kind()) {
    case Value::Kind::kString:
      // Terraform counts the clusters of the NFC form.
      if (!unicode::IsSurelyNfc(v.str())) return c.Unknown();
      return c.Ok(Value::Number(static_cast<double>(unicode::GraphemeCount(v.str()))));
    case Value::Kind::kList:
      return c.Ok(Value::Number(static_cast<double>(v.items().size())));
    case Value::Kind::kObject:
      if (v.open()) return c.Unknown();
      return c.Ok(Value::Number(static_cast<double>(v.fields().size())));
    default:
      return c.Error("argument must be a string, a collection type, or a structural type");
  }
}

CallResult One(Args args, const FunctionContext&, Span call) {
  Call c("one", args, call);
  TF_RETURN_IF(c.Arity({"list"}));
  const Value& list = args[0];
  if (list.is_unknown()) return c.Unknown();
  if (!list.is_list() || list.items().size() > 1) {
    return c.ArgError(0, "must be a list, set, or tuple value with either zero or one elements");
  }
  if (list.items().empty()) return c.Ok(Value::Null());
  return CallResult::Ok(list.items()[0]);
}

CallResult Range(Args args, const FunctionContext&, Span call) {
  Call c("range", args, call);
  TF_RETURN_IF(c.Arity({}, "params"));
  if (args.empty() || args.size() > 3) return c.Error("must have one, two, or three arguments");
  std::vector<double> p(args.size());
  for (size_t i = 0; i < args.size(); ++i) TF_RETURN_IF(c.Number(i, &p[i]));
  double start = 0, end = 0, step = 1;
  if (p.size() == 1) {
    end = p[0];
    step = end < 0 ? -1 : 1;
  } else if (p.size() == 2) {
    start = p[0];
    end = p[1];
    step = end < start ? -1 : 1;
  } else {
    start = p[0];
    end = p[1];
    step = p[2];
  }
  if (step == 0) return c.ArgError(2, "step must not be zero");
  bool down = step < 0;
  if (down && end > start) {
    return c.ArgError(1, "end must be less than start when step is negative");
  }
  if (!down && end < start) {
    return c.ArgError(1, "end must be greater than start when step is positive");
  }
  if (!std::isfinite(start) || !std::isfinite(step)) return c.Unknown();
  std::vector<Value> out;
  for (int64_t i = 0;; ++i) {
    std::optional<double> num = DecimalMulAdd(start, i, step);
    if (!num) return c.Unknown();
    if (down ? *num <= end : *num >= end) break;
    if (out.size() >= kMaxRange) {
      return c.Error(
          "more than 1024 values were generated; either decrease the difference between start "
          "and end or use a smaller step");
    }
    out.push_back(Value::Number(*num, call));
  }
  return c.Ok(Value::List(std::move(out)));
}

CallResult Reverse(Args args, const FunctionContext&, Span call) {
  Call c("reverse", args, call);
  TF_RETURN_IF(c.Arity({"list"}));
  TF_RETURN_IF(c.Known(0));
  if (!args[0].is_list()) {
    return c.ArgError(
        0, "can only reverse list or tuple values, not " + std::string(args[0].TypeName()));
  }
  std::vector<Value> out(args[0].items().rbegin(), args[0].items().rend());
  return c.Ok(Value::List(std::move(out)));
}

CallResult Slice(Args args, const FunctionContext&, Span call) {
  Call c("slice", args, call);
  TF_RETURN_IF(c.Arity({"list", "start_index", "end_index"}));
  const Value& list = args[0];
  if (!list.is_unknown() && !list.is_null() && !list.is_list()) {
    return c.ArgError(0, "must be a list or tuple value");
  }
  int64_t start = 0, end = 0;
  TF_RETURN_IF(IndexArg(c, 1, &start, "invalid start index: "));
  TF_RETURN_IF(IndexArg(c, 2, &end, "invalid end index: "));
  TF_RETURN_IF(c.Known(0));
  if (end > static_cast<int64_t>(list.items().size())) {
    return c.ArgError(2, "end index must not be greater than the length of the list");
  }
  if (start < 0) return c.ArgError(1, "start index must not be less than zero");
  if (start > end) return c.ArgError(1, "start index must not be greater than end index");
  std::vector<Value> out(list.items().begin() + start, list.items().begin() + end);
  return c.Ok(Value::List(std::move(out)));
}

CallResult Sort(Args args, const FunctionContext&, Span call) {
  Call c("sort", args, call);
  TF_RETURN_IF(c.Arity({"list"}));
  TF_RETURN_IF(c.Known(0));
  const Value& list = args[0];
  if (!list.is_list()) return c.ArgError(0, "list of string required");
  if (!list.IsWhollyKnown()) return c.Unknown();
  std::vector<Value> out;
  for (size_t i = 0; i < list.items().size(); ++i) {
    const Value& v = list.items()[i];
    if (v.is_null()) {
      return c.Error("given list element " + std::to_string(i) +
                     " is null; a null string cannot be sorted");
    }
    if (v.is_list() || v.is_object()) return c.ArgError(0, "list of string required");
    std::optional<Value> s = AsStringValue(v);
    if (!s) return c.Unknown();
    out.push_back(std::move(*s));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Value& a, const Value& b) { return a.str() < b.str(); });
  return c.Ok(Value::List(std::move(out)));
}

}  // namespace infracheck::tf::fn
