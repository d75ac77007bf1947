// Encoding functions: base64decode, base64encode, csvdecode, jsondecode,
// jsonencode, urlencode; and the JsonEncode / JsonDecode helpers.
#include <cmath>
#include <deque>

#include "checker/terraform/builtins.h"
#include "checker/terraform/function_util.h"
#include "checker/terraform/unicode.h"
#include "parsers/json/json_parser.h"

namespace infracheck::tf {

namespace {

// Go's encoding/json string encoding: HTML-safe, U+2028/U+2029 escaped,
// invalid UTF-8 as U+FFFD.
void AppendJsonString(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  // Printable ASCII other than the characters escaped below is copied as
  // it is, a run at a time.
  auto plain = [](char c) {
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
  };
  out.push_back('"');
  for (size_t pos = 0; pos < s.size();) {
    size_t start = pos;
    while (pos < s.size() && plain(s[pos])) ++pos;
    if (pos > start) {
      out.append(s.data() + start, pos - start);
      continue;
    }
    char32_t cp = unicode::Decode(s, pos);
    switch (cp) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      default:
        break;
    }
    if (cp < 0x20 || cp == '<' || cp == '>' || cp == '&' || cp == 0x2028 || cp == 0x2029) {
      out += "\\u";
      out.push_back(kHex[(cp >> 12) & 15]);
      out.push_back(kHex[(cp >> 8) & 15]);
      out.push_back(kHex[(cp >> 4) & 15]);
      out.push_back(kHex[cp & 15]);
      continue;
    }
    if (cp == 0xFFFD && pos - start == 1) {
      out += "\\ufffd";
      continue;
    }
    out.append(s.substr(start, pos - start));
  }
  out.push_back('"');
}

void AppendJson(std::string& out, const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kNull:
    case Value::Kind::kUnknown:
      out += "null";
      return;
    case Value::Kind::kBool:
      out += v.bool_value() ? "true" : "false";
      return;
    case Value::Kind::kNumber:
      out += FormatNumber(v.number());
      return;
    case Value::Kind::kString:
      AppendJsonString(out, v.str());
      return;
    case Value::Kind::kList:
      out.push_back('[');
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i > 0) out.push_back(',');
        AppendJson(out, v.items()[i]);
      }
      out.push_back(']');
      return;
    case Value::Kind::kObject:
      out.push_back('{');
      for (size_t i = 0; i < v.fields().size(); ++i) {
        if (i > 0) out.push_back(',');
        AppendJsonString(out, v.fields()[i].key);
        out.push_back(':');
        AppendJson(out, v.fields()[i].value);
      }
      out.push_back('}');
      return;
  }
}

// Every number can be printed as Terraform prints it.
bool NumbersFaithful(const Value& v) {
  if (v.is_number()) return fn::IsFaithful(v.number()) && std::isfinite(v.number());
  if (v.is_list()) {
    for (const Value& i : v.items()) {
      if (!NumbersFaithful(i)) return false;
    }
  }
  if (v.is_object()) {
    for (const Field& f : v.fields()) {
      if (!NumbersFaithful(f.value)) return false;
    }
  }
  return true;
}

}  // namespace

std::string JsonEncode(const Value& v) {
  std::string out;
  AppendJson(out, v);
  return out;
}

std::optional<Value> JsonDecode(std::string_view text, const SourceFile* file, Span origin,
                                std::string* error) {
  json::ParseResult r =
      file && text == file->text() ? json::ParseFile(*file) : json::ParseText(text, origin);
  if (!r.value) {
    if (error) *error = r.error ? r.error->message : "invalid JSON";
    return std::nullopt;
  }
  return std::move(r.value);
}

namespace fn {

namespace {

// Go's encoding/csv reader with default settings.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  /// Reads the next record: true with `out` filled, false at the end or on
  /// an error (then `error` is set).
  bool Read(std::vector<std::string>* out, std::string* error) {
    out->clear();
    std::string_view line;
    // Skip empty lines.
    do {
      if (!NextLine(&line)) return false;
    } while (line == "\n");
    size_t record_line = line_;
    while (true) {
      if (line.empty() || line[0] != '"') {
        size_t comma = line.find(',');
        std::string_view field = line.substr(0, comma);
        if (comma == std::string_view::npos && !field.empty() && field.back() == '\n') {
          field.remove_suffix(1);
        }
        if (field.find('"') != std::string_view::npos) {
          *error = Error(record_line, "bare \" in non-quoted-field");
          return false;
        }
        out->emplace_back(field);
        if (comma == std::string_view::npos) break;
        line.remove_prefix(comma + 1);
        continue;
      }
      // Quoted field.
      line.remove_prefix(1);
      std::string field;
      bool done_record = false;
      while (true) {
        size_t quote = line.find('"');
        if (quote != std::string_view::npos) {
          field.append(line.substr(0, quote));
          line.remove_prefix(quote + 1);
          if (!line.empty() && line[0] == '"') {
            field.push_back('"');
            line.remove_prefix(1);
            continue;
          }
          if (!line.empty() && line[0] == ',') {
            line.remove_prefix(1);
            break;
          }
          if (line.empty() || line == "\n") {
            done_record = true;
            break;
          }
          *error = Error(line_, "extraneous or missing \" in quoted-field");
          return false;
        }
        if (!line.empty()) {
          field.append(line);
          if (!NextLine(&line)) line = {};
          continue;
        }
        *error = Error(line_, "extraneous or missing \" in quoted-field");
        return false;
      }
      out->push_back(std::move(field));
      if (done_record) break;
    }
    if (fields_ == 0) {
      fields_ = out->size();
    } else if (out->size() != fields_) {
      *error = Error(record_line, "wrong number of fields");
      return false;
    }
    return true;
  }

 private:
  // The next line with "\r\n" turned into "\n"; a '\r' right before the end
  // of the input is dropped.
  bool NextLine(std::string_view* line) {
    if (pos_ >= text_.size()) return false;
    size_t nl = text_.find('\n', pos_);
    size_t end = nl == std::string_view::npos ? text_.size() : nl + 1;
    std::string_view raw = text_.substr(pos_, end - pos_);
    pos_ = end;
    ++line_;
    std::string& buffer = lines_.emplace_back(raw);
    if (buffer.size() >= 2 && buffer[buffer.size() - 2] == '\r' && buffer.back() == '\n') {
      buffer.erase(buffer.size() - 2, 1);
    } else if (nl == std::string_view::npos && !buffer.empty() && buffer.back() == '\r') {
      buffer.pop_back();
    }
    *line = buffer;
    return true;
  }

  static std::string Error(size_t line, std::string_view what) {
    return "CSV parse error on line " + std::to_string(line) + ": " + std::string(what);
  }

  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 0;
  size_t fields_ = 0;
  std::deque<std::string> lines_;  // keeps the views handed out alive
};

}  // namespace

CallResult Base64Decode(Args args, const FunctionContext&, Span call) {
  Call c("base64decode", args, call);
  TF_RETURN_IF(c.Arity({"str"}));
  std::string s;
  TF_RETURN_IF(c.String(0, &s));
  std::optional<std::string> bytes = fn::Base64Decode(s);
  if (!bytes) return c.Error("failed to decode base64 data \"" + s + "\"");
  if (!unicode::IsValidUtf8(*bytes)) {
    return c.Error("the result of decoding the provided string is not valid UTF-8");
  }
  return c.Ok(Value::String(std::move(*bytes)));
}

CallResult Base64Encode(Args args, const FunctionContext&, Span call) {
  Call c("base64encode", args, call);
  TF_RETURN_IF(c.Arity({"str"}));
  std::string s;
  TF_RETURN_IF(c.String(0, &s));
  return c.Ok(Value::String(fn::Base64Encode(s)));
}

CallResult CsvDecode(Args args, const FunctionContext&, Span call) {
  Call c("csvdecode", args, call);
  TF_RETURN_IF(c.Arity({"str"}));
  std::string s;
  TF_RETURN_IF(c.String(0, &s));
  CsvReader reader(s);
  std::vector<std::string> headers;
  std::string error;
  if (!reader.Read(&headers, &error)) {
    return c.Error(error.empty() ? "missing header line" : error);
  }
  for (size_t i = 0; i < headers.size(); ++i) {
    for (size_t k = 0; k < i; ++k) {
      if (headers[k] == headers[i]) return c.Error("duplicate column name \"" + headers[i] + "\"");
    }
  }
  std::vector<Value> rows;
  std::vector<std::string> record;
  while (reader.Read(&record, &error)) {
    if (rows.size() >= kMaxElements) return c.Error("too many rows");
    std::vector<Field> fields;
    for (size_t i = 0; i < record.size(); ++i) {
      fields.push_back(Field{headers[i], Value::String(std::move(record[i]), call), {}});
    }
    rows.push_back(Value::Object(std::move(fields), call));
  }
  if (!error.empty()) return c.Error(error);
  return c.Ok(Value::List(std::move(rows)));
}

CallResult JsonDecodeFn(Args args, const FunctionContext&, Span call) {
  Call c("jsondecode", args, call);
  TF_RETURN_IF(c.Arity({"str"}));
  std::string s;
  TF_RETURN_IF(c.String(0, &s));
  const Value& arg = args[0];
  // jsondecode(jsonencode(x)) is x, with x's own locations.
  if (const Value* structured = arg.structured()) {
    return CallResult::Ok(structured->WithProvenanceOf(arg));
  }
  std::string error;
  std::optional<Value> v = JsonDecode(s, arg.whole_file(), call, &error);
  if (!v) return c.Error(error);
  return CallResult::Ok(v->WithProvenanceOf(arg));
}

CallResult JsonEncodeFn(Args args, const FunctionContext&, Span call) {
  Call c("jsonencode", args, call);
  TF_RETURN_IF(c.Arity({"val"}));
  const Value& v = args[0];
  if (!FullyKnown(v) || !NumbersFaithful(v)) {
    // Unknown, as in Terraform; the known parts stay readable (a policy or
    // container definition that names a computed ARN).
    CallResult r = c.Unknown();
    r.value = r.value.WithEncoded(v);
    return r;
  }
  return c.Ok(Value::EncodedString(JsonEncode(v), v));
}

CallResult UrlEncode(Args args, const FunctionContext&, Span call) {
  Call c("urlencode", args, call);
  TF_RETURN_IF(c.Arity({"str"}));
  std::string s;
  TF_RETURN_IF(c.String(0, &s));
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
        ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out.push_back(static_cast<char>(ch));
    } else if (ch == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[ch >> 4]);
      out.push_back(kHex[ch & 15]);
    }
  }
  return c.Ok(Value::String(std::move(out)));
}

}  // namespace fn

}  // namespace infracheck::tf
