#include "checker/terraform/function_util.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace infracheck::tf::fn {

namespace {

// Bounds the walk that gathers provenance from nested values.
constexpr size_t kMaxProvenanceNodes = 2000;

void GatherProvenance(Value& v, const Value& from, size_t& budget) {
  if (budget == 0) return;
  --budget;
  if (from.has_provenance()) v = v.WithProvenanceOf(from);
  if (from.is_list()) {
    for (const Value& item : from.items()) GatherProvenance(v, item, budget);
  } else if (from.is_object()) {
    for (const Field& f : from.fields()) GatherProvenance(v, f.value, budget);
  }
}

std::string Quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  out.append(s);
  out.push_back('"');
  return out;
}

}  // namespace

// --- Call

Early Call::Arity(std::initializer_list<const char*> params, const char* variadic) {
  params_.assign(params.begin(), params.end());
  variadic_ = variadic;
  size_t n = params_.size();
  if (args_.size() < n) {
    std::string msg = "Not enough function arguments: function " + Quote(name_) + " expects " +
                      (variadic ? "at least " : "") + std::to_string(n) +
                      " argument(s). Missing value for " + Quote(params_[args_.size()]) + ".";
    return CallResult::Error(std::move(msg));
  }
  if (!variadic && args_.size() > n) {
    return CallResult::Error("Too many function arguments: function " + Quote(name_) +
                             " expects only " + std::to_string(n) + " argument(s).");
  }
  return std::nullopt;
}

Early Call::ArityOptional(std::initializer_list<const char*> params, size_t optional) {
  params_.assign(params.begin(), params.end());
  size_t max = params_.size();
  size_t min = max - optional;
  if (args_.size() < min) {
    return CallResult::Error("Not enough function arguments: function " + Quote(name_) +
                             " expects at least " + std::to_string(min) +
                             " argument(s). Missing value for " + Quote(params_[args_.size()]) +
                             ".");
  }
  if (args_.size() > max) {
    return CallResult::Error("Too many function arguments: function " + Quote(name_) +
                             " expects at most " + std::to_string(max) + " argument(s).");
  }
  return std::nullopt;
}

std::string_view Call::ParamName(size_t i) const {
  if (i < params_.size()) return params_[i];
  if (variadic_) return variadic_;
  return "argument";
}

CallResult Call::Unknown() const {
  Value v = Value::Unknown(span_);
  size_t budget = kMaxProvenanceNodes;
  for (const Value& a : args_) GatherProvenance(v, a, budget);
  return CallResult::Ok(std::move(v));
}

CallResult Call::UnknownFrom(const Value& from) const {
  Value v = Value::Unknown(span_);
  size_t budget = kMaxProvenanceNodes;
  GatherProvenance(v, from, budget);
  return CallResult::Ok(std::move(v));
}

CallResult Call::ArgError(size_t i, std::string_view message) const {
  return CallResult::Error("Invalid value for " + Quote(ParamName(i)) +
                           " parameter: " + std::string(message) + ".");
}

CallResult Call::Error(std::string_view message) const {
  return CallResult::Error("Call to function " + Quote(name_) + " failed: " + std::string(message) +
                           ".");
}

CallResult Call::Ok(Value v) const {
  v = v.WithOrigin(span_);
  size_t budget = kMaxProvenanceNodes;
  for (const Value& a : args_) GatherProvenance(v, a, budget);
  return CallResult::Ok(std::move(v));
}

Early Call::Known(size_t i) const {
  const Value& v = args_[i];
  if (v.is_unknown()) return Unknown();
  if (v.is_null()) return ArgError(i, "argument must not be null");
  return std::nullopt;
}

Early Call::String(size_t i, std::string* out) const {
  TF_RETURN_IF(Known(i));
  const Value& v = args_[i];
  if (v.is_list() || v.is_object()) return ArgError(i, "string required");
  std::optional<std::string> s = PrimitiveString(v);
  if (!s) return Unknown();  // a number we cannot print as Terraform would
  *out = std::move(*s);
  return std::nullopt;
}

Early Call::Number(size_t i, double* out) const {
  TF_RETURN_IF(Known(i));
  const Value& v = args_[i];
  if (v.is_number()) {
    *out = v.number();
    return std::nullopt;
  }
  if (v.is_string()) {
    bool out_of_range = false;
    std::optional<double> d = ParseNumber(v.str(), &out_of_range);
    if (!d) return ArgError(i, "a number is required");
    if (out_of_range) return Unknown();
    *out = *d;
    return std::nullopt;
  }
  return ArgError(i, "number required");
}

Early Call::Int(size_t i, int64_t* out) const {
  double d = 0;
  TF_RETURN_IF(Number(i, &d));
  if (!(d == std::floor(d)) || d < -9.2233720368547758e18 || d >= 9.2233720368547758e18) {
    return Error(
        "value must be a whole number, between -9223372036854775808 and "
        "9223372036854775807");
  }
  *out = static_cast<int64_t>(d);
  return std::nullopt;
}

Early Call::Bool(size_t i, bool* out) const {
  TF_RETURN_IF(Known(i));
  const Value& v = args_[i];
  if (v.is_bool()) {
    *out = v.bool_value();
    return std::nullopt;
  }
  if (v.is_string() && (v.str() == "true" || v.str() == "false")) {
    *out = v.str() == "true";
    return std::nullopt;
  }
  return ArgError(i, "bool required");
}

Early Call::Sequence(size_t i, const std::vector<Value>** out) const {
  TF_RETURN_IF(Known(i));
  const Value& v = args_[i];
  if (!v.is_list()) return ArgError(i, "list of any single type required");
  *out = &v.items();
  return std::nullopt;
}

Early Call::StringList(size_t i, std::vector<std::string>* out) const {
  TF_RETURN_IF(Known(i));
  const Value& v = args_[i];
  if (!v.is_list()) return ArgError(i, "list of string required");
  out->clear();
  out->reserve(v.items().size());
  for (const Value& item : v.items()) {
    if (!item.IsWhollyKnown()) return Unknown();
  }
  for (size_t k = 0; k < v.items().size(); ++k) {
    const Value& item = v.items()[k];
    if (item.is_list() || item.is_object()) return ArgError(i, "list of string required");
    if (item.is_null()) {
      return ArgError(i, "element " + std::to_string(k) + " is null");
    }
    std::optional<std::string> s = PrimitiveString(item);
    if (!s) return Unknown();
    out->push_back(std::move(*s));
  }
  return std::nullopt;
}

Early Call::Mapping(size_t i, const std::vector<Field>** out) const {
  TF_RETURN_IF(Known(i));
  const Value& v = args_[i];
  if (!v.is_object()) return ArgError(i, "map or object required");
  if (v.open()) return Unknown();
  *out = &v.fields();
  return std::nullopt;
}

Value WithDeepProvenance(Value v, const Value& from) {
  size_t budget = kMaxProvenanceNodes;
  GatherProvenance(v, from, budget);
  return v;
}

bool FullyKnown(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kUnknown:
      return false;
    case Value::Kind::kList:
      return std::all_of(v.items().begin(), v.items().end(),
                         [](const Value& i) { return FullyKnown(i); });
    case Value::Kind::kObject:
      if (v.open()) return false;
      return std::all_of(v.fields().begin(), v.fields().end(),
                         [](const Field& f) { return FullyKnown(f.value); });
    default:
      return true;
  }
}

// --- conversions

std::optional<double> ParseNumber(std::string_view s, bool* out_of_range) {
  if (out_of_range) *out_of_range = false;
  // Go's big.ParseFloat(s, 10, ...): [sign] ("Inf" | "inf" | mantissa
  // [exponent]); mantissa digits with at most one '.', at least one digit;
  // exponent ('e'|'E'|'p'|'P') [sign] digits.
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    ++i;
  }
  std::string_view rest = s.substr(i);
  if (rest == "Inf" || rest == "inf") {
    return neg ? -HUGE_VAL : HUGE_VAL;
  }
  size_t digits = 0;
  bool dot = false;
  size_t j = i;
  for (; j < s.size(); ++j) {
    if (s[j] >= '0' && s[j] <= '9') {
      ++digits;
    } else if (s[j] == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (digits == 0) return std::nullopt;
  std::string_view mantissa = s.substr(i, j - i);
  int64_t exp = 0;
  bool binary_exp = false;
  if (j < s.size()) {
    char e = s[j];
    if (e != 'e' && e != 'E' && e != 'p' && e != 'P') return std::nullopt;
    binary_exp = e == 'p' || e == 'P';
    ++j;
    bool eneg = false;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) {
      eneg = s[j] == '-';
      ++j;
    }
    if (j >= s.size()) return std::nullopt;
    for (; j < s.size(); ++j) {
      if (s[j] < '0' || s[j] > '9') return std::nullopt;
      if (exp < 100000000) exp = exp * 10 + (s[j] - '0');
    }
    if (eneg) exp = -exp;
  }
  std::string text(mantissa);
  if (!binary_exp && exp != 0) text += "e" + std::to_string(exp);
  double d = 0;
  auto res = std::from_chars(text.data(), text.data() + text.size(), d);
  if (res.ec == std::errc::result_out_of_range) {
    if (out_of_range) *out_of_range = true;
    d = exp > 0 ? HUGE_VAL : 0.0;
  } else if (res.ec != std::errc() || res.ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  if (binary_exp) {
    double scaled = std::ldexp(d, static_cast<int>(std::clamp<int64_t>(exp, -100000, 100000)));
    if (out_of_range && d != 0 && (std::isinf(scaled) || scaled == 0)) *out_of_range = true;
    d = scaled;
  }
  return neg ? -d : d;
}

std::optional<std::string> NumberString(double n) {
  if (!std::isfinite(n)) return FormatNumber(n);
  if (!IsFaithful(n)) return std::nullopt;
  return FormatNumber(n);
}

std::optional<std::string> PrimitiveString(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kString:
      return v.str();
    case Value::Kind::kNumber:
      return NumberString(v.number());
    case Value::Kind::kBool:
      return v.bool_value() ? "true" : "false";
    default:
      return std::nullopt;
  }
}

std::optional<Value> AsStringValue(const Value& v) {
  if (v.is_string()) return v;
  std::optional<std::string> s = PrimitiveString(v);
  if (!s) return std::nullopt;
  Value out = Value::String(std::move(*s), v.origin());
  return out.WithProvenanceOf(v);
}

std::optional<std::vector<Value>> UnifyPrimitives(const std::vector<Value>& items) {
  bool has_string = false, has_number = false, has_bool = false, has_complex = false;
  for (const Value& v : items) {
    has_string |= v.is_string();
    has_number |= v.is_number();
    has_bool |= v.is_bool();
    has_complex |= v.is_list() || v.is_object();
  }
  bool has_primitive = has_string || has_number || has_bool;
  if (has_complex && has_primitive) return std::nullopt;
  int kinds = int(has_string) + int(has_number) + int(has_bool);
  if (kinds <= 1) return items;
  if (!has_string) return std::nullopt;  // number and bool have no common type
  std::vector<Value> out;
  out.reserve(items.size());
  for (const Value& v : items) {
    if (v.is_number() || v.is_bool()) {
      std::optional<Value> s = AsStringValue(v);
      if (!s) return std::nullopt;
      out.push_back(std::move(*s));
    } else {
      out.push_back(v);
    }
  }
  return out;
}

std::vector<Value> MakeSet(std::vector<Value> items) {
  std::vector<Value> unique;
  unique.reserve(items.size());
  for (Value& v : items) {
    bool dup =
        std::any_of(unique.begin(), unique.end(), [&](const Value& u) { return SameValue(u, v); });
    if (!dup) unique.push_back(std::move(v));
  }
  auto rank = [](const Value& v) {
    switch (v.kind()) {
      case Value::Kind::kString:
      case Value::Kind::kNumber:
      case Value::Kind::kBool:
        return 0;
      default:
        return 1;
    }
  };
  std::stable_sort(unique.begin(), unique.end(), [&](const Value& a, const Value& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (rank(a) == 1 || a.kind() != b.kind()) return false;
    if (a.is_string()) return a.str() < b.str();
    if (a.is_number()) return a.number() < b.number();
    return !a.bool_value() && b.bool_value();
  });
  return unique;
}

// --- decimals

Decimal ToDecimal(double n, bool want_exact) {
  Decimal d;
  d.negative = std::signbit(n);
  double a = std::fabs(n);
  if (a == 0 || !std::isfinite(a)) return d;
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific);
  std::string_view s(buf, res.ptr - buf);
  size_t e = s.find('e');
  std::string digits;
  for (char c : s.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exp10 = 0;
  std::from_chars(s.data() + e + 1 + (s[e + 1] == '+' ? 1 : 0), s.data() + s.size(), exp10);
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  d.digits = digits;
  d.exp = exp10 + 1;
  if (!want_exact) return d;
  // Exact when the full expansion of the double has no more digits.
  char full[1100];
  auto full_res = std::to_chars(full, full + sizeof full, a, std::chars_format::scientific, 780);
  std::string_view fs(full, full_res.ptr - full);
  std::string all;
  for (char c : fs.substr(0, fs.find('e'))) {
    if (c != '.') all.push_back(c);
  }
  while (!all.empty() && all.back() == '0') all.pop_back();
  d.exact = all == digits;
  return d;
}

bool IsFaithful(double n) {
  if (!std::isfinite(n)) return true;
  if (n == std::floor(n) && std::fabs(n) <= 9007199254740992.0) return true;
  return ToDecimal(n).digits.size() <= 15;
}

namespace {

// A decimal as coefficient * 10^exp with a 128-bit coefficient.
struct Scaled {
  __int128 coef = 0;
  int exp = 0;
};

constexpr __int128 kCoefLimit =
    static_cast<__int128>(1000000000000000000LL) * 1000000000000000000LL;

std::optional<Scaled> ToScaled(double n) {
  if (!std::isfinite(n) || !IsFaithful(n)) return std::nullopt;
  Decimal d = ToDecimal(n);
  Scaled s;
  for (char c : d.digits) s.coef = s.coef * 10 + (c - '0');
  s.exp = d.exp - static_cast<int>(d.digits.size());
  if (d.negative) s.coef = -s.coef;
  return s;
}

bool Align(Scaled& a, Scaled& b) {
  while (a.exp > b.exp) {
    if (a.coef > kCoefLimit || a.coef < -kCoefLimit) return false;
    a.coef *= 10;
    --a.exp;
  }
  while (b.exp > a.exp) {
    if (b.coef > kCoefLimit || b.coef < -kCoefLimit) return false;
    b.coef *= 10;
    --b.exp;
  }
  return true;
}

double FromScaled(const Scaled& s) {
  std::string text = IntegerDigits(s.coef, 10, false) + "e" + std::to_string(s.exp);
  double d = 0;
  std::from_chars(text.data(), text.data() + text.size(), d);
  return d;
}

}  // namespace

std::optional<double> DecimalAdd(double a, double b) {
  std::optional<Scaled> x = ToScaled(a), y = ToScaled(b);
  if (!x || !y || !Align(*x, *y)) return std::nullopt;
  Scaled r{x->coef + y->coef, x->exp};
  if (r.coef > kCoefLimit || r.coef < -kCoefLimit) return std::nullopt;
  return FromScaled(r);
}

std::optional<double> DecimalMulAdd(double start, int64_t i, double step) {
  std::optional<Scaled> x = ToScaled(start), y = ToScaled(step);
  if (!x || !y || !Align(*x, *y)) return std::nullopt;
  if (y->coef > kCoefLimit / 1000000000000LL || y->coef < -kCoefLimit / 1000000000000LL) {
    return std::nullopt;
  }
  Scaled r{x->coef + y->coef * i, x->exp};
  if (r.coef > kCoefLimit || r.coef < -kCoefLimit) return std::nullopt;
  return FromScaled(r);
}

std::string IntegerDigits(__int128 v, int base, bool upper) {
  static const char kLower[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static const char kUpper[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  bool neg = v < 0;
  unsigned __int128 u =
      neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string out;
  do {
    int digit = static_cast<int>(u % base);
    out.push_back(upper && digit < 36 ? kUpper[digit] : kLower[digit]);
    u /= base;
  } while (u != 0);
  if (neg) out.push_back('-');
  std::reverse(out.begin(), out.end());
  return out;
}

// --- encodings

std::string HexLower(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(kAlphabet[(n >> 6) & 63]);
    out.push_back(kAlphabet[n & 63]);
  }
  if (i + 1 == bytes.size()) {
    uint32_t n = uint8_t(bytes[i]) << 16;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out += "==";
  } else if (i + 2 == bytes.size()) {
    uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(kAlphabet[(n >> 6) & 63]);
    out.push_back('=');
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string clean;
  clean.reserve(text.size());
  for (char c : text) {
    if (c != '\r' && c != '\n') clean.push_back(c);
  }
  if (clean.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(clean.size() / 4 * 3);
  for (size_t i = 0; i < clean.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      char c = clean[i + k];
      if (c == '=') {
        // Padding only at the very end, in the last one or two places.
        if (i + 4 != clean.size() || k < 2) return std::nullopt;
        v[k] = 0;
        ++pad;
      } else {
        if (pad > 0) return std::nullopt;
        v[k] = value(c);
        if (v[k] < 0) return std::nullopt;
      }
    }
    uint32_t n = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out.push_back(static_cast<char>((n >> 16) & 0xFF));
    if (pad < 2) out.push_back(static_cast<char>((n >> 8) & 0xFF));
    if (pad < 1) out.push_back(static_cast<char>(n & 0xFF));
  }
  return out;
}

}  // namespace infracheck::tf::fn
