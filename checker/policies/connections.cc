// Connection conditions: is this resource connected to a resource of kind X,
// through the graph's relations (an SG attached to a service, an autoscaling
// target scaling it, a lifecycle policy of its repository...) or through
// plain references, and does that resource satisfy a condition. A missing
// connection is only certain when no unresolved value could make one.
#include <set>

#include "checker/policies/evaluate.h"

namespace infracheck::policy {

namespace {

constexpr std::string_view kRelationNames[] = {
    "security_group",  "load_balancer", "repository",   "bucket", "rds_cluster",
    "subnet",          "subnet_group",  "route_table",  "vpc",    "parameter_group",
    "task_definition", "ecs_cluster",   "target_group", "scales", "role",
    "policy",          "listener",
};
static_assert(std::size(kRelationNames) == static_cast<size_t>(Relation::kCount));

constexpr int kMaxDepth = 8;

struct Candidate {
  const Resource* other = nullptr;
  bool out = true;                       ///< this resource names the other
  Relation relation = Relation::kCount;  ///< kCount: a plain reference
};

std::vector<Candidate> Gather(const Condition& c, const Graph& g, const Resource& r) {
  std::vector<Candidate> out;
  std::set<const Resource*> seen;
  auto add = [&](const Resource* t, bool out_dir, Relation rel) {
    if (t == &r || !c.to.Contains(*t) || !seen.insert(t).second) return;
    out.push_back(Candidate{t, out_dir, rel});
  };
  bool want_out = c.direction != Direction::kIn, want_in = c.direction != Direction::kOut;
  if (c.via != Via::kReferences) {
    for (size_t i = 0; i < static_cast<size_t>(Relation::kCount); ++i) {
      auto rel = static_cast<Relation>(i);
      if (c.via == Via::kRelation && rel != c.relation) continue;
      if (want_out) {
        for (const Resource* t : g.Related(r, rel)) add(t, true, rel);
      }
      if (want_in) {
        for (const Resource* t : g.Referrers(r, rel)) add(t, false, rel);
      }
    }
  }
  if (c.via != Via::kRelation) {
    if (want_out) {
      for (const Edge& e : g.References(r)) add(e.to, true, Relation::kCount);
    }
    if (want_in) {
      for (const Edge& e : g.ReferencedBy(r)) add(e.from, false, Relation::kCount);
    }
  }
  return out;
}

struct Found {
  std::string path, display;
  Span span;
  const Value* value = nullptr;
};

// The first value inside `v` that refers to `address` (or, when `name` is
// given, is that string): where a resource names another.
bool FindRef(const Value& v, const std::string& address, const std::string* name,
             const std::string& path, const std::string& display, Span at, int depth, Found* out) {
  if (depth > 64) return false;
  bool hit = name ? v.is_string() && v.str() == *name : false;
  for (const Ref& ref : v.refs()) hit = hit || ref.address == address;
  if (hit && !v.is_list() && !v.is_object()) {
    *out = Found{path, display, at, &v};
    return true;
  }
  if (v.is_list()) {
    for (size_t i = 0; i < v.items().size(); ++i) {
      const Value& item = v.items()[i];
      std::string p = path + "." + std::to_string(i);
      if (FindRef(item, address, name, p, display, item.origin().valid() ? item.origin() : at,
                  depth + 1, out)) {
        return true;
      }
    }
  } else if (v.is_object()) {
    for (const Field& f : v.fields()) {
      std::string p = path.empty() ? f.key : path + "." + f.key;
      std::string d = display.empty() ? f.key : display + "." + f.key;
      Span s = FieldSpan(f);
      if (FindRef(f.value, address, name, p, d, s.valid() ? s : at, depth + 1, out)) return true;
    }
  }
  if (hit) {
    *out = Found{path, display, at, &v};
    return true;
  }
  return false;
}

// Where `from` names `to`: by reference, else by the name a relation matches.
std::optional<Found> Naming(const Resource& from, const Resource& to, Relation rel) {
  Found f;
  Span header = from.header.valid() ? from.header : from.block;
  if (FindRef(from.attributes, to.address, nullptr, "", "", header, 0, &f)) return f;
  for (const graph::RelationSpec& spec : graph::RelationSpecs()) {
    if (spec.relation != rel || spec.from_kind != from.kind || spec.name_attr.empty()) continue;
    auto name = StringOf(to.Get(spec.name_attr));
    if (name && FindRef(from.attributes, "", &*name, "", "", header, 0, &f)) return f;
  }
  return std::nullopt;
}

// What connects them, as a sentence, and where it is best shown.
Witness Connection(const Resource& r, const Candidate& cand) {
  const Resource& t = *cand.other;
  Witness w;
  w.resource = &r;
  w.span = r.header.valid() ? r.header : r.block;
  std::string how = cand.relation == Relation::kCount
                        ? ""
                        : " (" + std::string(RelationName(cand.relation)) + ")";
  if (cand.out) {
    if (auto f = Naming(r, t, cand.relation)) {
      w.path = f->path;
      w.span = f->span;
      w.culprit = f->value;
      w.text = f->display + " names " + t.address + how;
    } else {
      w.text = "it is connected to " + t.address + how;
    }
  } else {
    auto f = Naming(t, r, cand.relation);
    w.text = t.address + (f ? " names it in " + f->display : " is connected to it") + how;
    Span at = f ? f->span : (t.header.valid() ? t.header : t.block);
    w.related.push_back(RelatedSpan{at, t.address + " is connected here"});
  }
  return w;
}

bool Resolved(const Graph& g, const Value& v) {
  for (const Ref& ref : v.refs()) {
    if (g.Resolve(ref)) return true;
  }
  return false;
}

// An unknown value that no resource of the graph explains: an unset
// variable, a remote module's output. It might be a reference to anything.
bool HasUnresolved(const Graph& g, const Value& v, int depth) {
  if (depth > 64) return false;
  if (v.is_unknown()) return !Resolved(g, v);
  for (const Value& item : v.items()) {
    if (HasUnresolved(g, item, depth + 1)) return true;
  }
  for (const Field& f : v.fields()) {
    if (HasUnresolved(g, f.value, depth + 1)) return true;
  }
  return false;
}

bool Meets(std::span<const std::string_view> kinds, const KindSet& to) {
  for (std::string_view k : kinds) {
    if (to.Names(k)) return true;
  }
  return false;
}

// Whether an unresolved value might connect `r` to a resource the condition
// asks about, which the graph therefore does not show.
bool Maybe(const Condition& c, const Graph& g, const Resource& r) {
  bool want_out = c.direction != Direction::kIn, want_in = c.direction != Direction::kOut;
  auto via = [&](Relation rel) {
    return c.via == Via::kAny || (c.via == Via::kRelation && c.relation == rel);
  };
  for (const graph::RelationSpec& spec : graph::RelationSpecs()) {
    if (!via(spec.relation)) continue;
    bool maybe = false;
    if (want_out && spec.from_kind == r.kind && Meets(spec.to_kinds, c.to)) {
      graph::ForEachAt(r.attributes, spec.path, [&](const Value& v) {
        if (!v.is_null() && !Targets(g, v, spec)) maybe = true;
      });
    }
    bool names_us =
        std::find(spec.to_kinds.begin(), spec.to_kinds.end(), r.kind) != spec.to_kinds.end();
    if (want_in && names_us && c.to.Names(spec.from_kind)) {
      const Value* our_name = spec.name_attr.empty() ? nullptr : r.Get(spec.name_attr);
      bool name_unknown = our_name && !our_name->is_null() && !our_name->is_string();
      for (const Resource* t : g.OfKind(spec.from_kind)) {
        if (t == &r || !c.to.Contains(*t)) continue;
        graph::ForEachAt(t->attributes, spec.path, [&](const Value& v) {
          if (v.is_unknown() && !Targets(g, v, spec)) maybe = true;
          if (v.is_string() && !spec.name_attr.empty() && name_unknown) maybe = true;
        });
      }
    }
    if (maybe) return true;
  }
  // Autoscaling targets name their service in resource_id ("service/<cluster>/<name>").
  if (via(Relation::kScales)) {
    const Value* name = r.Get("name");
    bool name_unknown = name && !name->is_null() && !name->is_string();
    if (want_in && r.kind == "aws_ecs_service" && c.to.Names("aws_appautoscaling_target")) {
      for (const Resource* t : g.OfKind("aws_appautoscaling_target")) {
        if (!c.to.Contains(*t) || !g.Related(*t, Relation::kScales).empty()) continue;
        const Value* id = t->Get("resource_id");
        if (!id || id->is_null()) continue;
        if ((id->is_unknown() && !Resolved(g, *id)) || (id->is_string() && name_unknown)) {
          return true;
        }
      }
    }
    if (want_out && r.kind == "aws_appautoscaling_target" && c.to.Names("aws_ecs_service") &&
        g.Related(r, Relation::kScales).empty()) {
      const Value* id = r.Get("resource_id");
      if (id && !id->is_null()) return true;
    }
  }
  // A subnet's route table is decided by associations, which may be unresolved.
  if (via(Relation::kRouteTable)) {
    if (want_out && r.kind == "aws_subnet" && g.Related(r, Relation::kRouteTable).empty()) {
      return true;
    }
    if (want_in && c.to.Names("aws_subnet")) {
      for (const Resource* s : g.OfKind("aws_subnet")) {
        if (g.Related(*s, Relation::kRouteTable).empty()) return true;
      }
    }
  }
  if (c.via != Via::kRelation) {
    if (want_out && HasUnresolved(g, r.attributes, 0)) return true;
    if (want_in) {
      std::vector<std::string> kinds =
          c.to.every_managed ? std::vector<std::string>{} : c.to.managed;
      kinds.insert(kinds.end(), c.to.data.begin(), c.to.data.end());
      auto check = [&](const Resource& t) {
        return &t != &r && c.to.Contains(t) && HasUnresolved(g, t.attributes, 0);
      };
      if (c.to.every_managed) {
        for (const auto& t : g.resources()) {
          if (check(*t)) return true;
        }
      }
      for (const std::string& k : kinds) {
        for (const Resource* t : g.OfKind(k)) {
          if (check(*t)) return true;
        }
      }
    }
  }
  return false;
}

std::string ViaText(const Condition& c) {
  if (c.via == Via::kRelation) return " (" + std::string(RelationName(c.relation)) + ")";
  if (c.via == Via::kReferences) return " by reference";
  return "";
}

}  // namespace

bool Targets(const Graph& g, const Value& v, const graph::RelationSpec& spec) {
  bool any = false;
  graph::ForEachTarget(g, v, spec.to_kinds, spec.name_attr, [&](const Resource&) { any = true; });
  return any;
}

std::string_view RelationName(Relation r) {
  auto i = static_cast<size_t>(r);
  return i < std::size(kRelationNames) ? kRelationNames[i] : "reference";
}

std::optional<Relation> ParseRelation(std::string_view name) {
  for (size_t i = 0; i < std::size(kRelationNames); ++i) {
    if (kRelationNames[i] == name) return static_cast<Relation>(i);
  }
  return std::nullopt;
}

Outcome EvaluateConnected(const Condition& c, const Scope& s) {
  const Graph& g = *s.graph;
  const Resource& r = *s.resource;
  if (s.depth >= kMaxDepth) return Outcome{Tri::kUnknown, {}};
  const Condition* inner = c.children.empty() ? nullptr : c.children[0].get();
  std::vector<Outcome> parts;
  for (const Candidate& cand : Gather(c, g, r)) {
    const Resource& t = *cand.other;
    Outcome o =
        inner ? Evaluate(*inner, ResourceScope(g, t, s.depth + 1)) : Outcome{Tri::kTrue, {}};
    // A resource with an unknown count may have no instance at all.
    bool maybe_absent = t.unknown_count;
    if (o.truth == Tri::kTrue) {
      if (maybe_absent && !c.every) {
        parts.push_back(Outcome{Tri::kUnknown, {}});
        continue;
      }
      Witness w = Connection(r, cand);
      if (inner && !o.why.empty()) {
        Witness qualifies = Merge(o.why);
        w.text += ": " + qualifies.text;
        // Where the connected resource qualifies (the gateway its route names).
        if (qualifies.span.valid()) {
          w.related.push_back(RelatedSpan{qualifies.span, qualifies.text});
        }
        for (RelatedSpan& rel : qualifies.related) w.related.push_back(std::move(rel));
      }
      parts.push_back(Outcome{Tri::kTrue, {std::move(w)}});
    } else if (o.truth == Tri::kFalse) {
      if (maybe_absent && c.every) {
        parts.push_back(Outcome{Tri::kUnknown, {}});
        continue;
      }
      for (Witness& w : o.why) w.text = t.address + ": " + w.text;
      parts.push_back(std::move(o));
    } else {
      parts.push_back(std::move(o));
    }
  }
  Witness vacuous{&r,
                  "",
                  r.header.valid() ? r.header : r.block,
                  nullptr,
                  "no " + c.to.text + " is connected" + ViaText(c),
                  {}};
  if (c.every) {
    Outcome o = AllOf(std::move(parts), vacuous);
    if (o.truth == Tri::kTrue && Maybe(c, g, r)) return Outcome{Tri::kUnknown, {}};
    return o;
  }
  bool none = parts.empty();
  Outcome o = AnyOf(std::move(parts), vacuous);
  if (o.truth == Tri::kFalse && Maybe(c, g, r)) return Outcome{Tri::kUnknown, {}};
  if (o.truth == Tri::kFalse && !none) {
    // Connected, but none qualifies: say why each does not.
    for (Witness& w : o.why) w.text = "no connected " + c.to.text + " qualifies: " + w.text;
  }
  return o;
}

}  // namespace infracheck::policy
