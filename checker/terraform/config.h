// The declarations of one Terraform module directory, read from its files.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/terraform/types.h"
#include "infracheck/resource.h"
#include "parsers/hcl/syntax.h"

namespace infracheck::tf {

/// What the rules made of a configuration object that is the same in every
/// environment (a module variable its call gives no value: its default). The
/// scan records it after the first environment that checks the object, and
/// later environments leave a quiet one out: the rules would find nothing in
/// it again, and nothing but the rules reads configuration objects.
enum class ConfigVerdict : uint8_t { kUnknown, kQuiet, kReported };

/// Whether any rule of the scan reads a variable's configuration object,
/// judged once per declaration from its text (EvalOptions::variable_read).
enum class VariableUse : uint8_t { kUnknown, kRead, kUnread };

/// 40 bytes: a variables file declares hundreds.
struct Variable {
  static constexpr uint32_t kNoDefault = UINT32_MAX;

  std::string_view name;
  const hcl::Block* block = nullptr;
  /// The `type` argument, parsed once here, not per environment; null when
  /// there is none or it is not a type.
  const Type* type = nullptr;
  bool nullable = true;
  /// Which of the block's arguments is `default`, or kNoDefault.
  uint32_t default_index = kNoDefault;

  /// The `default` argument, if any.
  const hcl::Attribute* default_attr() const {
    return default_index == kNoDefault ? nullptr : &block->body->attributes[default_index];
  }
  const hcl::Expr* default_expr() const {
    return default_index == kNoDefault ? nullptr : block->body->attributes[default_index].expr;
  }
};
static_assert(sizeof(Variable) == 40);

struct Local {
  std::string_view name;
  const hcl::Attribute* attr = nullptr;
};

struct ResourceDecl {
  ResourceMode mode = ResourceMode::kManaged;
  std::string_view type;
  std::string_view name;
  const hcl::Block* block = nullptr;
  const hcl::Expr* count = nullptr;
  const hcl::Expr* for_each = nullptr;
  std::string key;  ///< "aws_s3_bucket.main", or "data.aws_iam_policy_document.x"
};

struct ModuleConfig;

struct ModuleCall {
  std::string_view name;
  const hcl::Block* block = nullptr;
  std::string source;  ///< as written
  Span source_span;
  const hcl::Expr* count = nullptr;
  const hcl::Expr* for_each = nullptr;
  bool local = false;                    ///< "./" or "../" source
  const ModuleConfig* target = nullptr;  ///< the loaded local module; null if remote or refused
};

struct Output {
  std::string_view name;
  const hcl::Block* block = nullptr;
  const hcl::Expr* value = nullptr;
};

struct Backend {
  std::string type;
  const hcl::Block* block = nullptr;
};

struct ModuleConfig {
  std::string dir;                      ///< canonical absolute path
  std::string display_dir;              ///< as reports print it ("." for the working directory)
  std::vector<const hcl::File*> files;  ///< .tf files, by name
  /// Sorted by name: vectors, not maps (every module's declarations stay in
  /// memory for the whole run, and a module declares dozens of variables).
  std::vector<Variable> variables;
  /// The variables' types that are not shared ones (see ParseType).
  std::vector<std::shared_ptr<const Type>> own_types;
  /// One per variable, in the same order: what the rules made of its
  /// configuration object where its value is its default (see ConfigVerdict).
  mutable std::unique_ptr<std::atomic<ConfigVerdict>[]> variable_verdicts;
  /// One per variable, in the same order (see VariableUse).
  mutable std::unique_ptr<std::atomic<VariableUse>[]> variable_uses;
  std::vector<Local> locals;            ///< sorted by name
  std::vector<ResourceDecl> resources;  ///< in file, then source order
  /// key -> index in resources; the keys are views of the resources' own.
  std::map<std::string_view, size_t> resource_index;
  std::map<std::string_view, ModuleCall> calls;
  std::map<std::string_view, Output> outputs;
  std::vector<const hcl::Block*> providers;
  std::optional<Backend> backend;
  bool has_cloud_block = false;
  std::vector<Diagnostic> diagnostics;

  const ResourceDecl* FindResource(std::string_view key) const;
  /// The variable or local named so, or null.
  const Variable* FindVariable(std::string_view name) const;
  const Local* FindLocal(std::string_view name) const;
  /// Looks like a root: it configures providers, a backend or Terraform Cloud.
  bool LooksLikeRoot() const { return !providers.empty() || backend || has_cloud_block; }
};

/// Collects the declarations in a module directory's parsed files (files that
/// failed to parse must be left out by the caller).
std::unique_ptr<ModuleConfig> BuildModuleConfig(std::string dir, std::string display_dir,
                                                std::vector<const hcl::File*> files);

/// The value of a literal string expression (no interpolation), if it is one.
std::optional<std::string> LiteralString(const hcl::Expr* e);

}  // namespace infracheck::tf
