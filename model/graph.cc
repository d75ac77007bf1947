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

Relation Inverse(Relation rel) {
  switch (rel) {
    case Relation::kSecurityGroup:
      return Relation::kAttachedTo;
    case Relation::kAttachedTo:
      return Relation::kSecurityGroup;
    case Relation::kListener:
      return Relation::kLoadBalancer;
    case Relation::kLoadBalancer:
      return Relation::kListener;
    case Relation::kLifecyclePolicy:
      return Relation::kRepository;
    case Relation::kRepository:
      return Relation::kLifecyclePolicy;
    case Relation::kPublicAccessBlock:
      return Relation::kBucket;
    case Relation::kBucket:
      return Relation::kPublicAccessBlock;
    case Relation::kClusterMember:
      return Relation::kCluster;
    case Relation::kCluster:
      return Relation::kClusterMember;
    case Relation::kCount:
      break;
  }
  return rel;
}

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
  out_.assign(resources_.size(), {});
  in_.assign(resources_.size(), {});
  related_.assign(resources_.size() * kRelations, {});
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

void Graph::Relate(const Resource& a, Relation rel, const Resource& b) {
  auto add = [&](const Resource& x, Relation k, const Resource& y) {
    auto& list = related_[x.id * kRelations + static_cast<size_t>(k)];
    if (std::find(list.begin(), list.end(), &y) == list.end()) list.push_back(&y);
  };
  add(a, rel, b);
  add(b, Inverse(rel), a);
}

std::span<const Resource* const> Graph::Related(const Resource& r, Relation rel) const {
  size_t i = r.id * kRelations + static_cast<size_t>(rel);
  if (i >= related_.size()) return {};
  return related_[i];
}

}  // namespace infracheck
