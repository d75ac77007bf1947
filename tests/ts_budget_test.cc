// tree-sitter's work budget: every real file parses well within it, and
// hostile input is stopped within it (the budget counts tree-sitter's
// progress reports, so these hold on any machine).
#include <gtest/gtest.h>

#include <filesystem>

#include "parsers/ts_util.h"
#include "parsers/typescript/syntax.h"
#include "tests/test_util.h"

namespace infracheck::ts {
namespace {

namespace fs = std::filesystem;

// Every TypeScript and JSON file of the fixtures uses under a fifth of its
// budget: the budget refuses hostile input, never a real file.
TEST(TreeSitterBudget, RealFilesUseAFifthOfTheirBudgetAtMost) {
  size_t parsed = 0;
  for (const auto& e :
       fs::recursive_directory_iterator(fs::path(INFRACHECK_SOURCE_DIR) / "fixtures")) {
    if (!e.is_regular_file()) continue;
    std::string ext = e.path().extension().string();
    if (ext != ".ts" && ext != ".json") continue;
    std::string text = infracheck::testing::ReadFile(e.path());
    ParseWork work;
    Tree tree = Parse(ext == ".ts" ? tree_sitter_typescript() : tree_sitter_json(), text, &work);
    ASSERT_TRUE(tree) << e.path();
    EXPECT_LE(work.reports * 5, work.budget) << e.path() << ": " << work.reports << " reports";
    ++parsed;
  }
  EXPECT_GT(parsed, 50u);
}

// 20 bytes whose error recovery runs for as long as it is allowed: under
// the old floor of 100,000 reports (10 million operations) it took 8.6
// seconds (found by fuzzing). Now a small file gets about a thousand.
TEST(TreeSitterBudget, HostileInputIsStoppedWithinASmallBudget) {
  const std::string hostile = "{[{''(W:[\"\"/}}}}}}`s";
  ParseWork work;
  Tree tree = Parse(tree_sitter_typescript(), hostile, &work);
  EXPECT_FALSE(tree);
  EXPECT_EQ(work.reports, work.budget + 1);
  EXPECT_LE(work.budget, 2'000u);

  SourceFile file("sst.config.ts", "", hostile);
  auto f = typescript::ParseFile(file);
  ASSERT_TRUE(f->error);
  EXPECT_EQ(f->error->message, "could not parse TypeScript: the parser gave up");
  EXPECT_EQ(f->error->line, 1u);
  EXPECT_EQ(f->error->column, 1u);
}

}  // namespace
}  // namespace infracheck::ts
