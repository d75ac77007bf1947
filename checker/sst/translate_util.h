// Shared by the component translators (translate_*.cc): building resources
// and attribute values with the right spans and references.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/sst/translate.h"

namespace infracheck::sst::detail {

/// Collects the resources of one evaluation.
struct Context {
  const Evaluation& ev;
  std::vector<Resource> out;
};

std::string Address(std::string_view kind, std::string_view name);
/// A resource name from parts: Name("Web", "Listener", "HTTP80").
std::string Name(std::initializer_list<std::string_view> parts);

/// An attribute SST sets to a fixed value, located at the component.
Field Default(std::string key, Value v);
/// An attribute taken from an argument field (key span and value kept).
Field FromArg(std::string key, const Field& arg);

/// Adds a managed resource of `c`; `header`/`block` default to the `new`.
Resource& Add(Context& ctx, const Component& c, std::string kind, std::string name,
              std::vector<Field> attributes, Span header = {}, Span block = {});

/// An attribute of another resource, as a reference reads it: unknown, with
/// a Ref to that resource.
Value RefTo(std::string_view kind, std::string_view name, std::string attribute, Span at);

/// A string value encoding `structured` as JSON (a policy or container
/// definitions), which Graph::Document decodes with locations.
Value Encoded(const Value& structured, Span at);

/// A field of an argument object, or nullptr.
const Field* Arg(const Value& args, std::string_view key);
/// The number of availability zones a Vpc component uses, when known.
std::optional<size_t> AzCount(const Component& vpc);

/// The network a component lives in, resolved through a Vpc component (or a
/// plain object of ids); parts we cannot resolve are unknown.
struct Network {
  const Component* vpc = nullptr;  ///< the Vpc component, when it is one
  Value id;
  Value public_subnets;         ///< list of subnet ids, or unknown
  Value private_subnets;        ///< list of subnet ids, or unknown
  Value security_groups;        ///< list of security group ids, or unknown
  Value container_subnets;      ///< where a Service runs its tasks
  Value load_balancer_subnets;  ///< where a public load balancer goes
};
Network NetworkOf(const Context& ctx, const Value& vpc_arg, Span at);

/// `key: value` as written (key through value), or the value alone.
Span FieldSpan(const Field& f);

/// An argument in SST's spelling ("20 seconds", "0.5 GB") as the number
/// `conv` makes of it; `dflt`, in the same spelling, when it is not given;
/// unknown when it is given but not a spelling SST accepts.
Field ConvertedArg(const Value& args, const char* key, std::string out, const char* dflt,
                   std::optional<double> (*conv)(const std::string&), Span at);

// translate_task.cc: what a Service's task is made of.
std::optional<double> RetentionDays(const std::string& s);  ///< "1 month" -> 30
std::optional<double> CpuUnits(const std::string& s);       ///< "0.25 vCPU" -> 256
std::optional<double> MemoryMb(const std::string& s);       ///< "0.5 GB" -> 512
std::optional<double> Seconds(const std::string& s);        ///< "30 seconds" -> 30
/// The trust policy of a role that `service` assumes: ECS task and
/// execution roles, a Function's role ("lambda.amazonaws.com").
Value TrustPolicy(Span at, std::string_view service = "ecs-tasks.amazonaws.com");
Value PolicyDocument(std::vector<Value> statements, Span at);
/// inline_policy blocks holding one document named "inline".
Value InlinePolicy(const Value& document, Span at);
/// args.permissions ([{ actions, resources, effect? }]) as IAM statements.
void PermissionStatements(const Value& args, Span at, std::vector<Value>& out);
/// One container definition, as ECS JSON (camelCase), from container args.
Value ContainerDefinition(const Value& ct, const Value& name, const Value& log_group, Span at);

void TranslateVpc(Context& ctx, const Component& c);
void TranslateCluster(Context& ctx, const Component& c);
void TranslateService(Context& ctx, const Component& c);
void TranslatePostgres(Context& ctx, const Component& c);
void TranslateAurora(Context& ctx, const Component& c);
void TranslateRedis(Context& ctx, const Component& c);
void TranslateBucket(Context& ctx, const Component& c);
void TranslateFunction(Context& ctx, const Component& c);
void TranslateCron(Context& ctx, const Component& c);

// translate_pulumi.cc: Pulumi AWS resources written in the config.
void TranslatePulumi(Context& ctx, const Component& c);
/// Applies SST's `transform` argument of `c` (Component::transforms) to the
/// resources translated from it, ctx.out[first...].
void ApplyTransforms(Context& ctx, const Component& c, size_t first);

}  // namespace infracheck::sst::detail
