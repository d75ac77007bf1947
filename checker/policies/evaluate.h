// Evaluating a policy's conditions over the graph, in three-valued logic: a
// condition is true, false, or unknown (it depends on a value infracheck
// cannot know), and comes with the reasons for its value, so that a finding
// points at the attribute (or connection, or ingress rule) that decided it.
#pragma once

#include <string>
#include <vector>

#include "checker/graph/builder.h"
#include "checker/policies/policy.h"

namespace infracheck::policy {

/// One reason for a condition's value: a place and a sentence.
struct Witness {
  const Resource* resource = nullptr;  ///< the resource checked, or one connected to it
  std::string path;                    ///< attribute path in `resource` ("" for the block)
  Span span;                           ///< where it is written
  const Value* culprit = nullptr;      ///< the value, whose origin chain becomes related locations
  std::string text;                    ///< "engine_version is \"15.4\", not at least version 16"
  std::vector<RelatedSpan> related;    ///< further places worth showing
};

/// A condition's value and its reasons. Each witness establishes the value
/// on its own (the false operands of a false `and`, the true ones of a true
/// `or`, each failing list element): a rule reports one finding per place.
/// Reasons that only hold together (a false `or`) are merged into one.
struct Outcome {
  Tri truth = Tri::kUnknown;
  std::vector<Witness> why;
};

/// What a condition is evaluated against: a resource, and the value inside it
/// that attribute paths start from (its attributes, or one list element).
struct Scope {
  const Graph* graph = nullptr;
  const Resource* resource = nullptr;
  const Value* value = nullptr;
  std::string path;     ///< `value`'s attribute path in the resource ("" for the attributes)
  std::string display;  ///< the same as people read it ("container_definitions[0]")
  Span span;            ///< where `value` is written
  int depth = 0;        ///< nesting of connected resources, bounded
};

Scope ResourceScope(const Graph& g, const Resource& r, int depth = 0);

Outcome Evaluate(const Condition& c, const Scope& s);
Outcome EvaluateConnected(const Condition& c, const Scope& s);
Outcome EvaluateReachable(const Condition& c, const Scope& s);

// --- combining, in Kleene's three-valued logic

Tri Not(Tri t);
Outcome Negate(Outcome o);
/// false if any part is false; unknown if any is unknown; else true.
Outcome AllOf(std::vector<Outcome> parts, const Witness& vacuous);
/// true if any part is true; unknown if any is unknown; else false.
Outcome AnyOf(std::vector<Outcome> parts, const Witness& vacuous);
/// One witness standing for several that hold together.
Witness Merge(const std::vector<Witness>& parts);

// --- attribute paths

/// The value found at the end of a path, one per element a `[*]` (or a
/// list of nested blocks) fans out over.
struct Leaf {
  enum class State : uint8_t { kMissing, kUnknown, kValue };
  State state = State::kMissing;
  const Value* value = nullptr;
  std::string path;     ///< dotted, list indexes as numbers: "container_definitions.0.user"
  std::string display;  ///< as people read it: "container_definitions[0].user"
  Span span;            ///< the attribute as written, else the nearest enclosing block
};

/// Follows `p` from the scope's value. Steps into JSON documents held in
/// string attributes (container definitions, IAM policies) as the graph
/// decoded them, with their own locations.
std::vector<Leaf> Resolve(const Scope& s, const Path& p);

/// The elements a quantifier ranges over: a list's items; a value that is
/// not a list counts as a list of one (IAM writes one statement or action
/// without brackets).
std::vector<Leaf> Elements(const Scope& s, const Leaf& leaf);

/// Where a path written as a dotted string ("ingress.1.cidr_blocks") is in
/// a resource: the attribute, else the nearest enclosing block.
Span SpanAt(const Graph& g, const Resource& r, std::string_view dotted);

/// A field as written: its key through its value when both are in one file.
Span FieldSpan(const Field& f);

// --- the graph

/// Whether a value names a resource a relation row points to (by reference,
/// or by a known name), in the graph.
bool Targets(const Graph& g, const Value& v, const graph::RelationSpec& spec);

// --- comparisons

/// Whether a present value (not missing, not null) satisfies a comparison;
/// unknown when an unknown part of it could decide.
Tri Test(const Condition& c, const Value& v);
/// A value for messages: "\"15.4\"", "true", "[\"*\"]".
std::string Show(const Value& v);
/// What operator `op` of comparison `c` asks for, for messages: "version 16
/// or newer", "one of \"a\" or \"b\"".
std::string Expectation(const Condition& c, Op op);
/// Parses a version ("16.1", "v1.2.3", "8.0.mysql_aurora.3.02"): its leading
/// dot-separated numbers; nullopt when it does not start with one.
std::optional<std::vector<long>> ParseVersion(std::string_view text);
/// <0, 0, >0; missing trailing components count as 0 ("16" == "16.0").
int CompareVersions(const std::vector<long>& a, const std::vector<long>& b);

}  // namespace infracheck::policy
