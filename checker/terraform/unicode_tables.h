// Unicode property tables for the string functions (generated; see
// tools/unicode/gen_unicode_tables.cc).
#pragma once

#include <cstddef>
#include <cstdint>

namespace infracheck::tf::unicode {

/// Marks a run of alternating upper/lower pairs (U+0100 A-macron, U+0101 ...).
constexpr int32_t kPair = 1 << 30;

/// Simple case mappings of [lo, hi] as deltas to the upper, lower and title
/// case code point.
struct CaseRange {
  uint32_t lo, hi;
  int32_t upper, lower, title;
};

/// Grapheme_Cluster_Break property values (UAX #29), Other omitted.
enum GraphemeBreak : uint8_t {
  kOther,
  kControl,
  kCR,
  kLF,
  kExtend,
  kZWJ,
  kRegionalIndicator,
  kPrepend,
  kSpacingMark,
  kL,
  kV,
  kT,
  kLV,
  kLVT,
};

struct BreakRange {
  uint32_t lo, hi;
  GraphemeBreak value;
};

struct PictRange {
  uint32_t lo, hi;
};

struct CombiningRange {
  uint32_t lo, hi;
  uint8_t ccc;
};

extern const CaseRange kCaseRanges[];
extern const size_t kCaseRangeCount;
extern const BreakRange kBreakRanges[];
extern const size_t kBreakRangeCount;
extern const PictRange kPictographicRanges[];
extern const size_t kPictographicRangeCount;
/// Code points whose NFC_Quick_Check property is No or Maybe.
extern const PictRange kNfcQuickCheckRanges[];
extern const size_t kNfcQuickCheckRangeCount;
/// Canonical combining classes other than 0.
extern const CombiningRange kCombiningRanges[];
extern const size_t kCombiningRangeCount;

}  // namespace infracheck::tf::unicode
