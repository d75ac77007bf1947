// Helpers for tests: temporary project trees, running the real binary.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace infracheck::testing {

/// A temporary directory removed at the end of the test, with a .git marker
/// so it is its own project root.
class TempTree {
 public:
  TempTree();
  ~TempTree();
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /// Writes a file (creating directories), relative to the tree.
  void Write(const std::string& relative, const std::string& text);

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs build/infracheck with `args` in `cwd` (environment NO_COLOR=1).
RunResult RunInfracheck(const std::vector<std::string>& args, const std::filesystem::path& cwd);

std::string ReadFile(const std::filesystem::path& p);

}  // namespace infracheck::testing
