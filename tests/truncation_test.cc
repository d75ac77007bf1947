// Every truncation of a few real files, through the loader that reads them
// (parse, evaluate, graph, rules, every report writer): a file cut anywhere,
// as an editor's half-saved buffer or a pre-commit run on a partial stage
// gives it, must end in an error or a result, never a crash or a hang. Runs
// in the normal and the sanitizer build.
#include <gtest/gtest.h>

#include <filesystem>

#include "checker/files.h"
#include "tests/fuzz/targets.h"
#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

struct Case {
  const char* path;  ///< under fixtures/
  fuzz::Target target;
};

const Case kCases[] = {
    {"examples/hospital-erp/modules/rds/main.tf", fuzz::Terraform},
    {"examples/github-actions-ecs/infrastructure/alb.tf", fuzz::Terraform},
    {"formats/sst-stages/sst.config.ts", fuzz::Sst},
    {"formats/task-definition/register-task-definition.json", fuzz::Json},
    {"config/project/.infracheck.yml", fuzz::Config},
};

TEST(Truncation, EveryPrefixOfRealFilesEndsCleanly) {
  for (const Case& c : kCases) {
    std::filesystem::path p = std::filesystem::path(INFRACHECK_SOURCE_DIR) / "fixtures" / c.path;
    std::string text = ReadFile(p);
    ASSERT_GT(text.size(), 100u) << p;
    for (size_t n = 0; n <= text.size(); ++n) {
      SCOPED_TRACE(std::string(c.path) + " cut at byte " + std::to_string(n));
      // A cut inside a multi-byte character is not UTF-8: the target refuses
      // it (-1), as the scanner reports it; every other prefix runs through.
      std::string_view prefix = std::string_view(text).substr(0, n);
      int want = FirstInvalidUtf8(prefix) >= 0 ? -1 : 0;
      ASSERT_EQ(c.target(prefix), want);
    }
  }
}

}  // namespace
}  // namespace infracheck::testing
