#include "rules/common/network.h"

#include <algorithm>
#include <charconv>
#include <functional>

namespace infracheck::rules {

namespace {

std::optional<int> ParseInt(std::string_view s, int max) {
  if (s.empty() || s.size() > 5) return std::nullopt;
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0 || v > max) return std::nullopt;
  return v;
}

bool ParseV4(std::string_view s, uint8_t* out) {
  for (int i = 0; i < 4; ++i) {
    size_t dot = i < 3 ? s.find('.') : s.size();
    if (dot == std::string_view::npos) return false;
    auto octet = ParseInt(s.substr(0, dot), 255);
    if (!octet) return false;
    out[i] = static_cast<uint8_t>(*octet);
    s = i < 3 ? s.substr(dot + 1) : std::string_view();
  }
  return true;
}

// Parses 16-bit groups separated by ':' (no "::"), with an optional dotted
// IPv4 tail. Returns the number of bytes written, or -1.
int ParseGroups(std::string_view s, uint8_t* out, int max_bytes) {
  if (s.empty()) return 0;
  int n = 0;
  while (true) {
    size_t colon = s.find(':');
    std::string_view group = s.substr(0, colon);
    if (colon == std::string_view::npos && group.find('.') != std::string_view::npos) {
      if (n + 4 > max_bytes || !ParseV4(group, out + n)) return -1;
      return n + 4;
    }
    if (group.empty() || group.size() > 4 || n + 2 > max_bytes) return -1;
    unsigned v = 0;
    auto [end, ec] = std::from_chars(group.data(), group.data() + group.size(), v, 16);
    if (ec != std::errc() || end != group.data() + group.size()) return -1;
    out[n++] = static_cast<uint8_t>(v >> 8);
    out[n++] = static_cast<uint8_t>(v & 0xff);
    if (colon == std::string_view::npos) return n;
    s = s.substr(colon + 1);
  }
}

bool ParseV6(std::string_view s, uint8_t* out) {
  size_t gap = s.find("::");
  if (gap == std::string_view::npos) return ParseGroups(s, out, 16) == 16;
  if (s.find("::", gap + 1) != std::string_view::npos) return false;
  uint8_t head[16] = {}, tail[16] = {};
  int h = ParseGroups(s.substr(0, gap), head, 16);
  int t = ParseGroups(s.substr(gap + 2), tail, 16);
  if (h < 0 || t < 0 || h + t > 14) return false;
  std::copy(head, head + h, out);
  std::copy(tail, tail + t, out + 16 - t);
  return true;
}

// The first `bits` bits of a and b agree.
bool SamePrefix(const uint8_t* a, const uint8_t* b, int bits) {
  for (int i = 0; bits > 0; ++i, bits -= 8) {
    uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((a[i] & mask) != (b[i] & mask)) return false;
  }
  return true;
}

struct Block {
  bool v6;
  std::string_view cidr;
};

constexpr Block kPrivateBlocks[] = {
    {false, "10.0.0.0/8"},    {false, "172.16.0.0/12"},  {false, "192.168.0.0/16"},
    {false, "100.64.0.0/10"}, {false, "169.254.0.0/16"}, {false, "127.0.0.0/8"},
    {true, "fc00::/7"},       {true, "fe80::/10"},       {true, "::1/128"},
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

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
  if (const Value* f = v.Get(step)) Walk(*f, rest, fn);
}

}  // namespace

// --- CIDR blocks

std::optional<Cidr> ParseCidr(std::string_view text) {
  Cidr c;
  size_t slash = text.find('/');
  std::string_view addr = text.substr(0, slash);
  c.v6 = addr.find(':') != std::string_view::npos;
  if (c.v6 ? !ParseV6(addr, c.bytes.data()) : !ParseV4(addr, c.bytes.data())) return std::nullopt;
  int max = c.v6 ? 128 : 32;
  if (slash == std::string_view::npos) {
    c.prefix = max;
  } else {
    auto p = ParseInt(text.substr(slash + 1), max);
    if (!p) return std::nullopt;
    c.prefix = *p;
  }
  return c;
}

bool IsAnywhere(const Cidr& c) { return c.prefix == 0; }

bool IsPrivate(const Cidr& c) {
  for (const Block& b : kPrivateBlocks) {
    if (b.v6 != c.v6) continue;
    auto block = ParseCidr(b.cidr);
    if (block && c.prefix >= block->prefix &&
        SamePrefix(c.bytes.data(), block->bytes.data(), block->prefix)) {
      return true;
    }
  }
  return false;
}

Tri IsInternet(const Value& cidr) {
  if (!cidr.is_string()) return Tri::kUnknown;
  auto c = ParseCidr(cidr.str());
  if (!c) return Tri::kUnknown;
  return IsPrivate(*c) ? Tri::kFalse : Tri::kTrue;
}

bool IsPresent(const Value& v) { return v.is_string() || (v.is_unknown() && !v.refs().empty()); }

// --- ports

bool PortRange::Covers(int p) const {
  if (kind == Kind::kAll) return true;
  return kind == Kind::kPorts && from <= p && p <= to;
}

bool PortRange::AllPorts() const {
  return kind == Kind::kAll || (kind == Kind::kPorts && from <= 0 && to >= 65535);
}

std::string PortRange::Describe() const {
  switch (kind) {
    case Kind::kAll:
      return "all protocols and ports";
    case Kind::kIcmp:
      return "ICMP";
    case Kind::kOther:
      return "IP protocol " + protocol;
    case Kind::kUnknown:
      return "unknown ports";
    case Kind::kPorts:
      break;
  }
  std::string proto = protocol == "6" ? "tcp" : protocol == "17" ? "udp" : protocol;
  if (from == to) return "port " + std::to_string(from) + "/" + proto;
  return "ports " + std::to_string(from) + "-" + std::to_string(to) + "/" + proto;
}

PortRange PortsOf(const Ingress& in) {
  PortRange r;
  auto protocol = StringOf(&in.protocol);
  if (!protocol) return r;
  r.protocol = Lower(*protocol);
  const std::string& p = r.protocol;
  if (p == "-1" || p == "all") {
    r.kind = PortRange::Kind::kAll;
  } else if (p == "icmp" || p == "1" || p == "icmpv6" || p == "58") {
    r.kind = PortRange::Kind::kIcmp;
  } else if (p == "tcp" || p == "6" || p == "udp" || p == "17") {
    auto from = NumberOf(&in.from_port), to = NumberOf(&in.to_port);
    if (!from || !to || *from < 0 || *to > 65535 || *from > *to) return r;
    r.kind = PortRange::Kind::kPorts;
    r.from = static_cast<int>(*from);
    r.to = static_cast<int>(*to);
  } else if (!p.empty()) {
    r.kind = PortRange::Kind::kOther;
  }
  return r;
}

Tri AdmitsNonWebPorts(const PortRange& r) {
  switch (r.kind) {
    case PortRange::Kind::kUnknown:
      return Tri::kUnknown;
    case PortRange::Kind::kIcmp:
      return Tri::kFalse;
    case PortRange::Kind::kAll:
    case PortRange::Kind::kOther:
      return Tri::kTrue;
    case PortRange::Kind::kPorts:
      break;
  }
  bool web_only = r.from == r.to && (r.from == 80 || r.from == 443);
  return web_only ? Tri::kFalse : Tri::kTrue;
}

std::optional<int> SensitivePort(const PortRange& r) {
  if (r.kind != PortRange::Kind::kPorts) return std::nullopt;
  for (int p : kSensitivePorts) {
    if (r.Covers(p)) return p;
  }
  return std::nullopt;
}

// --- where an ingress part is written

std::string IngressPath(const Ingress& in, IngressPart part) {
  const std::string& kind = in.declared_in ? in.declared_in->kind : std::string();
  if (kind == "aws_vpc_security_group_ingress_rule") {
    switch (part) {
      case IngressPart::kCidr:
        return "cidr_ipv4";
      case IngressPart::kCidrV6:
        return "cidr_ipv6";
      case IngressPart::kPrefixList:
        return "prefix_list_id";
      case IngressPart::kSource:
        return "referenced_security_group_id";
    }
  }
  std::string prefix = in.path.empty() ? "" : in.path + "." + std::to_string(in.index) + ".";
  switch (part) {
    case IngressPart::kCidr:
      return prefix + "cidr_blocks";
    case IngressPart::kCidrV6:
      return prefix + "ipv6_cidr_blocks";
    case IngressPart::kPrefixList:
      return prefix + "prefix_list_ids";
    case IngressPart::kSource:
      return prefix + (in.path.empty() ? "source_security_group_id" : "security_groups");
  }
  return prefix;
}

IngressPart CidrPart(const Value& cidr) {
  return cidr.is_string() && cidr.str().find(':') != std::string::npos ? IngressPart::kCidrV6
                                                                       : IngressPart::kCidr;
}

// --- tiers

bool IsLoadBalancer(const Resource& r) { return r.kind == "aws_lb" || r.kind == "aws_alb"; }

Tri IsAppTier(const Graph& g, const Resource& r) {
  if (r.kind == "aws_ecs_service" || r.kind == "aws_lambda_function") return Tri::kTrue;
  if (r.kind == "aws_launch_template") return Tri::kUnknown;
  if (r.kind != "aws_instance") return Tri::kFalse;
  auto subnets = g.Related(r, Relation::kSubnet);
  if (subnets.empty()) return Tri::kUnknown;
  Tri result = Tri::kTrue;
  for (const Resource* s : subnets) {
    Tri pub = SubnetPublicness(g, *s).is_public;
    if (pub == Tri::kTrue) return Tri::kFalse;
    if (pub == Tri::kUnknown) result = Tri::kUnknown;
  }
  return result;
}

bool IsDataTier(const Resource& r) {
  return r.kind == "aws_db_instance" || r.kind == "aws_rds_cluster" ||
         r.kind == "aws_elasticache_cluster" || r.kind == "aws_elasticache_replication_group" ||
         r.kind == "aws_elasticache_serverless_cache";
}

Tri GroupServes(const Graph& g, const Resource& sg, Tri (*member)(const Graph&, const Resource&)) {
  if (sg.mode != ResourceMode::kManaged) return Tri::kUnknown;
  auto users = g.Referrers(sg, Relation::kSecurityGroup);
  if (users.empty()) return Tri::kUnknown;
  Tri result = Tri::kFalse;
  for (const Resource* u : users) {
    Tri t = member(g, *u);
    if (t == Tri::kTrue) return Tri::kTrue;
    if (t == Tri::kUnknown) result = Tri::kUnknown;
  }
  return result;
}

std::vector<const Resource*> AttachedWhere(const Graph& g, const Resource& sg,
                                           bool (*pred)(const Resource&)) {
  std::vector<const Resource*> out;
  for (const Resource* u : g.Referrers(sg, Relation::kSecurityGroup)) {
    if (pred(*u)) out.push_back(u);
  }
  std::sort(out.begin(), out.end(),
            [](const Resource* a, const Resource* b) { return a->address < b->address; });
  return out;
}

std::string DescribeValue(const Value& v) {
  if (v.is_string()) return v.str();
  if (!v.refs().empty()) {
    const Ref& r = v.refs()[0];
    return (r.attribute.empty() ? r.address : r.address + "." + r.attribute) +
           " (known after apply)";
  }
  return "an unknown value";
}

std::vector<ForeignSource> ForeignSources(const Graph& g, const Ingress& in,
                                          Tri (*member)(const Graph&, const Resource&)) {
  std::vector<ForeignSource> out;
  std::vector<const Value*> cidrs;
  for (const Value& c : in.cidrs) {
    if (IsPresent(c)) cidrs.push_back(&c);
  }
  if (!cidrs.empty()) {
    ForeignSource f;
    f.part = CidrPart(*cidrs[0]);
    f.path = IngressPath(in, f.part);
    f.culprit = cidrs[0];
    f.what = cidrs.size() == 1 ? "CIDR " : "CIDRs ";
    for (size_t i = 0; i < cidrs.size(); ++i) {
      if (i) f.what += ", ";
      f.what += DescribeValue(*cidrs[i]);
    }
    out.push_back(std::move(f));
  }
  for (const Value& p : in.prefix_lists) {
    if (!IsPresent(p)) continue;
    ForeignSource f;
    f.part = IngressPart::kPrefixList;
    f.path = IngressPath(in, f.part);
    f.culprit = &p;
    f.what = "prefix list " + DescribeValue(p);
    out.push_back(std::move(f));
    break;
  }
  ForeignSource groups;
  groups.part = IngressPart::kSource;
  groups.path = IngressPath(in, IngressPart::kSource);
  for (const Resource* src : in.sources) {
    if (src == in.group) continue;
    if (GroupServes(g, *src, member) != Tri::kFalse) continue;
    if (std::find(groups.groups.begin(), groups.groups.end(), src) == groups.groups.end()) {
      groups.groups.push_back(src);
    }
  }
  if (!groups.groups.empty()) {
    groups.what = Addresses(groups.groups);
    out.push_back(std::move(groups));
  }
  return out;
}

void CheckTierLink(const Resource& sg, RuleContext& ctx, const TierLink& link) {
  const Graph& g = ctx.graph();
  auto guarded = AttachedWhere(g, sg, link.guarded);
  if (guarded.empty()) return;
  std::string subject = std::string(link.subject) + Addresses(guarded);
  for (const Ingress& in : g.IngressOf(sg)) {
    PortRange ports = PortsOf(in);
    std::string admits =
        " admits " + (ports.kind == PortRange::Kind::kUnknown ? "" : ports.Describe() + " from ");
    for (const ForeignSource& f : ForeignSources(g, in, link.admitted)) {
      std::string message = subject + admits + f.what;
      if (f.part == IngressPart::kSource) {
        std::vector<const Resource*> users;
        for (const Resource* src : f.groups) {
          for (const Resource* u : g.Referrers(*src, Relation::kSecurityGroup)) users.push_back(u);
        }
        message.append(", which is attached to ")
            .append(Addresses(users))
            .append(" and not to ")
            .append(link.not_admitted);
      }
      message.append(link.requirement);
      ctx.Report(*in.declared_in, f.path, std::move(message), f.culprit);
    }
  }
}

// --- subnets

Publicness SubnetPublicness(const Graph& g, const Resource& subnet) {
  Publicness out;
  const Value* map_public = subnet.Get("map_public_ip_on_launch");
  if (IsTrue(map_public)) {
    out.is_public = Tri::kTrue;
    out.reason = "map_public_ip_on_launch = true";
    out.culprit = map_public;
    return out;
  }
  bool unknown = !IsKnown(map_public) || subnet.mode != ResourceMode::kManaged;
  auto tables = g.Related(subnet, Relation::kRouteTable);
  if (tables.empty()) unknown = true;
  for (const Resource* table : tables) {
    for (const Route& route : g.RoutesOf(*table)) {
      if (route.target != Route::Target::kInternetGateway &&
          route.target != Route::Target::kUnknown) {
        continue;
      }
      auto dest = route.destination.is_string() ? ParseCidr(route.destination.str()) : std::nullopt;
      if (!route.destination.is_string()) {
        unknown = true;
        continue;
      }
      if (!dest || !IsAnywhere(*dest)) continue;
      if (route.target == Route::Target::kUnknown) {
        unknown = true;
        continue;
      }
      out.is_public = Tri::kTrue;
      out.reason = (table->kind == "aws_vpc" ? "the main route table of " : "its route table ") +
                   table->address + " sends " + route.destination.str() + " to an internet gateway";
      out.culprit = &route.target_value;
      return out;
    }
  }
  out.is_public = unknown ? Tri::kUnknown : Tri::kFalse;
  return out;
}

std::vector<const Route*> DefaultRoutes(const Graph& g, const Resource& subnet, bool* known) {
  std::vector<const Route*> out;
  *known = subnet.mode == ResourceMode::kManaged;
  auto tables = g.Related(subnet, Relation::kRouteTable);
  if (tables.empty()) *known = false;
  for (const Resource* table : tables) {
    for (const Route& route : g.RoutesOf(*table)) {
      if (!route.destination.is_string()) {
        if (!route.destination.is_null()) *known = false;
        continue;
      }
      auto dest = ParseCidr(route.destination.str());
      if (dest && IsAnywhere(*dest)) out.push_back(&route);
    }
  }
  return out;
}

SubnetSet SubnetsAt(const Graph& g, const Resource& r, std::string_view path) {
  SubnetSet out;
  Walk(r.attributes, path, [&](const Value& v) {
    if (v.is_null()) return;
    const Resource* found = nullptr;
    for (const Ref& ref : v.refs()) {
      const Resource* t = g.Resolve(ref);
      if (t && t->kind == "aws_subnet") found = t;
    }
    if (!found || found->mode != ResourceMode::kManaged || found->unknown_count) {
      out.complete = false;
      return;
    }
    if (std::find(out.subnets.begin(), out.subnets.end(), found) == out.subnets.end()) {
      out.subnets.push_back(found);
    }
  });
  return out;
}

const Value* ZoneOf(const Resource& subnet) {
  for (std::string_view attr : {"availability_zone", "availability_zone_id"}) {
    const Value* v = subnet.Get(attr);
    if (v && v->is_string()) return v;
  }
  return nullptr;
}

Zones ZonesOf(std::span<const Resource* const> subnets) {
  Zones out;
  for (std::string_view attr : {"availability_zone", "availability_zone_id"}) {
    std::set<std::string> names;
    const Value* first = nullptr;
    bool all = !subnets.empty();
    for (const Resource* s : subnets) {
      const Value* v = s->Get(attr);
      if (!v || !v->is_string()) {
        all = false;
        break;
      }
      names.insert(v->str());
      if (!first) first = v;
    }
    if (all) {
      out.known = true;
      out.names = std::move(names);
      out.first = first;
      return out;
    }
  }
  return out;
}

bool UsedByAppTier(const Graph& g, const Resource& subnet) {
  for (const Resource* u : g.Referrers(subnet, Relation::kSubnet)) {
    if (u->kind == "aws_ecs_service" || u->kind == "aws_lambda_function" ||
        u->kind == "aws_instance") {
      return true;
    }
  }
  return false;
}

std::string Addresses(std::span<const Resource* const> rs, size_t max) {
  std::string out;
  for (size_t i = 0; i < rs.size() && i < max; ++i) {
    if (i) out += i + 1 == rs.size() ? " and " : ", ";
    out += rs[i]->address;
  }
  if (rs.size() > max) out += " and " + std::to_string(rs.size() - max) + " more";
  return out;
}

}  // namespace infracheck::rules
