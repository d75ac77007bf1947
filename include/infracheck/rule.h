// The rule API. A rule is one constant of type Rule, defined in its own file
// under rules/, listed once in the registry table (rules/registry.cc). Rules
// are stateless: everything they need comes in through the context.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "infracheck/finding.h"
#include "infracheck/graph.h"

namespace infracheck {

/// Which environments a rule applies to.
enum class Scope : uint8_t {
  kAll,   ///< every environment, known or not
  kProd,  ///< only environments known to be production
};

std::string_view ScopeName(Scope s);

class RuleContext;
/// A team policy written as data (checker/policies/): the check function all
/// team rules share reads it through RuleContext::rule().
struct Policy;

struct Rule {
  std::string_view id{};  ///< permanent: users type it in suppressions and configs
  std::string_view title{};
  Severity severity = Severity::kLow;
  Scope scope = Scope::kAll;
  /// Resource kinds the rule looks at; the engine calls `check` for each
  /// resource of these kinds and never for others. "*" stands for every
  /// kind, configuration pieces included (for rules such as secret scanning
  /// that apply to any attribute).
  std::span<const std::string_view> kinds{};
  std::string_view rationale{};     ///< which documented requirement, and why it matters
  std::string_view remediation{};   ///< what to change
  std::string_view bad_example{};   ///< HCL that fires
  std::string_view good_example{};  ///< HCL that passes
  std::span<const std::string_view> checkov{};  ///< equivalent Checkov IDs
  std::span<const std::string_view> trivy{};    ///< equivalent Trivy / tfsec AVD IDs
  /// tfsec's long IDs for the same checks ("aws-rds-enable-public-access"), as
  /// `#tfsec:ignore:` comments name them.
  std::span<const std::string_view> tfsec{};
  std::string_view since{};  ///< version that introduced it
  void (*check)(const Resource& resource, RuleContext& ctx) = nullptr;
  /// For a rule whose kinds hold "*" and that finds nothing in a Terraform
  /// variable's object but what is written in the declaration itself (and,
  /// for a root variable, in the .tfvars value it is given): whether the
  /// declaration named `name`, whose `default` and `type` expressions read
  /// `default_text` and `type_text` (empty when absent), can give a finding.
  /// Where every rule that reads variables says no, the scan builds no
  /// object for the variable (a root variable given a value excepted).
  /// Null: the rule may find something in any variable.
  bool (*reads_variable)(std::string_view name, std::string_view default_text,
                         std::string_view type_text) = nullptr;
  /// Team rules only: where the policy is written ("policies/rds.yaml:3"),
  /// its documentation link when it gives one, and the compiled policy.
  std::string_view source{};
  std::string_view help_uri{};
  const Policy* policy = nullptr;

  /// Written by a team as a policy file, not built in.
  bool team() const { return policy != nullptr; }
};

/// What a rule sees of one evaluation, and where it reports.
class RuleContext {
 public:
  RuleContext(const Graph& graph, const Rule& rule) : graph_(graph), rule_(rule) {}

  const Graph& graph() const { return graph_; }
  const Environment& environment() const { return graph_.environment(); }
  /// The rule being run (team rules read their policy from it).
  const Rule& rule() const { return rule_; }

  /// Reports `resource` at its attribute `path` (dotted; a numeric step picks
  /// a list element, "ingress.1.cidr_blocks"; a list of exactly one block is
  /// stepped into without one; the block header of the nearest existing block
  /// when the attribute is missing). `culprit`, when given, is the offending
  /// value inside it (a list element, a field): its origin and history become
  /// the related locations. Returns the finding (valid until the next report),
  /// whose severity a rule may raise above its default for this one case.
  Finding& Report(const Resource& resource, std::string_view path, std::string message,
                  const Value* culprit = nullptr);
  /// Reports at an explicit span (a finding inside a JSON document, say).
  Finding& ReportAt(const Resource& resource, std::string_view path, Span primary,
                    std::string message, const Value* culprit = nullptr);

  std::vector<Finding>& findings() { return findings_; }

 private:
  const Graph& graph_;
  const Rule& rule_;
  std::vector<Finding> findings_;
};

/// Every built-in rule, sorted by ID.
std::span<const Rule* const> BuiltinRules();
/// The built-in rule with this ID, or nullptr.
const Rule* FindRule(std::string_view id);

}  // namespace infracheck
