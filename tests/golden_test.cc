// Golden tests: every fixtures/**/ directory holding an expected.json (or an
// args file, so a new case can be generated) is a case. The real binary runs in it (`infracheck
// --format json [args] .`) and its report must equal expected.json byte for byte; expected.exit
// holds the exit code. INFRACHECK_UPDATE_GOLDENS=1 rewrites both for review.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Cases() {
  std::vector<std::string> out;
  fs::path root = fs::path(INFRACHECK_SOURCE_DIR) / "fixtures";
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (it->is_regular_file() && (name == "expected.json" || name == "args")) {
      out.push_back(it->path().parent_path().lexically_relative(root).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> ArgsOf(const fs::path& dir) {
  std::vector<std::string> args = {"--format", "json"};
  std::ifstream in(dir / "args");
  std::string line;
  bool any_path = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    args.push_back(line);
    if (line == "--") any_path = true;
  }
  if (!any_path) args.push_back(".");
  return args;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, ReportMatches) {
  fs::path dir = fs::path(INFRACHECK_SOURCE_DIR) / "fixtures" / GetParam();
  RunResult r = RunInfracheck(ArgsOf(dir), dir);
  const char* update = std::getenv("INFRACHECK_UPDATE_GOLDENS");
  if (update && std::string(update) == "1") {
    std::ofstream(dir / "expected.json", std::ios::binary) << r.out;
    std::ofstream(dir / "expected.exit") << r.exit_code << "\n";
    GTEST_SKIP() << "rewrote " << GetParam();
  }
  EXPECT_EQ(r.out, ReadFile(dir / "expected.json")) << "stderr: " << r.err;
  std::string exit = ReadFile(dir / "expected.exit");
  EXPECT_EQ(std::to_string(r.exit_code) + "\n", exit.empty() ? "0\n" : exit);
}

std::string Name(const ::testing::TestParamInfo<std::string>& info) {
  std::string s = info.param;
  for (char& c : s) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return s;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Golden, ::testing::ValuesIn(Cases()), Name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

}  // namespace
}  // namespace infracheck::testing
