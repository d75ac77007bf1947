#include "infracheck/graph.h"

#include <algorithm>
#include <set>

namespace infracheck {

namespace {

constexpr size_t kRelations = static_cast<size_t>(Relation::kCount);

void CollectRefs(const Value& v, std::vector<const Ref*>& out) {
  // Most values are scalars without a history: asked nothing more.
  if (v.has_provenance()) {
    for (const Ref& r : v.refs()) out.push_back(&r);
  }
  if (v.is_list()) {
    for (const Value& item : v.items()) CollectRefs(item, out);
  } else if (v.is_object()) {
    for (const Field& f : v.fields()) CollectRefs(f.value, out);
  } else if (v.is_string() || v.is_unknown()) {
    if (const Value* s = v.structured()) CollectRefs(*s, out);
  }
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

void Graph::Reserve(size_t resources) {
  resources_.reserve(resources);
  size_t more = resources > resources_.size() ? resources - resources_.size() : 0;
  if (!chunks_.empty() && chunks_.back().capacity() - chunks_.back().size() >= more) return;
  chunks_.emplace_back().reserve(more);
}

Resource& Graph::Add(Resource&& r) {
  if (chunks_.empty() || chunks_.back().size() == chunks_.back().capacity()) {
    Reserve(resources_.size() + std::max<size_t>(16, resources_.size() / 2));
  }
  r.id = static_cast<uint32_t>(resources_.size());
  r.environment = env_.get();
  Resource* stored = &chunks_.back().emplace_back(std::move(r));
  resources_.push_back(stored);
  return *stored;
}

void Graph::AddAll(std::vector<Resource>&& resources) {
  resources_.reserve(resources_.size() + resources.size());
  for (Resource& r : resources) {
    r.id = static_cast<uint32_t>(resources_.size());
    r.environment = env_.get();
    resources_.push_back(&r);
  }
  chunks_.push_back(std::move(resources));
}

void Graph::Seal() {
  by_kind_.clear();
  size_t slots = 16;
  while (slots < resources_.size() * 2) slots *= 2;
  by_address_.assign(slots, nullptr);
  // Resources come in runs of one kind (a module's variables, a resource's
  // instances): the kind's list is looked up again only when it changes.
  std::vector<const Resource*>* of_kind = nullptr;
  const std::string* kind = nullptr;
  for (Resource* r : resources_) {
    if (!kind || *kind != r->kind) {
      of_kind = &by_kind_[r->kind];
      kind = &r->kind;
    }
    of_kind->push_back(r);
    const Resource*& slot = by_address_[AddressSlot(r->address)];
    if (!slot) slot = r;
  }
  related_.map.clear();
  referrers_.map.clear();
  ingress_.map.clear();
  unattached_.map.clear();
  routes_.map.clear();
  out_edges_.clear();
  out_start_.assign(resources_.size() + 1, 0);
  std::vector<const Ref*> refs;
  // The edges already made from one resource: a few, searched in order; a
  // set once there are many.
  using Target = std::pair<const Resource*, std::string_view>;
  std::vector<Target> seen;
  std::set<Target> seen_many;
  auto first_time = [&](Target t) {
    if (!seen_many.empty()) return seen_many.insert(t).second;
    if (std::find(seen.begin(), seen.end(), t) != seen.end()) return false;
    seen.push_back(t);
    if (seen.size() > 32) seen_many.insert(seen.begin(), seen.end());
    return true;
  };
  for (Resource* r : resources_) {
    out_start_[r->id] = static_cast<uint32_t>(out_edges_.size());
    refs.clear();
    CollectRefs(r->attributes, refs);
    if (refs.empty()) continue;
    seen.clear();
    seen_many.clear();
    for (const Ref* ref : refs) {
      const Resource* to = Find(ref->address);
      if (!to || to == r) continue;
      if (!first_time(Target(to, ref->attribute))) continue;
      out_edges_.push_back(Edge{r, to, ref->attribute});
    }
  }
  out_start_[resources_.size()] = static_cast<uint32_t>(out_edges_.size());
  // The same edges by target, each target's in the order they were made.
  in_start_.assign(resources_.size() + 1, 0);
  for (const Edge& e : out_edges_) ++in_start_[e.to->id + 1];
  for (size_t i = 1; i < in_start_.size(); ++i) in_start_[i] += in_start_[i - 1];
  in_edges_.resize(out_edges_.size());
  std::vector<uint32_t> next(in_start_.begin(), in_start_.end() - 1);
  for (const Edge& e : out_edges_) in_edges_[next[e.to->id]++] = e;
}

std::span<const Resource* const> Graph::OfKind(std::string_view kind) const {
  auto it = by_kind_.find(kind);
  if (it == by_kind_.end()) return {};
  return it->second;
}

size_t Graph::AddressSlot(std::string_view address) const {
  size_t mask = by_address_.size() - 1;
  size_t i = std::hash<std::string_view>{}(address)&mask;
  while (by_address_[i] && by_address_[i]->address != address) i = (i + 1) & mask;
  return i;
}

const Resource* Graph::Find(std::string_view address) const {
  return by_address_.empty() ? nullptr : by_address_[AddressSlot(address)];
}

namespace {

std::span<const Edge> EdgesOf(const std::vector<Edge>& edges, const std::vector<uint32_t>& start,
                              uint32_t id) {
  if (id + 1 >= start.size()) return {};
  return std::span<const Edge>(edges.data() + start[id], start[id + 1] - start[id]);
}

}  // namespace

std::span<const Edge> Graph::References(const Resource& r) const {
  return EdgesOf(out_edges_, out_start_, r.id);
}

std::span<const Edge> Graph::ReferencedBy(const Resource& r) const {
  return EdgesOf(in_edges_, in_start_, r.id);
}

void Graph::Relate(const Resource& from, Relation rel, const Resource& to) {
  if (&from == &to) return;
  auto& fwd = related_.map[from.id * kRelations + static_cast<size_t>(rel)];
  if (std::find(fwd.begin(), fwd.end(), &to) != fwd.end()) return;
  fwd.push_back(&to);
  referrers_.map[to.id * kRelations + static_cast<size_t>(rel)].push_back(&from);
}

std::span<const Resource* const> Graph::Related(const Resource& r, Relation rel) const {
  return related_.Get(r.id * kRelations + static_cast<size_t>(rel));
}

std::span<const Resource* const> Graph::Referrers(const Resource& r, Relation rel) const {
  return referrers_.Get(r.id * kRelations + static_cast<size_t>(rel));
}

std::span<const Ingress> Graph::IngressOf(const Resource& group) const {
  return ingress_.Get(group.id);
}

std::span<const Ingress> Graph::UnattachedIngress(const Resource& rule) const {
  return unattached_.Get(rule.id);
}

void Graph::AddIngress(Ingress in) {
  if (!in.group) {
    if (in.declared_in) unattached_.map[in.declared_in->id].push_back(std::move(in));
    return;
  }
  ingress_.map[in.group->id].push_back(std::move(in));
}

std::span<const Route> Graph::RoutesOf(const Resource& table) const {
  return routes_.Get(table.id);
}

void Graph::AddRoute(Route route) {
  if (!route.table) return;
  routes_.map[route.table->id].push_back(std::move(route));
}

const Value* Graph::Document(const Resource& r, std::string_view path) const {
  if (r.id >= has_documents_.size() || !has_documents_[r.id]) return nullptr;
  auto it = documents_.find(std::pair<uint32_t, std::string_view>(r.id, path));
  return it == documents_.end() ? nullptr : &it->second;
}

void Graph::SetDocument(const Resource& r, std::string path, Value document) {
  if (r.id >= has_documents_.size()) has_documents_.resize(r.id + 1);
  has_documents_[r.id] = true;
  documents_[std::make_pair(r.id, std::move(path))] = std::move(document);
}

}  // namespace infracheck
