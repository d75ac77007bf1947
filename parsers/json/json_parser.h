// JSON files -> Values with exact positions (tree-sitter-json).
#pragma once

#include <optional>

#include "infracheck/source.h"
#include "infracheck/value.h"

namespace infracheck::json {

struct ParseResult {
  std::optional<Value> value;       ///< set when the file parsed
  std::optional<Diagnostic> error;  ///< set when it did not
};

/// Parses a whole JSON document. Every value's origin is its exact range in
/// `file`; object fields carry their key spans. Deeper nesting than 256 levels,
/// comments, trailing garbage and invalid escapes are errors.
ParseResult ParseFile(const SourceFile& file);

/// Parses JSON text that is not a file of its own (a string in HCL, say):
/// every value takes `origin`.
ParseResult ParseText(std::string_view text, Span origin);

/// Parses JSON text that appears verbatim in `file` at byte `base` (a heredoc
/// holding a policy, say): positions point into the file.
ParseResult ParseAt(std::string_view text, const SourceFile* file, uint32_t base);

}  // namespace infracheck::json
