// Report writers. Every writer gets the same view of a finished scan and
// writes deterministic output: the same input gives the same bytes.
#pragma once

#include <map>
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
  /// Rule severities as configured (.infracheck.yml `severity:`), by rule ID.
  std::map<std::string, Severity, std::less<>> severity;
  std::string sarif_category = "infracheck";  ///< SARIF automationDetails.id (before "/")
};

/// GitHub code scanning takes at most this many results per run.
inline constexpr size_t kMaxSarifResults = 25000;

std::string_view Version();

void WriteText(std::ostream& out, const ReportContext& ctx);
void WriteJson(std::ostream& out, const ReportContext& ctx);
void WriteSarif(std::ostream& out, const ReportContext& ctx);
void WriteJunit(std::ostream& out, const ReportContext& ctx);
void WriteGithub(std::ostream& out, const ReportContext& ctx);

/// A rule's severity in this run (its configured override, else its own).
Severity RuleSeverity(const ReportContext& ctx, const Rule& rule);
/// A path relative to the project root, '/'-separated (for SARIF and
/// annotations); the display path when the file is outside it.
std::string RootRelative(const ReportContext& ctx, const SourceFile& file);
/// The same for a display path (a Diagnostic's file).
std::string RootRelative(const ReportContext& ctx, const std::string& display_path);

}  // namespace infracheck
