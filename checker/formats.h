// The input formats besides Terraform: SST configs, ECS task definitions and
// IAM policies as JSON files, and Terraform plan JSON. Each is translated into
// the same resource kinds as Terraform, before rules run.
#pragma once

#include <optional>
#include <set>
#include <vector>

#include "checker/project.h"
#include "infracheck/resource.h"

namespace infracheck {

/// Parses one input by its kind (HCL, TypeScript, JSON) and, for JSON,
/// recognises what it holds. Returns the parse error to report, if any: JSON
/// that does not parse is reported only when it looks like one of ours.
std::optional<Diagnostic> ParseInput(Input& in);

/// What a parsed JSON document is: a task definition in any of the shapes
/// people keep them (register-task-definition input, describe-task-definition
/// output, a bare list of container definitions), an IAM policy document, a
/// plan (`terraform show -json`), or none of ours.
JsonKind ClassifyJson(const Value& v);

struct FormatResult {
  std::vector<Resource> resources;
  std::vector<Diagnostic> diagnostics;
};

/// An SST config evaluated for the production stage or the personal stage;
/// the modules it imports are read through `files` (inside the project root).
FormatResult EvaluateSstConfig(const Input& in, bool personal_stage, FileStore& files);

/// Standalone task-definition and IAM-policy files, except those Terraform
/// already reads through file()/templatefile() (`read_by_terraform`), which
/// are checked where Terraform uses them.
FormatResult DocumentResources(const std::vector<const Input*>& inputs,
                               const std::set<const SourceFile*>& read_by_terraform);

/// A plan file's planned values; resources point at their .tf declarations
/// when the configuration is part of the scan.
FormatResult PlanResources(const Input& in, const Project& project);

/// The plan's environment: named by `variables.environment/env/stage`, else
/// by the file name up to its first dot; production as DESIGN.md says.
Environment PlanEnvironment(const Input& in);

}  // namespace infracheck
