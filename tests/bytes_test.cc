// The eight-bytes-at-a-time scans against byte-by-byte definitions, on
// random text at every alignment.
#include "model/bytes.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "checker/files.h"
#include "infracheck/source.h"

namespace infracheck {
namespace {

std::string RandomText(std::mt19937& rng, size_t n) {
  // ASCII, newlines, NUL, lead and continuation bytes, invalid bytes.
  static const char kAlphabet[] = {'a',    'Z',    ' ',    '\n',   '\0',   '\x80',
                                   '\xBF', '\xC3', '\xA9', '\xE2', '\x82', '\xAC',
                                   '\xF0', '\x9F', '\xFF', '\xC0', '7'};
  std::uniform_int_distribution<size_t> pick(0, sizeof kAlphabet - 1);
  std::uniform_int_distribution<int> ascii_run(0, 3);
  std::string s;
  while (s.size() < n) {
    // Long ASCII runs too, so the fast path is taken and left mid-word.
    if (ascii_run(rng) == 0) {
      s.append(std::min<size_t>(n - s.size(), 11), 'x');
    } else {
      s.push_back(kAlphabet[pick(rng)]);
    }
  }
  return s;
}

// The same check one sequence at a time, with no eight-byte fast path.
int64_t SequenceBySequence(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len = Utf8SequenceAt(s, i);
    if (len == 0) return static_cast<int64_t>(i);
    i += len;
  }
  return -1;
}

TEST(Bytes, Utf8Sequences) {
  using std::string_view_literals::operator""sv;
  EXPECT_EQ(Utf8SequenceAt("a", 0), 1u);
  EXPECT_EQ(Utf8SequenceAt("\0"sv, 0), 0u);              // NUL
  EXPECT_EQ(Utf8SequenceAt("\xC3\xA9", 0), 2u);          // é
  EXPECT_EQ(Utf8SequenceAt("\xE2\x82\xAC", 0), 3u);      // €
  EXPECT_EQ(Utf8SequenceAt("\xF0\x9F\x98\x80", 0), 4u);  // an emoji
  EXPECT_EQ(Utf8SequenceAt("\xC3\xA9", 1), 0u);          // a continuation byte alone
  EXPECT_EQ(Utf8SequenceAt("\xE2\x82", 0), 0u);          // cut short
  EXPECT_EQ(Utf8SequenceAt("\xE2\x82x", 0), 0u);         // not continued
  EXPECT_EQ(Utf8SequenceAt("\xC0\x80", 0), 0u);          // overlong lead bytes
  EXPECT_EQ(Utf8SequenceAt("\xC1\xBF", 0), 0u);
  EXPECT_EQ(Utf8SequenceAt("\xF5\x80\x80\x80", 0), 0u);  // beyond U+10FFFF
  EXPECT_EQ(Utf8SequenceAt("\xFF", 0), 0u);
  EXPECT_EQ(FirstInvalidUtf8("plain ascii text, long enough for the fast path"), -1);
  EXPECT_EQ(FirstInvalidUtf8("0123456789abcdef\xE2\x82\xAC ok \xFF"), 23);
}

TEST(Bytes, CountsAndScansAgreeWithByteByByte) {
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    std::string s = RandomText(rng, static_cast<size_t>(round % 70));
    for (size_t off = 0; off < 8 && off <= s.size(); ++off) {
      std::string_view v = std::string_view(s).substr(off);
      size_t newlines = 0, code_points = 0;
      for (char c : v) {
        newlines += c == '\n';
        code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      }
      ASSERT_EQ(bytes::Count(v.data(), v.size(), '\n'), newlines) << round << " " << off;
      ASSERT_EQ(bytes::Count(v.data(), v.size(), '\0'), std::count(v.begin(), v.end(), '\0'));
      ASSERT_EQ(bytes::CodePoints(v.data(), v.size()), code_points) << round << " " << off;
      ASSERT_EQ(FirstInvalidUtf8(v), SequenceBySequence(v)) << round << " " << off;
    }
  }
}

TEST(Bytes, PositionsCountCodePointsAcrossBlocks) {
  // Lines longer than the 4 KB code point blocks, with multi-byte text.
  std::string text;
  for (int i = 0; i < 3000; ++i)
    text += i % 7 == 0 ? "\xC3\xA9" : i % 11 == 0 ? "\xE2\x82\xAC" : "x";
  text += "\nab\xC3\xA9z";
  for (int i = 0; i < 9000; ++i) text += i % 5 == 0 ? "\xF0\x9F\x98\x80" : "y";
  SourceFile f("t", "t", text);
  for (uint32_t byte : {0u, 1u, 2u, 3u, 100u, 4095u, 4096u, 4097u, 5000u, 5003u, 5006u, 9000u,
                        15000u, 20000u, static_cast<uint32_t>(text.size())}) {
    if (byte > text.size()) continue;
    uint32_t line = 1, column = 1;
    for (uint32_t i = 0; i < byte; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    EXPECT_EQ(f.PositionAt(byte).line, line) << byte;
    EXPECT_EQ(f.PositionAt(byte).column, column) << byte;
  }
}

TEST(Bytes, LessOrdersLikeStdString) {
  // Every pair over pieces that differ first, later, only in length, and in
  // bytes above 0x7F (which std::string orders as unsigned).
  const std::vector<std::string> pieces = {"",      "a",    "b",    "ab",       "aa",   "abc",
                                           "B",     "\x7f", "\x80", "\xc3\xa9", "\xff", "a\xff",
                                           "a\x01", "_",    "tags", "tags_all"};
  for (const std::string& a : pieces) {
    for (const std::string& b : pieces) {
      EXPECT_EQ(bytes::Less(a, b), a < b) << "'" << a << "' < '" << b << "'";
    }
  }
}

}  // namespace
}  // namespace infracheck
