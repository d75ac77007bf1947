// What a scan is asked to do, as the command line (and config) says.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "infracheck/finding.h"

namespace infracheck {

/// An environment declared in .infracheck.yml: for its root directory, the
/// declared environments replace the ones discovered from tfvars files.
struct EnvironmentSpec {
  std::string name;
  std::filesystem::path root;                    ///< absolute
  std::vector<std::filesystem::path> var_files;  ///< absolute, applied in order
  std::optional<bool> production;                ///< unset: decided as usual
  std::optional<std::string> workspace;          ///< terraform.workspace; unset: as usual
};

struct ScanOptions {
  std::vector<std::string> paths;      ///< files or directories; default "."
  std::string root;                    ///< --root; default: enclosing git work tree, else the path
  std::string env;                     ///< --env: only environments of this name
  std::vector<std::string> var_files;  ///< --var-file, in order
  std::vector<std::pair<std::string, std::string>> vars;  ///< --var NAME=VALUE, in order
  int jobs = 0;                                           ///< worker threads; 0 = number of cores
  uint64_t max_file_size = 8u << 20;  ///< larger files are skipped with a message
  bool parse_only = false;            ///< benchmark mode: read and parse, nothing else
  /// Record every (rule, resource) pair checked, for reports that list
  /// passing checks (JUnit); a large tree has hundreds of thousands.
  bool record_checked = false;
  std::vector<EnvironmentSpec> environments;  ///< declared in the configuration
  /// Today (YYYY-MM-DD) for suppression expiry; empty: the real date.
  std::string today;
};

}  // namespace infracheck
