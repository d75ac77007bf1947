// The registry as a whole: IDs, metadata, and every rule's fixture. A rule's
// fixture (fixtures/rules/<id>/) names its resources pass_* and fail_*: every
// fail_ resource must fire the rule and nothing else may. Variables, locals
// and module calls go by their names too; a backend by its root directory;
// an SST app by the app's name.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <nlohmann/json.hpp>
#include <set>

#include "infracheck/rule.h"
#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

namespace fs = std::filesystem;

// "module.db.aws_db_instance.fail_x[\"k\"]" -> "fail_x"
std::string ResourceName(std::string address) {
  if (!address.empty() && address.back() == ']') address = address.substr(0, address.rfind('['));
  return address.substr(address.rfind('.') + 1);
}

// The backend has the same address in every root ("terraform.backend"), so
// a backend fixture is a directory of roots named pass_* and fail_*, and a
// backend finding goes by its root's directory name.
std::string FindingName(const nlohmann::json& f) {
  std::string address = f["resource"];
  if (address != "terraform.backend") return ResourceName(address);
  return fs::path(std::string(f["location"]["file"])).parent_path().filename().string();
}

TEST(Registry, IdsAreUniqueSortedAndWellFormed) {
  std::set<std::string_view> seen;
  std::string_view previous;
  for (const Rule* r : BuiltinRules()) {
    EXPECT_TRUE(RE2::FullMatch(std::string(r->id), "[a-z0-9]+(-[a-z0-9]+)+")) << r->id;
    EXPECT_TRUE(seen.insert(r->id).second) << "duplicate " << r->id;
    EXPECT_LT(previous, r->id) << "registry not sorted at " << r->id;
    previous = r->id;
    EXPECT_EQ(FindRule(r->id), r);
  }
}

TEST(Registry, MetadataIsComplete) {
  for (const Rule* r : BuiltinRules()) {
    SCOPED_TRACE(std::string(r->id));
    EXPECT_FALSE(r->title.empty());
    EXPECT_FALSE(r->kinds.empty());
    EXPECT_GT(r->rationale.size(), 80u);
    EXPECT_FALSE(r->remediation.empty());
    EXPECT_FALSE(r->bad_example.empty());
    EXPECT_FALSE(r->good_example.empty());
    EXPECT_FALSE(r->since.empty());
    EXPECT_NE(r->check, nullptr);
  }
}

class RuleFixture : public ::testing::TestWithParam<const Rule*> {};

TEST_P(RuleFixture, FailResourcesFireAndPassResourcesDoNot) {
  const Rule& rule = *GetParam();
  fs::path dir = fs::path(INFRACHECK_SOURCE_DIR) / "fixtures" / "rules" / std::string(rule.id);
  ASSERT_TRUE(fs::exists(dir / "expected.json")) << "no fixture for " << rule.id;

  RunResult report = RunInfracheck({"--format", "json", "--rule", std::string(rule.id), "."}, dir);
  ASSERT_EQ(report.exit_code, 1) << report.err;
  auto findings = nlohmann::json::parse(report.out)["findings"];
  std::set<std::string> fired;
  for (const auto& f : findings) {
    EXPECT_EQ(f["rule"], rule.id);
    std::string name = FindingName(f);
    EXPECT_EQ(name.rfind("fail_", 0), 0u) << "fired on " << f["resource"];
    fired.insert(name);
  }
  RunResult inspect = RunInfracheck({"inspect", "--format", "json", "."}, dir);
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  std::set<std::string> expected;
  nlohmann::json resources = nlohmann::json::parse(inspect.out)["resources"];
  for (const auto& r : resources) {
    std::string name = ResourceName(r["address"]);
    // Configuration pseudo-resources count too: sst-prod-retain checks the
    // sst_app of each config (named after the app), not a cloud resource.
    bool checked = r["mode"] == "managed" || r["mode"] == "config";
    if (name.rfind("fail_", 0) == 0 && checked) expected.insert(name);
  }
  // Fixture roots named fail_* hold something that must fire (a backend).
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (e.is_directory() && name.rfind("fail_", 0) == 0) expected.insert(name);
  }
  for (const std::string& name : expected)
    EXPECT_TRUE(fired.count(name)) << name << " did not fire";
}

std::vector<const Rule*> AllRules() {
  auto rules = BuiltinRules();
  return {rules.begin(), rules.end()};
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, ::testing::ValuesIn(AllRules()),
                         [](const ::testing::TestParamInfo<const Rule*>& info) {
                           std::string s(info.param->id);
                           for (char& c : s) {
                             if (c == '-') c = '_';
                           }
                           return s;
                         });

}  // namespace
}  // namespace infracheck::testing

namespace infracheck::testing {
namespace {

namespace fs = std::filesystem;

// docs/rules/ is generated from the metadata; it must not drift from it.
TEST(Registry, DocsAreUpToDate) {
  TempTree t;
  RunResult r = RunInfracheck({"docs", (t.path() / "rules").string()}, t.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  fs::path docs = fs::path(INFRACHECK_SOURCE_DIR) / "docs" / "rules";
  std::set<std::string> generated, committed;
  for (const auto& e : fs::directory_iterator(t.path() / "rules")) {
    generated.insert(e.path().filename().string());
  }
  for (const auto& e : fs::directory_iterator(docs)) committed.insert(e.path().filename().string());
  EXPECT_EQ(generated, committed) << "run: build/infracheck docs docs/rules";
  for (const std::string& name : generated) {
    EXPECT_EQ(ReadFile(t.path() / "rules" / name), ReadFile(docs / name))
        << name << " drifted; run: build/infracheck docs docs/rules";
  }
}

}  // namespace
}  // namespace infracheck::testing
