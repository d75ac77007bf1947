// format and formatlist: cty's verb grammar, with numbers printed as Go's
// big.Float and big.Int Format methods print them.
#include <algorithm>
#include <cmath>

#include "checker/terraform/builtins.h"
#include "checker/terraform/function_util.h"
#include "checker/terraform/unicode.h"

namespace infracheck::tf::fn {

namespace {

constexpr int kMaxWidth = 10000;

struct Verb {
  std::string raw;
  size_t offset = 0;
  size_t arg = 0;  ///< 1-based
  char mode = 0;
  bool zero = false, sharp = false, plus = false, minus = false, space = false;
  bool has_width = false, has_prec = false;
  int width = 0, prec = 0;
};

/// Why a verb could not be formatted: an error, or a result we cannot be
/// sure of (a number whose digits a double does not keep).
struct Failure {
  bool unknown = false;
  std::string error;
};

// A decimal rounded as Go's decimal.round does; false when the result hangs
// on a tie we cannot see (the double is not exactly the decimal).
bool RoundDecimal(Decimal& d, int n) {
  if (n < 0 || n >= static_cast<int>(d.digits.size())) return true;
  bool up;
  if (d.digits[n] == '5' && n + 1 == static_cast<int>(d.digits.size())) {
    if (!d.exact) return false;
    up = n > 0 && ((d.digits[n - 1] - '0') & 1) != 0;
  } else {
    up = d.digits[n] >= '5';
  }
  if (up) {
    int k = n;
    while (k > 0 && d.digits[k - 1] >= '9') --k;
    if (k == 0) {
      d.digits = "1";
      ++d.exp;
    } else {
      ++d.digits[k - 1];
      d.digits.resize(k);
    }
  } else {
    d.digits.resize(n);
    while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
  }
  return true;
}

char DigitAt(const Decimal& d, int i) {
  return i >= 0 && i < static_cast<int>(d.digits.size()) ? d.digits[i] : '0';
}

std::string FmtE(char e, int prec, const Decimal& d) {
  std::string out;
  out.push_back(d.digits.empty() ? '0' : d.digits[0]);
  if (prec > 0) {
    out.push_back('.');
    for (int i = 1; i <= prec; ++i) out.push_back(DigitAt(d, i));
  }
  out.push_back(e);
  int exp = d.digits.empty() ? 0 : d.exp - 1;
  out.push_back(exp < 0 ? '-' : '+');
  exp = std::abs(exp);
  if (exp < 10) out.push_back('0');
  out += std::to_string(exp);
  return out;
}

std::string FmtF(int prec, const Decimal& d) {
  std::string out;
  if (d.exp > 0) {
    for (int i = 0; i < d.exp; ++i) out.push_back(DigitAt(d, i));
  } else {
    out.push_back('0');
  }
  if (prec > 0) {
    out.push_back('.');
    for (int i = 1; i <= prec; ++i) out.push_back(DigitAt(d, d.exp + i - 1));
  }
  return out;
}

/// big.Float.Text(verb, prec) for the decimal Terraform holds for `x`
/// (prec < 0: shortest); nullopt when a double cannot tell the digits.
std::optional<std::string> FormatBigFloat(double x, char verb, int prec) {
  if (std::isinf(x)) return std::string(x > 0 ? "+Inf" : "-Inf");
  Decimal d = ToDecimal(x, true);
  std::string sign = d.negative && x != 0 ? "-" : "";
  bool shortest = prec < 0;
  bool faithful = IsFaithful(x);
  char lower = static_cast<char>(verb | 0x20);
  int ndigits = static_cast<int>(d.digits.size());
  if (shortest) {
    if (!faithful) return std::nullopt;
    if (lower == 'e') prec = ndigits - 1;
    if (lower == 'f') prec = std::max(ndigits - d.exp, 0);
    if (lower == 'g') prec = ndigits;
  } else {
    int wanted = lower == 'e' ? 1 + prec : lower == 'f' ? d.exp + prec : std::max(prec, 1);
    if (lower == 'g' && prec == 0) prec = 1;
    // Digits beyond the double's come from Terraform's 512-bit value.
    if (wanted > ndigits && !faithful) return std::nullopt;
    if (wanted > 100 && !d.exact) return std::nullopt;
    if (!RoundDecimal(d, wanted)) return std::nullopt;
  }
  ndigits = static_cast<int>(d.digits.size());
  char e = verb == 'E' || verb == 'G' ? 'E' : 'e';
  if (lower == 'e') return sign + FmtE(e, prec, d);
  if (lower == 'f') return sign + FmtF(prec, d);
  int eprec = prec;
  if (eprec > ndigits && ndigits >= d.exp) eprec = ndigits;
  if (shortest) eprec = 6;
  int exp = d.exp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > ndigits) prec = ndigits;
    return sign + FmtE(e, prec - 1, d);
  }
  if (prec > d.exp) prec = ndigits;
  return sign + FmtF(std::max(prec - d.exp, 0), d);
}

std::string PadWidth(const Verb& v, std::string s) {
  if (!v.has_width) return s;
  size_t have = unicode::GraphemeCount(s);
  if (have >= static_cast<size_t>(v.width)) return s;
  std::string pad(v.width - have, v.zero ? '0' : ' ');
  return v.minus ? s + pad : pad + s;
}

// Go's fmt: '-' wins over '0'.
bool GoZero(const Verb& v) { return v.zero && !v.minus; }

std::optional<std::string> FormatFloatVerb(const Verb& v, double x) {
  // Go's big.Float: precision 6 unless given, except %g's shortest form.
  int prec = v.has_prec ? v.prec : (v.mode == 'g' || v.mode == 'G') ? -1 : 6;
  std::optional<std::string> text = FormatBigFloat(x, v.mode, prec);
  if (!text) return std::nullopt;
  std::string buf = *text;
  std::string sign;
  if (buf[0] == '-') {
    sign = "-";
    buf.erase(0, 1);
  } else if (buf[0] == '+') {
    sign = v.space ? " " : "+";
    buf.erase(0, 1);
  } else if (v.plus) {
    sign = "+";
  } else if (v.space) {
    sign = " ";
  }
  size_t len = sign.size() + buf.size();
  size_t padding = v.has_width && static_cast<size_t>(v.width) > len ? v.width - len : 0;
  if (GoZero(v) && !std::isinf(x)) return sign + std::string(padding, '0') + buf;
  if (v.minus) return sign + buf + std::string(padding, ' ');
  return std::string(padding, ' ') + sign + buf;
}

std::optional<std::string> FormatIntVerb(const Verb& v, double x, Failure* fail) {
  if (!std::isfinite(x) || x != std::floor(x)) {
    fail->error = "an integer is required";
    return std::nullopt;
  }
  if (!IsFaithful(x) || std::fabs(x) >= 1e38) return std::nullopt;
  __int128 n = static_cast<__int128>(x);
  int base = v.mode == 'b' ? 2 : v.mode == 'o' ? 8 : (v.mode == 'x' || v.mode == 'X') ? 16 : 10;
  std::string digits = IntegerDigits(n < 0 ? -n : n, base, v.mode == 'X');
  std::string sign = n < 0 ? "-" : v.plus ? "+" : v.space ? " " : "";
  std::string prefix;
  if (v.sharp) {
    if (v.mode == 'b') prefix = "0b";
    if (v.mode == 'o') prefix = "0";
    if (v.mode == 'x') prefix = "0x";
    if (v.mode == 'X') prefix = "0X";
  }
  size_t zeros = 0, left = 0, right = 0;
  if (v.has_prec) {
    if (digits.size() < static_cast<size_t>(v.prec)) {
      zeros = v.prec - digits.size();
    } else if (digits == "0" && v.prec == 0) {
      return std::string();
    }
  }
  size_t length = sign.size() + prefix.size() + zeros + digits.size();
  if (v.has_width && length < static_cast<size_t>(v.width)) {
    size_t d = v.width - length;
    if (v.minus) {
      right = d;
    } else if (GoZero(v) && !v.has_prec) {
      zeros = d;
    } else {
      left = d;
    }
  }
  return std::string(left, ' ') + sign + prefix + std::string(zeros, '0') + digits +
         std::string(right, ' ');
}

std::optional<std::string> ShortestNumber(double x) { return FormatBigFloat(x, 'g', -1); }

// Formats one verb; nullopt with `fail` set on error or uncertainty.
std::optional<std::string> FormatVerb(const Verb& v, const Value& arg, Failure* fail) {
  std::string at = " at " + std::to_string(v.offset) + ": ";
  auto unsupported = [&](const std::string& why) {
    fail->error = "unsupported value for \"" + v.raw + "\"" + at + why;
    return std::nullopt;
  };
  if (v.mode == 'v') {
    if (!v.sharp && arg.is_string()) return PadWidth(v, arg.str());
    if (!v.sharp && arg.is_number()) {
      std::optional<std::string> s = ShortestNumber(arg.number());
      if (!s) {
        fail->unknown = true;
        return std::nullopt;
      }
      return PadWidth(v, *s);
    }
    if (!FullyKnown(arg)) {
      fail->unknown = true;
      return std::nullopt;
    }
    return PadWidth(v, JsonEncode(arg));
  }
  if (v.mode == 't') {
    if (arg.is_bool()) return std::string(arg.bool_value() ? "true" : "false");
    if (arg.is_string() && (arg.str() == "true" || arg.str() == "false")) return arg.str();
    return unsupported("bool required");
  }
  if (std::string_view("bdoxXeEfgG").find(v.mode) != std::string_view::npos) {
    double x = 0;
    if (arg.is_number()) {
      x = arg.number();
    } else if (arg.is_string()) {
      bool out_of_range = false;
      std::optional<double> d = ParseNumber(arg.str(), &out_of_range);
      if (!d) return unsupported("a number is required");
      if (out_of_range) {
        fail->unknown = true;
        return std::nullopt;
      }
      x = *d;
    } else {
      return unsupported("number required");
    }
    std::optional<std::string> s;
    if (std::string_view("bdoxX").find(v.mode) != std::string_view::npos) {
      s = FormatIntVerb(v, x, fail);
      if (!s && !fail->error.empty()) return unsupported(fail->error);
    } else {
      s = FormatFloatVerb(v, x);
    }
    if (!s) fail->unknown = true;
    return s;
  }
  if (v.mode == 's' || v.mode == 'q') {
    if (arg.is_list() || arg.is_object()) return unsupported("string required");
    std::optional<std::string> str = PrimitiveString(arg);
    if (!str) {
      fail->unknown = true;
      return std::nullopt;
    }
    if (v.has_prec && v.prec > 0) {
      std::vector<size_t> bounds = unicode::GraphemeBounds(*str);
      if (static_cast<size_t>(v.prec) + 1 < bounds.size()) str->resize(bounds[v.prec]);
    }
    if (v.mode == 's') return PadWidth(v, *str);
    return PadWidth(v, JsonEncode(Value::String(*str)));
  }
  fail->error = std::string("unsupported format verb '") + v.mode + "' in \"" + v.raw +
                "\" at offset " + std::to_string(v.offset);
  return std::nullopt;
}

// Runs a format string over `args` (all wholly known and not null).
std::optional<std::string> RunFormat(std::string_view f, std::span<const Value> args,
                                     Failure* fail) {
  std::string out;
  size_t next_arg = 1;
  size_t i = 0;
  auto bad_char = [&](size_t at) {
    if (at >= f.size()) {
      fail->error = "invalid format string starting at offset " + std::to_string(f.size());
    } else {
      fail->error = std::string("unrecognized format character '") + f[at] + "' at offset " +
                    std::to_string(at);
    }
    return std::nullopt;
  };
  while (i < f.size()) {
    if (f[i] != '%') {
      out.push_back(f[i++]);
      continue;
    }
    if (i + 1 < f.size() && f[i + 1] == '%') {
      out.push_back('%');
      i += 2;
      continue;
    }
    Verb v;
    v.offset = i;
    v.arg = next_arg;
    size_t p = i + 1;
    for (; p < f.size(); ++p) {
      char ch = f[p];
      if (ch == '0') {
        v.zero = true;
      } else if (ch == '#') {
        v.sharp = true;
      } else if (ch == '-') {
        v.minus = true;
      } else if (ch == '+') {
        v.plus = true;
      } else if (ch == ' ') {
        v.space = true;
      } else {
        break;
      }
    }
    if (p < f.size() && f[p] == '[') {
      ++p;
      if (p >= f.size() || f[p] < '1' || f[p] > '9') return bad_char(p);
      size_t n = 0;
      while (p < f.size() && f[p] >= '0' && f[p] <= '9') {
        n = std::min<size_t>(n * 10 + (f[p] - '0'), 1000000);
        ++p;
      }
      if (p >= f.size() || f[p] != ']') return bad_char(p);
      ++p;
      v.arg = n;
    }
    if (p < f.size() && f[p] >= '1' && f[p] <= '9') {
      v.has_width = true;
      while (p < f.size() && f[p] >= '0' && f[p] <= '9') {
        v.width = std::min(v.width * 10 + (f[p] - '0'), kMaxWidth + 1);
        ++p;
      }
    }
    if (p < f.size() && f[p] == '.') {
      v.has_prec = true;
      ++p;
      while (p < f.size() && f[p] >= '0' && f[p] <= '9') {
        v.prec = std::min(v.prec * 10 + (f[p] - '0'), kMaxWidth + 1);
        ++p;
      }
    }
    if (p >= f.size()) return bad_char(p);
    char mode = f[p];
    if (!((mode >= 'a' && mode <= 'z') || (mode >= 'A' && mode <= 'Z'))) return bad_char(p);
    v.mode = mode;
    v.raw = std::string(f.substr(i, p + 1 - i));
    if (v.width > kMaxWidth || v.prec > kMaxWidth) {
      fail->error = "width or precision too large in \"" + v.raw + "\"";
      return std::nullopt;
    }
    if (v.arg > args.size()) {
      fail->error = "not enough arguments for \"" + v.raw + "\" at " + std::to_string(v.offset) +
                    ": need index " + std::to_string(v.arg) + " but have " +
                    std::to_string(args.size()) + " total";
      return std::nullopt;
    }
    std::optional<std::string> s = FormatVerb(v, args[v.arg - 1], fail);
    if (!s) return std::nullopt;
    out += *s;
    if (out.size() > kMaxStringBytes) {
      fail->error = "the result would be too long";
      return std::nullopt;
    }
    next_arg = v.arg + 1;
    i = p + 1;
  }
  return out;
}

}  // namespace

CallResult Format(Args args, const FunctionContext&, Span call) {
  Call c("format", args, call);
  TF_RETURN_IF(c.Arity({"format"}, "args"));
  std::string f;
  TF_RETURN_IF(c.String(0, &f));
  for (size_t i = 1; i < args.size(); ++i) {
    // A null has no type we know; Terraform's answer depends on it.
    if (!FullyKnown(args[i]) || args[i].is_null()) return c.Unknown();
  }
  Failure fail;
  std::optional<std::string> s = RunFormat(f, args.subspan(1), &fail);
  if (!s) return fail.unknown ? c.Unknown() : c.Error(fail.error);
  return c.Ok(Value::String(std::move(*s)));
}

CallResult FormatList(Args args, const FunctionContext&, Span call) {
  Call c("formatlist", args, call);
  TF_RETURN_IF(c.Arity({"format"}, "args"));
  std::string f;
  TF_RETURN_IF(c.String(0, &f));
  std::optional<size_t> len;
  size_t chooser = 0;
  for (size_t i = 1; i < args.size(); ++i) {
    const Value& a = args[i];
    if (a.is_unknown() || a.is_null()) return c.Unknown();
    if (!a.is_list()) continue;
    if (!len) {
      len = a.items().size();
      chooser = i;
    } else if (a.items().size() != *len) {
      return c.ArgError(i, "argument " + std::to_string(i) + " has length " +
                               std::to_string(a.items().size()) +
                               ", which is inconsistent with argument " + std::to_string(chooser) +
                               " of length " + std::to_string(*len));
    }
  }
  size_t n = len.value_or(1);
  std::vector<Value> out;
  out.reserve(n);
  std::vector<Value> row(args.size() - 1);
  size_t total = 0;
  for (size_t k = 0; k < n; ++k) {
    bool unknown = false;
    for (size_t i = 1; i < args.size(); ++i) {
      row[i - 1] = args[i].is_list() ? args[i].items()[k] : args[i];
      if (!FullyKnown(row[i - 1]) || row[i - 1].is_null()) unknown = true;
    }
    if (unknown) {
      Value u = Value::Unknown(call);
      for (const Value& r : row) u = WithDeepProvenance(u, r);
      out.push_back(std::move(u));
      continue;
    }
    Failure fail;
    std::optional<std::string> s = RunFormat(f, row, &fail);
    if (!s) {
      if (fail.unknown) return c.Unknown();
      return c.Error("error on format iteration " + std::to_string(k) + ": " + fail.error);
    }
    total += s->size();
    if (total > kMaxStringBytes) return c.Error("the result would be too long");
    Value item = Value::String(std::move(*s), call);
    for (const Value& r : row) item = WithDeepProvenance(item, r);
    out.push_back(std::move(item));
  }
  return c.Ok(Value::List(std::move(out)));
}

}  // namespace infracheck::tf::fn
