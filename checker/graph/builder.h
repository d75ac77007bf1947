// Builds what rules read besides raw attributes: relations between
// resources, the security-group ingress model, route tables, and decoded
// JSON documents (container definitions, IAM policies). Runs once per graph,
// after Graph::Seal().
#pragma once

#include <functional>
#include <span>
#include <string_view>

#include "infracheck/graph.h"

namespace infracheck {

void BuildGraph(Graph& graph);

namespace graph {

void BuildRelations(Graph& g);
void BuildNetwork(Graph& g);
void BuildDocuments(Graph& g);

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
