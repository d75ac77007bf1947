// The resource graph of one evaluation (one environment of one root), with
// the relations and adapted views rules share. Everything here is computed
// once, before rules run (checker/graph_builder.cc); rules only read it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "infracheck/environment.h"
#include "infracheck/resource.h"

namespace infracheck {

/// Relations between resources. Each is stored in one direction (the "from"
/// side names the other) and can be read both ways: Related() follows it,
/// Referrers() goes back.
enum class Relation : uint8_t {
  kSecurityGroup,   ///< LB / ECS service / DB / cache / instance / Lambda -> its security groups
  kLoadBalancer,    ///< listener -> its load balancer
  kRepository,      ///< ECR lifecycle policy -> repository
  kBucket,          ///< public access block, versioning, encryption, policy, CORS... -> bucket
  kRdsCluster,      ///< RDS cluster instance -> cluster
  kSubnet,          ///< ECS service, DB/cache subnet group, serverless cache, LB, NAT gateway,
                    ///< instance, Lambda -> subnets
  kSubnetGroup,     ///< DB instance/cluster, cache cluster/replication group -> subnet group
  kRouteTable,      ///< subnet -> its route table: the associated one, else the VPC main one
                    ///< (the aws_vpc itself when the configuration does not declare it)
  kVpc,             ///< subnet, SG, route table, gateway, flow log -> VPC
  kParameterGroup,  ///< DB instance/cluster -> parameter group
  kTaskDefinition,  ///< ECS service -> task definition
  kEcsCluster,      ///< ECS service -> cluster
  kTargetGroup,     ///< ECS service / listener -> target groups
  kScales,          ///< application autoscaling target -> the ECS service it scales
  kRole,            ///< role policy / policy attachment -> IAM role
  kPolicy,          ///< policy attachment -> IAM policy
  kListener,        ///< listener rule -> its listener
  kCount
};

/// One way traffic may enter a security group, however it was written: an
/// inline `ingress` block, aws_security_group_rule, or
/// aws_vpc_security_group_ingress_rule (and SST components translated to
/// those). Unknown parts stay unknown values.
struct Ingress {
  const Resource* group = nullptr;        ///< the security group it opens; null when that
                                          ///< group is not in the graph (a literal id)
  const Resource* declared_in = nullptr;  ///< the group itself, or the rule resource
  std::string path;                       ///< where in declared_in ("ingress", "" for a rule)
  size_t index = 0;                       ///< which ingress block, for inline blocks
  Value from_port;                        ///< number, or unknown
  Value to_port;
  Value protocol;                         ///< "tcp", "udp", "-1"/"all", "icmp"...
  std::vector<Value> cidrs;               ///< IPv4 and IPv6 CIDR values (each with its origin)
  std::vector<const Resource*> sources;   ///< security groups traffic may come from
  std::vector<Value> unresolved_sources;  ///< source groups we cannot resolve (unknown, ids)
  std::vector<Value> prefix_lists;
  bool self = false;  ///< from the group itself

  /// Whether the port range is known.
  bool ports_known() const { return from_port.is_number() && to_port.is_number(); }
  /// All protocols (and so all ports): "-1" or "all".
  bool all_traffic() const;
  /// Whether port `p` is inside the range (false when unknown).
  bool Covers(int p) const;
};

/// A route of a route table, inline or an aws_route resource.
struct Route {
  const Resource* table = nullptr;
  const Resource* declared_in = nullptr;  ///< the table, or the aws_route
  Value destination;                      ///< CIDR (IPv4 or IPv6), or unknown
  enum class Target : uint8_t { kInternetGateway, kNatGateway, kOther, kUnknown };
  Target target = Target::kUnknown;
  const Resource* gateway = nullptr;  ///< the gateway resource, when it is in the graph
  Value target_value;                 ///< the value naming the target, for locations
};

/// A reference from one resource's attribute to another resource.
struct Edge {
  const Resource* from = nullptr;
  const Resource* to = nullptr;
  std::string attribute;  ///< the referenced attribute ("id", "arn"); may be empty
};

class Graph {
 public:
  explicit Graph(Environment env);
  Graph(Graph&&) = default;
  Graph& operator=(Graph&&) = default;

  const Environment& environment() const { return *env_; }

  /// Room for this many resources, before adding them.
  void Reserve(size_t resources);
  /// Takes a resource; sets its id and environment. Returns the stored one.
  Resource& Add(Resource&& r);
  /// Takes resources, in order, keeping them where they are (no moves).
  void AddAll(std::vector<Resource>&& resources);
  /// Call once every resource is added: indexes kinds, addresses, references.
  void Seal();

  const std::vector<Resource*>& resources() const { return resources_; }
  /// Every resource of a kind, in insertion order.
  std::span<const Resource* const> OfKind(std::string_view kind) const;
  /// The resource with an exact instance address, or nullptr.
  const Resource* Find(std::string_view address) const;
  /// The resource a reference points to, or nullptr.
  const Resource* Resolve(const Ref& ref) const { return Find(ref.address); }

  /// References out of and into a resource.
  std::span<const Edge> References(const Resource& r) const;
  std::span<const Edge> ReferencedBy(const Resource& r) const;

  void Relate(const Resource& from, Relation rel, const Resource& to);
  /// What `r` names through `rel` (a DB instance's security groups).
  std::span<const Resource* const> Related(const Resource& r, Relation rel) const;
  /// What names `r` through `rel` (the resources a security group is attached to).
  std::span<const Resource* const> Referrers(const Resource& r, Relation rel) const;

  /// Ingress permissions of a security group.
  std::span<const Ingress> IngressOf(const Resource& group) const;
  /// Ingress written by a rule resource (aws_security_group_rule,
  /// aws_vpc_security_group_ingress_rule) for a group that is not in the
  /// graph: a literal sg- id, an unresolved input. Such a rule still opens a
  /// port somewhere.
  std::span<const Ingress> UnattachedIngress(const Resource& rule) const;
  /// Stores `in` under its group, or under declared_in when the group is null.
  void AddIngress(Ingress in);
  /// Routes of a route table.
  std::span<const Route> RoutesOf(const Resource& table) const;
  void AddRoute(Route route);
  /// The decoded JSON document an attribute holds (container_definitions,
  /// policy, assume_role_policy...), with locations; nullptr when the
  /// attribute is absent or unknown or not JSON. jsonencode() of a partly
  /// unknown value gives the document with unknowns where they are.
  const Value* Document(const Resource& r, std::string_view path) const;
  void SetDocument(const Resource& r, std::string path, Value document);

 private:
  std::unique_ptr<Environment> env_;
  // Resources live in chunks (Reserve sizes one; AddAll adopts a whole
  // vector), not one allocation each. A chunk never grows past its capacity,
  // so its elements stay put.
  std::vector<std::vector<Resource>> chunks_;
  std::vector<Resource*> resources_;
  std::map<std::string, std::vector<const Resource*>, std::less<>> by_kind_;
  // Open addressing on the address (a power of two slots, at most half
  // full); the first resource with an address wins.
  std::vector<const Resource*> by_address_;
  // The slot that holds `address`, or the empty one where it would go.
  size_t AddressSlot(std::string_view address) const;
  // Most resources have none of these: lists exist only where there is an
  // entry, keyed by resource id (and relation).
  template <class T>
  struct Lists {
    std::unordered_map<uint64_t, std::vector<T>> map;
    std::span<const T> Get(uint64_t key) const {
      auto it = map.find(key);
      return it == map.end() ? std::span<const T>() : std::span<const T>(it->second);
    }
  };
  // Edges from and to each resource: those of resource id are
  // [start[id], start[id + 1]) of the edges.
  std::vector<Edge> out_edges_;
  std::vector<uint32_t> out_start_;
  std::vector<Edge> in_edges_;
  std::vector<uint32_t> in_start_;
  Lists<const Resource*> related_;    // [id * kCount + rel]
  Lists<const Resource*> referrers_;  // [id * kCount + rel]
  Lists<Ingress> ingress_;            // [group id]
  Lists<Ingress> unattached_;         // [rule resource id]
  Lists<Route> routes_;               // [table id]
  // Keyed by resource id and path; looked up without building a key string
  // (every string leaf a rule walks asks whether it holds a document).
  struct DocumentKeyLess {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      if (a.first != b.first) return a.first < b.first;
      return std::string_view(a.second) < std::string_view(b.second);
    }
  };
  std::map<std::pair<uint32_t, std::string>, Value, DocumentKeyLess> documents_;
  std::vector<bool> has_documents_;  // by resource id: most resources have none
};

}  // namespace infracheck
