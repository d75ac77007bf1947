// Replays what fuzzing found (tests/fuzz_regressions/<target>/, one file per
// input that once crashed, hung or grew without bound) through the fuzz
// targets, and every fixture through every target as a smoke test. Runs in
// the normal and the sanitizer build.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "tests/fuzz/targets.h"
#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

namespace fs = std::filesystem;

fs::path RegressionDir() { return fs::path(INFRACHECK_SOURCE_DIR) / "tests" / "fuzz_regressions"; }

std::vector<fs::path> FilesUnder(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FuzzRegressions, DirectoriesNameTargets) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(RegressionDir(), ec)) {
    if (!e.is_directory()) continue;
    std::string name = e.path().filename().string();
    bool known = false;
    for (const auto& t : fuzz::Targets()) known = known || t.name == name;
    EXPECT_TRUE(known) << "tests/fuzz_regressions/" << name << " names no fuzz target";
  }
}

// Each input once crashed or hung its target; it must now finish quickly.
TEST(FuzzRegressions, EveryFoundInputStaysFixed) {
  size_t count = 0;
  for (const auto& t : fuzz::Targets()) {
    for (const fs::path& p : FilesUnder(RegressionDir() / std::string(t.name))) {
      SCOPED_TRACE(p.string());
      std::string input = ReadFile(p);
      auto start = std::chrono::steady_clock::now();
      t.fn(input);
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      // Generous: the sanitizer build is several times slower.
      EXPECT_LT(s, 60.0) << "took " << s << " s";
      ++count;
    }
  }
  EXPECT_GT(count, 0u);
}

// The seed corpus (fixtures/) through every target: what fuzzing starts from
// must run clean everywhere.
TEST(FuzzRegressions, FixturesThroughEveryTarget) {
  std::vector<fs::path> files = FilesUnder(fs::path(INFRACHECK_SOURCE_DIR) / "fixtures");
  ASSERT_FALSE(files.empty());
  for (const fs::path& p : files) {
    std::string ext = p.extension().string();
    if (ext != ".tf" && ext != ".tfvars" && ext != ".ts" && ext != ".json" && ext != ".yml" &&
        ext != ".tpl" && ext != ".tftpl") {
      continue;
    }
    std::string input = ReadFile(p);
    for (const auto& t : fuzz::Targets()) {
      SCOPED_TRACE(std::string(t.name) + " " + p.string());
      t.fn(input);
    }
  }
}

}  // namespace
}  // namespace infracheck::testing
