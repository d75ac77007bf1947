// Parsing conditions, attribute paths, kinds and literals out of YAML, with
// an error at the position of every mistake.
#include <algorithm>
#include <charconv>

#include "checker/policies/evaluate.h"
#include "checker/policies/parse.h"

namespace infracheck::policy {

namespace {

constexpr int kMaxDepth = 32;
constexpr int kMaxHops = 8;
// YAML aliases can repeat a condition exponentially often in a few lines (as
// in "a billion laughs"); conditions are counted as used, not as written.
constexpr int kMaxConditions = 10000;
// Conditions parsed so far in the current require:/forbid:/where: (reset by
// the outermost call, whose depth is 0).
thread_local int conditions_parsed = 0;

struct OpName {
  std::string_view name;
  Op op;
};

constexpr OpName kOps[] = {
    {"exists", Op::kExists},
    {"equals", Op::kEquals},
    {"not_equals", Op::kNotEquals},
    {"in", Op::kIn},
    {"not_in", Op::kNotIn},
    {"lt", Op::kLt},
    {"le", Op::kLe},
    {"gt", Op::kGt},
    {"ge", Op::kGe},
    {"version_lt", Op::kVersionLt},
    {"version_le", Op::kVersionLe},
    {"version_gt", Op::kVersionGt},
    {"version_ge", Op::kVersionGe},
    {"matches", Op::kMatches},
    {"not_matches", Op::kNotMatches},
    {"contains", Op::kContains},
    {"not_contains", Op::kNotContains},
};

const std::initializer_list<std::string_view> kComparisonKeys = {
    "attribute",   "resource",   "environment", "default",    "exists",     "equals",
    "not_equals",  "in",         "not_in",      "lt",         "le",         "gt",
    "ge",          "version_lt", "version_le",  "version_gt", "version_ge", "matches",
    "not_matches", "contains",   "not_contains"};

const std::initializer_list<std::string_view> kStructural = {
    "and", "or", "not", "any", "all", "none", "connected", "reachable", "if"};

size_t Distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string List(std::initializer_list<std::string_view> items) {
  std::string out;
  for (std::string_view s : items) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

bool IsNumber(std::string_view s, double* out) {
  if (s.empty()) return false;
  std::string_view body = s;
  if (body[0] == '+' || body[0] == '-') body.remove_prefix(1);
  if (body.empty() || !(std::isdigit(static_cast<unsigned char>(body[0])) || body[0] == '.')) {
    return false;
  }
  if (s[0] == '+') s.remove_prefix(1);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

int IntegerOf(const YAML::Node& n, const std::string& what, int lo, int hi) {
  Literal lit = LiteralOf(n, what);
  if (lit.kind != Literal::Kind::kNumber || lit.number != static_cast<int>(lit.number) ||
      lit.number < lo || lit.number > hi) {
    Fail(n, what + " must be a whole number from " + std::to_string(lo) + " to " +
                std::to_string(hi) + ", not " + Describe(n));
  }
  return static_cast<int>(lit.number);
}

Value ValueOf(const Literal& lit) {
  switch (lit.kind) {
    case Literal::Kind::kNull:
      return Value::Null();
    case Literal::Kind::kBool:
      return Value::Bool(lit.boolean);
    case Literal::Kind::kNumber:
      return Value::Number(lit.number);
    case Literal::Kind::kString:
      return Value::String(lit.text);
  }
  return Value::Null();
}

// The operator's value, checked for its kind.
void OperatorValue(Condition& c, const YAML::Node& v, std::string_view name) {
  std::string what = "the value of " + std::string(name);
  switch (c.op) {
    case Op::kExists:
      c.exists = Bool(v, what);
      return;
    case Op::kIn:
    case Op::kNotIn:
      if (v.IsSequence()) {
        if (v.size() == 0) Fail(v, std::string(name) + " needs at least one value");
        for (const YAML::Node& item : v) c.literals.push_back(LiteralOf(item, what));
      } else {
        c.literals.push_back(LiteralOf(v, what));
      }
      return;
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe: {
      Literal lit = LiteralOf(v, what);
      if (lit.kind != Literal::Kind::kNumber) {
        Fail(v, std::string(name) + " compares numbers: write a number, not " + Describe(v));
      }
      c.literals.push_back(lit);
      return;
    }
    case Op::kVersionLt:
    case Op::kVersionLe:
    case Op::kVersionGt:
    case Op::kVersionGe: {
      std::string text = Scalar(v, what);
      auto version = ParseVersion(text);
      if (!version) {
        Fail(v,
             std::string(name) + " needs a version such as \"16\" or \"16.1\", not '" + text + "'");
      }
      c.version = *version;
      c.literals.push_back(Literal{Literal::Kind::kString, false, 0, text});
      return;
    }
    case Op::kMatches:
    case Op::kNotMatches: {
      std::string pattern = Scalar(v, what);
      RE2::Options options;
      options.set_log_errors(false);
      options.set_max_mem(8 << 20);
      c.regex = std::make_unique<RE2>(pattern, options);
      if (!c.regex->ok()) {
        Fail(v, "bad regular expression (RE2 syntax): " + c.regex->error());
      }
      return;
    }
    case Op::kEquals:
    case Op::kNotEquals:
    case Op::kContains:
    case Op::kNotContains:
      c.literals.push_back(LiteralOf(v, what));
      return;
  }
}

ConditionPtr Comparison(const YAML::Node& n, bool element) {
  Keys(n, "a comparison", kComparisonKeys);
  auto c = std::make_unique<Condition>();
  c->kind = Condition::Kind::kCompare;
  int subjects = 0;
  for (const char* key : {"attribute", "resource", "environment"}) subjects += n[key] ? 1 : 0;
  if (subjects > 1) Fail(n, "a comparison looks at one of attribute, resource or environment");
  if (const YAML::Node a = n["attribute"]) {
    c->path = PathOf(a);
  } else if (const YAML::Node r = n["resource"]) {
    std::string s = Scalar(r, "resource");
    c->subject = s == "name"      ? Subject::kResourceName
                 : s == "address" ? Subject::kResourceAddress
                 : s == "kind"    ? Subject::kResourceKind
                 : s == "module"  ? Subject::kResourceModule
                 : s == "mode"    ? Subject::kResourceMode
                                  : Subject::kAttribute;
    if (c->subject == Subject::kAttribute) {
      Fail(r, "resource: is one of name, address, kind, module or mode, not '" + s + "'");
    }
  } else if (const YAML::Node e = n["environment"]) {
    std::string s = Scalar(e, "environment");
    if (s != "name" && s != "production") {
      Fail(e, "environment: is name or production, not '" + s + "'");
    }
    c->subject = s == "name" ? Subject::kEnvironmentName : Subject::kEnvironmentProduction;
  } else if (!element) {
    Fail(n, "a comparison needs attribute:, resource: or environment: (what it looks at)");
  }
  std::string_view op_name;
  for (const OpName& o : kOps) {
    if (!n[std::string(o.name)]) continue;
    if (!op_name.empty()) {
      Fail(n[std::string(o.name)], "a comparison has one operator; combine several with and:");
    }
    op_name = o.name;
    c->op = o.op;
  }
  if (op_name.empty()) {
    Fail(n,
         "a comparison needs an operator: exists, equals, not_equals, in, not_in, lt, le, gt, "
         "ge, version_lt, version_le, version_gt, version_ge, matches, not_matches, contains "
         "or not_contains");
  }
  OperatorValue(*c, n[std::string(op_name)], op_name);
  if (const YAML::Node d = n["default"]) {
    if (c->subject != Subject::kAttribute) Fail(d, "default: applies to attributes only");
    if (c->op == Op::kExists) Fail(d, "default: makes no sense with exists");
    Literal lit = LiteralOf(d, "default");
    if (lit.kind == Literal::Kind::kNull) Fail(d, "default: needs a value");
    c->fallback = ValueOf(lit);
  }
  return c;
}

Source SourceOf(const YAML::Node& n, int depth) {
  Keys(n, "a source", {"cidr", "internet", "security_group", "attached_to", "where"});
  Source s;
  int kinds = 0;
  for (const char* key : {"cidr", "internet", "security_group", "attached_to"}) {
    kinds += n[key] ? 1 : 0;
  }
  if (kinds != 1) {
    Fail(n, "a source is one of cidr:, internet:, security_group: or attached_to:");
  }
  if (n["where"] && !n["attached_to"]) {
    Fail(n["where"], "where: goes with attached_to: (for a group itself, use security_group:)");
  }
  if (const YAML::Node c = n["cidr"]) {
    s.kind = Source::Kind::kCidr;
    s.text = Scalar(c, "cidr");
    auto cidr = rules::ParseCidr(s.text);
    if (!cidr) Fail(c, "'" + s.text + "' is not a CIDR block (like 0.0.0.0/0 or 10.0.0.0/16)");
    s.cidr = *cidr;
  } else if (const YAML::Node i = n["internet"]) {
    if (!Bool(i, "internet")) Fail(i, "internet: takes only true");
    s.kind = Source::Kind::kInternet;
    s.text = "the internet";
  } else if (const YAML::Node g = n["security_group"]) {
    s.kind = Source::Kind::kSecurityGroup;
    s.text = "a matching security group";
    s.where = ConditionOf(g, depth + 1, false);
  } else {
    s.kind = Source::Kind::kAttachedTo;
    s.kinds = KindsOf(n["attached_to"], "attached_to");
    s.text = "a security group of " + s.kinds.text;
    if (const YAML::Node w = n["where"]) s.where = ConditionOf(w, depth + 1, false);
  }
  return s;
}

ConditionPtr Reachable(const YAML::Node& n, int depth) {
  Keys(n, "reachable", {"from", "only_from", "port", "hops"});
  auto c = std::make_unique<Condition>();
  c->kind = Condition::Kind::kReachable;
  if (n["from"] && n["only_from"]) Fail(n, "reachable: takes from: or only_from:, not both");
  if (const YAML::Node f = n["from"]) {
    c->sources.push_back(SourceOf(f, depth));
  } else if (const YAML::Node o = n["only_from"]) {
    c->only = true;
    if (o.IsSequence()) {
      if (o.size() == 0) Fail(o, "only_from: needs at least one source");
      for (const YAML::Node& item : o) c->sources.push_back(SourceOf(item, depth));
    } else {
      c->sources.push_back(SourceOf(o, depth));
    }
  } else {
    Fail(n, "reachable: needs from: (a source) or only_from: (the allowed sources)");
  }
  if (const YAML::Node p = n["port"]) c->port = IntegerOf(p, "port", 0, 65535);
  if (const YAML::Node h = n["hops"]) {
    if (c->only) Fail(h, "hops: goes with from:, not only_from:");
    c->hops = IntegerOf(h, "hops", 0, kMaxHops);
  }
  return c;
}

ConditionPtr Connected(const YAML::Node& n, int depth) {
  Keys(n, "connected", {"to", "via", "direction", "where", "every"});
  auto c = std::make_unique<Condition>();
  c->kind = Condition::Kind::kConnected;
  if (!n["to"]) Fail(n, "connected: needs to: (the kind of resource it is connected to)");
  c->to = KindsOf(n["to"], "to");
  if (const YAML::Node v = n["via"]) {
    std::string via = Scalar(v, "via");
    if (via == "any") {
      c->via = Via::kAny;
    } else if (via == "references") {
      c->via = Via::kReferences;
    } else if (auto rel = ParseRelation(via)) {
      c->via = Via::kRelation;
      c->relation = *rel;
    } else {
      std::string names;
      for (size_t i = 0; i < static_cast<size_t>(Relation::kCount); ++i) {
        names += ", " + std::string(RelationName(static_cast<Relation>(i)));
      }
      Fail(v, "via: is any, references or a relation (" + names.substr(2) + "), not '" + via + "'");
    }
  }
  if (const YAML::Node d = n["direction"]) {
    std::string dir = Scalar(d, "direction");
    if (dir == "both") {
      c->direction = Direction::kBoth;
    } else if (dir == "out") {
      c->direction = Direction::kOut;
    } else if (dir == "in") {
      c->direction = Direction::kIn;
    } else {
      Fail(d, "direction: is out, in or both, not '" + dir + "'");
    }
  }
  if (n["where"] && n["every"]) Fail(n, "connected: takes where: or every:, not both");
  if (const YAML::Node w = n["where"]) c->children.push_back(ConditionOf(w, depth + 1, false));
  if (const YAML::Node e = n["every"]) {
    c->every = true;
    c->children.push_back(ConditionOf(e, depth + 1, false));
  }
  return c;
}

}  // namespace

void Fail(const YAML::Node& n, std::string message) {
  throw ParseError{n.Mark(), std::move(message)};
}

std::string Describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return "empty";
    default:
      return "'" + n.Scalar() + "'";
  }
}

std::string Scalar(const YAML::Node& n, const std::string& what) {
  if (!n.IsScalar()) Fail(n, what + " must be a string, not " + Describe(n));
  return n.Scalar();
}

bool Bool(const YAML::Node& n, const std::string& what) {
  Literal lit = LiteralOf(n, what);
  if (lit.kind != Literal::Kind::kBool)
    Fail(n, what + " must be true or false, not " + Describe(n));
  return lit.boolean;
}

Literal LiteralOf(const YAML::Node& n, const std::string& what) {
  if (n.IsNull()) return Literal{};
  if (!n.IsScalar()) Fail(n, what + " must be a single value, not " + Describe(n));
  Literal lit;
  lit.text = n.Scalar();
  lit.kind = Literal::Kind::kString;
  if (n.Tag() == "!") return lit;  // quoted: always a string
  const std::string& s = lit.text;
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
    lit.kind = Literal::Kind::kBool;
    lit.boolean = s[0] == 't' || s[0] == 'T';
  } else if (s == "null" || s == "Null" || s == "NULL" || s == "~") {
    lit.kind = Literal::Kind::kNull;
  } else if (IsNumber(s, &lit.number)) {
    lit.kind = Literal::Kind::kNumber;
  }
  return lit;
}

std::string Suggest(std::string_view word, std::initializer_list<std::string_view> candidates) {
  // Spellings from other policy languages, which edit distance gets wrong
  // (version_gte is as near version_gt as version_ge).
  constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"gte", "ge"},
      {"lte", "le"},
      {"version_gte", "version_ge"},
      {"version_lte", "version_le"},
      {"eq", "equals"},
      {"ne", "not_equals"},
      {"neq", "not_equals"},
      {"regex", "matches"},
  };
  for (const auto& [alias, meant] : kAliases) {
    if (word == alias &&
        std::find(candidates.begin(), candidates.end(), meant) != candidates.end()) {
      return std::string(meant);
    }
  }
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
  for (std::string_view c : candidates) {
    size_t d = Distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = std::string(c);
    }
  }
  return best;
}

void Keys(const YAML::Node& map, const std::string& what,
          std::initializer_list<std::string_view> allowed) {
  if (!map.IsMap()) Fail(map, what + " must be a mapping, not " + Describe(map));
  std::vector<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      Fail(it->first, std::string("duplicate key '").append(key).append("' in ").append(what));
    }
    seen.push_back(key);
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string message = std::string("unknown key '").append(key).append("' in ").append(what);
    std::string near = Suggest(key, allowed);
    message +=
        near.empty() ? " (expected: " + List(allowed) + ")" : "; did you mean '" + near + "'?";
    Fail(it->first, message);
  }
}

KindSet KindsOf(const YAML::Node& n, const std::string& what) {
  KindSet k;
  std::vector<YAML::Node> items;
  if (n.IsSequence()) {
    for (const YAML::Node& item : n) items.push_back(item);
    if (items.empty()) Fail(n, what + " needs at least one resource kind");
  } else {
    items.push_back(n);
  }
  for (const YAML::Node& item : items) {
    std::string kind = Scalar(item, what + " entries");
    if (kind == "*") {
      k.every_managed = true;
    } else {
      bool data = kind.rfind("data.", 0) == 0;
      std::string_view name = std::string_view(kind).substr(data ? 5 : 0);
      bool ok = !name.empty() && name.find('_') != std::string_view::npos &&
                std::islower(static_cast<unsigned char>(name[0])) &&
                std::all_of(name.begin(), name.end(), [](char ch) {
                  return std::islower(static_cast<unsigned char>(ch)) ||
                         std::isdigit(static_cast<unsigned char>(ch)) || ch == '_';
                });
      if (!ok) {
        Fail(item, "'" + kind +
                       "' is not a resource kind: write a Terraform type (aws_db_instance), "
                       "data.<type> for data sources, or \"*\"");
      }
      (data ? k.data : k.managed).emplace_back(name);
    }
    k.text += (k.text.empty() ? "" : " or ") + kind;
  }
  return k;
}

Path PathOf(const YAML::Node& n) {
  Path p;
  p.text = Scalar(n, "attribute");
  std::string_view s = p.text;
  if (s == ".") return p;
  auto bad = [&](const std::string& why) {
    Fail(n, "bad attribute path '" + p.text + "': " + why);
  };
  if (s.empty()) bad("it is empty");
  size_t i = 0;
  bool need_step = true;
  while (i < s.size()) {
    Step step;
    if (s[i] == '[') {
      size_t close = s.find(']', i);
      if (close == std::string_view::npos) bad("'[' without ']'");
      std::string_view inside = s.substr(i + 1, close - i - 1);
      if (inside == "*") {
        step.kind = Step::Kind::kEach;
      } else if (inside.size() >= 2 && (inside[0] == '"' || inside[0] == '\'') &&
                 inside.back() == inside[0]) {
        step.key = std::string(inside.substr(1, inside.size() - 2));
      } else if (!inside.empty() && inside.size() < 10 &&
                 inside.find_first_not_of("0123456789") == std::string_view::npos) {
        step.kind = Step::Kind::kIndex;
        step.key = std::string(inside);
        step.index = std::stoul(step.key);
      } else {
        bad("write [N], [*] or [\"key\"], not [" + std::string(inside) + "]");
      }
      i = close + 1;
      need_step = false;
    } else {
      if (s[i] == '.') {
        if (need_step) bad("an empty step");
        ++i;
        need_step = true;
        continue;
      }
      size_t end = s.find_first_of(".[", i);
      if (end == std::string_view::npos) end = s.size();
      std::string_view part = s.substr(i, end - i);
      if (part.find_first_of("]\"' ") != std::string_view::npos) bad("unexpected character");
      if (part == "*") {
        step.kind = Step::Kind::kEach;
      } else if (part.size() < 10 &&
                 part.find_first_not_of("0123456789") == std::string_view::npos) {
        step.kind = Step::Kind::kIndex;
        step.key = std::string(part);
        step.index = std::stoul(step.key);
      } else {
        step.key = std::string(part);
      }
      i = end;
      need_step = false;
    }
    p.steps.push_back(std::move(step));
    if (p.steps.size() > 64) bad("more than 64 steps");
  }
  if (need_step) bad("it ends with '.'");
  return p;
}

ConditionPtr ConditionOf(const YAML::Node& n, int depth, bool element) {
  if (depth == 0) conditions_parsed = 0;
  if (depth > kMaxDepth) Fail(n, "conditions nest more than 32 levels deep");
  if (++conditions_parsed > kMaxConditions) {
    Fail(n, "more than 10000 conditions (counting each use of a YAML alias)");
  }
  if (!n.IsMap()) Fail(n, "a condition must be a mapping, not " + Describe(n));
  std::string key;
  for (std::string_view k : kStructural) {
    if (n[std::string(k)]) key = std::string(k);
  }
  if (key.empty()) {
    bool comparison = false;
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string k = it->first.IsScalar() ? it->first.Scalar() : "";
      if (std::find(kComparisonKeys.begin(), kComparisonKeys.end(), k) != kComparisonKeys.end()) {
        comparison = true;
      }
    }
    if (!comparison && n.size() > 0) {
      const YAML::Node first = n.begin()->first;
      std::string k = first.IsScalar() ? first.Scalar() : "";
      std::string near = Suggest(k, kStructural);
      if (near.empty()) near = Suggest(k, kComparisonKeys);
      Fail(first, "unknown condition '" + k + "'" +
                      (near.empty() ? " (a condition is and, or, not, if, any, all, none, "
                                      "connected, reachable, or a comparison: attribute, resource "
                                      "or environment with an operator)"
                                    : "; did you mean '" + near + "'?"));
    }
    auto c = Comparison(n, element);
    c->line = static_cast<uint32_t>(n.Mark().line + 1);
    c->column = static_cast<uint32_t>(n.Mark().column + 1);
    return c;
  }
  for (auto it = n.begin(); it != n.end(); ++it) {
    std::string k = it->first.Scalar();
    if (key == "if" && (k == "then" || k == "else")) continue;
    if (k != key) {
      Fail(it->first, std::string("'")
                          .append(key)
                          .append(":' stands alone in its condition; to combine it with '")
                          .append(k)
                          .append(":', list both under and:"));
    }
  }
  const YAML::Node v = n[key];
  ConditionPtr c;
  if (key == "and" || key == "or") {
    c = std::make_unique<Condition>();
    c->kind = key == "and" ? Condition::Kind::kAnd : Condition::Kind::kOr;
    if (!v.IsSequence() || v.size() == 0) Fail(v, key + ": takes a list of conditions");
    for (const YAML::Node& item : v) c->children.push_back(ConditionOf(item, depth + 1, element));
  } else if (key == "not") {
    c = std::make_unique<Condition>();
    c->kind = Condition::Kind::kNot;
    c->children.push_back(ConditionOf(v, depth + 1, element));
  } else if (key == "any" || key == "all" || key == "none") {
    Keys(v, key, {"attribute", "match"});
    c = std::make_unique<Condition>();
    c->kind = key == "any"   ? Condition::Kind::kAny
              : key == "all" ? Condition::Kind::kAll
                             : Condition::Kind::kNone;
    if (const YAML::Node a = v["attribute"]) {
      c->path = PathOf(a);
    } else if (!element) {
      Fail(v, key + ": needs attribute: (the list) and match: (what its elements satisfy)");
    }
    if (!v["match"]) Fail(v, key + ": needs match: (the condition each element is checked with)");
    c->children.push_back(ConditionOf(v["match"], depth + 1, true));
  } else if (key == "if") {
    c = std::make_unique<Condition>();
    c->kind = Condition::Kind::kIf;
    if (!n["then"]) Fail(n, "if: needs then: (what must hold when it does)");
    c->children.push_back(ConditionOf(v, depth + 1, element));
    c->children.push_back(ConditionOf(n["then"], depth + 1, element));
    if (n["else"]) c->children.push_back(ConditionOf(n["else"], depth + 1, element));
  } else if (key == "connected") {
    c = Connected(v, depth);
  } else {
    c = Reachable(v, depth);
  }
  c->line = static_cast<uint32_t>(n.Mark().line + 1);
  c->column = static_cast<uint32_t>(n.Mark().column + 1);
  return c;
}

}  // namespace infracheck::policy
