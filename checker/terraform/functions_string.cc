// String functions: chomp, endswith, indent, join, lower, split, startswith,
// strcontains, strrev, substr, title, trim, trimprefix, trimspace,
// trimsuffix, upper. Lengths and offsets count grapheme clusters, as
// Terraform (go-textseg) does.
#include <algorithm>

#include "checker/terraform/builtins.h"
#include "checker/terraform/function_util.h"
#include "checker/terraform/unicode.h"

namespace infracheck::tf::fn {

namespace {

CallResult StringToString(std::string_view name, Args args, Span span,
                          std::string (*op)(std::string_view)) {
  Call c(name, args, span);
  TF_RETURN_IF(c.Arity({"str"}));
  std::string s;
  TF_RETURN_IF(c.String(0, &s));
  return c.Ok(Value::String(op(s)));
}

CallResult StringPredicate(std::string_view name, const char* second, Args args, Span span,
                           bool (*op)(std::string_view, std::string_view)) {
  Call c(name, args, span);
  TF_RETURN_IF(c.Arity({"str", second}));
  std::string s, t;
  TF_RETURN_IF(c.String(0, &s));
  TF_RETURN_IF(c.String(1, &t));
  return c.Ok(Value::Bool(op(s, t)));
}

CallResult StringPair(std::string_view name, const char* second, Args args, Span span,
                      std::string (*op)(std::string_view, std::string_view)) {
  Call c(name, args, span);
  TF_RETURN_IF(c.Arity({"str", second}));
  std::string s, t;
  TF_RETURN_IF(c.String(0, &s));
  TF_RETURN_IF(c.String(1, &t));
  return c.Ok(Value::String(op(s, t)));
}

std::string ChompOf(std::string_view s) {
  size_t end = s.size();
  while (end > 0 && (s[end - 1] == '\n' || s[end - 1] == '\r')) --end;
  return std::string(s.substr(0, end));
}

std::string TrimSpaceOf(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size()) {
    size_t next = begin;
    if (!unicode::IsSpace(unicode::Decode(s, next))) break;
    begin = next;
  }
  // Scan forward, remembering where the last non-space code point ended.
  size_t end = begin;
  for (size_t pos = begin; pos < s.size();) {
    char32_t cp = unicode::Decode(s, pos);
    if (!unicode::IsSpace(cp)) end = pos;
  }
  return std::string(s.substr(begin, end - begin));
}

std::string TrimOf(std::string_view s, std::string_view cutset) {
  std::vector<char32_t> cut;
  for (size_t pos = 0; pos < cutset.size();) cut.push_back(unicode::Decode(cutset, pos));
  auto in_cut = [&](char32_t cp) { return std::find(cut.begin(), cut.end(), cp) != cut.end(); };
  size_t begin = 0;
  while (begin < s.size()) {
    size_t next = begin;
    if (!in_cut(unicode::Decode(s, next))) break;
    begin = next;
  }
  size_t end = begin;
  for (size_t pos = begin; pos < s.size();) {
    char32_t cp = unicode::Decode(s, pos);
    if (!in_cut(cp)) end = pos;
  }
  return std::string(s.substr(begin, end - begin));
}

std::string TrimPrefixOf(std::string_view s, std::string_view prefix) {
  return std::string(s.starts_with(prefix) ? s.substr(prefix.size()) : s);
}

std::string TrimSuffixOf(std::string_view s, std::string_view suffix) {
  return std::string(s.ends_with(suffix) ? s.substr(0, s.size() - suffix.size()) : s);
}

bool StartsWithOf(std::string_view s, std::string_view p) { return s.starts_with(p); }
bool EndsWithOf(std::string_view s, std::string_view p) { return s.ends_with(p); }
bool ContainsOf(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}

std::string StrRevOf(std::string_view s) {
  std::vector<size_t> bounds = unicode::GraphemeBounds(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = bounds.size() - 1; i > 0; --i) {
    out.append(s.substr(bounds[i - 1], bounds[i] - bounds[i - 1]));
  }
  return out;
}

}  // namespace

CallResult Chomp(Args args, const FunctionContext&, Span call) {
  return StringToString("chomp", args, call, ChompOf);
}

CallResult EndsWith(Args args, const FunctionContext&, Span call) {
  return StringPredicate("endswith", "suffix", args, call, EndsWithOf);
}

CallResult Indent(Args args, const FunctionContext&, Span call) {
  Call c("indent", args, call);
  TF_RETURN_IF(c.Arity({"spaces", "str"}));
  int64_t spaces = 0;
  std::string s;
  TF_RETURN_IF(c.Int(0, &spaces));
  TF_RETURN_IF(c.String(1, &s));
  if (spaces < 0) return c.Error("negative Repeat count");
  if (s.size() > kMaxStringBytes) return c.Error("the result would be too long");
  size_t lines = std::count(s.begin(), s.end(), '\n');
  if (lines > 0 && static_cast<uint64_t>(spaces) > (kMaxStringBytes - s.size()) / lines) {
    return c.Error("the result would be too long");
  }
  std::string pad(static_cast<size_t>(spaces), ' ');
  std::string out;
  out.reserve(s.size() + lines * pad.size());
  for (char ch : s) {
    out.push_back(ch);
    if (ch == '\n') out += pad;
  }
  return c.Ok(Value::String(std::move(out)));
}

CallResult Join(Args args, const FunctionContext&, Span call) {
  Call c("join", args, call);
  TF_RETURN_IF(c.Arity({"separator"}, "lists"));
  if (args.size() < 2) return c.Error("at least one list is required");
  std::string sep;
  TF_RETURN_IF(c.String(0, &sep));
  std::vector<std::string> parts;
  for (size_t i = 1; i < args.size(); ++i) {
    TF_RETURN_IF(c.Known(i));
    if (!args[i].is_list()) return c.ArgError(i, "list of string required");
  }
  for (size_t i = 1; i < args.size(); ++i) {
    const auto& items = args[i].items();
    for (size_t k = 0; k < items.size(); ++k) {
      const Value& v = items[k];
      if (v.is_unknown()) return c.Unknown();
      if (v.is_null()) {
        return c.ArgError(
            i, "element " + std::to_string(k) + " is null; cannot concatenate null values");
      }
      if (v.is_list() || v.is_object()) return c.ArgError(i, "list of string required");
      std::optional<std::string> s = PrimitiveString(v);
      if (!s) return c.Unknown();
      parts.push_back(std::move(*s));
    }
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
    if (out.size() > kMaxStringBytes) return c.Error("the result would be too long");
  }
  return c.Ok(Value::String(std::move(out)));
}

CallResult Lower(Args args, const FunctionContext&, Span call) {
  return StringToString("lower", args, call, unicode::Lower);
}

CallResult Split(Args args, const FunctionContext&, Span call) {
  Call c("split", args, call);
  TF_RETURN_IF(c.Arity({"separator", "str"}));
  std::string sep, s;
  TF_RETURN_IF(c.String(0, &sep));
  TF_RETURN_IF(c.String(1, &s));
  std::vector<Value> parts;
  if (sep.empty()) {
    // Go's strings.Split with an empty separator splits into code points.
    for (size_t pos = 0; pos < s.size();) {
      size_t start = pos;
      unicode::Decode(s, pos);
      parts.push_back(Value::String(s.substr(start, pos - start), call));
    }
  } else {
    size_t start = 0;
    while (true) {
      size_t at = s.find(sep, start);
      if (at == std::string::npos) break;
      parts.push_back(Value::String(s.substr(start, at - start), call));
      start = at + sep.size();
    }
    parts.push_back(Value::String(s.substr(start), call));
  }
  return c.Ok(Value::List(std::move(parts)));
}

CallResult StartsWith(Args args, const FunctionContext&, Span call) {
  return StringPredicate("startswith", "prefix", args, call, StartsWithOf);
}

CallResult StrContains(Args args, const FunctionContext&, Span call) {
  return StringPredicate("strcontains", "substr", args, call, ContainsOf);
}

CallResult StrRev(Args args, const FunctionContext&, Span call) {
  return StringToString("strrev", args, call, StrRevOf);
}

CallResult Substr(Args args, const FunctionContext&, Span call) {
  Call c("substr", args, call);
  TF_RETURN_IF(c.Arity({"str", "offset", "length"}));
  std::string s;
  int64_t offset = 0, length = 0;
  TF_RETURN_IF(c.String(0, &s));
  TF_RETURN_IF(c.Int(1, &offset));
  TF_RETURN_IF(c.Int(2, &length));
  // Mirrors cty's Substr, quirks included (a negative offset counts from
  // the end and then still takes `length` clusters, 0 meaning "all").
  std::vector<size_t> bounds = unicode::GraphemeBounds(s);
  int64_t clusters = static_cast<int64_t>(bounds.size()) - 1;
  if (offset < 0) {
    offset += clusters;
  } else if (length == 0) {
    return c.Ok(Value::String(""));
  }
  size_t start = 0;
  if (offset > 0) {
    if (offset >= clusters) return c.Ok(Value::String(""));
    start = bounds[static_cast<size_t>(offset)];
  }
  if (length < 0) return c.Ok(Value::String(s.substr(start)));
  // Seek `length` clusters forward from start; with length 0 the loop in
  // cty never stops early, so it takes the rest.
  size_t first = static_cast<size_t>(std::max<int64_t>(offset, 0));
  size_t end = s.size();
  if (length > 0) {
    size_t last = first + static_cast<size_t>(length);
    if (last < bounds.size()) end = bounds[last];
  }
  return c.Ok(Value::String(s.substr(start, end - start)));
}

CallResult Title(Args args, const FunctionContext&, Span call) {
  return StringToString("title", args, call, unicode::Title);
}

CallResult Trim(Args args, const FunctionContext&, Span call) {
  return StringPair("trim", "cutset", args, call, TrimOf);
}

CallResult TrimPrefix(Args args, const FunctionContext&, Span call) {
  return StringPair("trimprefix", "prefix", args, call, TrimPrefixOf);
}

CallResult TrimSpace(Args args, const FunctionContext&, Span call) {
  return StringToString("trimspace", args, call, TrimSpaceOf);
}

CallResult TrimSuffix(Args args, const FunctionContext&, Span call) {
  return StringPair("trimsuffix", "suffix", args, call, TrimSuffixOf);
}

CallResult Upper(Args args, const FunctionContext&, Span call) {
  return StringToString("upper", args, call, unicode::Upper);
}

}  // namespace infracheck::tf::fn
