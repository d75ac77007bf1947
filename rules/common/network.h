// Network helpers the VPC and security-group rules share: CIDR classes, what
// an ingress permission admits, which tier a security group serves, whether a
// subnet is public, and the availability zones of a set of subnets. Every
// answer that depends on an unknown value is kUnknown, never false.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "infracheck/graph.h"
#include "infracheck/rule.h"

namespace infracheck::rules {

// --- CIDR blocks

/// An IPv4 or IPv6 network in CIDR notation.
struct Cidr {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  ///< IPv4 uses the first four
  int prefix = 0;
};

/// Parses "10.0.0.0/16", "::/0", "2001:db8::/32"; a bare address is a /32 or
/// /128. nullopt for anything else.
std::optional<Cidr> ParseCidr(std::string_view text);

/// Every address: 0.0.0.0/0 or ::/0 (however the zero address is spelled).
bool IsAnywhere(const Cidr& c);

/// Wholly inside address space the internet does not route to: RFC 1918,
/// 100.64.0.0/10 (shared), 169.254.0.0/16 (link-local), 127.0.0.0/8,
/// fc00::/7 (unique local), fe80::/10 (link-local), ::1.
bool IsPrivate(const Cidr& c);

/// A CIDR value reaches the internet (it is not wholly private): kUnknown when
/// the value is unknown or not a CIDR.
Tri IsInternet(const Value& cidr);

/// A source (CIDR, prefix list) that is certainly present: a known string, or
/// an unknown read from another resource (`aws_vpc.main.cidr_block`), which is
/// a real value Terraform computes later. An unresolved variable is not: it
/// may be empty.
bool IsPresent(const Value& v);

// --- ports

/// What an ingress permission admits, as far as protocols and ports go.
struct PortRange {
  enum class Kind : uint8_t {
    kPorts,    ///< TCP or UDP ports from..to
    kAll,      ///< every protocol and port ("-1", "all")
    kIcmp,     ///< ICMP or ICMPv6: types, not ports
    kOther,    ///< another IP protocol (ESP, GRE...): all of it, no ports
    kUnknown,  ///< protocol or ports not known
  };
  Kind kind = Kind::kUnknown;
  int from = 0;
  int to = 0;
  std::string protocol;  ///< lower-case, as written ("tcp", "6", "50")

  /// Whether TCP/UDP port `p` is admitted (false when unknown).
  bool Covers(int p) const;
  /// All 65,536 ports, or all traffic.
  bool AllPorts() const;
  /// "port 22/tcp", "ports 0-65535/tcp", "all protocols and ports", "protocol 50".
  std::string Describe() const;
};

PortRange PortsOf(const Ingress& in);

/// Admits something besides ports 80 and 443: any port range other than
/// exactly 80, exactly 443, or every protocol. ICMP never does (it has no
/// ports). kUnknown when the range is unknown.
Tri AdmitsNonWebPorts(const PortRange& r);

/// Ports whose exposure to the internet is critical: SSH, RDP, MySQL,
/// PostgreSQL, Redis, MongoDB.
inline constexpr int kSensitivePorts[] = {22, 3389, 3306, 5432, 6379, 27017};

/// The first sensitive port a TCP/UDP range covers (not for all traffic).
std::optional<int> SensitivePort(const PortRange& r);

// --- where an ingress part is written

enum class IngressPart : uint8_t { kCidr, kCidrV6, kPrefixList, kSource };

/// The attribute path of a part of an ingress permission in its declared_in
/// resource: "ingress.1.cidr_blocks" for the second inline block,
/// "cidr_blocks" or "cidr_ipv4" for a rule resource.
std::string IngressPath(const Ingress& in, IngressPart part);

/// The part a CIDR value belongs to (IPv6 when it has a colon).
IngressPart CidrPart(const Value& cidr);

// --- tiers

/// Attached to a load balancer (aws_lb, aws_alb).
bool IsLoadBalancer(const Resource& r);
/// An application-tier compute resource: an ECS service or a Lambda function
/// (kTrue), an EC2 instance in a private subnet (kTrue; public: kFalse;
/// unknown subnet: kUnknown), a launch template (kUnknown: its instances'
/// subnets are elsewhere). Anything else is kFalse.
Tri IsAppTier(const Graph& g, const Resource& r);
/// A data-tier resource: RDS instance or cluster, ElastiCache cluster,
/// replication group or serverless cache.
bool IsDataTier(const Resource& r);

/// Whether security group `sg` belongs to the tier `member` says: kTrue when
/// one of the resources it is attached to is, kUnknown when none is but one
/// might be, or when it is attached to nothing in the graph (it may be used
/// by another stack) or is a data source.
Tri GroupServes(const Graph& g, const Resource& sg, Tri (*member)(const Graph&, const Resource&));

/// The resources a group is attached to that satisfy `pred`, sorted by address.
std::vector<const Resource*> AttachedWhere(const Graph& g, const Resource& sg,
                                           bool (*pred)(const Resource&));

/// One way an ingress permission admits traffic from outside the tier a
/// group may take traffic from.
struct ForeignSource {
  IngressPart part = IngressPart::kCidr;
  std::string path;                     ///< where in the ingress' declared_in
  const Value* culprit = nullptr;       ///< the CIDR or prefix list value; null for groups
  std::string what;                     ///< "CIDR 10.0.0.0/16", "prefix list pl-1234"
  std::vector<const Resource*> groups;  ///< for kSource: the foreign source groups
};

/// The sources of `in` that are not security groups of the tier `member`
/// says: every present CIDR and prefix list (IsPresent), and every source
/// group for which GroupServes() is kFalse. A self-reference (`self = true`,
/// or the group naming itself) admits only the group's own members and is
/// never foreign; unresolved source groups and unknown values stay silent.
std::vector<ForeignSource> ForeignSources(const Graph& g, const Ingress& in,
                                          Tri (*member)(const Graph&, const Resource&));

/// What a present value is, for messages: its text, or where it is read from.
std::string DescribeValue(const Value& v);

/// One link of the documented tier chain (internet -> ALB -> ECS -> data):
/// the groups of one tier admit traffic only from the groups of the tier
/// before it.
struct TierLink {
  bool (*guarded)(const Resource&);                ///< the tier whose groups are checked
  std::string_view subject;                        ///< "the security group of ECS service "
  Tri (*admitted)(const Graph&, const Resource&);  ///< the tier it may take traffic from
  std::string_view not_admitted;                   ///< "a load balancer"
  std::string_view requirement;                    ///< the closing "; tasks take ..." clause
};

/// For a security group attached to the guarded tier, reports every source
/// of every ingress permission outside the admitted tier (ForeignSources),
/// at the resource that declares the permission.
void CheckTierLink(const Resource& sg, RuleContext& ctx, const TierLink& link);

// --- subnets

/// Why a subnet is public, or that it is not, or that we cannot tell.
struct Publicness {
  Tri is_public = Tri::kUnknown;
  std::string reason;              ///< "map_public_ip_on_launch = true", "routes 0.0.0.0/0 to ..."
  const Value* culprit = nullptr;  ///< the value that makes it public, for related locations
};

/// A subnet is public when it maps public IPs on launch, or when its route
/// table sends 0.0.0.0/0 or ::/0 to an internet gateway. Unknown when neither
/// holds and its route table, a default route's target, or
/// map_public_ip_on_launch is unknown.
Publicness SubnetPublicness(const Graph& g, const Resource& subnet);

/// The routes of a subnet's route table whose destination is 0.0.0.0/0 or
/// ::/0. `known` is false when the route table is unknown or a route's
/// destination is.
std::vector<const Route*> DefaultRoutes(const Graph& g, const Resource& subnet, bool* known);

/// The subnets an attribute names (fanning out over lists and nested blocks).
struct SubnetSet {
  std::vector<const Resource*> subnets;  ///< distinct, in order of appearance
  bool complete = true;                  ///< every element resolved to exactly one managed subnet
};
SubnetSet SubnetsAt(const Graph& g, const Resource& r, std::string_view path);

/// The availability zones of a set of subnets, by name or by zone id (the one
/// every subnet sets); `known` false when neither is known for all.
struct Zones {
  bool known = false;
  std::set<std::string> names;
  const Value* first = nullptr;  ///< a zone value, for related locations
};
Zones ZonesOf(std::span<const Resource* const> subnets);
/// The zone of one subnet (name or id as it sets it), or nullptr.
const Value* ZoneOf(const Resource& subnet);

/// Used by the application tier (an ECS service, Lambda or instance is in it).
bool UsedByAppTier(const Graph& g, const Resource& subnet);

/// Joins resource addresses: "a, b and 2 more".
std::string Addresses(std::span<const Resource* const> rs, size_t max = 3);

}  // namespace infracheck::rules
