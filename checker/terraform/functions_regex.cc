// Regular expression functions: regex, regexall, and replace (whose
// "/pattern/" form is a regex). RE2's syntax is Go's; the loops below repeat
// Go's rules for empty matches and for "$1" / "${name}" expansion.
#include <re2/re2.h>

#include <memory>

#include "checker/terraform/builtins.h"
#include "checker/terraform/function_util.h"
#include "checker/terraform/unicode.h"

namespace infracheck::tf::fn {

namespace {

constexpr int64_t kRegexMaxMem = 32 << 20;

// Go accepts "(?<name>...)" as well as "(?P<name>...)"; this RE2 may not.
std::string GoPatternToRe2(std::string_view p) {
  std::string out;
  out.reserve(p.size() + 8);
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char ch = p[i];
    if (ch == '\\' && i + 1 < p.size()) {
      out.push_back(ch);
      out.push_back(p[++i]);
      continue;
    }
    if (in_class) {
      if (ch == ']') in_class = false;
      out.push_back(ch);
      continue;
    }
    if (ch == '[') {
      in_class = true;
      out.push_back(ch);
      // A ']' right after '[' or '[^' is a literal member.
      if (i + 1 < p.size() && p[i + 1] == '^') out.push_back(p[++i]);
      if (i + 1 < p.size() && p[i + 1] == ']') out.push_back(p[++i]);
      continue;
    }
    if (ch == '(' && p.substr(i, 3) == "(?<" && i + 3 < p.size() && p[i + 3] != '=' &&
        p[i + 3] != '!') {
      out += "(?P<";
      i += 2;
      continue;
    }
    out.push_back(ch);
  }
  return out;
}

struct Compiled {
  std::unique_ptr<RE2> re;
  std::string error;
};

Compiled Compile(std::string_view pattern) {
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(kRegexMaxMem);
  Compiled c;
  c.re = std::make_unique<RE2>(GoPatternToRe2(pattern), opts);
  if (!c.re->ok()) c.error = "invalid regular expression pattern: " + c.re->error();
  return c;
}

// One match: byte ranges of the whole match and each group (npos: unset).
struct Match {
  std::vector<std::pair<size_t, size_t>> groups;
};

constexpr size_t kUnset = std::string::npos;

bool MatchAt(const RE2& re, std::string_view text, size_t from, Match* m) {
  int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> sub(n);
  if (!re.Match(re2::StringPiece(text.data(), text.size()), from, text.size(), RE2::UNANCHORED,
                sub.data(), n)) {
    return false;
  }
  m->groups.assign(n, {kUnset, kUnset});
  for (int i = 0; i < n; ++i) {
    if (sub[i].data() == nullptr) continue;
    size_t b = static_cast<size_t>(sub[i].data() - text.data());
    m->groups[i] = {b, b + sub[i].size()};
  }
  return true;
}

size_t RuneWidthAt(std::string_view s, size_t pos) {
  if (pos >= s.size()) return 1;
  size_t next = pos;
  unicode::Decode(s, next);
  return next - pos;
}

// Go's FindAll...: after an empty match move on one code point, and drop an
// empty match that abuts the previous match.
template <typename Fn>
void ForEachMatch(const RE2& re, std::string_view text, Fn&& fn) {
  size_t pos = 0;
  size_t prev_end = kUnset;
  while (pos <= text.size()) {
    Match m;
    if (!MatchAt(re, text, pos, &m)) break;
    bool accept = true;
    auto [b, e] = m.groups[0];
    if (e == pos) {
      if (b == prev_end) accept = false;
      pos += RuneWidthAt(text, pos);
    } else {
      pos = e;
    }
    prev_end = e;
    if (accept && !fn(m)) return;
  }
}

enum class Shape { kString, kTuple, kObject };

struct ResultShape {
  Shape shape = Shape::kString;
  std::string error;
};

ResultShape ShapeOf(const RE2& re) {
  int n = re.NumberOfCapturingGroups();
  size_t named = re.NamedCapturingGroups().size();
  ResultShape r;
  if (n == 0) return r;
  if (named > 0 && named < static_cast<size_t>(n)) {
    r.error =
        "invalid regular expression pattern: cannot use both named and unnamed capture groups";
    return r;
  }
  r.shape = named > 0 ? Shape::kObject : Shape::kTuple;
  return r;
}

Value MatchValue(const RE2& re, Shape shape, std::string_view text, const Match& m, Span at) {
  auto group = [&](size_t i) {
    auto [b, e] = m.groups[i];
    if (b == kUnset) return Value::Null(at);
    return Value::String(std::string(text.substr(b, e - b)), at);
  };
  switch (shape) {
    case Shape::kString:
      return group(0);
    case Shape::kTuple: {
      std::vector<Value> items;
      for (size_t i = 1; i < m.groups.size(); ++i) items.push_back(group(i));
      return Value::List(std::move(items), at);
    }
    case Shape::kObject: {
      std::vector<Field> fields;
      for (const auto& [name, index] : re.NamedCapturingGroups()) {
        fields.push_back(Field{name, group(static_cast<size_t>(index)), {}});
      }
      return Value::Object(std::move(fields), at);
    }
  }
  return Value::Null(at);
}

// The names and numbers re.SubexpNames() gives, for "$name" expansion.
int GroupIndex(const RE2& re, std::string_view name) {
  auto it = re.NamedCapturingGroups().find(std::string(name));
  return it == re.NamedCapturingGroups().end() ? -1 : it->second;
}

bool IsAsciiNameChar(char ch) {
  return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
         ch == '_';
}

// Go's Regexp.Expand. Returns false when a name might run into a non-ASCII
// letter or digit (Go's unicode.IsLetter), which we cannot classify here.
bool Expand(const RE2& re, std::string_view tmpl, std::string_view text, const Match& m,
            std::string* out) {
  while (!tmpl.empty()) {
    size_t dollar = tmpl.find('$');
    if (dollar == std::string_view::npos) break;
    out->append(tmpl.substr(0, dollar));
    tmpl.remove_prefix(dollar + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {
      out->push_back('$');
      tmpl.remove_prefix(1);
      continue;
    }
    // extract(): name, or {name}.
    std::string_view str = tmpl;
    bool brace = false;
    if (!str.empty() && str[0] == '{') {
      brace = true;
      str.remove_prefix(1);
    }
    size_t i = 0;
    while (i < str.size() && IsAsciiNameChar(str[i])) ++i;
    if (i < str.size() && static_cast<unsigned char>(str[i]) >= 0x80) return false;
    bool ok = i > 0;
    std::string_view name = str.substr(0, i);
    if (ok && brace) {
      if (i >= str.size() || str[i] != '}') {
        ok = false;
      } else {
        ++i;
      }
    }
    if (!ok) {
      out->push_back('$');
      continue;
    }
    tmpl = str.substr(i);
    int num = 0;
    for (char ch : name) {
      if (ch < '0' || ch > '9' || num >= 100000000) {
        num = -1;
        break;
      }
      num = num * 10 + (ch - '0');
    }
    if (name.size() > 1 && name[0] == '0') num = -1;
    int index = num >= 0 ? num : GroupIndex(re, name);
    if (index >= 0 && static_cast<size_t>(index) < m.groups.size()) {
      auto [b, e] = m.groups[index];
      if (b != kUnset) out->append(text.substr(b, e - b));
    }
    if (out->size() > kMaxStringBytes) return false;
  }
  out->append(tmpl);
  return true;
}

// Go's strings.Replace(s, old, new, -1).
std::string ReplaceAllLiteral(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  if (from.empty()) {
    // Inserts `to` before every code point and at the end.
    out.append(to);
    for (size_t pos = 0; pos < s.size();) {
      size_t start = pos;
      unicode::Decode(s, pos);
      out.append(s.substr(start, pos - start));
      out.append(to);
      if (out.size() > kMaxStringBytes) break;
    }
    return out;
  }
  size_t start = 0;
  while (true) {
    size_t at = s.find(from, start);
    if (at == std::string_view::npos) break;
    out.append(s.substr(start, at - start));
    out.append(to);
    start = at + from.size();
    if (out.size() > kMaxStringBytes) break;
  }
  out.append(s.substr(start));
  return out;
}

}  // namespace

CallResult Regex(Args args, const FunctionContext&, Span call) {
  Call c("regex", args, call);
  TF_RETURN_IF(c.Arity({"pattern", "string"}));
  std::string pattern, text;
  TF_RETURN_IF(c.String(0, &pattern));
  Compiled re = Compile(pattern);
  if (!re.error.empty()) return c.ArgError(0, re.error);
  ResultShape shape = ShapeOf(*re.re);
  if (!shape.error.empty()) return c.ArgError(0, shape.error);
  TF_RETURN_IF(c.String(1, &text));
  Match m;
  if (!MatchAt(*re.re, text, 0, &m)) {
    return c.Error("pattern did not match any part of the given string");
  }
  return c.Ok(MatchValue(*re.re, shape.shape, text, m, call));
}

CallResult RegexAll(Args args, const FunctionContext&, Span call) {
  Call c("regexall", args, call);
  TF_RETURN_IF(c.Arity({"pattern", "string"}));
  std::string pattern, text;
  TF_RETURN_IF(c.String(0, &pattern));
  Compiled re = Compile(pattern);
  if (!re.error.empty()) return c.ArgError(0, re.error);
  ResultShape shape = ShapeOf(*re.re);
  if (!shape.error.empty()) return c.ArgError(0, shape.error);
  TF_RETURN_IF(c.String(1, &text));
  std::vector<Value> matches;
  bool too_many = false;
  ForEachMatch(*re.re, text, [&](const Match& m) {
    if (matches.size() >= kMaxElements) {
      too_many = true;
      return false;
    }
    matches.push_back(MatchValue(*re.re, shape.shape, text, m, call));
    return true;
  });
  if (too_many) return c.Error("too many matches");
  return c.Ok(Value::List(std::move(matches)));
}

CallResult Replace(Args args, const FunctionContext&, Span call) {
  Call c("replace", args, call);
  TF_RETURN_IF(c.Arity({"str", "substr", "replace"}));
  std::string str, substr, repl;
  TF_RETURN_IF(c.String(0, &str));
  TF_RETURN_IF(c.String(1, &substr));
  TF_RETURN_IF(c.String(2, &repl));
  if (substr.size() > 1 && substr.front() == '/' && substr.back() == '/') {
    Compiled re = Compile(std::string_view(substr).substr(1, substr.size() - 2));
    if (!re.error.empty()) return c.Error(re.error);
    // Go's ReplaceAllString.
    std::string out;
    size_t last_end = 0;
    size_t search = 0;
    bool uncertain = false;
    while (search <= str.size()) {
      Match m;
      if (!MatchAt(*re.re, str, search, &m)) break;
      auto [b, e] = m.groups[0];
      out.append(str, last_end, b - last_end);
      if (e > last_end || b == 0) {
        if (!Expand(*re.re, repl, str, m, &out)) {
          uncertain = true;
          break;
        }
      }
      last_end = e;
      size_t width = RuneWidthAt(str, search);
      if (search + width > e) {
        search += width;
      } else if (search + 1 > e) {
        ++search;
      } else {
        search = e;
      }
      if (out.size() > kMaxStringBytes) return c.Error("the result would be too long");
    }
    if (uncertain) return c.Unknown();
    out.append(str, last_end);
    return c.Ok(Value::String(std::move(out)));
  }
  std::string out = ReplaceAllLiteral(str, substr, repl);
  if (out.size() > kMaxStringBytes) return c.Error("the result would be too long");
  return c.Ok(Value::String(std::move(out)));
}

}  // namespace infracheck::tf::fn
