#include "infracheck/graph.h"

#include <algorithm>
#include <set>

namespace infracheck {

namespace {

constexpr size_t kRelations = static_cast<size_t>(Relation::kCount);

void CollectRefs(const Value& v, std::vector<const Ref*>& out) {
  for (const Ref& r : v.refs()) out.push_back(&r);
  if (v.is_list()) {
    for (const Value& item : v.items()) CollectRefs(item, out);
  } else if (v.is_object()) {
    for (const Field& f : v.fields()) CollectRefs(f.value, out);
  }
  if (const Value* s = v.structured()) CollectRefs(*s, out);
}

}  // namespace

bool Ingress::all_traffic() const {
  auto p = StringOf(&protocol);
  return p && (*p == "-1" || *p == "all");
}

bool Ingress::Covers(int p) const {
  if (all_traffic()) return true;
  // ICMP's from/to fields are type and code, not ports.
  auto proto = StringOf(&protocol);
  if (proto && (*proto == "icmp" || *proto == "1" || *proto == "icmpv6" || *proto == "58")) {
    return false;
  }
  if (!ports_known()) return false;
  double lo = from_port.number(), hi = to_port.number();
  // from_port = to_port = 0 with tcp/udp means "all ports" only for -1;
  // a range of -1..-1 (icmp) covers no TCP port.
  if (lo < 0 || hi < 0) return false;
  return lo <= p && p <= hi;
}

Graph::Graph(Environment env) : env_(std::make_unique<Environment>(std::move(env))) {}

Resource& Graph::Add(Resource r) {
  r.id = static_cast<uint32_t>(resources_.size());
  r.environment = env_.get();
  resources_.push_back(std::make_unique<Resource>(std::move(r)));
  return *resources_.back();
}

void Graph::Seal() {
  by_kind_.clear();
  by_address_.clear();
  for (const auto& r : resources_) {
    by_kind_[r->kind].push_back(r.get());
    by_address_.emplace(r->address, r.get());
  }
  size_t n = resources_.size();
  out_.assign(n, {});
  in_.assign(n, {});
  related_.assign(n * kRelations, {});
  referrers_.assign(n * kRelations, {});
  ingress_.assign(n, {});
  unattached_.assign(n, {});
  routes_.assign(n, {});
  std::vector<const Ref*> refs;
  for (const auto& r : resources_) {
    refs.clear();
    CollectRefs(r->attributes, refs);
    std::set<std::pair<const Resource*, std::string_view>> seen;
    for (const Ref* ref : refs) {
      const Resource* to = Find(ref->address);
      if (!to || to == r.get()) continue;
      if (!seen.emplace(to, ref->attribute).second) continue;
      Edge e{r.get(), to, ref->attribute};
      out_[r->id].push_back(e);
      in_[to->id].push_back(e);
    }
  }
}

std::span<const Resource* const> Graph::OfKind(std::string_view kind) const {
  auto it = by_kind_.find(kind);
  if (it == by_kind_.end()) return {};
  return it->second;
}

const Resource* Graph::Find(std::string_view address) const {
  auto it = by_address_.find(address);
  return it == by_address_.end() ? nullptr : it->second;
}

std::span<const Edge> Graph::References(const Resource& r) const {
  if (r.id >= out_.size()) return {};
  return out_[r.id];
}

std::span<const Edge> Graph::ReferencedBy(const Resource& r) const {
  if (r.id >= in_.size()) return {};
  return in_[r.id];
}

void Graph::Relate(const Resource& from, Relation rel, const Resource& to) {
  if (&from == &to) return;
  auto& fwd = related_[from.id * kRelations + static_cast<size_t>(rel)];
  if (std::find(fwd.begin(), fwd.end(), &to) != fwd.end()) return;
  fwd.push_back(&to);
  referrers_[to.id * kRelations + static_cast<size_t>(rel)].push_back(&from);
}

std::span<const Resource* const> Graph::Related(const Resource& r, Relation rel) const {
  size_t i = r.id * kRelations + static_cast<size_t>(rel);
  if (i >= related_.size()) return {};
  return related_[i];
}

std::span<const Resource* const> Graph::Referrers(const Resource& r, Relation rel) const {
  size_t i = r.id * kRelations + static_cast<size_t>(rel);
  if (i >= referrers_.size()) return {};
  return referrers_[i];
}

std::span<const Ingress> Graph::IngressOf(const Resource& group) const {
  if (group.id >= ingress_.size()) return {};
  return ingress_[group.id];
}

std::span<const Ingress> Graph::UnattachedIngress(const Resource& rule) const {
  if (rule.id >= unattached_.size()) return {};
  return unattached_[rule.id];
}

void Graph::AddIngress(Ingress in) {
  if (!in.group) {
    if (in.declared_in && in.declared_in->id < unattached_.size()) {
      unattached_[in.declared_in->id].push_back(std::move(in));
    }
    return;
  }
  if (in.group->id >= ingress_.size()) return;
  ingress_[in.group->id].push_back(std::move(in));
}

std::span<const Route> Graph::RoutesOf(const Resource& table) const {
  if (table.id >= routes_.size()) return {};
  return routes_[table.id];
}

void Graph::AddRoute(Route route) {
  if (!route.table || route.table->id >= routes_.size()) return;
  routes_[route.table->id].push_back(std::move(route));
}

const Value* Graph::Document(const Resource& r, std::string_view path) const {
  auto it = documents_.find(std::make_pair(r.id, std::string(path)));
  return it == documents_.end() ? nullptr : &it->second;
}

void Graph::SetDocument(const Resource& r, std::string path, Value document) {
  documents_[std::make_pair(r.id, std::move(path))] = std::move(document);
}

}  // namespace infracheck
