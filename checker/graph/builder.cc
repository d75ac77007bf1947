#include "checker/graph/builder.h"

#include <algorithm>

namespace infracheck {

void BuildGraph(Graph& graph) {
  graph::BuildRelations(graph);
  graph::BuildNetwork(graph);
  graph::BuildDocuments(graph);
}

namespace graph {

namespace {

void Walk(const Value& v, std::string_view path, const std::function<void(const Value&)>& fn) {
  if (v.is_list()) {
    for (const Value& item : v.items()) Walk(item, path, fn);
    return;
  }
  if (path.empty() || v.is_unknown()) {
    fn(v);
    return;
  }
  size_t dot = path.find('.');
  std::string_view step = path.substr(0, dot);
  std::string_view rest = dot == std::string_view::npos ? "" : path.substr(dot + 1);
  if (const Value* f = v.Get(step)) {
    if (rest.empty()) {
      fn(*f);
    } else {
      Walk(*f, rest, fn);
    }
  }
}

}  // namespace

void ForEachAt(const Value& root, std::string_view path,
               const std::function<void(const Value&)>& fn) {
  Walk(root, path, fn);
}

void ForEachTarget(const Graph& g, const Value& v, std::span<const std::string_view> kinds,
                   std::string_view name_attr, const std::function<void(const Resource&)>& fn) {
  auto kind_ok = [&](const Resource& r) {
    return std::find(kinds.begin(), kinds.end(), r.kind) != kinds.end();
  };
  bool referenced = false;
  for (const Ref& ref : v.refs()) {
    if (const Resource* t = g.Resolve(ref); t && kind_ok(*t)) {
      fn(*t);
      referenced = true;
    }
  }
  if (v.is_list()) {
    for (const Value& item : v.items()) ForEachTarget(g, item, kinds, name_attr, fn);
    return;
  }
  if (referenced || name_attr.empty() || !v.is_string()) return;
  for (std::string_view kind : kinds) {
    for (const Resource* t : g.OfKind(kind)) {
      const Value* name = t->Get(name_attr);
      if (name && name->is_string() && name->str() == v.str()) fn(*t);
    }
  }
}

}  // namespace graph
}  // namespace infracheck
