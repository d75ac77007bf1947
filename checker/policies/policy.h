// Team policies: requirements a team writes as YAML (docs/policies.md), compiled
// into conditions that the rule runner checks like any built-in rule. A policy
// becomes a Rule whose `policy` member points back at it; every team rule
// shares one check function (checker/policies/rule.cc). Policies are
// immutable once loaded, so checking them in parallel is safe.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "infracheck/rule.h"
#include "rules/common/network.h"

namespace infracheck {

namespace policy {

/// A value a policy compares with, as YAML wrote it: a plain `true` is a
/// boolean, a plain `16` a number, a quoted "16" a string.
struct Literal {
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  std::string text;  ///< as written
};

/// One step of an attribute path: `tags.Name`, `ingress[0]`, `rules[*]`.
struct Step {
  enum class Kind : uint8_t { kKey, kIndex, kEach };
  Kind kind = Kind::kKey;
  std::string key;
  size_t index = 0;
};

struct Path {
  std::vector<Step> steps;  ///< empty: the value itself (an element, in `match:`)
  std::string text;         ///< as written
};

/// The operators of a comparison (`attribute: PATH` plus one of these).
enum class Op : uint8_t {
  kExists,
  kEquals,
  kNotEquals,
  kIn,
  kNotIn,
  kLt,
  kLe,
  kGt,
  kGe,
  kVersionLt,
  kVersionLe,
  kVersionGt,
  kVersionGe,
  kMatches,
  kNotMatches,
  kContains,
  kNotContains,
};

/// What a comparison looks at: an attribute, or a fact about the resource
/// or the environment it was evaluated in.
enum class Subject : uint8_t {
  kAttribute,
  kResourceName,
  kResourceAddress,
  kResourceKind,
  kResourceModule,
  kResourceMode,
  kEnvironmentName,
  kEnvironmentProduction,
};

/// Resource kinds as a policy names them: "aws_vpc" (managed resources),
/// "data.aws_vpc" (data sources), "*" (every managed resource).
struct KindSet {
  std::vector<std::string> managed;
  std::vector<std::string> data;
  bool every_managed = false;
  std::string text;  ///< as written, for messages

  bool Contains(const Resource& r) const;
  /// Whether it names this kind at all, as a managed resource or data source.
  bool Names(std::string_view kind) const;
  /// The kinds the rule runner dispatches on ("*" for every kind).
  std::vector<std::string> DispatchKinds() const;
};

/// How a connection is followed: any relation or reference, references
/// only, or one relation of the graph.
enum class Via : uint8_t { kAny, kReferences, kRelation };
/// out: this resource names the other; in: the other names this one.
enum class Direction : uint8_t { kBoth, kOut, kIn };

/// A relation's name in policies: "security_group", "scales", ...
std::string_view RelationName(Relation r);
std::optional<Relation> ParseRelation(std::string_view name);

struct Condition;
using ConditionPtr = std::unique_ptr<Condition>;

/// Where traffic comes from, in a reachability condition.
struct Source {
  enum class Kind : uint8_t {
    kCidr,           ///< every address of `cidr`
    kInternet,       ///< some public address (a CIDR not wholly private)
    kSecurityGroup,  ///< a source security group satisfying `where`
    kAttachedTo,     ///< a source group attached to a resource of `kinds` satisfying `where`
  };
  Kind kind = Kind::kCidr;
  rules::Cidr cidr;
  std::string text;  ///< for messages: "0.0.0.0/0", "the internet", ...
  KindSet kinds;
  ConditionPtr where;  ///< may be null
};

struct Condition {
  enum class Kind : uint8_t {
    kAnd,
    kOr,
    kNot,
    kCompare,
    kAny,   ///< some element of a list satisfies `children[0]`
    kAll,   ///< every element does
    kNone,  ///< no element does
    kConnected,
    kReachable,
    kIf,  ///< children: if, then, and else when given (else: true)
  };
  Kind kind = Kind::kCompare;
  uint32_t line = 0, column = 0;  ///< where it is written in the policy file

  /// and/or: the operands; not: one; any/all/none: the element condition;
  /// connected: the `where`/`every` condition, when given; if: if, then, else.
  std::vector<ConditionPtr> children;

  // --- comparisons (and the list of any/all/none)
  Subject subject = Subject::kAttribute;
  Path path;
  Op op = Op::kExists;
  bool exists = true;             ///< kExists: whether it must be present
  std::vector<Literal> literals;  ///< one; several for in/not_in
  std::vector<long> version;      ///< version operators: the version compared with
  std::unique_ptr<RE2> regex;     ///< matches / not_matches
  /// `default:`: the value of a missing or null attribute (the provider's default).
  std::optional<Value> fallback;

  // --- connected
  KindSet to;
  Via via = Via::kAny;
  Relation relation = Relation::kCount;
  Direction direction = Direction::kBoth;
  bool every = false;  ///< `every:` (all connected satisfy) rather than `where:` (some does)

  // --- reachable
  bool only = false;  ///< `only_from:` rather than `from:`
  std::vector<Source> sources;
  std::optional<int> port;
  int hops = 0;
};

}  // namespace policy

/// One team policy, compiled. `rule` is what the engine runs; its string
/// views point into this object, which therefore never moves.
struct Policy {
  std::string id, title, description, remediation, message, help_uri;
  std::string source;  ///< "policies/rds.yaml:3"
  std::string text;    ///< the policy as written in its file, for explain
  Severity severity = Severity::kMedium;
  Scope scope = Scope::kAll;
  policy::KindSet kinds;
  policy::ConditionPtr where;  ///< may be null
  policy::ConditionPtr check;  ///< `require:` or `forbid:`
  bool forbid = false;

  std::vector<std::string> dispatch_kinds;
  std::vector<std::string_view> kind_views;
  Rule rule;

  Policy() = default;
  Policy(const Policy&) = delete;
  Policy& operator=(const Policy&) = delete;
  /// Fills `rule` from the fields above (call once they are final).
  void Seal();
};

/// Every team policy of a run, and their rules sorted by ID.
struct PolicySet {
  std::vector<std::unique_ptr<Policy>> policies;
  std::vector<const Rule*> rules;
};

/// The check function every team rule runs (checker/policies/rule.cc).
void CheckPolicy(const Resource& resource, RuleContext& ctx);

}  // namespace infracheck
