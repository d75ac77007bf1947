// Report writers. Every writer gets the same view of a finished scan and
// writes deterministic output: the same input gives the same bytes.
#pragma once

#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "checker/scan.h"
#include "infracheck/rule.h"

namespace infracheck {

struct ReportContext {
  const ScanResult& result;
  std::span<const Rule* const> rules;    ///< every rule that ran (for SARIF descriptors)
  std::vector<const Finding*> findings;  ///< what to report, after thresholds
  bool color = false;
};

std::string_view Version();

void WriteText(std::ostream& out, const ReportContext& ctx);
void WriteJson(std::ostream& out, const ReportContext& ctx);

}  // namespace infracheck
