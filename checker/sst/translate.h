// SST components -> the resources they create, as Terraform kinds with
// SST's own defaults, so every rule applies to them unchanged.
//
// Each component becomes the resources SST's component code creates, named
// as SST names them (`${name}LoadBalancer` -> aws_lb.WebLoadBalancer), with
// the attributes Terraform would show. Values written in the config keep
// their spans (a listener's protocol points at `listen: "80/http"`);
// defaults point at the component's `new` expression. Attributes that only
// exist after deployment (ids, ARNs, generated names) are unknown, carrying
// references to the resources they belong to, as Terraform's would.
//
// The defaults are SST v3's, read from sst/sst platform/src/components/aws/
// (the file and commit are cited where each is used).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checker/sst/evaluator.h"
#include "infracheck/resource.h"

namespace infracheck::sst {

/// The name a component's resources are prefixed with: its first argument
/// when that is a string written as a literal; else the variable it is
/// assigned to (a computed name, such as one built from $app.stage, may differ between
/// stages, and addresses should not), else its first argument when known,
/// else its type's last segment; a number is appended when that repeats.
std::string ComponentName(const Component& c, const std::vector<Component>& earlier);

/// The value a `new` expression evaluates to: the outputs later components
/// read (vpc.id, vpc.publicSubnets, secret.value...) as references.
Value ComponentInstance(const Component& c);

/// The Terraform kind of a Pulumi AWS resource type that is translated
/// ("aws.ec2.SecurityGroup" -> "aws_security_group"), or empty: those are
/// the `new aws.*` expressions that make components.
std::string_view PulumiKind(std::string_view token);

/// `route` -> `Route`: how SST joins a component's name and a part's
/// (`Api` + `route` -> `ApiRoute`), and capitalizes a permission's effect.
std::string UpperFirst(std::string_view s);

/// JSON.stringify(v) of an object or list, as Terraform's jsonencode() gives
/// it: a string that keeps the structure (with its locations) for the rules
/// that read documents, or an unknown that keeps it when parts are unknown.
Value Stringified(const Value& v, Span at);

/// What `aws.iam.getPolicyDocument(args)` (or its Output form) resolves to:
/// an object whose `json` is the document the statements make, as
/// Terraform's aws_iam_policy_document gives it; unknown where the
/// statements are, or where other documents are merged in.
Value PulumiPolicyDocument(const Value& args, Span at);

/// Every resource of one evaluation: the `sst_app` configuration
/// pseudo-resource (kind sst_app, mode config: name, removal, protect, home)
/// and the components' resources; a component that makes none here, and a
/// recorded call (Component::call), is an `sst_component` configuration
/// object holding its type and arguments as written.
std::vector<Resource> Translate(const Evaluation& ev, const SourceFile& file);

}  // namespace infracheck::sst
