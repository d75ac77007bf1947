#include "parsers/json/json_parser.h"

#include <charconv>
#include <cstring>

#include "parsers/ts_util.h"

namespace infracheck::json {

namespace {

constexpr int kMaxDepth = 256;

struct Symbols {
  explicit Symbols(const TSLanguage* l)
      : document(ts::Symbol(l, "document")),
        object(ts::Symbol(l, "object")),
        pair(ts::Symbol(l, "pair")),
        array(ts::Symbol(l, "array")),
        string(ts::Symbol(l, "string")),
        number(ts::Symbol(l, "number")),
        true_(ts::Symbol(l, "true")),
        false_(ts::Symbol(l, "false")),
        null(ts::Symbol(l, "null")),
        comment(ts::Symbol(l, "comment")) {}
  TSSymbol document, object, pair, array, string, number, true_, false_, null, comment;
};

const Symbols& Syms() {
  static const Symbols s(tree_sitter_json());
  return s;
}

struct Failure {
  uint32_t byte;
  std::string message;
};

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

class Builder {
 public:
  Builder(std::string_view text, const SourceFile* file, Span fixed, uint32_t base)
      : text_(text), file_(file), fixed_(fixed), base_(base), s_(Syms()), cursor_(TSNode{}) {}

  Value Build(TSNode n, int depth);

 private:
  Span SpanOf(TSNode n) const {
    if (!file_) return fixed_;
    return Span{file_, base_ + ts_node_start_byte(n), base_ + ts_node_end_byte(n)};
  }
  std::vector<TSNode> Children(TSNode n) {
    std::vector<TSNode> kids;
    TSTreeCursor* c = cursor_.get();
    ts_tree_cursor_reset(c, n);
    if (!ts_tree_cursor_goto_first_child(c)) return kids;
    do {
      TSNode k = ts_tree_cursor_current_node(c);
      if (ts_node_symbol(k) == s_.comment) {
        throw Failure{ts_node_start_byte(k), "comments are not allowed in JSON"};
      }
      if (ts_node_is_named(k)) kids.push_back(k);
    } while (ts_tree_cursor_goto_next_sibling(c));
    return kids;
  }
  std::string Unquote(TSNode n) const;

  std::string_view text_;
  const SourceFile* file_;
  Span fixed_;
  uint32_t base_;
  const Symbols& s_;
  ts::Cursor cursor_;
};

std::string Builder::Unquote(TSNode n) const {
  uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (e - b < 2) throw Failure{b, "malformed string"};
  std::string_view raw = text_.substr(b + 1, e - b - 2);
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (static_cast<unsigned char>(c) < 0x20) {
      throw Failure{static_cast<uint32_t>(b + 1 + i), "control character in string"};
    }
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i >= raw.size()) throw Failure{e, "unterminated escape"};
    switch (raw[i]) {
      case '"':
        out.push_back('"');
        break;
      case '\\':
        out.push_back('\\');
        break;
      case '/':
        out.push_back('/');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'u': {
        auto hex4 = [&](size_t at, uint32_t& cp) {
          return at + 4 <= raw.size() &&
                 std::from_chars(raw.data() + at, raw.data() + at + 4, cp, 16).ptr ==
                     raw.data() + at + 4;
        };
        uint32_t cp = 0;
        if (!hex4(i + 1, cp)) throw Failure{static_cast<uint32_t>(b + i), "invalid \\u escape"};
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 2 < raw.size() && raw[i + 1] == '\\' &&
            raw[i + 2] == 'u') {
          uint32_t lo = 0;
          if (hex4(i + 3, lo) && lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          }
        }
        // A surrogate without its pair is no character: Go's decoder (so
        // Terraform's jsondecode) reads it as U+FFFD, and UTF-8 has no bytes
        // for it.
        if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
        AppendUtf8(out, cp);
        break;
      }
      default:
        throw Failure{static_cast<uint32_t>(b + 1 + i), "invalid escape in string"};
    }
  }
  return out;
}

Value Builder::Build(TSNode n, int depth) {
  if (depth > kMaxDepth) throw Failure{ts_node_start_byte(n), "nesting deeper than 256 levels"};
  TSSymbol sym = ts_node_symbol(n);
  Span sp = SpanOf(n);
  if (sym == s_.object) {
    std::vector<Field> fields;
    for (TSNode pair : Children(n)) {
      if (ts_node_symbol(pair) != s_.pair)
        throw Failure{ts_node_start_byte(pair), "expected a key"};
      TSNode key = ts_node_child_by_field_name(pair, "key", 3);
      TSNode val = ts_node_child_by_field_name(pair, "value", 5);
      if (ts_node_is_null(key) || ts_node_is_null(val) || ts_node_symbol(key) != s_.string) {
        throw Failure{ts_node_start_byte(pair), "malformed object member"};
      }
      fields.push_back(Field{Unquote(key), Build(val, depth + 1), SpanOf(key)});
    }
    return Value::Object(std::move(fields), sp);
  }
  if (sym == s_.array) {
    std::vector<Value> items;
    for (TSNode k : Children(n)) items.push_back(Build(k, depth + 1));
    return Value::List(std::move(items), sp);
  }
  if (sym == s_.string) return Value::String(Unquote(n), sp);
  if (sym == s_.number) {
    std::string_view t =
        text_.substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
    double d = 0;
    auto r = std::from_chars(t.data(), t.data() + t.size(), d);
    if (r.ec != std::errc() || r.ptr != t.data() + t.size()) {
      throw Failure{ts_node_start_byte(n), "invalid number"};
    }
    return Value::Number(d, sp);
  }
  if (sym == s_.true_) return Value::Bool(true, sp);
  if (sym == s_.false_) return Value::Bool(false, sp);
  if (sym == s_.null) return Value::Null(sp);
  throw Failure{ts_node_start_byte(n), std::string("unexpected ") + ts_node_type(n)};
}

ParseResult Parse(std::string_view text, const SourceFile* file, Span fixed, uint32_t base) {
  ParseResult result;
  auto fail = [&](uint32_t byte, std::string message) {
    Span at = file ? Span{file, base + byte, base + byte} : fixed;
    result.error = DiagnosticAt(at, std::move(message));
    return result;
  };
  ts::Tree tree = ts::Parse(tree_sitter_json(), text);
  if (!tree) return fail(0, "could not parse JSON: the parser gave up");
  TSNode root = ts_tree_root_node(tree.get());
  if (ts_node_has_error(root)) {
    TSNode err = ts::FirstError(root);
    return fail(ts_node_start_byte(err), ts_node_is_missing(err)
                                             ? std::string("missing '") + ts_node_type(err) + "'"
                                             : "invalid JSON");
  }
  Builder b(text, file, fixed, base);
  try {
    std::vector<TSNode> values;
    uint32_t n = ts_node_named_child_count(root);
    for (uint32_t i = 0; i < n; ++i) {
      TSNode k = ts_node_named_child(root, i);
      if (ts_node_symbol(k) == Syms().comment)
        return fail(ts_node_start_byte(k), "comments are not allowed in JSON");
      values.push_back(k);
    }
    if (values.size() != 1) {
      return fail(values.empty() ? 0 : ts_node_start_byte(values[1]),
                  values.empty() ? "empty JSON document" : "more than one JSON value");
    }
    result.value = b.Build(values[0], 0);
  } catch (const Failure& f) {
    return fail(f.byte, f.message);
  }
  return result;
}

}  // namespace

ParseResult ParseFile(const SourceFile& file) { return Parse(file.text(), &file, Span{}, 0); }

ParseResult ParseText(std::string_view text, Span origin) {
  return Parse(text, nullptr, origin, 0);
}

ParseResult ParseAt(std::string_view text, const SourceFile* file, uint32_t base) {
  return Parse(text, file, Span{}, base);
}

}  // namespace infracheck::json
