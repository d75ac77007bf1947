// Evaluates one Terraform root module in one environment: variables, locals,
// resources with count/for_each instances, dynamic blocks, local module calls
// (once per call, with the caller's inputs), outputs. Everything is evaluated
// lazily and memoized, so declaration order never matters and a cycle yields
// unknowns instead of recursion.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/terraform/config.h"
#include "checker/terraform/functions.h"
#include "infracheck/resource.h"

namespace infracheck::tf {

struct ModuleInstance;

/// Names visible to an expression besides the module's own.
struct Scope {
  ModuleInstance* module = nullptr;
  const Scope* parent = nullptr;
  /// for-expression variables, dynamic-block iterators, template variables
  std::vector<std::pair<std::string_view, Value>> names;
  std::optional<Value> count_index;
  std::optional<Value> each_key;
  std::optional<Value> each_value;
  /// templatefile(): only `names` and functions are visible
  bool template_only = false;
  /// Set where Terraform allows no references (a variable's default): names
  /// what is evaluated, for the error a reference gets.
  const char* constant = nullptr;

  const Value* Find(std::string_view name) const;
  const Value* CountIndex() const;
  const Value* EachKey() const;
  const Value* EachValue() const;
};

/// A value given to a root module variable, and how to describe where it was set.
struct RootInput {
  Value value;
  const char* note = "value set here";
};

struct EvalOptions {
  std::map<std::string, RootInput, std::less<>> inputs;
  /// A module nothing calls: every variable is unknown.
  bool unknown_inputs = false;
  /// terraform.workspace; unset: unknown (a module nothing calls runs in its
  /// future caller's workspace).
  std::optional<std::string> workspace = "default";
  /// Reads files for file()/templatefile() (relative paths are relative to
  /// the root module directory, as Terraform resolves them).
  std::function<const SourceFile*(const std::string& abs_path, std::string* error)> read_file;
  /// Parses a template file once (cached by the caller).
  std::function<const hcl::File*(const SourceFile&)> parse_template;
  /// Largest count/for_each expanded; beyond it the resource is treated as
  /// having an unknown number of instances.
  size_t max_instances = 10000;
  /// Evaluation steps allowed in the whole run before everything left is unknown.
  uint64_t max_steps = 50'000'000;
  /// Leave out the configuration objects of module variables whose value is
  /// their default when the rules found nothing in them in an earlier
  /// environment (ConfigVerdict::kQuiet), and list the others for the scan
  /// to record its verdict (SharedConfig). Only for a scan whose rules
  /// check such objects the same way in every environment.
  bool skip_quiet_config = false;
  /// Whether some rule can find something in a variable's configuration
  /// object, from its declaration's name, `default` text and `type` text
  /// (Rule::reads_variable); null: in any. The objects of the others are
  /// left out, except a root variable's when the environment gives it a
  /// value. The answer must be the same for every evaluator of a project.
  std::function<bool(std::string_view name, std::string_view default_text,
                     std::string_view type_text)>
      variable_read;
};

/// A configuration object that is the same in every environment: its index
/// in the list TakeResources() returns, and where its verdict is kept.
struct SharedConfig {
  uint32_t index = 0;
  std::atomic<ConfigVerdict>* verdict = nullptr;
};

class Evaluator {
 public:
  Evaluator(const ModuleConfig& root, EvalOptions options);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  /// Evaluates every resource and data source of every module instance.
  void Run();
  /// The evaluated resources, in a stable order (module path, declaration,
  /// instance key); `shared`, when given, receives the configuration objects
  /// whose verdict the scan records (EvalOptions::skip_quiet_config), and
  /// `left_out` the identities (ResourceIdentity) of the root variables'
  /// objects left out (EvalOptions::variable_read): whether one is left out
  /// depends on the environment, so the scan still counts it present.
  std::vector<Resource> TakeResources(std::vector<SharedConfig>* shared = nullptr,
                                      std::vector<uint64_t>* left_out = nullptr);
  /// Problems found while evaluating (cycles, limits), not syntax errors.
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  /// Evaluates an expression in a scope. Public for tests.
  Value Eval(const hcl::Expr* e, const Scope& scope);
  ModuleInstance& root() { return *root_; }
  /// Evaluates a module output of the root (for tests).
  Value Output(std::string_view name);
  /// The value of a root module variable (unknown when undeclared).
  Value RootVariable(std::string_view name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<ModuleInstance> root_;
  std::vector<Diagnostic> diagnostics_;
};

/// Formats an instance key the way Terraform writes addresses: [0], ["a"].
std::string InstanceKey(const Value& key);

}  // namespace infracheck::tf
