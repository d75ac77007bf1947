// Baselines: accept the findings a repository has today and report only new
// ones. A baseline records fingerprints, which depend on rule, resource,
// environment and attribute, never on lines, so moving code keeps them.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "infracheck/finding.h"

namespace infracheck {

struct ScanResult;

struct Baseline {
  std::set<std::string> fingerprints;
};

/// Reads a baseline file; false with `error` set when it is unreadable or not one.
bool ReadBaseline(const std::filesystem::path& file, Baseline* out, std::string* error);
/// The baseline of a scan: every finding not suppressed in the source or the
/// configuration (one entry per fingerprint, sorted), as JSON text.
std::string BaselineJson(const ScanResult& result);
/// Marks findings whose fingerprint is in the baseline as suppressed (external,
/// justification "baseline").
void ApplyBaseline(const Baseline& baseline, ScanResult& result);

}  // namespace infracheck
