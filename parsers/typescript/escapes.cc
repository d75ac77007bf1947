#include "parsers/typescript/escapes.h"

#include <charconv>

namespace infracheck::typescript {

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
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

bool Unescape(std::string_view raw, std::string& out) {
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i >= raw.size()) return false;
    char e = raw[i];
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
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'v':
        out.push_back('\v');
        break;
      case '0':
        out.push_back('\0');
        break;
      case '\n':  // line continuation
        break;
      case 'u': {
        uint32_t cp = 0;
        if (i + 1 < raw.size() && raw[i + 1] == '{') {
          size_t close = raw.find('}', i + 2);
          if (close == std::string_view::npos) return false;
          auto r = std::from_chars(raw.data() + i + 2, raw.data() + close, cp, 16);
          if (r.ptr != raw.data() + close || cp > 0x10FFFF) return false;
          i = close;
        } else {
          if (i + 4 >= raw.size()) return false;
          auto r = std::from_chars(raw.data() + i + 1, raw.data() + i + 5, cp, 16);
          if (r.ptr != raw.data() + i + 5) return false;
          i += 4;
          // A surrogate pair written as two escapes.
          if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < raw.size() && raw[i + 1] == '\\' &&
              raw[i + 2] == 'u') {
            uint32_t lo = 0;
            auto r2 = std::from_chars(raw.data() + i + 3, raw.data() + i + 7, lo, 16);
            if (r2.ptr == raw.data() + i + 7 && lo >= 0xDC00 && lo < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              i += 6;
            }
          }
        }
        if (cp >= 0xD800 && cp < 0xE000) return false;
        AppendUtf8(out, cp);
        break;
      }
      case 'x': {
        uint32_t cp = 0;
        if (i + 2 >= raw.size()) return false;
        auto r = std::from_chars(raw.data() + i + 1, raw.data() + i + 3, cp, 16);
        if (r.ptr != raw.data() + i + 3) return false;
        i += 2;
        AppendUtf8(out, cp);
        break;
      }
      default:
        if (e >= '1' && e <= '9') return false;  // legacy octal
        out.push_back(e);                        // \" \' \\ \` \$ and identity escapes
    }
  }
  return true;
}

}  // namespace infracheck::typescript
