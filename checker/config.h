// .infracheck.yml: rules to disable, severity overrides, ignores, declared
// environments, the default threshold. docs/configuration.md describes it for
// users; every key is checked, and a mistake is an error with its position.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "checker/options.h"
#include "checker/policies/policy.h"
#include "infracheck/finding.h"
#include "infracheck/rule.h"

namespace infracheck {

struct ScanResult;

/// One `ignore:` entry: findings of these rules, in files matching one of
/// `paths` (when given), on resources matching one of `resources` (when
/// given), in `environment` (when given), are suppressed with `reason`.
struct ConfigIgnore {
  std::vector<std::string> rules;      ///< rule IDs; "*" is every rule
  std::vector<std::string> paths;      ///< globs, relative to the config file's directory
  std::vector<std::string> resources;  ///< globs over resource addresses
  std::string environment;             ///< empty: any
  std::string reason;
  std::string until;  ///< YYYY-MM-DD, inclusive; empty: no expiry
  uint32_t line = 0, column = 0;
};

struct Config {
  std::string path;           ///< as printed (relative to the working directory)
  std::filesystem::path dir;  ///< the directory holding it (absolute)
  std::set<std::string> disabled;
  std::map<std::string, Severity> severity;
  std::optional<Severity> min_severity;
  std::vector<ConfigIgnore> ignores;
  std::vector<EnvironmentSpec> environments;
  /// Team policies: those `policies:` names or writes inline, then those
  /// given with --policy. Never null once loaded.
  std::shared_ptr<const PolicySet> policies = std::make_shared<PolicySet>();
};

/// The configuration that applies to a scan starting at `start`: the first
/// .infracheck.yml (or .infracheck.yaml) in `start` (its directory, for a
/// file) or above it, up to and including `project_root`.
std::optional<std::filesystem::path> FindConfig(const std::filesystem::path& start,
                                                const std::filesystem::path& project_root);

/// Reads and checks a configuration, and the team policies it names (plus
/// `extra_policies`, files or directories given on the command line). `known`
/// is every built-in rule; the configuration may also name team rules. On
/// failure returns false with `error` set to the position and the problem
/// (in a policy file, when the mistake is there). A file over `max_size`
/// bytes, or (when `root` is given) one that resolves outside `root`, is not
/// read: that is a failure too.
bool LoadConfig(const std::filesystem::path& file, std::span<const Rule* const> known, Config* out,
                Diagnostic* error, std::span<const std::string> extra_policies = {},
                uint64_t max_size = 8u << 20, const std::filesystem::path* root = nullptr);
/// Same, from text (tests); `display` names it in errors.
bool ParseConfig(const std::string& text, const std::string& display,
                 const std::filesystem::path& dir, std::span<const Rule* const> known, Config* out,
                 Diagnostic* error, std::span<const std::string> extra_policies = {});
/// Without a configuration file: only the policies given on the command line.
bool LoadPolicies(std::span<const std::string> paths, std::span<const Rule* const> known,
                  Config* out, Diagnostic* error);

/// Glob matching. In a path glob `*` and `?` stop at '/', `**` crosses
/// directories, and `[...]` is a character class; in an address glob (`path`
/// false) `*` matches anything and brackets are literal.
bool GlobMatch(std::string_view pattern, std::string_view text, bool path);

/// Applies severity overrides and ignores to a finished scan's findings.
/// Expired ignores are reported as warnings and not applied.
void ApplyConfig(const Config& config, const std::string& today, ScanResult& result);

}  // namespace infracheck
