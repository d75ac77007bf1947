// Numeric functions: abs, ceil, floor, log, max, min, parseint, pow, signum,
// sum.
#include <cmath>

#include "checker/terraform/builtins.h"
#include "checker/terraform/function_util.h"

namespace infracheck::tf::fn {

namespace {

constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

CallResult UnaryNumber(std::string_view name, Args args, Span span, double (*op)(double)) {
  Call c(name, args, span);
  TF_RETURN_IF(c.Arity({"num"}));
  double n = 0;
  TF_RETURN_IF(c.Number(0, &n));
  return c.Ok(Value::Number(op(n)));
}

double AbsOf(double n) { return n == 0 ? 0.0 : std::fabs(n); }
double CeilOf(double n) { return std::ceil(n) + 0.0; }
double FloorOf(double n) { return std::floor(n) + 0.0; }

CallResult Extreme(std::string_view name, Args args, Span span, bool want_max) {
  Call c(name, args, span);
  TF_RETURN_IF(c.Arity({}, "numbers"));
  if (args.empty()) return c.Error("must pass at least one number");
  std::vector<double> nums(args.size());
  for (size_t i = 0; i < args.size(); ++i) TF_RETURN_IF(c.Number(i, &nums[i]));
  // The result is the chosen argument itself when it is a number.
  size_t best = 0;
  for (size_t i = 1; i < nums.size(); ++i) {
    if (want_max ? nums[i] > nums[best] : nums[i] < nums[best]) best = i;
  }
  if (args[best].is_number()) return c.Ok(args[best]);
  return c.Ok(Value::Number(nums[best]));
}

// Go's big.Int.SetString digit values: case-insensitive up to base 36,
// lower case before upper case above.
int DigitValue(char ch, int base) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'z') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'Z') return base <= 36 ? ch - 'A' + 10 : ch - 'A' + 36;
  return 99;
}

}  // namespace

CallResult Abs(Args args, const FunctionContext&, Span call) {
  return UnaryNumber("abs", args, call, AbsOf);
}

CallResult Ceil(Args args, const FunctionContext&, Span call) {
  return UnaryNumber("ceil", args, call, CeilOf);
}

CallResult Floor(Args args, const FunctionContext&, Span call) {
  return UnaryNumber("floor", args, call, FloorOf);
}

CallResult Log(Args args, const FunctionContext&, Span call) {
  Call c("log", args, call);
  TF_RETURN_IF(c.Arity({"num", "base"}));
  double num = 0, base = 0;
  TF_RETURN_IF(c.Number(0, &num));
  TF_RETURN_IF(c.Number(1, &base));
  double r = std::log(num) / std::log(base);
  if (std::isnan(r)) return c.Error("the result is not a number");
  return c.Ok(Value::Number(r));
}

CallResult Max(Args args, const FunctionContext&, Span call) {
  return Extreme("max", args, call, true);
}

CallResult Min(Args args, const FunctionContext&, Span call) {
  return Extreme("min", args, call, false);
}

CallResult ParseInt(Args args, const FunctionContext&, Span call) {
  Call c("parseint", args, call);
  TF_RETURN_IF(c.Arity({"number", "base"}));
  TF_RETURN_IF(c.Known(0));
  if (!args[0].is_string()) {
    return c.ArgError(
        0, std::string("first argument must be a string, not ") + std::string(args[0].TypeName()));
  }
  int64_t base = 0;
  TF_RETURN_IF(c.Int(1, &base));
  if (base < 2 || base > 62) {
    return c.ArgError(1, "base must be a whole number between 2 and 62 inclusive");
  }
  const std::string& s = args[0].str();
  std::string msg = "cannot parse \"" + s + "\" as a base " + std::to_string(base) + " integer";
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    ++i;
  }
  if (i == s.size()) return c.ArgError(0, msg);
  __int128 v = 0;
  bool too_big = false;
  for (; i < s.size(); ++i) {
    int d = DigitValue(s[i], static_cast<int>(base));
    if (d >= base) return c.ArgError(0, msg);
    if (!too_big) {
      v = v * base + d;
      if (v > static_cast<__int128>(kMaxExactInteger)) too_big = true;
    }
  }
  // Beyond 2^53 a double cannot hold the integer Terraform computes.
  if (too_big) return c.Unknown();
  double d = static_cast<double>(v);
  return c.Ok(Value::Number(neg && d != 0 ? -d : d));
}

CallResult Pow(Args args, const FunctionContext&, Span call) {
  Call c("pow", args, call);
  TF_RETURN_IF(c.Arity({"num", "power"}));
  double num = 0, power = 0;
  TF_RETURN_IF(c.Number(0, &num));
  TF_RETURN_IF(c.Number(1, &power));
  double r = std::pow(num, power);
  if (std::isnan(r)) return c.Error("the result is not a number");
  // Terraform computes pow() in float64 too.
  return c.Ok(Value::Number(r));
}

CallResult Signum(Args args, const FunctionContext&, Span call) {
  Call c("signum", args, call);
  TF_RETURN_IF(c.Arity({"num"}));
  int64_t n = 0;
  TF_RETURN_IF(c.Int(0, &n));
  return c.Ok(Value::Number(n > 0 ? 1 : n < 0 ? -1 : 0));
}

CallResult Sum(Args args, const FunctionContext&, Span call) {
  Call c("sum", args, call);
  TF_RETURN_IF(c.Arity({"list"}));
  TF_RETURN_IF(c.Known(0));
  const Value& list = args[0];
  if (!list.is_list()) {
    return c.ArgError(0, std::string("argument must be list, set, or tuple. Received ") +
                             std::string(list.TypeName()));
  }
  if (!list.IsWhollyKnown()) return c.Unknown();
  if (list.items().empty()) return c.ArgError(0, "cannot sum an empty list");
  double total = 0;
  for (size_t i = 0; i < list.items().size(); ++i) {
    const Value& v = list.items()[i];
    if (v.is_null()) return c.ArgError(0, "argument must be list, set, or tuple of number values");
    std::optional<double> n;
    bool out_of_range = false;
    if (v.is_number()) {
      n = v.number();
    } else if (v.is_string()) {
      n = ParseNumber(v.str(), &out_of_range);
    }
    if (out_of_range) return c.Unknown();
    if (!n) return c.ArgError(0, "argument must be list, set, or tuple of number values");
    if (i == 0) {
      total = *n;
      continue;
    }
    if (!std::isfinite(total) || !std::isfinite(*n)) {
      total += *n;
      if (std::isnan(total)) return c.Error("the result is not a number");
      continue;
    }
    // Terraform adds exact decimals: 0.1 + 0.2 is 0.3, not 0.30000000000000004.
    std::optional<double> s = DecimalAdd(total, *n);
    if (!s) return c.Unknown();
    total = *s;
  }
  return c.Ok(Value::Number(total));
}

}  // namespace infracheck::tf::fn
