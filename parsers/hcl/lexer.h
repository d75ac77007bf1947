// HCL native syntax tokens, read on demand from the file text. Template
// content (inside "…", heredocs and template files) is not tokenized here:
// the parser scans it itself and comes back to the lexer for ${…} and %{…}.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/hcl/syntax.h"

namespace infracheck::hcl {

enum class Tok : uint8_t {
  kEof,
  kNewline,
  kIdent,    ///< may contain `::` (provider::aws::arn_parse)
  kNumber,   ///< 12, 1.5, 1e12, 2.5E-3
  kQuote,    ///< `"`, opening a quoted template
  kHeredoc,  ///< `<<ID` or `<<-ID`, up to the identifier's end
  kLBrace,
  kRBrace,
  kStripRBrace,  ///< `~}`, closing ${…} or %{…} with a strip marker
  kLBrack,
  kRBrack,
  kLParen,
  kRParen,
  kComma,
  kDot,
  kEllipsis,
  kEqual,
  kColon,
  kQuestion,
  kArrow,  ///< =>
  kStar,
  kSlash,
  kPercent,
  kPlus,
  kMinus,
  kBang,
  kEqEq,
  kNotEq,
  kLt,
  kLe,
  kGt,
  kGe,
  kAnd,
  kOr,
};

struct Token {
  Tok type = Tok::kEof;
  uint32_t begin = 0;
  uint32_t end = 0;
};

/// A syntax error at a byte offset; thrown inside the parser only and turned
/// into File::error by ParseFile / ParseTemplate.
struct SyntaxError {
  uint32_t byte;
  std::string message;
};

class Lexer {
 public:
  /// Comments are appended to `comments` as they are passed.
  Lexer(std::string_view text, const SourceFile* source, std::vector<Comment>* comments)
      : text_(text), source_(source), comments_(comments) {}

  /// The next token from pos(); white space and comments before it are
  /// skipped. Throws SyntaxError on a character HCL does not accept.
  Token Lex();

  uint32_t pos() const { return pos_; }
  void set_pos(uint32_t pos) { pos_ = pos; }

  /// The decoded code point at `i` and its length in bytes (0 if the bytes
  /// there are not UTF-8).
  static uint32_t DecodeUtf8(std::string_view text, size_t i, size_t* len);

 private:
  [[noreturn]] void InvalidCharacter(uint32_t at) const;
  void SkipBlockComment(uint32_t start);
  Token LexIdentifier(uint32_t start);
  Token LexNumber(uint32_t start);
  Token LexHeredoc(uint32_t start);
  // Length of the identifier character at i (continuation when `start` is
  // false), or 0.
  size_t IdentifierChar(size_t i, bool start) const;

  std::string_view text_;
  const SourceFile* source_;
  std::vector<Comment>* comments_;
  uint32_t pos_ = 0;
};

/// Describes a token for an error message: 'x', newline, end of file.
std::string DescribeToken(std::string_view text, const Token& t);

}  // namespace infracheck::hcl
