// A whole scan: load the project, evaluate every environment, build graphs,
// run rules, and turn their findings into the report's list.
#pragma once

#include <memory>
#include <vector>

#include "checker/options.h"
#include "checker/project.h"
#include "infracheck/graph.h"
#include "infracheck/rule.h"

namespace infracheck {

/// Wall time of each phase, for --timings.
/// Wall time of each phase (--timings). Evaluation and rules run
/// interleaved on the workers (each environment is evaluated, checked and
/// dropped in turn): their shared wall time is split by the work each took.
struct Timings {
  double discover_ms = 0;  ///< walking directories, classifying files
  double read_ms = 0;      ///< reading files (and checking their encoding)
  double parse_ms = 0;     ///< tree-sitter and the syntax layer, on the workers
  double modules_ms = 0;   ///< module configurations, environments
  double evaluate_ms = 0;  ///< evaluation and graphs
  double rules_ms = 0;     ///< rules, suppressions, the merge across environments
  double report_ms = 0;    ///< filled in by the caller that writes the report
};

/// A rule run on a resource (JUnit reports one test case per pair).
struct CheckedPair {
  std::string rule;
  std::string resource;  ///< instance address
  Span header;           ///< where the resource is declared
};

struct ScanResult {
  std::unique_ptr<Project> project;
  /// One per evaluated environment; Evaluate() keeps them, Scan() drops each
  /// once its rules have run.
  std::vector<std::unique_ptr<Graph>> graphs;
  std::vector<Finding> findings;  ///< merged, fingerprinted, sorted
  /// Every (rule, resource) the rules were run on, once across environments,
  /// sorted by place; limited to the named files like the findings.
  std::vector<CheckedPair> checked;
  std::vector<Diagnostic> errors;  ///< input errors, then warnings
  bool input_error = false;        ///< exit code 2
  size_t files = 0;
  size_t resources = 0;
  size_t environments = 0;
  Timings timings;
};

/// Runs `rules` over the project `options` names. `known` is every rule
/// suppressions may name (the built-in rules, and the team's).
ScanResult Scan(const ScanOptions& options, std::span<const Rule* const> rules,
                std::span<const Rule* const> known = BuiltinRules());

/// Loads and evaluates without running rules (for `inspect`).
ScanResult Evaluate(const ScanOptions& options);

/// Stable identity of a finding: rule, resource, environment, attribute.
std::string Fingerprint(const Finding& f);

/// Sorts findings by file, line, column, rule (then resource, environment).
void SortFindings(std::vector<Finding>& findings);

}  // namespace infracheck
