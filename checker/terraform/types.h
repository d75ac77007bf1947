// Variable type constraints and the conversions Terraform applies to
// variable values (tfvars, defaults, module inputs).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "infracheck/value.h"
#include "parsers/hcl/syntax.h"

namespace infracheck::tf {

struct Type {
  enum class Kind : uint8_t { kAny, kString, kNumber, kBool, kList, kSet, kMap, kObject, kTuple };
  struct Attr {
    std::string name;
    std::shared_ptr<const Type> type;
    bool optional = false;
    const hcl::Expr* default_expr = nullptr;  ///< optional(T, default)
  };
  Kind kind = Kind::kAny;
  std::shared_ptr<const Type> elem;                ///< list, set, map
  std::vector<Attr> attrs;                         ///< object, sorted by name
  std::vector<std::shared_ptr<const Type>> elems;  ///< tuple
};

/// Parses a `type = ...` expression; null when it is not a type. Primitive
/// types are one shared object each.
std::shared_ptr<const Type> ParseType(const hcl::Expr* e);

/// Evaluates an optional() default (a constant expression).
using DefaultEvaluator = std::function<Value(const hcl::Expr* e)>;

/// Converts `v` to `t` as Terraform does for variable values: primitives
/// convert (number <-> string, "true" <-> true), collections convert element
/// by element, objects gain their optional attributes (default or null) and
/// lose undeclared ones. Unknowns stay unknown. Returns nullopt when the value
/// cannot be converted (Terraform would reject it).
std::optional<Value> Convert(const Value& v, const Type& t, const DefaultEvaluator& eval_default);

}  // namespace infracheck::tf
