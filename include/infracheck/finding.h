// Findings: what a rule reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infracheck/source.h"

namespace infracheck {

enum class Severity : uint8_t { kLow, kMedium, kHigh, kCritical };

std::string_view SeverityName(Severity s);
/// Parses "low", "medium", "high", "critical" (case-insensitive).
std::optional<Severity> ParseSeverity(std::string_view s);

struct RelatedSpan {
  Span span;
  std::string message;
};

/// Who suppressed a finding (SARIF: in-source for comments, external otherwise).
enum class SuppressionKind : uint8_t {
  kInline,    ///< an `infracheck:ignore` (or a peer tool's) comment in the source
  kConfig,    ///< an `ignore:` entry in .infracheck.yml
  kBaseline,  ///< recorded in the --baseline file
};

struct Finding {
  std::string rule;
  Severity severity = Severity::kLow;
  std::string title;
  std::string message;
  std::string resource;                    ///< instance address
  std::optional<std::string> environment;  ///< nullopt when it does not depend on one
  Span primary;                            ///< offending attribute, or the block header
  std::vector<RelatedSpan> related;        ///< where the value came from, nearest first
  std::string attribute;                   ///< dotted attribute path; part of the fingerprint
  std::string fingerprint;
  bool suppressed = false;
  std::string suppression;  ///< why it is suppressed (reason, or config/baseline)
  SuppressionKind suppression_kind = SuppressionKind::kInline;
  Span suppression_span;  ///< the suppressing comment (inline only)
};

}  // namespace infracheck
