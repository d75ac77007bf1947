// Reading team policy files (docs/policies.md). Every key is checked; a
// mistake (YAML syntax, an unknown key or operator, a wrong type, a bad
// regular expression, a duplicate ID or one that is a built-in rule's) is an
// error naming the file, line and column, and the run stops with exit code 2.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>

#include "checker/policies/policy.h"

namespace infracheck {

class PolicyLoader {
 public:
  /// `builtin`: the rules whose IDs team rules must not take.
  explicit PolicyLoader(std::span<const Rule* const> builtin);

  /// A policy file, or every *.yml and *.yaml file under a directory (in
  /// path order), each read once however often it is named. Errors name
  /// files relative to the working directory.
  bool AddPath(const std::filesystem::path& path, Diagnostic* error);
  /// The policies in a file's text.
  bool AddText(const std::string& text, const std::string& display, Diagnostic* error);
  /// One policy written inline in another YAML file (.infracheck.yml), whose
  /// whole text is `text`.
  bool AddNode(const YAML::Node& node, const std::string& display, const std::string& text,
               Diagnostic* error);

  /// Everything read, rules sorted by ID.
  std::shared_ptr<const PolicySet> Finish();

 private:
  std::span<const Rule* const> builtin_;
  std::map<std::string, std::string, std::less<>> ids_;  ///< id -> "file:line:column"
  /// Files read, so that one named twice (by the configuration and by
  /// --policy) is read once rather than clashing with itself.
  std::set<std::filesystem::path> read_;
  std::shared_ptr<PolicySet> set_ = std::make_shared<PolicySet>();
};

/// A path for people: relative to the working directory when below it.
std::string DisplayPathOf(const std::filesystem::path& p);

}  // namespace infracheck
