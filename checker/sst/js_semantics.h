// JavaScript semantics over our values, for the SST evaluator. Unknown
// values give unknown answers; the personal stage (see Stage) is a string
// known only not to be a production spelling.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infracheck/value.h"

namespace infracheck::sst {

/// The reference that marks the personal stage's (unknown) name.
extern const Ref kPersonalStage;
bool IsPersonalStage(const Value& v);

/// Truthiness (false, 0, NaN, "", null and undefined are falsy).
Tri Truthy(const Value& v);
/// ===, with the personal stage equal to no production spelling.
Tri StrictEquals(const Value& a, const Value& b);
Tri Not(Tri t);
Value FromTri(Tri t, Span at);
/// String(v) for strings, integers and booleans; nullopt otherwise.
std::optional<std::string> JsString(const Value& v);

/// `self.method(args)` for the built-ins SST configs use: Array includes;
/// String startsWith, endsWith, includes, toLowerCase, toUpperCase. nullopt
/// for anything else.
std::optional<Value> CallBuiltin(const Value& self, std::string_view method,
                                 const std::vector<Value>& args, Span at);

}  // namespace infracheck::sst
