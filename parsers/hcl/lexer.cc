#include "parsers/hcl/lexer.h"

#include <algorithm>
#include <cstdio>

#include "parsers/hcl/identifier_chars.h"

namespace infracheck::hcl {

namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

uint32_t Lexer::DecodeUtf8(std::string_view text, size_t i, size_t* len) {
  auto c = static_cast<unsigned char>(text[i]);
  *len = 0;
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  size_t n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; ++k) {
    auto d = static_cast<unsigned char>(text[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  *len = n;
  return cp;
}

size_t Lexer::IdentifierChar(size_t i, bool start) const {
  char c = text_[i];
  if (IsAsciiLetter(c) || c == '_') return 1;
  if (!start && (IsDigit(c) || c == '-')) return 1;
  // `::` joins the parts of a provider-defined function's name.
  if (!start && c == ':' && i + 1 < text_.size() && text_[i + 1] == ':') return 2;
  if (static_cast<unsigned char>(c) < 0x80) return 0;
  size_t len = 0;
  uint32_t cp = DecodeUtf8(text_, i, &len);
  if (len == 0) return 0;
  return (start ? IsIdStartNonAscii(cp) : IsIdContinueNonAscii(cp)) ? len : 0;
}

void Lexer::InvalidCharacter(uint32_t at) const {
  auto c = static_cast<unsigned char>(text_[at]);
  if (c >= 0x20 && c < 0x7F)
    throw SyntaxError{at, std::string("unexpected character '") + static_cast<char>(c) + "'"};
  size_t len = 0;
  uint32_t cp = c >= 0x80 ? DecodeUtf8(text_, at, &len) : c;
  char buf[64];
  if (c >= 0x80 && len == 0) {
    std::snprintf(buf, sizeof(buf), "unexpected byte 0x%02X (not UTF-8)", c);
  } else {
    std::snprintf(buf, sizeof(buf), "unexpected character U+%04X", cp);
  }
  throw SyntaxError{at, buf};
}

void Lexer::SkipBlockComment(uint32_t start) {
  size_t close = text_.find("*/", start + 2);
  if (close == std::string_view::npos) throw SyntaxError{start, "unterminated /* comment"};
  pos_ = static_cast<uint32_t>(close + 2);
  comments_->push_back(Comment{Span{source_, start, pos_}});
}

Token Lexer::LexIdentifier(uint32_t start) {
  size_t i = start + IdentifierChar(start, true);
  while (i < text_.size()) {
    size_t n = IdentifierChar(i, false);
    if (n == 0) break;
    i += n;
  }
  pos_ = static_cast<uint32_t>(i);
  return Token{Tok::kIdent, start, pos_};
}

Token Lexer::LexNumber(uint32_t start) {
  size_t i = start, n = text_.size();
  while (i < n && IsDigit(text_[i])) ++i;
  if (i + 1 < n && text_[i] == '.' && IsDigit(text_[i + 1])) {
    i += 1;
    while (i < n && IsDigit(text_[i])) ++i;
  }
  if (i < n && (text_[i] == 'e' || text_[i] == 'E')) {
    size_t j = i + 1;
    if (j < n && (text_[j] == '+' || text_[j] == '-')) ++j;
    if (j < n && IsDigit(text_[j])) {
      while (j < n && IsDigit(text_[j])) ++j;
      i = j;
    }
  }
  pos_ = static_cast<uint32_t>(i);
  return Token{Tok::kNumber, start, pos_};
}

Token Lexer::LexHeredoc(uint32_t start) {
  size_t i = start + 2;
  if (i < text_.size() && text_[i] == '-') ++i;
  if (i >= text_.size() || IdentifierChar(i, true) == 0) {
    throw SyntaxError{start, "expected an identifier after '<<' to start a heredoc"};
  }
  pos_ = static_cast<uint32_t>(i);
  Token id = LexIdentifier(pos_);
  size_t j = id.end;
  while (j < text_.size() && (text_[j] == ' ' || text_[j] == '\t' || text_[j] == '\r')) ++j;
  if (j >= text_.size() || text_[j] != '\n') {
    throw SyntaxError{static_cast<uint32_t>(j),
                      "expected a newline after the heredoc identifier '" +
                          std::string(text_.substr(id.begin, id.end - id.begin)) + "'"};
  }
  return Token{Tok::kHeredoc, start, id.end};
}

Token Lexer::Lex() {
  const size_t n = text_.size();
  for (;;) {
    if (pos_ >= n) return Token{Tok::kEof, static_cast<uint32_t>(n), static_cast<uint32_t>(n)};
    uint32_t s = pos_;
    char c = text_[s];
    char d = s + 1 < n ? text_[s + 1] : '\0';
    auto one = [&](Tok t) {
      pos_ = s + 1;
      return Token{t, s, pos_};
    };
    auto two = [&](Tok t) {
      pos_ = s + 2;
      return Token{t, s, pos_};
    };
    switch (c) {
      case ' ':
      case '\t':
      case '\r':
        ++pos_;
        continue;
      case '\n':
        return one(Tok::kNewline);
      case '#':
      line_comment : {
        size_t nl = text_.find('\n', s);
        pos_ = static_cast<uint32_t>(nl == std::string_view::npos ? n : nl);
        comments_->push_back(Comment{Span{source_, s, pos_}});
        continue;
      }
      case '/':
        if (d == '/') goto line_comment;
        if (d == '*') {
          SkipBlockComment(s);
          continue;
        }
        return one(Tok::kSlash);
      case '"':
        return one(Tok::kQuote);
      case '{':
        return one(Tok::kLBrace);
      case '}':
        return one(Tok::kRBrace);
      case '~':
        if (d == '}') return two(Tok::kStripRBrace);
        InvalidCharacter(s);
      case '[':
        return one(Tok::kLBrack);
      case ']':
        return one(Tok::kRBrack);
      case '(':
        return one(Tok::kLParen);
      case ')':
        return one(Tok::kRParen);
      case ',':
        return one(Tok::kComma);
      case '.':
        if (d == '.' && s + 2 < n && text_[s + 2] == '.') {
          pos_ = s + 3;
          return Token{Tok::kEllipsis, s, pos_};
        }
        return one(Tok::kDot);
      case '=':
        if (d == '=') return two(Tok::kEqEq);
        if (d == '>') return two(Tok::kArrow);
        return one(Tok::kEqual);
      case ':':
        return one(Tok::kColon);
      case '?':
        return one(Tok::kQuestion);
      case '*':
        return one(Tok::kStar);
      case '%':
        return one(Tok::kPercent);
      case '+':
        return one(Tok::kPlus);
      case '-':
        return one(Tok::kMinus);
      case '!':
        if (d == '=') return two(Tok::kNotEq);
        return one(Tok::kBang);
      case '<':
        if (d == '<') return LexHeredoc(s);
        if (d == '=') return two(Tok::kLe);
        return one(Tok::kLt);
      case '>':
        if (d == '=') return two(Tok::kGe);
        return one(Tok::kGt);
      case '&':
        if (d == '&') return two(Tok::kAnd);
        InvalidCharacter(s);
      case '|':
        if (d == '|') return two(Tok::kOr);
        InvalidCharacter(s);
      default:
        if (IsDigit(c)) return LexNumber(s);
        if (IdentifierChar(s, true)) return LexIdentifier(s);
        InvalidCharacter(s);
    }
  }
}

std::string DescribeToken(std::string_view text, const Token& t) {
  switch (t.type) {
    case Tok::kEof:
      return "end of file";
    case Tok::kNewline:
      return "newline";
    default:
      break;
  }
  std::string_view s = text.substr(t.begin, std::min<uint32_t>(t.end - t.begin, 40));
  return "'" + std::string(s) + "'";
}

}  // namespace infracheck::hcl
