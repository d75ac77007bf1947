// JavaScript's semantics for the values the SST evaluator computes: truth,
// equality, String(), and the few built-in methods SST configs call.
#include "checker/sst/js_semantics.h"

#include <algorithm>
#include <cmath>

#include "infracheck/environment.h"

namespace infracheck::sst {

const Ref kPersonalStage{"sst:stage", "personal"};

bool IsPersonalStage(const Value& v) {
  if (!v.is_unknown()) return false;
  const auto& refs = v.refs();
  return std::find(refs.begin(), refs.end(), kPersonalStage) != refs.end();
}

// JavaScript truthiness; unknown for unknown values.
Tri Truthy(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull:
      return Tri::kFalse;
    case Value::Kind::kBool:
      return v.bool_value() ? Tri::kTrue : Tri::kFalse;
    case Value::Kind::kNumber:
      return v.number() == 0 || std::isnan(v.number()) ? Tri::kFalse : Tri::kTrue;
    case Value::Kind::kString:
      return v.str().empty() ? Tri::kFalse : Tri::kTrue;
    case Value::Kind::kList:
    case Value::Kind::kObject:
      return Tri::kTrue;
    case Value::Kind::kUnknown:
      return Tri::kUnknown;
  }
  return Tri::kUnknown;
}

// Strict equality, with the personal stage equal to no production spelling.
Tri StrictEquals(const Value& a, const Value& b) {
  if (IsPersonalStage(a) && b.is_string()) {
    return IsProductionName(b.str()) ? Tri::kFalse : Tri::kUnknown;
  }
  if (IsPersonalStage(b) && a.is_string()) {
    return IsProductionName(a.str()) ? Tri::kFalse : Tri::kUnknown;
  }
  if (a.is_unknown() || b.is_unknown()) return Tri::kUnknown;
  if (a.kind() != b.kind()) return Tri::kFalse;
  switch (a.kind()) {
    case Value::Kind::kNull:
      return Tri::kTrue;
    case Value::Kind::kBool:
      return a.bool_value() == b.bool_value() ? Tri::kTrue : Tri::kFalse;
    case Value::Kind::kNumber:
      return a.number() == b.number() ? Tri::kTrue : Tri::kFalse;
    case Value::Kind::kString:
      return a.str() == b.str() ? Tri::kTrue : Tri::kFalse;
    default:
      // Objects and arrays compare by identity, which values do not have.
      return Tri::kUnknown;
  }
}

Tri Not(Tri t) {
  return t == Tri::kUnknown ? Tri::kUnknown : t == Tri::kTrue ? Tri::kFalse : Tri::kTrue;
}

Value FromTri(Tri t, Span at) {
  return t == Tri::kUnknown ? Value::Unknown(at) : Value::Bool(t == Tri::kTrue, at);
}

// JavaScript's String(x) for the values templates and + concatenate.
std::optional<std::string> JsString(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kString:
      return v.str();
    case Value::Kind::kNumber: {
      double n = v.number();
      if (std::isnan(n)) return "NaN";
      if (std::isinf(n)) return n > 0 ? "Infinity" : "-Infinity";
      if (n == std::floor(n) && std::fabs(n) < 1e21) return FormatNumber(n);
      return std::nullopt;  // JavaScript's shortest form differs in places
    }
    case Value::Kind::kBool:
      return v.bool_value() ? "true" : "false";
    default:
      return std::nullopt;
  }
}

std::optional<Value> CallBuiltin(const Value& self, std::string_view method,
                                 const std::vector<Value>& args, Span at) {
  if (method == "includes" && self.is_list() && args.size() == 1) {
    Tri found = Tri::kFalse;
    for (const Value& item : self.items()) {
      Tri t = StrictEquals(item, args[0]);
      if (t == Tri::kTrue) return Value::Bool(true, at);
      if (t == Tri::kUnknown) found = Tri::kUnknown;
    }
    return FromTri(found, at);
  }
  if (self.is_string() && args.size() <= 1) {
    const std::string& s = self.str();
    if ((method == "startsWith" || method == "endsWith" || method == "includes") &&
        args.size() == 1 && args[0].is_string()) {
      const std::string& x = args[0].str();
      bool v = method == "startsWith" ? s.starts_with(x)
               : method == "endsWith" ? s.ends_with(x)
                                      : s.find(x) != std::string::npos;
      return Value::Bool(v, at);
    }
    bool ascii = std::none_of(s.begin(), s.end(), [](char ch) { return ch & 0x80; });
    if ((method == "toLowerCase" || method == "toUpperCase") && args.empty() && ascii) {
      std::string out = s;
      for (char& ch : out) {
        ch = method == "toLowerCase"
                 ? static_cast<char>(std::tolower(static_cast<unsigned char>(ch)))
                 : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      }
      return Value::String(std::move(out), at);
    }
  }
  return std::nullopt;
}

}  // namespace infracheck::sst
