// A project: the files a scan reads, parsed, grouped into Terraform modules,
// with their root modules and the environments each root is evaluated in.
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "checker/files.h"
#include "checker/options.h"
#include "checker/terraform/config.h"
#include "checker/terraform/evaluator.h"
#include "infracheck/environment.h"
#include "parsers/typescript/syntax.h"

namespace infracheck {

enum class InputKind : uint8_t { kTerraform, kTfvars, kTfvarsJson, kJson, kTypeScript };

/// What a JSON input holds, recognised by content (checker/formats.h).
enum class JsonKind : uint8_t { kNone, kTaskDefinition, kIamPolicy, kPlan };

struct Input {
  /// Absolute, as discovered. A string: a path object also keeps each of
  /// its parts, hundreds of bytes per file.
  std::string path;
  /// path's directory (modules are keyed by it): what precedes the last
  /// separator, or the root.
  std::string_view dir() const {
    return std::string_view(path).substr(0, std::max<size_t>(path.find_last_of('/'), 1));
  }
  /// The file's name: what follows the last separator of `path`.
  std::string_view file_name() const {
    return std::string_view(path).substr(path.find_last_of('/') + 1);
  }
  InputKind kind = InputKind::kTerraform;
  const SourceFile* source = nullptr;    ///< null when it could not be read
  std::unique_ptr<hcl::File> hcl;        ///< .tf and .tfvars files
  std::unique_ptr<typescript::File> ts;  ///< sst.config.ts
  /// A JSON file we recognise by its content (task definition, IAM policy,
  /// plan); other JSON is ignored.
  std::unique_ptr<Value> json;  ///< rare: a pointer, not a Value, in every input
  JsonKind json_kind = JsonKind::kNone;
  bool walked_regular = false;  ///< a directory walk saw a regular file here (no stat needed)
};

/// One root module in one environment: what one evaluation runs with.
struct RootEnvironment {
  const tf::ModuleConfig* root = nullptr;
  Environment env;
  std::vector<const Input*> var_files;      ///< applied in order
  bool unknown_inputs = false;              ///< a module nothing calls
  std::optional<bool> declared_production;  ///< set in .infracheck.yml
  /// Not Terraform (root is null): an SST config and its stage, a plan file,
  /// or the standalone JSON documents (task definitions, IAM policies).
  const Input* sst = nullptr;
  bool sst_personal_stage = false;
  const Input* plan = nullptr;
  bool documents = false;
};

class Project {
 public:
  explicit Project(const ScanOptions& options);

  /// Discovers, reads and parses every input; builds and links modules.
  void Load();
  /// Wall times of Load's phases, in milliseconds.
  struct LoadTimes {
    double discover_ms = 0, read_ms = 0, parse_ms = 0, modules_ms = 0;
  };
  const LoadTimes& load_times() const { return load_times_; }

  FileStore& files() { return *files_; }
  const std::vector<std::unique_ptr<Input>>& inputs() const { return inputs_; }
  const std::vector<std::unique_ptr<tf::ModuleConfig>>& modules() const { return modules_; }
  /// Root modules: loaded modules no loaded module calls, by directory.
  std::vector<const tf::ModuleConfig*> Roots() const;
  /// The environments to evaluate, after --env filtering.
  std::vector<RootEnvironment> Environments();
  /// Warns of variables files that set variables their root does not declare.
  void WarnUndeclared(const std::vector<RootEnvironment>& envs);
  /// The environments of the other formats: two per SST config (stage
  /// production and the personal stage), one per plan file, and one unknown
  /// environment for standalone JSON documents; after --env filtering.
  std::vector<RootEnvironment> FormatEnvironments() const;
  /// The loaded module in a directory, or null.
  const tf::ModuleConfig* ModuleAt(const std::filesystem::path& dir) const;
  /// Evaluation options for one environment (variable values, file access).
  tf::EvalOptions OptionsFor(const RootEnvironment& re);

  /// Input problems: unreadable or unparsable files, refused paths. Any of
  /// these makes the exit code 2.
  const std::vector<Diagnostic>& input_errors() const { return input_errors_; }
  /// Other problems worth reporting (module sources not found, ...).
  const std::vector<Diagnostic>& warnings() const { return warnings_; }
  void AddWarnings(const std::vector<Diagnostic>& d);

  /// When files were named on the command line, findings are reported only
  /// when they touch one of them. Empty: report everything.
  const std::set<std::string>& report_only() const { return report_only_; }
  bool usage_error() const { return usage_error_; }

 private:
  LoadTimes load_times_;
  void Discover();
  /// `dir` is absolute and normal, with no trailing separator.
  void Walk(const std::string& dir, std::unordered_set<std::string>& seen_dirs);
  /// A file named outside a directory walk (a variables file), once.
  void AddInput(const std::filesystem::path& path);
  /// A file at an absolute and normal path in `dir`, listed by a directory's
  /// (only) load, unless it was named before; `walked_regular` as for Input.
  void AddInput(std::string path, InputKind kind, bool walked_regular);
  void LoadDirectory(const std::filesystem::path& dir);
  /// `dir` as for Walk. With `subdirs`, also lists its subdirectories, from the
  /// same pass over it.
  void LoadDirectory(const std::string& dir, std::vector<DirEntry>* subdirs);
  void ParseAll();
  void BuildModules();
  tf::ModuleConfig* ModuleFor(const std::string& dir);
  /// Environments declared in the configuration for `root`; false when none are.
  bool DeclaredEnvironments(const tf::ModuleConfig* root, const std::vector<const Input*>& base,
                            std::vector<RootEnvironment>& out);
  /// What a variables file sets: each name, where, and its value.
  struct VarSetting {
    std::string name;
    Span name_span;
    tf::RootInput input;
  };
  static std::vector<VarSetting> ReadVarFile(const Input& in);
  /// A variables file's settings, as Environments() decoded them (none for
  /// any other input).
  const std::vector<VarSetting>& SettingsOf(const Input& in) const;

  ScanOptions options_;
  std::unique_ptr<FileStore> files_;
  /// --var values as a pseudo-file, so their origin can be shown.
  std::unique_ptr<SourceFile> cli_vars_;
  std::vector<std::unique_ptr<Input>> inputs_;
  std::unordered_map<const Input*, std::vector<VarSetting>> var_settings_;
  /// The files named one by one (variables files), as absolute normal paths:
  /// a directory's load skips them. Every other input is unique by
  /// construction (a directory is loaded once), so this set stays small.
  std::unordered_set<std::string> named_inputs_;
  std::unordered_set<std::string> loaded_dirs_;
  std::vector<std::unique_ptr<tf::ModuleConfig>> modules_;
  std::map<std::string, tf::ModuleConfig*> module_by_dir_;
  std::vector<Diagnostic> input_errors_;
  std::vector<Diagnostic> warnings_;
  std::set<std::string> report_only_;
  bool usage_error_ = false;
};

/// The project root for a scan: --root, else the git work tree holding the
/// first path, else the path itself (its directory, for a file).
std::filesystem::path FindProjectRoot(const ScanOptions& options);

}  // namespace infracheck
