// Reporting helpers rules share.
#pragma once

#include <algorithm>
#include <string>

#include "infracheck/rule.h"

namespace infracheck::rules {

/// Whether this rule already reported `message` at `at` in this evaluation:
/// one value seen through several instances (count, for_each, a module
/// called twice, a policy document two policies use) is reported once, while
/// different values written in one place (a dynamic block's content) are not.
inline bool AlreadyReported(RuleContext& ctx, Span at, std::string_view message) {
  return at.valid() &&
         std::any_of(ctx.findings().begin(), ctx.findings().end(),
                     [&](const Finding& f) { return f.primary == at && f.message == message; });
}

/// Adds a related location to a finding, unless it lies within the primary
/// one or is already there.
inline void AddRelated(Finding& f, Span at, std::string note) {
  if (!at.valid()) return;
  if (at.file == f.primary.file && at.begin >= f.primary.begin && at.end <= f.primary.end) return;
  for (const RelatedSpan& r : f.related) {
    if (r.span == at) return;
  }
  f.related.push_back(RelatedSpan{at, std::move(note)});
}

}  // namespace infracheck::rules
