// What the IAM rules share: the identity policy documents a resource holds,
// the Allow statements in them with their Action/Resource elements, action
// patterns, and the tables of actions (iam_actions.cc).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "infracheck/graph.h"

namespace infracheck::rules {

/// One identity policy document of a resource.
struct PolicyDoc {
  std::string path;  ///< the attribute holding it: "policy", "inline_policy.0.policy", "json"
  const Value* document = nullptr;
};

/// The identity-based policy documents a resource holds, decoded by the graph:
/// aws_iam_policy / aws_iam_role_policy / aws_iam_user_policy /
/// aws_iam_group_policy `policy`, aws_iam_role `inline_policy` blocks, and
/// data.aws_iam_policy_document (adapted at "json"). Trust and
/// resource-based policies (assume_role_policy, bucket and key policies) are
/// not identity policies and are left out.
std::vector<PolicyDoc> IdentityPolicies(const Graph& g, const Resource& r);

/// The kinds IdentityPolicies() reads.
inline constexpr std::string_view kIdentityPolicyKinds[] = {
    "aws_iam_group_policy", "aws_iam_policy",      "aws_iam_policy_document",
    "aws_iam_role",         "aws_iam_role_policy", "aws_iam_user_policy",
};

/// An Allow statement of an identity policy, its elements split out.
struct AllowStatement {
  const Value* statement = nullptr;
  std::string path;  ///< "<doc path>.Statement.<Sid or index>", for fingerprints
  /// Elements of Action / NotAction / Resource; a single string is one
  /// element. Unknown elements are left out and `*_unknown` is set.
  std::vector<const Value*> actions;
  std::vector<const Value*> not_actions;
  std::vector<const Value*> resources;
  bool has_not_action = false;    ///< NotAction is present
  bool has_not_resource = false;  ///< NotResource is present (grants all but some: a wildcard)
  bool actions_unknown = false;
  bool resources_unknown = false;
  const Value* not_action = nullptr;    ///< the NotAction value, for locations
  const Value* not_resource = nullptr;  ///< the NotResource value
  const Value* condition = nullptr;     ///< the Condition object, or nullptr
};

/// Every statement of `doc` whose Effect is known to be Allow and that names
/// no Principal (a statement with one belongs to a resource or trust policy).
/// A Statement that is unknown, or a statement whose Effect is unknown, is
/// skipped.
std::vector<AllowStatement> AllowStatements(const PolicyDoc& doc);

/// The Resource element "*" of a statement, or nullptr; NotResource counts as
/// all resources too and is returned when there is no "*".
const Value* WildcardResource(const AllowStatement& s);

/// Glob patterns as IAM matches actions: '*' any run, '?' one character,
/// case-insensitive. Whether some action matches both patterns.
bool PatternsOverlap(std::string_view a, std::string_view b);

/// "*" or "*:*": every action of every service.
bool IsAllActions(std::string_view action);
/// "service:*": every action of one service.
bool IsServiceWildcard(std::string_view action);

/// An action that AWS only lets a policy grant on Resource "*": it has no
/// resource types in the Service Authorization Reference. Matched without
/// case; a pattern is star-only when it is exactly a table entry.
bool IsStarOnlyAction(std::string_view action);
/// A data-access or privilege action (or a pattern covering one): reading or
/// changing secrets, keys, objects and items, and the IAM actions that
/// escalate privilege or expose resources.
bool IsSensitiveAction(std::string_view action);

/// A Condition that scopes the statement to some resources (by tag, account
/// or organization), standing in for a Resource ARN.
bool ScopesResources(const Value* condition);

/// The AWS managed AdministratorAccess policy ARN (any partition).
bool IsAdministratorAccessArn(std::string_view arn);

/// The tables behind IsStarOnlyAction() and IsSensitiveAction().
std::span<const std::string_view> StarOnlyActions();
std::span<const std::string_view> SensitiveActions();

}  // namespace infracheck::rules
