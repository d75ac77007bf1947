// The resource graph of one evaluation (one environment of one root).
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

/// Relations the graph computes once so rules do not re-derive them. Each
/// has an inverse; adding one direction adds both.
enum class Relation : uint8_t {
  kSecurityGroup,      ///< LB / ECS service / DB / cache / instance -> its security groups
  kAttachedTo,         ///< security group -> what it is attached to
  kListener,           ///< load balancer -> its listeners
  kLoadBalancer,       ///< listener -> its load balancer
  kLifecyclePolicy,    ///< ECR repository -> its lifecycle policies
  kRepository,         ///< lifecycle policy / scanning config -> repository
  kPublicAccessBlock,  ///< S3 bucket -> its public access block
  kBucket,             ///< bucket-side resource -> its bucket
  kClusterMember,      ///< RDS cluster -> its cluster instances
  kCluster,            ///< RDS cluster instance -> its cluster
  kCount
};

/// A reference from one resource's attribute to another resource.
struct Edge {
  const Resource* from = nullptr;
  const Resource* to = nullptr;
  std::string attribute;  ///< the referenced attribute ("id", "arn"); may be empty
};

class Graph {
 public:
  explicit Graph(Environment env) : env_(std::make_unique<Environment>(std::move(env))) {}
  Graph(Graph&&) = default;
  Graph& operator=(Graph&&) = default;

  const Environment& environment() const { return *env_; }

  /// Takes a resource; sets its id and environment. Returns the stored one.
  Resource& Add(Resource r);
  /// Call once every resource is added: indexes kinds, addresses, references.
  void Seal();

  const std::vector<std::unique_ptr<Resource>>& resources() const { return resources_; }
  /// Every resource of a kind, in insertion order.
  std::span<const Resource* const> OfKind(std::string_view kind) const;
  /// The resource with an exact instance address, or nullptr. A reference to
  /// a resource without index also finds its single instance.
  const Resource* Find(std::string_view address) const;
  /// The resource a reference points to, or nullptr.
  const Resource* Resolve(const Ref& ref) const { return Find(ref.address); }

  /// References out of and into a resource.
  std::span<const Edge> References(const Resource& r) const;
  std::span<const Edge> ReferencedBy(const Resource& r) const;

  void Relate(const Resource& a, Relation rel, const Resource& b);
  std::span<const Resource* const> Related(const Resource& r, Relation rel) const;

 private:
  std::unique_ptr<Environment> env_;
  std::vector<std::unique_ptr<Resource>> resources_;
  std::map<std::string, std::vector<const Resource*>, std::less<>> by_kind_;
  std::unordered_map<std::string_view, const Resource*> by_address_;
  std::vector<std::vector<Edge>> out_;
  std::vector<std::vector<Edge>> in_;
  std::vector<std::vector<const Resource*>> related_;  // [id * kCount + rel]
};

Relation Inverse(Relation rel);

}  // namespace infracheck
