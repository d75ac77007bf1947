// Computes the relations rules share (SG attachments, listener -> LB, ...)
// once per graph, so rules never re-derive them.
#pragma once

#include "infracheck/graph.h"

namespace infracheck {

/// Adds every relation the built-in rules use. Call after Graph::Seal().
void BuildRelations(Graph& graph);

}  // namespace infracheck
