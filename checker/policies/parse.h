// What the policy loader's parts share: YAML helpers that fail with a
// position, and the condition parser.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "checker/policies/policy.h"

namespace infracheck::policy {

/// A mistake in a policy file, at a YAML position.
struct ParseError {
  YAML::Mark mark;
  std::string message;
};

[[noreturn]] void Fail(const YAML::Node& n, std::string message);
/// "a mapping", "a list", "'abc'", "empty".
std::string Describe(const YAML::Node& n);
std::string Scalar(const YAML::Node& n, const std::string& what);
bool Bool(const YAML::Node& n, const std::string& what);
/// A plain (unquoted) YAML scalar: true/false, a number, null; else a string.
Literal LiteralOf(const YAML::Node& n, const std::string& what);
/// Checks that a mapping has only `allowed` keys (each once); an unknown key
/// is an error that suggests the nearest allowed one.
void Keys(const YAML::Node& map, const std::string& what,
          std::initializer_list<std::string_view> allowed);
/// The nearest of `candidates` to `word`, if any is close: "did you mean ...".
std::string Suggest(std::string_view word, std::initializer_list<std::string_view> candidates);

/// "aws_db_instance", "data.aws_vpc", "*" (a string or a list of them).
KindSet KindsOf(const YAML::Node& n, const std::string& what);
/// `tags.Name`, `ingress[0].cidr_blocks`, `container_definitions[*].user`.
Path PathOf(const YAML::Node& n);

/// A condition. `element`: inside a quantifier's `match:`, where a
/// comparison without `attribute:` looks at the element itself.
ConditionPtr ConditionOf(const YAML::Node& n, int depth, bool element);

}  // namespace infracheck::policy
