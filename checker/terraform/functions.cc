// Temporary: the function library lands from the `functions` branch.
#include "checker/terraform/functions.h"

#include "parsers/json/json_parser.h"

namespace infracheck::tf {

Function FindFunction(std::string_view) { return nullptr; }

std::optional<std::string> ToStringValue(const Value& v) { return StringOf(&v); }

std::string JsonEncode(const Value&) { return ""; }

std::optional<Value> JsonDecode(std::string_view text, const SourceFile* file, Span origin,
                                std::string* error) {
  json::ParseResult r =
      file && text == file->text() ? json::ParseFile(*file) : json::ParseText(text, origin);
  if (r.error) {
    *error = r.error->message;
    return std::nullopt;
  }
  return r.value;
}

}  // namespace infracheck::tf
