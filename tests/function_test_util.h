// Helpers for the built-in function tests: terse value builders and calls.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "checker/terraform/functions.h"
#include "infracheck/value.h"

namespace infracheck::tf::testing {

inline Value Null() { return Value::Null(); }
inline Value B(bool b) { return Value::Bool(b); }
inline Value N(double n) { return Value::Number(n); }
inline Value S(std::string s) { return Value::String(std::move(s)); }
inline Value U() { return Value::Unknown(); }
inline Value L(std::vector<Value> items) { return Value::List(std::move(items)); }
inline Value O(std::vector<std::pair<std::string, Value>> kv) {
  std::vector<Field> fields;
  for (auto& [k, v] : kv) fields.push_back(Field{k, v, {}});
  return Value::Object(std::move(fields));
}

/// A value as text: JSON as jsonencode() writes it, with "?" for unknowns.
inline std::string Show(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kUnknown:
      return "?";
    case Value::Kind::kList: {
      std::string s = "[";
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i > 0) s += ",";
        s += Show(v.items()[i]);
      }
      return s + "]";
    }
    case Value::Kind::kObject: {
      std::string s = "{";
      for (size_t i = 0; i < v.fields().size(); ++i) {
        if (i > 0) s += ",";
        s += JsonEncode(Value::String(v.fields()[i].key)) + ":" + Show(v.fields()[i].value);
      }
      return s + "}";
    }
    default:
      return JsonEncode(v);
  }
}

inline CallResult Invoke(std::string_view name, std::vector<Value> args,
                         const FunctionContext& ctx = {}) {
  Function f = FindFunction(name);
  if (!f) return CallResult::Error("no such function");
  return f(args, ctx, Span{});
}

/// Calls a function with `call` as the call's span.
inline CallResult CallAt(std::string_view name, std::vector<Value> args, Span call,
                         const FunctionContext& ctx = {}) {
  return FindFunction(name)(args, ctx, call);
}

inline std::string Describe(std::string_view name, const std::vector<Value>& args) {
  std::string s = std::string(name) + "(";
  for (size_t i = 0; i < args.size(); ++i) s += (i ? ", " : "") + Show(args[i]);
  return s + ")";
}

/// The call succeeds with a wholly known value that encodes as `json`.
inline void Expect(std::string_view name, std::vector<Value> args, std::string_view json) {
  CallResult r = Invoke(name, args);
  ASSERT_FALSE(r.error) << Describe(name, args) << ": " << *r.error;
  EXPECT_EQ(Show(r.value), json) << Describe(name, args);
}

/// The call fails.
inline void ExpectError(std::string_view name, std::vector<Value> args) {
  CallResult r = Invoke(name, args);
  EXPECT_TRUE(r.error) << Describe(name, args) << " gave " << Show(r.value);
}

/// The call succeeds with an unknown.
inline void ExpectUnknown(std::string_view name, std::vector<Value> args) {
  CallResult r = Invoke(name, args);
  ASSERT_FALSE(r.error) << Describe(name, args) << ": " << *r.error;
  EXPECT_TRUE(r.value.is_unknown()) << Describe(name, args) << " gave " << Show(r.value);
}

}  // namespace infracheck::tf::testing
