// Type conversion functions: tobool, tolist, tomap, tonumber, toset,
// tostring; and sensitive/nonsensitive/ephemeralasnull, which leave values
// as they are (we do not track sensitivity).
#include "checker/terraform/builtins.h"
#include "checker/terraform/function_util.h"

namespace infracheck::tf::fn {

namespace {

std::string TypeWord(const Value& v) {
  if (v.is_list()) return "tuple";
  return std::string(v.TypeName());
}

// Shared start of the to*() functions: one argument; unknown in, unknown
// out; null in, null out.
Early ConvertStart(Call& c) {
  TF_RETURN_IF(c.Arity({"v"}));
  if (c.arg(0).is_unknown()) return c.Unknown();
  if (c.arg(0).is_null()) return CallResult::Ok(c.arg(0));
  return std::nullopt;
}

}  // namespace

CallResult ToBool(Args args, const FunctionContext&, Span call) {
  Call c("tobool", args, call);
  TF_RETURN_IF(ConvertStart(c));
  const Value& v = args[0];
  if (v.is_bool()) return CallResult::Ok(v);
  if (v.is_string()) {
    if (v.str() == "true" || v.str() == "false") return c.Ok(Value::Bool(v.str() == "true"));
    return c.ArgError(0, "cannot convert \"" + v.str() +
                             "\" to bool; only the strings \"true\" or \"false\" are allowed");
  }
  return c.ArgError(0, "cannot convert " + TypeWord(v) + " to bool");
}

CallResult ToNumber(Args args, const FunctionContext&, Span call) {
  Call c("tonumber", args, call);
  TF_RETURN_IF(ConvertStart(c));
  const Value& v = args[0];
  if (v.is_number()) return CallResult::Ok(v);
  if (v.is_string()) {
    bool out_of_range = false;
    std::optional<double> d = ParseNumber(v.str(), &out_of_range);
    if (d && out_of_range) return c.Unknown();
    if (!d) {
      return c.ArgError(0, "cannot convert \"" + v.str() +
                               "\" to number; given string must be a decimal representation of a "
                               "number");
    }
    return c.Ok(Value::Number(*d));
  }
  return c.ArgError(0, "cannot convert " + TypeWord(v) + " to number");
}

CallResult ToString(Args args, const FunctionContext&, Span call) {
  Call c("tostring", args, call);
  TF_RETURN_IF(ConvertStart(c));
  const Value& v = args[0];
  if (v.is_string()) return CallResult::Ok(v);
  if (v.is_list() || v.is_object()) {
    return c.ArgError(0, "cannot convert " + TypeWord(v) + " to string");
  }
  std::optional<std::string> s = PrimitiveString(v);
  if (!s) return c.Unknown();
  return c.Ok(Value::String(std::move(*s)));
}

CallResult ToList(Args args, const FunctionContext&, Span call) {
  Call c("tolist", args, call);
  TF_RETURN_IF(ConvertStart(c));
  const Value& v = args[0];
  if (!v.is_list()) {
    return c.ArgError(0, "cannot convert " + TypeWord(v) + " to list of any single type");
  }
  std::optional<std::vector<Value>> unified = UnifyPrimitives(v.items());
  if (!unified) return c.ArgError(0, "cannot convert tuple to list of any single type");
  return c.Ok(Value::List(std::move(*unified)));
}

CallResult ToSet(Args args, const FunctionContext&, Span call) {
  Call c("toset", args, call);
  TF_RETURN_IF(ConvertStart(c));
  const Value& v = args[0];
  if (!v.is_list()) {
    return c.ArgError(0, "cannot convert " + TypeWord(v) + " to set of any single type");
  }
  std::optional<std::vector<Value>> unified = UnifyPrimitives(v.items());
  if (!unified) return c.ArgError(0, "cannot convert tuple to set of any single type");
  // Unknown elements might equal known ones: even the size is unknown.
  if (!v.IsWhollyKnown()) return c.Unknown();
  return c.Ok(Value::List(MakeSet(std::move(*unified))));
}

CallResult ToMap(Args args, const FunctionContext&, Span call) {
  Call c("tomap", args, call);
  TF_RETURN_IF(ConvertStart(c));
  const Value& v = args[0];
  if (!v.is_object()) {
    return c.ArgError(0, "cannot convert " + TypeWord(v) + " to map of any single type");
  }
  if (v.open()) return c.Unknown();
  std::vector<Value> values;
  for (const Field& f : v.fields()) values.push_back(f.value);
  std::optional<std::vector<Value>> unified = UnifyPrimitives(values);
  if (!unified) return c.ArgError(0, "cannot convert object to map of any single type");
  std::vector<Field> fields = v.fields();
  for (size_t i = 0; i < fields.size(); ++i) fields[i].value = (*unified)[i];
  return c.Ok(Value::Object(std::move(fields)));
}

CallResult Identity(Args args, const FunctionContext&, Span call) {
  Call c("sensitive", args, call);
  TF_RETURN_IF(c.Arity({"value"}));
  return CallResult::Ok(args[0]);
}

}  // namespace infracheck::tf::fn
