// Builds what rules read besides raw attributes: relations between
// resources, the security-group ingress model, route tables, and decoded
// JSON documents (container definitions, IAM policies). Runs once per graph,
// after Graph::Seal().
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string_view>

#include "infracheck/graph.h"

namespace infracheck {

void BuildGraph(Graph& graph);

namespace graph {

void BuildRelations(Graph& g);

/// One row of the relation table: where a resource of `from_kind` names a
/// resource of `to_kinds`, by reference or (when `name_attr` is set) by a
/// known value of that attribute. Team policies read it to tell a missing
/// connection from one that an unresolved value might make.
struct RelationSpec {
  std::string_view from_kind;
  std::string_view path;  ///< dotted; fans out over nested blocks and lists
  std::span<const std::string_view> to_kinds;
  std::string_view name_attr;
  Relation relation;
};
/// The table BuildRelations follows (the autoscaling target's `resource_id`
/// and the route tables of subnets are related by code of their own).
std::span<const RelationSpec> RelationSpecs();
void BuildNetwork(Graph& g);
void BuildDocuments(Graph& g);
/// The IAM policy document an aws_iam_policy_document data source's
/// `statement` blocks make ({"Version", "Statement": [{"Effect", "Action",
/// "Principal", "Condition", ...}]}); nullopt when they are unknown.
std::optional<Value> PolicyDocumentOf(const Value* statements, Span at);

/// Calls fn for every value at a dotted path, fanning out over lists (nested
/// blocks, lists of ids) at every step. Unknown values are passed as they are.
void ForEachAt(const Value& root, std::string_view path,
               const std::function<void(const Value&)>& fn);

/// Calls fn for every resource of `kinds` that `v` (or an element of it)
/// refers to; when it refers to none and is a known string, for every
/// resource whose attribute `name_attr` has that value.
void ForEachTarget(const Graph& g, const Value& v, std::span<const std::string_view> kinds,
                   std::string_view name_attr, const std::function<void(const Resource&)>& fn);

}  // namespace graph
}  // namespace infracheck
