// Resources: what every input format is translated into.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "infracheck/environment.h"
#include "infracheck/source.h"
#include "infracheck/value.h"

namespace infracheck {

/// The input format a resource was read from. Rules never look at it; reports do.
enum class SourceFormat : uint8_t { kTerraform, kTerraformPlan, kSst, kTaskDefinition, kIamPolicy };

std::string_view SourceFormatName(SourceFormat f);

/// A managed resource, a data source, or a piece of configuration that is not
/// a cloud resource but that rules check: a variable (its default and the
/// value it was given), a local, the inputs of a module call, the backend.
/// Configuration kinds are terraform_variable, terraform_local,
/// terraform_module_call and terraform_backend.
enum class ResourceMode : uint8_t { kManaged, kData, kConfig };

/// One resource instance after evaluation. SST components, task-definition
/// and IAM JSON files are translated into the same kinds as Terraform.
struct Resource {
  std::string kind;         ///< Terraform type: "aws_db_instance"
  std::string address;      ///< "module.rds.aws_db_instance.main[0]"; data: "data.x.y"
  std::string module_path;  ///< "module.rds"; empty in the root module
  std::string name;         ///< "main"
  ResourceMode mode = ResourceMode::kManaged;
  Value attributes;  ///< an object; nested blocks are lists of objects
  Span block;        ///< the whole declaration
  Span header;       ///< the declaration's first line (`resource "aws_db_instance" "main" {`)
  SourceFormat format = SourceFormat::kTerraform;
  const Environment* environment = nullptr;
  uint32_t id = 0;  ///< index in its graph
  /// Stands for an unknown number of instances (count/for_each unknown, here or
  /// in an enclosing module call): rules must not count it as exactly one.
  bool unknown_count = false;

  const Value* Get(std::string_view dotted_path) const { return Lookup(attributes, dotted_path); }
};

/// Which resource of one environment is which in another: its address and
/// where it is declared, as a 64-bit key (for the merge of findings across
/// environments; it never leaves the process).
uint64_t ResourceIdentity(std::string_view address, Span block);

}  // namespace infracheck
