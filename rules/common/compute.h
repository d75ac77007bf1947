// What the load balancer, ECR and ECS rules share: load balancer types and
// schemes with the provider's defaults, listener protocols and redirects,
// the container definitions of a task definition (decoded by the graph, with
// their own locations), and the services that run a task definition. Every
// answer that depends on an unknown value is kUnknown, never false.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "infracheck/rule.h"

namespace infracheck::rules {

/// A field as written: its key through its value when both are in the same
/// place, else whichever of the two has a location.
Span FieldSpan(const Field& f);

// --- load balancers

/// An aws_lb / aws_alb whose `load_balancer_type` is "application" or absent
/// (the provider's default).
Tri IsApplicationLb(const Resource& lb);

/// Reachable from the internet: `internal` false or absent (the provider's
/// default is internet-facing).
Tri IsInternetFacing(const Resource& lb);

/// Both of the above: an internet-facing application load balancer.
Tri IsPublicAlb(const Resource& lb);

/// A listener's protocol, upper-cased; absent gives "HTTP" (the default for
/// application load balancers). nullopt when unknown.
std::optional<std::string> ListenerProtocol(const Resource& listener);

/// Whether a listener action (a `default_action` or listener rule `action`
/// block) redirects to HTTPS: type "redirect" with `redirect.protocol`
/// "HTTPS". A redirect without a protocol keeps the request's own
/// ("#{protocol}"), so it is not one.
Tri RedirectsToHttps(const Value& action);

/// The load balancers a listener belongs to, in the graph.
std::span<const Resource* const> LoadBalancersOf(const Graph& g, const Resource& listener);

// --- container definitions

/// One container definition of a task definition.
struct Container {
  const Value* def = nullptr;  ///< the decoded object, with locations in its own source
  size_t index = 0;            ///< position in the list
  std::string name;            ///< its `name`, or "#<index>" when unknown
  bool named = false;          ///< whether `name` is the container's own
  /// For messages: the name in quotes, or "#<index>" bare.
  std::string Label() const { return named ? "\"" + name + "\"" : name; }
};

/// The container definitions of an aws_ecs_task_definition, as decoded by
/// the graph (jsonencode() HCL, a file() JSON file, a heredoc). `known` is
/// false when the list cannot be read (unknown, not JSON, not a list); an
/// element that is not a wholly readable object is left out.
struct Containers {
  bool known = false;
  std::vector<Container> items;
};
Containers ContainersOf(const Graph& g, const Resource& task_definition);

/// Where a finding about `field` of a container points: the field as
/// written (key through value) when it is there, else the container's
/// `name` field, else the whole container.
Span ContainerSpan(const Container& c, std::string_view field);

/// The attribute path of a container field, for fingerprints:
/// "container_definitions.<index>.<field>".
std::string ContainerPath(const Container& c, std::string_view field);

/// Reports a finding about `field` of a container of a task definition, at
/// the container's own location (ContainerSpan). `culprit` is the offending
/// value, when there is one.
Finding& ReportContainer(RuleContext& ctx, const Resource& task_definition, const Container& c,
                         std::string_view field, std::string message,
                         const Value* culprit = nullptr);

/// `essential`, true when absent (ECS treats a container without it as
/// essential).
Tri IsEssential(const Container& c);

/// A container `user` that runs as root: the user part (before any ':')
/// is "root" or uid 0 ("root", "0", "00", "0:0", "root:root", "0:1000").
/// kFalse when absent (the image decides), kUnknown when unknown.
Tri RunsAsRoot(const Value* user);

// --- services

/// The ECS services that run a task definition (through `task_definition`).
std::span<const Resource* const> ServicesOf(const Graph& g, const Resource& task_definition);

/// Whether a service has a load-balancer health check: a `load_balancer`
/// block naming a classic ELB, or a target group whose health check is not
/// disabled (target group health checks are on by default). kUnknown when a
/// block's target group is not in the graph or a value is unknown.
Tri HasLoadBalancerHealthCheck(const Graph& g, const Resource& service);

}  // namespace infracheck::rules
