// Terraform's built-in functions, over our Values.
//
// A function gets its evaluated arguments and returns a value. Unknown in,
// unknown out: a function whose result depends on an unknown argument returns
// an unknown (carrying the arguments' refs), never a guess. A call Terraform
// would reject (wrong types, out of range) returns an error, which the
// evaluator turns into an unknown, or into the fallback of try()/can().
//
// try() and can() are not here: they take unevaluated expressions, so the
// evaluator implements them.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "infracheck/source.h"
#include "infracheck/value.h"

namespace infracheck::tf {

/// What a function may reach outside its arguments.
struct FunctionContext {
  /// Reads a file for file(), templatefile(), fileexists(), filebase64()...
  /// `path` is as written (relative paths are relative to the root module
  /// directory, as in Terraform). Returns nullptr and sets `error` when the
  /// file is missing, unreadable or outside the project root.
  std::function<const SourceFile*(std::string_view path, std::string* error)> read_file;
  /// Renders a template file (templatefile()) with `vars` (an object).
  std::function<Value(const SourceFile& file, const Value& vars, Span call, std::string* error)>
      render_template;
};

/// Result of a call: a value, or an error message.
struct CallResult {
  Value value;
  std::optional<std::string> error;

  static CallResult Ok(Value v) { return CallResult{std::move(v), std::nullopt}; }
  static CallResult Error(std::string message) {
    return CallResult{Value::Unknown(), std::move(message)};
  }
};

using Function = CallResult (*)(std::span<const Value> args, const FunctionContext& ctx, Span call);

/// The built-in function with this name, or nullptr (unknown function: the
/// evaluator returns an unknown). Provider functions (`provider::x::f`) are
/// not built in.
Function FindFunction(std::string_view name);

/// Converts a value to a string as Terraform's tostring() and string
/// templates do; nullopt when it has no string form (lists, objects, null).
std::optional<std::string> ToStringValue(const Value& v);

/// Encodes a wholly known value as JSON the way jsonencode() does (object
/// keys sorted, no spaces, HTML-unsafe characters escaped as \u003c etc.).
std::string JsonEncode(const Value& v);

/// Parses JSON into a Value. Positions: when `file` is given and the text is
/// that file's whole content, every value's origin points into the file;
/// otherwise values take `origin`. Returns nullopt and sets `error` when the
/// text is not valid JSON.
std::optional<Value> JsonDecode(std::string_view text, const SourceFile* file, Span origin,
                                std::string* error);

}  // namespace infracheck::tf
