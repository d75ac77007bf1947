// The literal text of HCL templates, exactly as HashiCorp's scanner and
// template parser produce it.
//
// Three HCL rules work on scanner tokens rather than on text, and tree-sitter
// does not tokenize literal text the same way: HCL cuts literal text into a
// token at every line end and around every `$` and `%`; a strip marker
// (`${~`, `~}`) trims only the one literal token next to it; and a `<<-`
// heredoc's indentation is the smallest over the tokens that start a line
// after trimming (a line that starts with a marker, or with a token trimmed
// to nothing, has none; lines of blanks neither count nor get dedented).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace infracheck::hcl {

/// An interpolation `${…}`, or one piece of a directive (`%{if …}`,
/// `%{else}`, `%{endif}`, `%{for …}`, `%{endfor}`), by byte range.
struct TemplateMarker {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool strip_left = false;   ///< opens with `${~` / `%{~`
  bool strip_right = false;  ///< closes with `~}`
};

/// The literal text of a template's content [begin, end) of `text`, split by
/// `markers` (in order, nested directive bodies flattened). Element i is the
/// text before markers[i], the last one the text after the last marker;
/// nullopt where HCL has no literal token (nothing between two markers).
/// `quoted`: a "…" template, where backslash escapes apply; otherwise a
/// heredoc or template file. `flush`: a `<<-` heredoc.
std::vector<std::optional<std::string>> TemplateLiterals(std::string_view text, uint32_t begin,
                                                         uint32_t end,
                                                         const std::vector<TemplateMarker>& markers,
                                                         bool quoted, bool flush);

/// Literal text with its escapes processed: `$${` and `%%{` always, and in
/// quoted strings \n \r \t \" \\ \uNNNN \UNNNNNNNN.
std::string UnescapeLiteral(std::string_view raw, bool quoted);

}  // namespace infracheck::hcl
