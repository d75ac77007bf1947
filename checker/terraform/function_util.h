// Shared machinery of the built-in functions: argument checks and
// conversions as cty does them, unknown propagation, provenance, and the
// decimal view of numbers that keeps results equal to Terraform's.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checker/terraform/functions.h"
#include "infracheck/value.h"

namespace infracheck::tf::fn {

using Args = std::span<const Value>;

/// Returns early from a function with the result of `expr` when it has one
/// (an error, or an unknown because an argument is unknown).
#define TF_RETURN_IF(expr)          \
  do {                              \
    if (auto tf_early_ = (expr)) {  \
      return *std::move(tf_early_); \
    }                               \
  } while (false)

/// Work bounds: results larger than this are errors, never computed.
inline constexpr size_t kMaxElements = 1'000'000;
inline constexpr size_t kMaxStringBytes = 64u << 20;

using Early = std::optional<CallResult>;

/// One function call: the arguments, the call's span and the parameter names
/// for messages.
class Call {
 public:
  Call(std::string_view name, Args args, Span span) : name_(name), args_(args), span_(span) {}

  /// Checks the argument count against the named parameters; `variadic`
  /// names the parameter that takes the rest (any number, including none).
  Early Arity(std::initializer_list<const char*> params, const char* variadic = nullptr);
  /// Like Arity, with `optional` trailing parameters of `params` that may be
  /// left out.
  Early ArityOptional(std::initializer_list<const char*> params, size_t optional);

  size_t size() const { return args_.size(); }
  const Value& arg(size_t i) const { return args_[i]; }
  Args args() const { return args_; }
  Span span() const { return span_; }
  std::string_view name() const { return name_; }

  /// An unknown result carrying the provenance of every argument.
  CallResult Unknown() const;
  /// An unknown result carrying the provenance of `v` only.
  CallResult UnknownFrom(const Value& v) const;
  /// "Invalid value for "<param>" parameter: <message>."
  CallResult ArgError(size_t i, std::string_view message) const;
  /// "Call to function "<name>" failed: <message>."
  CallResult Error(std::string_view message) const;
  /// A computed result: origin at the call, provenance of every argument.
  CallResult Ok(Value v) const;

  /// Argument i must be known (else: unknown result) and not null (else:
  /// error).
  Early Known(size_t i) const;
  /// Argument i converted as cty converts to string / number / bool.
  Early String(size_t i, std::string* out) const;
  Early Number(size_t i, double* out) const;
  /// A whole number that fits in int64 (gocty's conversion to int).
  Early Int(size_t i, int64_t* out) const;
  Early Bool(size_t i, bool* out) const;
  /// A list, tuple or set (not null, not unknown; elements may be unknown).
  Early Sequence(size_t i, const std::vector<Value>** out) const;
  /// A list of strings, wholly known (else: unknown result); null elements
  /// are an error unless `allow_null` (then they are left out of `nulls`).
  Early StringList(size_t i, std::vector<std::string>* out) const;
  /// A map or object (not null, not unknown, not open).
  Early Mapping(size_t i, const std::vector<Field>** out) const;

  /// Parameter name of argument i.
  std::string_view ParamName(size_t i) const;

 private:
  std::string_view name_;
  Args args_;
  Span span_;
  std::vector<const char*> params_;
  const char* variadic_ = nullptr;
};

/// Adds to `v` the provenance of `from` and of the values nested in it
/// (bounded), so a computed result remembers every input it came from.
Value WithDeepProvenance(Value v, const Value& from);

/// Known all the way down, with no open object anywhere (an open object has
/// attributes we cannot list).
bool FullyKnown(const Value& v);

// --- conversions, as cty's convert package does them

/// cty's string -> number: decimal (with exponent, 'p' binary exponent,
/// sign, "Inf"); nullopt when not a number. Sets `out_of_range` when it is
/// a number a double cannot hold (Terraform's numbers are not bounded).
std::optional<double> ParseNumber(std::string_view s, bool* out_of_range = nullptr);
/// Number -> string as Terraform prints it; nullopt when the double cannot
/// be the value Terraform holds (more digits than a double keeps exactly).
std::optional<std::string> NumberString(double n);
/// Primitive -> string (nullopt for null, collections, unknown, inexact
/// numbers).
std::optional<std::string> PrimitiveString(const Value& v);
/// Converts a primitive to a string value, keeping origin and provenance;
/// nullopt when it cannot.
std::optional<Value> AsStringValue(const Value& v);

/// Unifies the element types of a sequence as cty does for list(any):
/// primitives of mixed types become strings; number and bool do not mix.
/// Returns nullopt when the elements have no common type. Unknown and null
/// elements take part as wildcards; collections are left alone.
std::optional<std::vector<Value>> UnifyPrimitives(const std::vector<Value>& items);

/// Sorts and deduplicates as a cty set orders its elements (strings
/// lexically, numbers numerically, false before true; others keep first
/// occurrence order). Elements must be wholly known.
std::vector<Value> MakeSet(std::vector<Value> items);

// --- decimal view of numbers

/// A number as the decimal Terraform would hold for it: value =
/// 0.digits * 10^exp; digits has no trailing zeros, empty for zero.
struct Decimal {
  bool negative = false;
  std::string digits;
  int exp = 0;
  bool exact = true;  ///< the double is exactly this decimal (a dyadic)
};

/// The shortest decimal that reads back as `n` (finite only); `exact` is
/// only computed when asked for.
Decimal ToDecimal(double n, bool want_exact = false);
/// True when the double can be taken as the exact decimal Terraform holds:
/// at most 15 significant digits, or an integer of magnitude at most 2^53.
bool IsFaithful(double n);
/// Sum and product-by-integer in exact decimal arithmetic; nullopt when a
/// term is not faithful or the result overflows.
std::optional<double> DecimalAdd(double a, double b);
std::optional<double> DecimalMulAdd(double start, int64_t i, double step);

/// An integer's digits in `base` (2..62 digit set of Go's big.Int), with '-'.
std::string IntegerDigits(__int128 v, int base, bool upper);

// --- misc

/// Hex and base64 encodings.
std::string HexLower(std::string_view bytes);
std::string Base64Encode(std::string_view bytes);
/// Go's base64.StdEncoding.DecodeString (strict padding; '\r' and '\n' are
/// skipped); nullopt when invalid.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace infracheck::tf::fn
