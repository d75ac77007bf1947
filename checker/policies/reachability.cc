// Reachability conditions over security groups: which sources an ingress
// permission of a resource's groups admits (CIDRs, the internet, other
// groups, groups of a tier), directly or through a chain of groups
// (`hops`), and "only from": every source it admits is an allowed one. The
// ingress model is the graph's (inline blocks and both rule resources).
#include <map>

#include "checker/policies/evaluate.h"

namespace infracheck::policy {

namespace {

using rules::IngressPart;
using rules::PortRange;

Tri Or(Tri a, Tri b) {
  if (a == Tri::kTrue || b == Tri::kTrue) return Tri::kTrue;
  if (a == Tri::kUnknown || b == Tri::kUnknown) return Tri::kUnknown;
  return Tri::kFalse;
}

Tri And(Tri a, Tri b) {
  if (a == Tri::kFalse || b == Tri::kFalse) return Tri::kFalse;
  if (a == Tri::kUnknown || b == Tri::kUnknown) return Tri::kUnknown;
  return Tri::kTrue;
}

// Every address of `inner` is in `outer`.
bool Within(const rules::Cidr& inner, const rules::Cidr& outer) {
  if (inner.v6 != outer.v6 || inner.prefix < outer.prefix) return false;
  int bits = outer.prefix;
  for (size_t i = 0; bits > 0; ++i, bits -= 8) {
    auto mask = static_cast<uint8_t>(bits >= 8 ? 0xff : 0xff << (8 - bits));
    if ((inner.bytes[i] & mask) != (outer.bytes[i] & mask)) return false;
  }
  return true;
}

// The security groups guarding a resource, and whether others might.
struct Guards {
  std::vector<const Resource*> groups;
  bool maybe_more = false;
};

Guards GuardsOf(const Graph& g, const Resource& r) {
  Guards out;
  if (r.kind == "aws_security_group") {
    out.groups.push_back(&r);
    return out;
  }
  for (const Resource* sg : g.Related(r, Relation::kSecurityGroup)) out.groups.push_back(sg);
  bool attachable = false;
  for (const graph::RelationSpec& spec : graph::RelationSpecs()) {
    if (spec.relation != Relation::kSecurityGroup || spec.from_kind != r.kind) continue;
    attachable = true;
    graph::ForEachAt(r.attributes, spec.path, [&](const Value& v) {
      if (!v.is_null() && !Targets(g, v, spec)) out.maybe_more = true;
    });
  }
  // Without a group of its own, the VPC's default group (not in the graph) guards it.
  if (attachable && out.groups.empty()) out.maybe_more = true;
  return out;
}

// Ingress the graph cannot see for a group: a data source, dynamic blocks
// over an unknown collection, a rule resource whose group is unresolved.
bool HiddenIngress(const Graph& g, const Resource& sg) {
  if (sg.mode != ResourceMode::kManaged) return true;
  const Value* inline_blocks = sg.Get("ingress");
  if (inline_blocks && inline_blocks->is_unknown()) return true;
  for (std::string_view kind : {"aws_security_group_rule", "aws_vpc_security_group_ingress_rule"}) {
    for (const Resource* rule : g.OfKind(kind)) {
      if (g.UnattachedIngress(*rule).empty()) continue;
      const Value* id = rule->Get("security_group_id");
      if (id && id->is_unknown()) return true;
    }
  }
  return false;
}

Tri PortTri(const Ingress& in, std::optional<int> port) {
  if (!port) return Tri::kTrue;
  PortRange r = rules::PortsOf(in);
  switch (r.kind) {
    case PortRange::Kind::kUnknown:
      return Tri::kUnknown;
    case PortRange::Kind::kAll:
      return Tri::kTrue;
    case PortRange::Kind::kPorts:
      return r.Covers(*port) ? Tri::kTrue : Tri::kFalse;
    case PortRange::Kind::kIcmp:
    case PortRange::Kind::kOther:
      return Tri::kFalse;
  }
  return Tri::kUnknown;
}

// One thing an ingress permission admits traffic from.
struct Element {
  IngressPart part = IngressPart::kCidr;
  const Value* value = nullptr;     ///< a CIDR, prefix list or unresolved group
  const Resource* group = nullptr;  ///< a source group in the graph
};

std::vector<Element> ElementsOf(const Ingress& in) {
  std::vector<Element> out;
  for (const Value& c : in.cidrs) {
    if (!c.is_null()) out.push_back(Element{rules::CidrPart(c), &c, nullptr});
  }
  for (const Value& p : in.prefix_lists) {
    if (!p.is_null()) out.push_back(Element{IngressPart::kPrefixList, &p, nullptr});
  }
  for (const Resource* src : in.sources) out.push_back(Element{IngressPart::kSource, nullptr, src});
  for (const Value& u : in.unresolved_sources) {
    if (!u.is_null()) out.push_back(Element{IngressPart::kSource, &u, nullptr});
  }
  if (in.self && in.group) out.push_back(Element{IngressPart::kSource, nullptr, in.group});
  return out;
}

struct Matcher {
  const Graph& g;
  int depth;

  // A group attached to a resource of the source's kinds that satisfies its
  // condition; unknown when it is attached to nothing in the graph.
  Tri Attached(const Source& src, const Resource& sg) const {
    if (sg.mode != ResourceMode::kManaged) return Tri::kUnknown;
    auto users = g.Referrers(sg, Relation::kSecurityGroup);
    if (users.empty()) return Tri::kUnknown;
    Tri t = Tri::kFalse;
    for (const Resource* u : users) {
      if (!src.kinds.Contains(*u)) continue;
      Tri ok = src.where ? Evaluate(*src.where, ResourceScope(g, *u, depth + 1)).truth : Tri::kTrue;
      if (u->unknown_count && ok == Tri::kTrue) ok = Tri::kUnknown;
      t = Or(t, ok);
    }
    return t;
  }

  Tri Group(const Source& src, const Resource& sg) const {
    if (src.kind == Source::Kind::kAttachedTo) return Attached(src, sg);
    if (src.kind != Source::Kind::kSecurityGroup) return Tri::kFalse;
    return src.where ? Evaluate(*src.where, ResourceScope(g, sg, depth + 1)).truth : Tri::kTrue;
  }

  // Traffic from `src` gets in through this element (`from:`).
  Tri Admits(const Source& src, const Element& e) const {
    bool address = src.kind == Source::Kind::kCidr || src.kind == Source::Kind::kInternet;
    if (e.part == IngressPart::kSource) {
      if (address) return Tri::kFalse;
      return e.group ? Group(src, *e.group) : Tri::kUnknown;
    }
    if (!address) return Tri::kFalse;
    if (e.part == IngressPart::kPrefixList) return Tri::kUnknown;  // its entries are elsewhere
    if (src.kind == Source::Kind::kInternet) return rules::IsInternet(*e.value);
    if (!e.value->is_string()) return Tri::kUnknown;
    auto c = rules::ParseCidr(e.value->str());
    return c && Within(src.cidr, *c) ? Tri::kTrue : Tri::kFalse;
  }

  // The element admits only what `src` allows (`only_from:`).
  Tri Allows(const Source& src, const Element& e, const Resource* guarded) const {
    if (e.part == IngressPart::kSource) {
      if (!e.group) return Tri::kUnknown;
      if (e.group == guarded) return Tri::kTrue;  // members of the group itself
      return Group(src, *e.group);
    }
    if (src.kind != Source::Kind::kCidr && src.kind != Source::Kind::kInternet) {
      return e.value->is_string() ? Tri::kFalse : Tri::kUnknown;
    }
    if (e.part == IngressPart::kPrefixList)
      return e.value->is_string() ? Tri::kFalse : Tri::kUnknown;
    if (src.kind == Source::Kind::kInternet) return Tri::kTrue;  // the internet is every address
    if (!e.value->is_string()) return Tri::kUnknown;
    auto c = rules::ParseCidr(e.value->str());
    return c && Within(*c, src.cidr) ? Tri::kTrue : Tri::kFalse;
  }
};

std::string Describe(const Graph& g, const Element& e) {
  if (!e.group) return e.value ? rules::DescribeValue(*e.value) : "itself";
  std::vector<const Resource*> users;
  for (const Resource* u : g.Referrers(*e.group, Relation::kSecurityGroup)) users.push_back(u);
  if (users.empty()) return e.group->address;
  return e.group->address + " (the security group of " + rules::Addresses(users) + ")";
}

std::string Ports(const Ingress& in) {
  PortRange r = rules::PortsOf(in);
  return r.kind == PortRange::Kind::kUnknown ? "" : " on " + r.Describe();
}

Witness At(const Graph& g, const Ingress& in, const Element& e, std::string text) {
  Witness w;
  w.resource = in.declared_in;
  w.path = rules::IngressPath(in, e.part);
  w.span = SpanAt(g, *in.declared_in, w.path);
  w.culprit = e.value;
  w.text = std::move(text);
  return w;
}

// Groups the source reaches in up to `hops` steps through other groups, with
// how each was reached (for the witness).
struct Reach {
  Tri truth = Tri::kFalse;
  const Resource* from = nullptr;  ///< the group it was reached through; null: directly
  std::string how;
};

std::map<const Resource*, Reach> Spread(const Matcher& m, const Source& src, int hops) {
  std::map<const Resource*, Reach> reach;
  auto groups = m.g.OfKind("aws_security_group");
  for (const Resource* sg : groups) {
    Reach r;
    if (HiddenIngress(m.g, *sg)) r.truth = Tri::kUnknown;
    for (const Ingress& in : m.g.IngressOf(*sg)) {
      for (const Element& e : ElementsOf(in)) {
        Tri t = m.Admits(src, e);
        if (t == Tri::kTrue && r.truth != Tri::kTrue) r.how = Ports(in);
        r.truth = Or(r.truth, t);
      }
    }
    reach[sg] = r;
  }
  for (int step = 1; step < hops; ++step) {
    std::map<const Resource*, Reach> next = reach;
    for (const Resource* sg : groups) {
      Reach& r = next[sg];
      for (const Ingress& in : m.g.IngressOf(*sg)) {
        if (!in.unresolved_sources.empty()) r.truth = Or(r.truth, Tri::kUnknown);
        for (const Resource* from : in.sources) {
          if (from == sg) continue;
          Tri t = reach[from].truth;
          if (t == Tri::kTrue && r.truth != Tri::kTrue) {
            r.from = from;
            r.how = Ports(in);
          }
          r.truth = Or(r.truth, t);
        }
      }
    }
    reach = std::move(next);
  }
  return reach;
}

// "0.0.0.0/0 reaches aws_security_group.alb on port 443/tcp, which reaches ..."
std::string Chain(const std::map<const Resource*, Reach>& reach, const Resource* sg,
                  const std::string& source) {
  std::vector<const Resource*> path;
  for (const Resource* at = sg; at && path.size() < 16;) {
    path.push_back(at);
    auto it = reach.find(at);
    at = it == reach.end() ? nullptr : it->second.from;
  }
  std::string out = source;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    out += it == path.rbegin() ? " reaches " : ", which reaches ";
    out += (*it)->address;
    auto r = reach.find(*it);
    if (r != reach.end()) out += r->second.how;
  }
  return out;
}

}  // namespace

Outcome EvaluateReachable(const Condition& c, const Scope& s) {
  const Graph& g = *s.graph;
  const Resource& r = *s.resource;
  Matcher m{g, s.depth};
  Guards guards = GuardsOf(g, r);
  bool hidden = guards.maybe_more;
  for (const Resource* sg : guards.groups) hidden = hidden || HiddenIngress(g, *sg);
  std::string port = c.port ? " on port " + std::to_string(*c.port) : "";
  Witness vacuous{&r, "", r.header.valid() ? r.header : r.block, nullptr, "", {}};
  std::vector<Outcome> parts;
  if (c.only) {
    for (const Resource* sg : guards.groups) {
      for (const Ingress& in : g.IngressOf(*sg)) {
        Tri port_ok = PortTri(in, c.port);
        if (port_ok == Tri::kFalse) continue;
        for (const Element& e : ElementsOf(in)) {
          Tri allowed = Tri::kFalse;
          for (const Source& src : c.sources) allowed = Or(allowed, m.Allows(src, e, sg));
          Tri bad = And(port_ok, Not(allowed));
          if (bad == Tri::kFalse) continue;
          if (bad == Tri::kUnknown) {
            parts.push_back(Outcome{Tri::kUnknown, {}});
            continue;
          }
          parts.push_back(Outcome{
              Tri::kFalse, {At(g, in, e, sg->address + " admits " + Describe(g, e) + Ports(in))}});
        }
      }
    }
    vacuous.text = "every source its security groups admit" + port + " is an allowed one";
    Outcome o = AllOf(std::move(parts), vacuous);
    if (o.truth == Tri::kTrue && hidden) return Outcome{Tri::kUnknown, {}};
    return o;
  }
  const Source& src = c.sources[0];
  std::map<const Resource*, Reach> reach;
  if (c.hops > 0) reach = Spread(m, src, c.hops);
  for (const Resource* sg : guards.groups) {
    for (const Ingress& in : g.IngressOf(*sg)) {
      Tri port_ok = PortTri(in, c.port);
      if (port_ok == Tri::kFalse) continue;
      for (const Element& e : ElementsOf(in)) {
        Tri direct = And(port_ok, m.Admits(src, e));
        if (direct == Tri::kTrue) {
          parts.push_back(Outcome{
              Tri::kTrue, {At(g, in, e, sg->address + " admits " + Describe(g, e) + Ports(in))}});
          continue;
        }
        Tri through = Tri::kFalse;
        if (c.hops > 0 && e.part == IngressPart::kSource) {
          auto it = e.group ? reach.find(e.group) : reach.end();
          through = it == reach.end() ? Tri::kUnknown : it->second.truth;
          if (e.group == sg) through = Tri::kFalse;
        }
        Tri t = Or(direct, And(port_ok, through));
        if (t == Tri::kTrue) {
          std::string chain = Chain(reach, e.group, src.text);
          parts.push_back(
              Outcome{Tri::kTrue,
                      {At(g, in, e, chain + ", which " + sg->address + " admits" + Ports(in))}});
        } else {
          parts.push_back(Outcome{t, {}});
        }
      }
    }
  }
  vacuous.text = "no security group of it admits " + src.text + port;
  Outcome o = AnyOf(std::move(parts), vacuous);
  if (o.truth == Tri::kFalse && hidden) return Outcome{Tri::kUnknown, {}};
  return o;
}

}  // namespace infracheck::policy
