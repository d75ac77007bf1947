#include "checker/terraform/unicode.h"

#include <algorithm>

#include "checker/terraform/unicode_tables.h"
#include "model/bytes.h"

namespace infracheck::tf::unicode {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

template <typename Range>
const Range* FindRange(const Range* ranges, size_t count, char32_t cp) {
  const Range* end = ranges + count;
  const Range* it =
      std::upper_bound(ranges, end, cp, [](char32_t c, const Range& r) { return c < r.lo; });
  if (it == ranges) return nullptr;
  --it;
  return cp <= it->hi ? it : nullptr;
}

enum class CaseKind { kUpper, kLower, kTitle };

char32_t MapCase(char32_t cp, CaseKind kind) {
  if (cp < 0x80) {
    if (kind == CaseKind::kLower) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
  }
  const CaseRange* r = FindRange(kCaseRanges, kCaseRangeCount, cp);
  if (!r) return cp;
  if (r->upper == kPair) {
    // Even offsets are upper case, odd offsets their lower case partners.
    bool upper = (cp - r->lo) % 2 == 0;
    if (kind == CaseKind::kLower) return upper ? cp + 1 : cp;
    return upper ? cp : cp - 1;
  }
  int32_t delta = kind == CaseKind::kUpper   ? r->upper
                  : kind == CaseKind::kLower ? r->lower
                                             : r->title;
  return static_cast<char32_t>(static_cast<int32_t>(cp) + delta);
}

std::string MapString(std::string_view s, CaseKind kind) {
  std::string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    Append(out, MapCase(Decode(s, pos), kind));
  }
  return out;
}

GraphemeBreak BreakOf(char32_t cp) {
  if (cp == '\r') return kCR;
  if (cp == '\n') return kLF;
  if (cp >= 0x20 && cp < 0x7F) return kOther;
  const BreakRange* r = FindRange(kBreakRanges, kBreakRangeCount, cp);
  return r ? r->value : kOther;
}

bool IsPictographic(char32_t cp) {
  return cp >= 0xA9 && FindRange(kPictographicRanges, kPictographicRangeCount, cp) != nullptr;
}

// Go's strings.Title: ASCII letters, digits and '_' do not separate words,
// other ASCII does; beyond ASCII only spaces do.
bool IsTitleSeparator(char32_t cp) {
  if (cp < 0x80) {
    return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
             cp == '_');
  }
  return IsSpace(cp);
}

}  // namespace

char32_t Decode(std::string_view s, size_t& pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char b0 = byte(pos);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  size_t n = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 1;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 2;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 3;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    ++pos;
    return kReplacement;
  }
  if (pos + n >= s.size()) {  // truncated sequence
    ++pos;
    return kReplacement;
  }
  for (size_t i = 1; i <= n; ++i) {
    unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) {
      ++pos;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kReplacement;
  }
  pos += n + 1;
  return cp;
}

void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = kReplacement;
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp <= 0x10FFFF) {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    Append(out, kReplacement);
  }
}

bool IsValidUtf8(std::string_view s) {
  for (size_t pos = 0; pos < s.size();) {
    size_t before = pos;
    char32_t cp = Decode(s, pos);
    if (cp == kReplacement && pos - before == 1 && static_cast<unsigned char>(s[before]) >= 0x80) {
      return false;
    }
  }
  return true;
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (size_t pos = 0; pos < s.size(); ++n) Decode(s, pos);
  return n;
}

char32_t ToUpper(char32_t cp) { return MapCase(cp, CaseKind::kUpper); }
char32_t ToLower(char32_t cp) { return MapCase(cp, CaseKind::kLower); }
char32_t ToTitle(char32_t cp) { return MapCase(cp, CaseKind::kTitle); }

bool IsSpace(char32_t cp) {
  switch (cp) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

std::string Upper(std::string_view s) { return MapString(s, CaseKind::kUpper); }
std::string Lower(std::string_view s) { return MapString(s, CaseKind::kLower); }

std::string Title(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t prev = ' ';
  for (size_t pos = 0; pos < s.size();) {
    char32_t cp = Decode(s, pos);
    Append(out, IsTitleSeparator(prev) ? ToTitle(cp) : cp);
    prev = cp;
  }
  return out;
}

std::vector<size_t> GraphemeBounds(std::string_view s) {
  std::vector<size_t> bounds;
  bounds.push_back(0);
  if (s.empty()) return bounds;
  size_t pos = 0;
  char32_t cp = Decode(s, pos);
  GraphemeBreak prev = BreakOf(cp);
  // GB11: inside "ExtPict Extend*", and whether a ZWJ just followed that.
  bool in_pict = IsPictographic(cp);
  bool pict_zwj = false;
  // GB12/13: regional indicators seen in a row.
  int ri_run = prev == kRegionalIndicator ? 1 : 0;
  while (pos < s.size()) {
    size_t at = pos;
    cp = Decode(s, pos);
    GraphemeBreak cur = BreakOf(cp);
    bool pict = IsPictographic(cp);
    bool join;
    if (prev == kCR && cur == kLF) {
      join = true;  // GB3
    } else if (prev == kControl || prev == kCR || prev == kLF || cur == kControl || cur == kCR ||
               cur == kLF) {
      join = false;  // GB4, GB5
    } else if (prev == kL && (cur == kL || cur == kV || cur == kLV || cur == kLVT)) {
      join = true;  // GB6
    } else if ((prev == kLV || prev == kV) && (cur == kV || cur == kT)) {
      join = true;  // GB7
    } else if ((prev == kLVT || prev == kT) && cur == kT) {
      join = true;  // GB8
    } else if (cur == kExtend || cur == kZWJ || cur == kSpacingMark) {
      join = true;  // GB9, GB9a
    } else if (prev == kPrepend) {
      join = true;  // GB9b
    } else if (pict_zwj && pict) {
      join = true;  // GB11
    } else if (prev == kRegionalIndicator && cur == kRegionalIndicator) {
      join = ri_run % 2 == 1;  // GB12, GB13
    } else {
      join = false;  // GB999
    }
    if (!join) bounds.push_back(at);
    // Track the GB11 and GB12/13 state for the next step.
    pict_zwj = in_pict && cur == kZWJ;
    if (pict) {
      in_pict = true;
    } else if (!(in_pict && cur == kExtend)) {
      in_pict = false;
    }
    ri_run = cur == kRegionalIndicator ? ri_run + 1 : 0;
    prev = cur;
  }
  bounds.push_back(s.size());
  return bounds;
}

size_t GraphemeCount(std::string_view s) { return GraphemeBounds(s).size() - 1; }

bool IsSurelyNfc(std::string_view s) {
  // The quick check of UAX #15: every code point NFC_Quick_Check=Yes and
  // the combining marks in canonical order.
  int last_ccc = 0;
  for (size_t pos = 0; pos < s.size();) {
    // ASCII passes and ends any run of combining marks: eight bytes at a time
    // while there is no other byte.
    if (pos + 8 <= s.size() && (bytes::Load8(s.data() + pos) & bytes::kHighBits) == 0) {
      pos += 8;
      last_ccc = 0;
      continue;
    }
    char32_t cp = Decode(s, pos);
    if (cp < 0x300) {
      last_ccc = 0;
      continue;
    }
    const CombiningRange* r = FindRange(kCombiningRanges, kCombiningRangeCount, cp);
    int ccc = r ? r->ccc : 0;
    if (ccc != 0 && last_ccc > ccc) return false;
    if (FindRange(kNfcQuickCheckRanges, kNfcQuickCheckRangeCount, cp)) return false;
    last_ccc = ccc;
  }
  return true;
}

}  // namespace infracheck::tf::unicode
