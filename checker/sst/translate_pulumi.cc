// Pulumi AWS resources written in an SST config (`new aws.ec2.SecurityGroup(...)`)
// -> the Terraform resources they are.
//
// Pulumi's AWS provider is bridged from the Terraform provider: the same
// resources, arguments and defaults, with camelCase names. Three differences
// matter here (pulumi-terraform-bridge's naming rules):
// - an argument's name is the Terraform name in camelCase (`vpc_id` ->
//   `vpcId`, `ipv6_cidr_blocks` -> `ipv6CidrBlocks`);
// - a block that may repeat gets a plural name (`default_action` ->
//   `defaultActions`, `parameter` -> `parameters`);
// - a block of at most one is an object, where Terraform has a list of one
//   (`image_scanning_configuration`, `access_logs`).
// Only the resources listed below are translated, with their blocks named:
// a resource with a block we did not list would read as lacking it, and a
// rule could fire on a value the config does set. Keys inside other values
// (tags, maps) are the user's and are kept as written.
#include <algorithm>
#include <span>

#include "checker/graph/builder.h"
#include "checker/sst/translate_util.h"
#include "checker/terraform/functions.h"

namespace infracheck::sst::detail {

namespace {

struct Block {
  std::string_view name;  ///< Pulumi's name
  std::string_view tf;    ///< Terraform's block name
  bool single;            ///< an object in Pulumi, a list of one in Terraform
  std::span<const Block> inner = {};
  std::span<const std::string_view> documents = {};  ///< see Mapping::documents
};

struct Mapping {
  std::string_view token;  ///< aws.ec2.SecurityGroup
  std::string_view kind;   ///< aws_security_group
  std::span<const Block> blocks;
  /// Arguments that hold a JSON document (IAM policies), which Pulumi takes
  /// as an object or a string.
  std::span<const std::string_view> documents;
};

constexpr std::string_view kPolicy[] = {"policy"};
constexpr std::string_view kAssumeRolePolicy[] = {"assumeRolePolicy"};

constexpr Block kIngress[] = {{"ingress", "ingress", false, {}}, {"egress", "egress", false, {}}};
constexpr Block kInstance[] = {{"blueGreenUpdate", "blue_green_update", true, {}},
                               {"restoreToPointInTime", "restore_to_point_in_time", true, {}},
                               {"s3Import", "s3_import", true, {}}};
constexpr Block kCluster[] = {
    {"serverlessv2ScalingConfiguration", "serverlessv2_scaling_configuration", true, {}},
    {"scalingConfiguration", "scaling_configuration", true, {}},
    {"restoreToPointInTime", "restore_to_point_in_time", true, {}},
    {"s3Import", "s3_import", true, {}}};
constexpr Block kParameters[] = {{"parameters", "parameter", false, {}}};
constexpr Block kReplicationGroup[] = {
    {"logDeliveryConfigurations", "log_delivery_configuration", false, {}}};
constexpr Block kRepository[] = {
    {"imageScanningConfiguration", "image_scanning_configuration", true, {}},
    {"encryptionConfigurations", "encryption_configuration", false, {}}};
constexpr Block kLoadBalancer[] = {{"accessLogs", "access_logs", true, {}},
                                   {"connectionLogs", "connection_logs", true, {}},
                                   {"subnetMappings", "subnet_mapping", false, {}}};
constexpr Block kForward[] = {{"targetGroups", "target_group", false, {}},
                              {"stickiness", "stickiness", true, {}}};
constexpr Block kAction[] = {{"redirect", "redirect", true, {}},
                             {"fixedResponse", "fixed_response", true, {}},
                             {"forward", "forward", true, kForward},
                             {"authenticateCognito", "authenticate_cognito", true, {}},
                             {"authenticateOidc", "authenticate_oidc", true, {}}};
constexpr Block kListener[] = {{"defaultActions", "default_action", false, kAction},
                               {"mutualAuthentication", "mutual_authentication", true, {}}};
constexpr Block kInlinePolicies[] = {{"inlinePolicies", "inline_policy", false, {}, kPolicy}};
constexpr Block kTargetGroup[] = {{"healthCheck", "health_check", true, {}},
                                  {"stickiness", "stickiness", true, {}}};
constexpr Block kRuleCondition[] = {{"hostHeader", "host_header", true, {}},
                                    {"httpHeader", "http_header", true, {}},
                                    {"httpRequestMethod", "http_request_method", true, {}},
                                    {"pathPattern", "path_pattern", true, {}},
                                    {"queryStrings", "query_string", false, {}},
                                    {"sourceIp", "source_ip", true, {}}};
constexpr Block kListenerRule[] = {{"actions", "action", false, kAction},
                                   {"conditions", "condition", false, kRuleCondition}};

// ECS. A task definition's containerDefinitions is a JSON string, which
// Pulumi's typings take as Input<string> (JSON.stringify) or, untyped, an array.
constexpr std::string_view kContainerDefinitions[] = {"containerDefinitions"};
constexpr Block kEfsAuthorization[] = {{"authorizationConfig", "authorization_config", true, {}}};
constexpr Block kVolume[] = {
    {"efsVolumeConfiguration", "efs_volume_configuration", true, kEfsAuthorization},
    {"dockerVolumeConfiguration", "docker_volume_configuration", true, {}},
    {"fsxWindowsFileServerVolumeConfiguration",
     "fsx_windows_file_server_volume_configuration",
     true,
     {}}};
constexpr Block kTaskDefinition[] = {{"volumes", "volume", false, kVolume},
                                     {"runtimePlatform", "runtime_platform", true, {}},
                                     {"ephemeralStorage", "ephemeral_storage", true, {}},
                                     {"placementConstraints", "placement_constraints", false, {}},
                                     {"proxyConfiguration", "proxy_configuration", true, {}},
                                     {"inferenceAccelerators", "inference_accelerator", false, {}}};
constexpr Block kService[] = {
    {"networkConfiguration", "network_configuration", true, {}},
    {"loadBalancers", "load_balancer", false, {}},
    {"deploymentCircuitBreaker", "deployment_circuit_breaker", true, {}},
    {"deploymentController", "deployment_controller", true, {}},
    {"capacityProviderStrategies", "capacity_provider_strategy", false, {}},
    {"serviceRegistries", "service_registries", true, {}},
    {"orderedPlacementStrategies", "ordered_placement_strategy", false, {}},
    {"placementConstraints", "placement_constraints", false, {}},
    {"alarms", "alarms", true, {}},
    {"serviceConnectConfiguration", "service_connect_configuration", true, {}},
    {"volumeConfiguration", "volume_configuration", true, {}}};
constexpr Block kExecuteCommand[] = {{"logConfiguration", "log_configuration", true, {}}};
constexpr Block kClusterConfiguration[] = {
    {"executeCommandConfiguration", "execute_command_configuration", true, kExecuteCommand},
    {"managedStorageConfiguration", "managed_storage_configuration", true, {}}};
constexpr Block kEcsCluster[] = {{"settings", "setting", false, {}},
                                 {"configuration", "configuration", true, kClusterConfiguration},
                                 {"serviceConnectDefaults", "service_connect_defaults", true, {}}};

// S3. A bucket's inline configuration (deprecated, still accepted) is
// spelled as objects in the legacy aws.s3.Bucket of @pulumi/aws 6 and as
// lists in BucketV2 (and in 7's Bucket): both read.
constexpr Block kSseDefault[] = {
    {"applyServerSideEncryptionByDefault", "apply_server_side_encryption_by_default", true, {}}};
constexpr Block kSseRules[] = {{"rule", "rule", true, kSseDefault},
                               {"rules", "rule", false, kSseDefault}};
constexpr Block kBucket[] = {
    {"versioning", "versioning", true, {}},
    {"versionings", "versioning", false, {}},
    {"serverSideEncryptionConfiguration", "server_side_encryption_configuration", true, kSseRules},
    {"serverSideEncryptionConfigurations", "server_side_encryption_configuration", false,
     kSseRules},
    {"logging", "logging", true, {}},
    {"loggings", "logging", false, {}},
    {"website", "website", true, {}},
    {"websites", "website", false, {}},
    {"corsRules", "cors_rule", false, {}},
    {"lifecycleRules", "lifecycle_rule", false, {}},
    {"grants", "grant", false, {}},
    {"objectLockConfiguration", "object_lock_configuration", true, {}},
    {"replicationConfiguration", "replication_configuration", true, {}},
    {"replicationConfigurations", "replication_configuration", false, {}}};
constexpr Block kBucketSse[] = {{"rules", "rule", false, kSseDefault}};
constexpr Block kBucketVersioning[] = {
    {"versioningConfiguration", "versioning_configuration", true, {}}};
constexpr Block kBucketCors[] = {{"corsRules", "cors_rule", false, {}}};

// Lambda.
constexpr Block kLambdaFunction[] = {{"environment", "environment", true, {}},
                                     {"vpcConfig", "vpc_config", true, {}},
                                     {"loggingConfig", "logging_config", true, {}},
                                     {"deadLetterConfig", "dead_letter_config", true, {}},
                                     {"tracingConfig", "tracing_config", true, {}},
                                     {"ephemeralStorage", "ephemeral_storage", true, {}},
                                     {"fileSystemConfig", "file_system_config", true, {}},
                                     {"imageConfig", "image_config", true, {}},
                                     {"snapStart", "snap_start", true, {}}};
constexpr Block kFunctionUrl[] = {{"cors", "cors", true, {}}};
constexpr Block kEcsTarget[] = {
    {"networkConfiguration", "network_configuration", true, {}},
    {"capacityProviderStrategies", "capacity_provider_strategy", false, {}},
    {"placementConstraints", "placement_constraint", false, {}},
    {"orderedPlacementStrategies", "ordered_placement_strategy", false, {}}};
constexpr Block kEventTarget[] = {{"retryPolicy", "retry_policy", true, {}},
                                  {"deadLetterConfig", "dead_letter_config", true, {}},
                                  {"inputTransformer", "input_transformer", true, {}},
                                  {"ecsTarget", "ecs_target", true, kEcsTarget},
                                  {"batchTarget", "batch_target", true, {}},
                                  {"kinesisTarget", "kinesis_target", true, {}},
                                  {"sqsTarget", "sqs_target", true, {}},
                                  {"httpTarget", "http_target", true, {}},
                                  {"redshiftTarget", "redshift_target", true, {}},
                                  {"appsyncTarget", "appsync_target", true, {}},
                                  {"runCommandTargets", "run_command_targets", false, {}}};

// VPC.
constexpr Block kRoutes[] = {{"routes", "route", false, {}}};
constexpr Block kFlowLog[] = {{"destinationOptions", "destination_options", true, {}}};

constexpr Mapping kMappings[] = {
    {"aws.ec2.SecurityGroup", "aws_security_group", kIngress, {}},
    {"aws.ec2.SecurityGroupRule", "aws_security_group_rule", {}, {}},
    {"aws.vpc.SecurityGroupIngressRule", "aws_vpc_security_group_ingress_rule", {}, {}},
    {"aws.vpc.SecurityGroupEgressRule", "aws_vpc_security_group_egress_rule", {}, {}},
    {"aws.rds.Instance", "aws_db_instance", kInstance, {}},
    {"aws.rds.Cluster", "aws_rds_cluster", kCluster, {}},
    {"aws.rds.ClusterInstance", "aws_rds_cluster_instance", {}, {}},
    {"aws.rds.SubnetGroup", "aws_db_subnet_group", {}, {}},
    {"aws.rds.ParameterGroup", "aws_db_parameter_group", kParameters, {}},
    {"aws.rds.ClusterParameterGroup", "aws_rds_cluster_parameter_group", kParameters, {}},
    {"aws.elasticache.ReplicationGroup",
     "aws_elasticache_replication_group",
     kReplicationGroup,
     {}},
    {"aws.elasticache.SubnetGroup", "aws_elasticache_subnet_group", {}, {}},
    {"aws.ssm.Parameter", "aws_ssm_parameter", {}, {}},
    {"aws.secretsmanager.Secret", "aws_secretsmanager_secret", {}, {}},
    {"aws.secretsmanager.SecretVersion", "aws_secretsmanager_secret_version", {}, {}},
    {"aws.ecr.Repository", "aws_ecr_repository", kRepository, {}},
    {"aws.ecr.LifecyclePolicy", "aws_ecr_lifecycle_policy", {}, kPolicy},
    {"aws.cloudwatch.LogGroup", "aws_cloudwatch_log_group", {}, {}},
    {"aws.lb.LoadBalancer", "aws_lb", kLoadBalancer, {}},
    {"aws.alb.LoadBalancer", "aws_lb", kLoadBalancer, {}},
    {"aws.lb.Listener", "aws_lb_listener", kListener, {}},
    {"aws.alb.Listener", "aws_lb_listener", kListener, {}},
    {"aws.iam.Policy", "aws_iam_policy", {}, kPolicy},
    {"aws.iam.RolePolicy", "aws_iam_role_policy", {}, kPolicy},
    {"aws.iam.Role", "aws_iam_role", kInlinePolicies, kAssumeRolePolicy},
    {"aws.iam.RolePolicyAttachment", "aws_iam_role_policy_attachment", {}, {}},
    {"aws.iam.UserPolicy", "aws_iam_user_policy", {}, kPolicy},
    {"aws.iam.GroupPolicy", "aws_iam_group_policy", {}, kPolicy},
    {"aws.iam.UserPolicyAttachment", "aws_iam_user_policy_attachment", {}, {}},
    {"aws.iam.GroupPolicyAttachment", "aws_iam_group_policy_attachment", {}, {}},
    {"aws.apigateway.ApiKey", "aws_api_gateway_api_key", {}, {}},
    {"aws.kms.Ciphertext", "aws_kms_ciphertext", {}, {}},
    {"aws.lb.TargetGroup", "aws_lb_target_group", kTargetGroup, {}},
    {"aws.alb.TargetGroup", "aws_lb_target_group", kTargetGroup, {}},
    {"aws.lb.ListenerRule", "aws_lb_listener_rule", kListenerRule, {}},
    {"aws.alb.ListenerRule", "aws_lb_listener_rule", kListenerRule, {}},
    {"aws.ecs.TaskDefinition", "aws_ecs_task_definition", kTaskDefinition, kContainerDefinitions},
    {"aws.ecs.Service", "aws_ecs_service", kService, {}},
    {"aws.ecs.Cluster", "aws_ecs_cluster", kEcsCluster, {}},
    {"aws.s3.Bucket", "aws_s3_bucket", kBucket, kPolicy},
    {"aws.s3.BucketV2", "aws_s3_bucket", kBucket, kPolicy},
    {"aws.s3.BucketPublicAccessBlock", "aws_s3_bucket_public_access_block", {}, {}},
    {"aws.s3.AccountPublicAccessBlock", "aws_s3_account_public_access_block", {}, {}},
    {"aws.s3.BucketPolicy", "aws_s3_bucket_policy", {}, kPolicy},
    {"aws.s3.BucketServerSideEncryptionConfiguration",
     "aws_s3_bucket_server_side_encryption_configuration",
     kBucketSse,
     {}},
    {"aws.s3.BucketServerSideEncryptionConfigurationV2",
     "aws_s3_bucket_server_side_encryption_configuration",
     kBucketSse,
     {}},
    {"aws.s3.BucketVersioning", "aws_s3_bucket_versioning", kBucketVersioning, {}},
    {"aws.s3.BucketVersioningV2", "aws_s3_bucket_versioning", kBucketVersioning, {}},
    {"aws.s3.BucketCorsConfiguration", "aws_s3_bucket_cors_configuration", kBucketCors, {}},
    {"aws.s3.BucketCorsConfigurationV2", "aws_s3_bucket_cors_configuration", kBucketCors, {}},
    {"aws.ec2.Vpc", "aws_vpc", {}, {}},
    {"aws.ec2.Subnet", "aws_subnet", {}, {}},
    {"aws.ec2.InternetGateway", "aws_internet_gateway", {}, {}},
    {"aws.ec2.Eip", "aws_eip", {}, {}},
    {"aws.ec2.NatGateway", "aws_nat_gateway", {}, {}},
    {"aws.ec2.RouteTable", "aws_route_table", kRoutes, {}},
    {"aws.ec2.DefaultRouteTable", "aws_default_route_table", kRoutes, {}},
    {"aws.ec2.Route", "aws_route", {}, {}},
    {"aws.ec2.RouteTableAssociation", "aws_route_table_association", {}, {}},
    {"aws.ec2.MainRouteTableAssociation", "aws_main_route_table_association", {}, {}},
    {"aws.ec2.FlowLog", "aws_flow_log", kFlowLog, {}},
    {"aws.lambda.Function", "aws_lambda_function", kLambdaFunction, {}},
    {"aws.lambda.FunctionUrl", "aws_lambda_function_url", kFunctionUrl, {}},
    {"aws.cloudwatch.EventRule", "aws_cloudwatch_event_rule", {}, {}},
    {"aws.cloudwatch.EventTarget", "aws_cloudwatch_event_target", kEventTarget, {}},
};

const Mapping* MappingOf(std::string_view token) {
  for (const Mapping& m : kMappings) {
    if (m.token == token) return &m;
  }
  return nullptr;
}

/// The first mapping to a Terraform kind (those that share one, such as
/// aws.s3.Bucket and BucketV2, read the same arguments).
const Mapping* MappingOfKind(std::string_view kind) {
  for (const Mapping& m : kMappings) {
    if (m.kind == kind) return &m;
  }
  return nullptr;
}

/// `ipv6CidrBlocks` -> `ipv6_cidr_blocks`.
std::string SnakeCase(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 4);
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      if (!out.empty()) out.push_back('_');
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

/// A JSON document argument as Terraform holds it: a string, encoded from
/// the object Pulumi also accepts.
Value Document(const Value& v) {
  return v.is_object() || v.is_list() ? Stringified(v, v.origin()) : v;
}

Value Arguments(const Value& args, std::span<const Block> blocks,
                std::span<const std::string_view> documents);

/// One block's value: each object's arguments converted, an object Pulumi
/// gives for a block of one made a list of one.
Value BlockValue(const Value& v, const Block& b) {
  auto convert = [&](const Value& item) {
    return item.is_object() && !item.open() ? Arguments(item, b.inner, b.documents) : item;
  };
  if (v.is_object()) {
    return b.single ? Value::List({convert(v)}, v.origin()) : Value::Unknown(v.origin());
  }
  if (!v.is_list()) return v;  // unknown, or null
  std::vector<Value> items;
  items.reserve(v.items().size());
  for (const Value& item : v.items()) items.push_back(convert(item));
  return Value::List(std::move(items), v.origin());
}

Value Arguments(const Value& args, std::span<const Block> blocks,
                std::span<const std::string_view> documents) {
  std::vector<Field> fields;
  fields.reserve(args.fields().size());
  for (const Field& f : args.fields()) {
    const Block* block = nullptr;
    for (const Block& b : blocks) {
      if (b.name == f.key) block = &b;
    }
    bool document = false;
    for (std::string_view d : documents) document = document || d == f.key;
    if (block) {
      fields.push_back(Field{std::string(block->tf), BlockValue(f.value, *block), f.key_span});
    } else {
      fields.push_back(Field{SnakeCase(f.key), document ? Document(f.value) : f.value, f.key_span});
    }
  }
  return Value::Object(std::move(fields), args.origin());
}

// A transform key's resources: SST names a component's resources after the
// key (`instance` -> DbInstance, `natGateway` -> VpcNatGateway1, one per
// zone), but for these.
struct TransformTarget {
  std::string_view component, key;
  std::string_view suffix;  ///< after the component's name
  bool any_rest;            ///< anything may follow (a port, a container), not only a number
};
constexpr TransformTarget kTransformTargets[] = {
    {"sst.aws.Service", "taskDefinition", "Task", false},
    {"sst.aws.Service", "listener", "Listener", true},
    {"sst.aws.Service", "target", "Target", true},
    {"sst.aws.Service", "logGroup", "LogGroup", true},
};

bool TransformReaches(const Component& c, std::string_view key, std::string_view resource) {
  std::string prefix = c.name;
  bool any_rest = false;
  const TransformTarget* target = nullptr;
  for (const TransformTarget& t : kTransformTargets) {
    if (t.component == c.type && t.key == key) target = &t;
  }
  if (target) {
    prefix += target->suffix;
    any_rest = target->any_rest;
  } else {
    if (key.empty() || key[0] < 'a' || key[0] > 'z') return false;
    prefix += UpperFirst(key);
  }
  if (!resource.starts_with(prefix)) return false;
  std::string_view rest = resource.substr(prefix.size());
  return any_rest ||
         std::all_of(rest.begin(), rest.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// Every argument unknown, those not listed too (an open object): a transform
// we could not follow may have set any of them.
Value Forgotten(const Value& attributes, Span at) {
  std::vector<Field> fields;
  for (const Field& f : attributes.fields()) {
    fields.push_back(Field{f.key, Value::Unknown(at), f.key_span});
  }
  return Value::Object(std::move(fields), attributes.origin()).AsOpen("");
}

}  // namespace

void ApplyTransforms(Context& ctx, const Component& c, size_t first) {
  const Value& transforms = c.transforms;
  if (transforms.is_null()) return;
  for (size_t i = first; i < ctx.out.size(); ++i) {
    Resource& r = ctx.out[i];
    if (!transforms.is_object()) {
      r.attributes = Forgotten(r.attributes, transforms.origin());
      continue;
    }
    for (const Field& t : transforms.fields()) {
      if (!TransformReaches(c, t.key, r.name)) continue;
      const Mapping* m = MappingOfKind(r.kind);
      if (!t.value.is_object() || !m) {
        r.attributes = Forgotten(r.attributes, t.value.origin());
        continue;
      }
      // SST merges what the transform sets over the arguments, {...args,
      // ...set}: of duplicate keys, Value::Object keeps the last. What an
      // earlier transform may have set (an open object) it may still set.
      Value set = Arguments(t.value, m->blocks, m->documents);
      std::vector<Field> fields = r.attributes.fields();
      fields.insert(fields.end(), set.fields().begin(), set.fields().end());
      Value merged = Value::Object(std::move(fields), r.attributes.origin());
      r.attributes = r.attributes.open() ? merged.AsOpen(r.attributes.open_address()) : merged;
    }
  }
}

void TranslatePulumi(Context& ctx, const Component& c) {
  const Mapping* m = MappingOf(c.type);
  // Arguments we cannot read whole (unknown, or spread from an unknown
  // object) could set anything: no resource rather than a wrong one.
  if (!m) return;
  // No arguments (`new aws.ecr.Repository("Api")`) are empty ones.
  Value given = c.args.is_null() ? Value::Object({}, c.block) : c.args;
  if (!given.is_object()) return;
  Value args = Arguments(given, m->blocks, m->documents);
  Resource& r = Add(ctx, c, std::string(m->kind), c.name, args.fields());
  // Spread from an object we cannot read: the arguments not listed are
  // unknown, as a Terraform resource's computed attributes are.
  if (given.open()) r.attributes = r.attributes.AsOpen("");
}

}  // namespace infracheck::sst::detail

namespace infracheck::sst {

Value Stringified(const Value& v, Span at) {
  if (v.IsWhollyKnown()) return Value::EncodedString(tf::JsonEncode(v), v, at);
  return Value::Unknown(at).WithEncoded(v);
}

Value PulumiPolicyDocument(const Value& args, Span at) {
  auto result = [&](const Value& json) {
    return Value::Object({{"json", json, {}}, {"minifiedJson", json, {}}}, at);
  };
  Value unknown = Value::Unknown(at).WithProvenanceOf(args);
  if (!args.is_object() || args.open() || args.Get("sourcePolicyDocuments") ||
      args.Get("overridePolicyDocuments")) {
    return result(unknown);
  }
  // Terraform's statement blocks: snake_case names, `condition` singular.
  std::optional<Value> statements;
  if (const Value* given = args.Get("statements")) {
    if (!given->is_list()) return result(unknown);
    std::vector<Value> items;
    for (const Value& st : given->items()) {
      if (!st.is_object() || st.open()) return result(unknown);
      std::vector<Field> fields;
      for (const Field& f : st.fields()) {
        std::string key = f.key == "conditions" ? "condition" : detail::SnakeCase(f.key);
        fields.push_back(Field{std::move(key), f.value, f.key_span});
      }
      items.push_back(Value::Object(std::move(fields), st.origin()));
    }
    statements = Value::List(std::move(items), given->origin());
  }
  std::optional<Value> doc = graph::PolicyDocumentOf(statements ? &*statements : nullptr, at);
  return result(doc ? Stringified(*doc, at) : unknown);
}

std::string_view PulumiKind(std::string_view token) {
  const detail::Mapping* m = detail::MappingOf(token);
  return m ? m->kind : std::string_view();
}

}  // namespace infracheck::sst
