// Comparisons of a value with what a policy wrote: equality with Terraform's
// conversions (the number 16 equals "16"), numbers, versions, RE2 patterns
// and list membership, each unknown when an unknown part could decide.
#include <charconv>
#include <cmath>

#include "checker/policies/evaluate.h"

namespace infracheck::policy {

namespace {

// Equality with a literal, converting as Terraform does between strings,
// numbers and booleans.
Tri EqualsLiteral(const Value& v, const Literal& lit) {
  if (v.is_unknown()) return Tri::kUnknown;
  switch (lit.kind) {
    case Literal::Kind::kNull:
      return v.is_null() ? Tri::kTrue : Tri::kFalse;
    case Literal::Kind::kBool:
      if (IsTrue(&v)) return lit.boolean ? Tri::kTrue : Tri::kFalse;
      if (IsFalse(&v)) return lit.boolean ? Tri::kFalse : Tri::kTrue;
      return Tri::kFalse;
    case Literal::Kind::kNumber: {
      auto n = NumberOf(&v);
      return n && *n == lit.number ? Tri::kTrue : Tri::kFalse;
    }
    case Literal::Kind::kString: {
      auto s = StringOf(&v);
      return s && *s == lit.text ? Tri::kTrue : Tri::kFalse;
    }
  }
  return Tri::kFalse;
}

Tri Or(Tri a, Tri b) {
  if (a == Tri::kTrue || b == Tri::kTrue) return Tri::kTrue;
  if (a == Tri::kUnknown || b == Tri::kUnknown) return Tri::kUnknown;
  return Tri::kFalse;
}

Tri InLiterals(const Value& v, const std::vector<Literal>& literals) {
  Tri t = Tri::kFalse;
  for (const Literal& lit : literals) t = Or(t, EqualsLiteral(v, lit));
  return t;
}

// A list holds the literal as an element; a single value is a list of one.
Tri Contains(const Value& v, const Literal& lit) {
  if (v.is_unknown()) return Tri::kUnknown;
  if (!v.is_list()) return v.is_object() ? Tri::kFalse : EqualsLiteral(v, lit);
  Tri t = Tri::kFalse;
  for (const Value& item : v.items()) t = Or(t, EqualsLiteral(item, lit));
  return t;
}

Tri Order(const Value& v, Op op, double limit) {
  auto n = NumberOf(&v);
  if (!n) return Tri::kFalse;
  bool ok = op == Op::kLt   ? *n < limit
            : op == Op::kLe ? *n <= limit
            : op == Op::kGt ? *n > limit
                            : *n >= limit;
  return ok ? Tri::kTrue : Tri::kFalse;
}

Tri VersionOrder(const Value& v, Op op, const std::vector<long>& limit) {
  auto s = StringOf(&v);
  if (!s) return Tri::kFalse;
  auto version = ParseVersion(*s);
  if (!version) return Tri::kFalse;
  int c = CompareVersions(*version, limit);
  bool ok = op == Op::kVersionLt   ? c < 0
            : op == Op::kVersionLe ? c <= 0
            : op == Op::kVersionGt ? c > 0
                                   : c >= 0;
  return ok ? Tri::kTrue : Tri::kFalse;
}

std::string ShowLiteral(const Literal& lit) {
  switch (lit.kind) {
    case Literal::Kind::kNull:
      return "null";
    case Literal::Kind::kBool:
      return lit.boolean ? "true" : "false";
    case Literal::Kind::kNumber:
      return FormatNumber(lit.number);
    case Literal::Kind::kString:
      return "\"" + lit.text + "\"";
  }
  return lit.text;
}

void ShowInto(const Value& v, std::string& out, size_t budget) {
  if (out.size() > budget) return;
  switch (v.kind()) {
    case Value::Kind::kNull:
      out += "null";
      return;
    case Value::Kind::kBool:
      out += v.bool_value() ? "true" : "false";
      return;
    case Value::Kind::kNumber:
      out += FormatNumber(v.number());
      return;
    case Value::Kind::kString: {
      std::string_view s = v.str();
      out += '"';
      out += s.substr(0, 60);
      if (s.size() > 60) out += "…";
      out += '"';
      return;
    }
    case Value::Kind::kUnknown:
      out += "(known after apply)";
      return;
    case Value::Kind::kList:
      out += '[';
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i) out += ", ";
        if (out.size() > budget) {
          out += "…";
          break;
        }
        ShowInto(v.items()[i], out, budget);
      }
      out += ']';
      return;
    case Value::Kind::kObject:
      out += '{';
      for (size_t i = 0; i < v.fields().size(); ++i) {
        if (i) out += ", ";
        if (out.size() > budget) {
          out += "…";
          break;
        }
        out += v.fields()[i].key + " = ";
        ShowInto(v.fields()[i].value, out, budget);
      }
      out += '}';
      return;
  }
}

}  // namespace

Tri Test(const Condition& c, const Value& v) {
  switch (c.op) {
    case Op::kExists: {
      Tri present = v.is_unknown() ? Tri::kUnknown : v.is_null() ? Tri::kFalse : Tri::kTrue;
      return c.exists ? present : Not(present);
    }
    case Op::kEquals:
      return EqualsLiteral(v, c.literals[0]);
    case Op::kNotEquals:
      return Not(EqualsLiteral(v, c.literals[0]));
    case Op::kIn:
      return InLiterals(v, c.literals);
    case Op::kNotIn:
      return Not(InLiterals(v, c.literals));
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
      if (v.is_unknown()) return Tri::kUnknown;
      return Order(v, c.op, c.literals[0].number);
    case Op::kVersionLt:
    case Op::kVersionLe:
    case Op::kVersionGt:
    case Op::kVersionGe:
      if (v.is_unknown()) return Tri::kUnknown;
      return VersionOrder(v, c.op, c.version);
    case Op::kMatches:
    case Op::kNotMatches: {
      if (v.is_unknown()) return Tri::kUnknown;
      auto s = StringOf(&v);
      bool match = s && RE2::PartialMatch(*s, *c.regex);
      return (match == (c.op == Op::kMatches)) ? Tri::kTrue : Tri::kFalse;
    }
    case Op::kContains:
      return Contains(v, c.literals[0]);
    case Op::kNotContains:
      return Not(Contains(v, c.literals[0]));
  }
  return Tri::kUnknown;
}

std::string Show(const Value& v) {
  std::string out;
  ShowInto(v, out, 100);
  return out;
}

std::string Expectation(const Condition& c, Op op) {
  auto list = [&] {
    std::string s;
    for (size_t i = 0; i < c.literals.size(); ++i) {
      if (i) s += i + 1 == c.literals.size() ? " or " : ", ";
      s += ShowLiteral(c.literals[i]);
    }
    return s;
  };
  std::string lit = c.literals.empty() ? "" : ShowLiteral(c.literals[0]);
  std::string ver = c.literals.empty() ? "" : c.literals[0].text;
  switch (op) {
    case Op::kExists:
      return c.exists ? "set" : "not set";
    case Op::kEquals:
      return lit;
    case Op::kNotEquals:
      return "other than " + lit;
    case Op::kIn:
      return c.literals.size() == 1 ? lit : "one of " + list();
    case Op::kNotIn:
      return "none of " + list();
    case Op::kLt:
      return "less than " + lit;
    case Op::kLe:
      return "at most " + lit;
    case Op::kGt:
      return "more than " + lit;
    case Op::kGe:
      return "at least " + lit;
    case Op::kVersionLt:
      return "a version older than " + ver;
    case Op::kVersionLe:
      return "version " + ver + " or older";
    case Op::kVersionGt:
      return "a version newer than " + ver;
    case Op::kVersionGe:
      return "version " + ver + " or newer";
    case Op::kMatches:
      return "matching /" + c.regex->pattern() + "/";
    case Op::kNotMatches:
      return "not matching /" + c.regex->pattern() + "/";
    case Op::kContains:
      return "containing " + lit;
    case Op::kNotContains:
      return "without " + lit;
  }
  return "";
}

std::optional<std::vector<long>> ParseVersion(std::string_view text) {
  if (!text.empty() && (text[0] == 'v' || text[0] == 'V')) text.remove_prefix(1);
  std::vector<long> out;
  while (!text.empty() && text[0] >= '0' && text[0] <= '9') {
    long n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc()) return std::nullopt;  // a component too large to be a version
    out.push_back(n);
    text.remove_prefix(static_cast<size_t>(end - text.data()));
    if (text.size() < 2 || text[0] != '.' || text[1] < '0' || text[1] > '9') break;
    text.remove_prefix(1);
    if (out.size() > 16) return std::nullopt;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

int CompareVersions(const std::vector<long>& a, const std::vector<long>& b) {
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    long x = i < a.size() ? a[i] : 0;
    long y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

}  // namespace infracheck::policy
