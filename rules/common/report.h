// Reporting helpers rules share.
#pragma once

#include <algorithm>

#include "infracheck/rule.h"

namespace infracheck::rules {

/// Whether this rule already reported something at `at` in this evaluation:
/// one literal seen through several instances (count, for_each, a module
/// called twice, a policy document two policies use) is reported once.
inline bool AlreadyReportedAt(RuleContext& ctx, Span at) {
  return at.valid() && std::any_of(ctx.findings().begin(), ctx.findings().end(),
                                   [&](const Finding& f) { return f.primary == at; });
}

}  // namespace infracheck::rules
