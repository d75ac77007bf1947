#include "parsers/hcl/template_text.h"

#include <algorithm>
#include <charconv>

namespace infracheck::hcl {

namespace {

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
  } else if (cp < 0x110000) {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out += "\xEF\xBF\xBD";
  }
}

// Bytes of the white space character at s[i] (Go's unicode.IsSpace, which
// HCL's trimming uses), or 0.
size_t SpaceAt(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') return 1;
  if (c < 0xC2) return 0;
  size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + len > s.size()) return 0;
  uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  bool space = cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
               cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
  return space ? len : 0;
}

// Leading white space: characters and bytes.
size_t LeadingSpace(std::string_view s, size_t* bytes) {
  size_t i = 0, chars = 0;
  while (i < s.size()) {
    size_t n = SpaceAt(s, i);
    if (n == 0) break;
    i += n;
    ++chars;
  }
  *bytes = i;
  return chars;
}

void TrimLeftSpace(std::string& s) {
  size_t bytes = 0;
  LeadingSpace(s, &bytes);
  s.erase(0, bytes);
}

void TrimRightSpace(std::string& s) {
  size_t keep = 0;
  for (size_t i = 0; i < s.size();) {
    size_t n = SpaceAt(s, i);
    if (n == 0) {
      ++i;
      keep = i;
    } else {
      i += n;
    }
  }
  s.erase(keep);
}

// Literal text cut where HCL's scanner cuts it: after every newline, and
// around every `$` and `%` (a lone one, or the escapes `$${` and `%%{`).
std::vector<std::string_view> ScannerTokens(std::string_view raw, bool quoted) {
  std::vector<std::string_view> out;
  size_t start = 0;
  auto cut = [&](size_t e) {
    if (e > start) out.push_back(raw.substr(start, e - start));
    start = e;
  };
  size_t i = 0;
  while (i < raw.size()) {
    char c = raw[i];
    if (c == '$' || c == '%') {
      cut(i);
      i += i + 2 < raw.size() && raw[i + 1] == c && raw[i + 2] == '{' ? 3 : 1;
      cut(i);
    } else if (quoted && c == '\\' && i + 1 < raw.size()) {
      i += 2;
    } else if (c == '\n') {
      cut(++i);
    } else {
      ++i;
    }
  }
  cut(raw.size());
  return out;
}

struct Token {
  std::string value;
  size_t gap = 0;
  bool literal = true;
};

// The `<<-` rule, on the token stream (see the header).
void Flush(std::vector<Token>& stream) {
  size_t min_spaces = SIZE_MAX;
  bool line_start = true;
  std::vector<Token*> adjust;
  for (Token& t : stream) {
    if (line_start) {
      line_start = false;
      size_t spaces = 0;
      if (t.literal) {
        size_t bytes = 0;
        size_t chars = LeadingSpace(t.value, &bytes);
        bool blank = bytes == t.value.size() && !t.value.empty() && t.value.back() == '\n';
        if (blank) {
          spaces = SIZE_MAX;
        } else {
          spaces = chars;
          adjust.push_back(&t);
        }
      }
      min_spaces = std::min(min_spaces, spaces);
    }
    if (t.literal && !t.value.empty() && t.value.back() == '\n') line_start = true;
  }
  if (min_spaces == SIZE_MAX) return;
  for (Token* t : adjust) {
    size_t i = 0;
    for (size_t k = 0; k < min_spaces && i < t->value.size(); ++k) {
      size_t n = SpaceAt(t->value, i);
      i += n ? n : 1;
    }
    t->value.erase(0, i);
  }
}

}  // namespace

std::string UnescapeLiteral(std::string_view raw, bool quoted) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if ((c == '$' || c == '%') && i + 2 < raw.size() && raw[i + 1] == c && raw[i + 2] == '{') {
      out.push_back(c);
      out.push_back('{');
      i += 2;
      continue;
    }
    if (quoted && c == '\\' && i + 1 < raw.size()) {
      char e = raw[++i];
      switch (e) {
        case 'n':
          out.push_back('\n');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case 'u':
        case 'U': {
          size_t len = e == 'u' ? 4 : 8;
          uint32_t cp = 0;
          if (i + len < raw.size() + 1 &&
              std::from_chars(raw.data() + i + 1, raw.data() + i + 1 + len, cp, 16).ptr ==
                  raw.data() + i + 1 + len) {
            AppendUtf8(out, cp);
            i += len;
          } else {
            out.push_back('\\');
            out.push_back(e);
          }
          break;
        }
        default:
          out.push_back('\\');
          out.push_back(e);
      }
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::vector<std::optional<std::string>> TemplateLiterals(std::string_view text, uint32_t begin,
                                                         uint32_t end,
                                                         const std::vector<TemplateMarker>& markers,
                                                         bool quoted, bool flush) {
  std::vector<Token> stream;
  uint32_t pos = std::min<uint32_t>(begin, static_cast<uint32_t>(text.size()));
  bool trim_next = false;
  for (size_t g = 0; g <= markers.size(); ++g) {
    uint32_t gap_end = g < markers.size() ? markers[g].begin : end;
    gap_end = std::clamp<uint32_t>(gap_end, pos, static_cast<uint32_t>(text.size()));
    std::vector<std::string_view> raw = ScannerTokens(text.substr(pos, gap_end - pos), quoted);
    for (size_t t = 0; t < raw.size(); ++t) {
      stream.push_back(Token{UnescapeLiteral(raw[t], quoted), g, true});
      if (t == 0 && trim_next) TrimLeftSpace(stream.back().value);
    }
    if (g == markers.size()) break;
    // `${~` trims the literal token just before it, if there is one.
    if (markers[g].strip_left && !raw.empty()) TrimRightSpace(stream.back().value);
    stream.push_back(Token{{}, g, false});
    trim_next = markers[g].strip_right;
    pos = std::min(std::max(gap_end, markers[g].end), static_cast<uint32_t>(text.size()));
  }
  if (flush) Flush(stream);
  std::vector<std::optional<std::string>> gaps(markers.size() + 1);
  for (Token& t : stream) {
    if (!t.literal) continue;
    if (!gaps[t.gap]) gaps[t.gap].emplace();
    *gaps[t.gap] += t.value;
  }
  return gaps;
}

}  // namespace infracheck::hcl
