// Team policies (docs/policies.md): every mistake in a policy file is an
// error with its file, line and column; regular expressions are RE2 and run
// in linear time; and the fixtures under fixtures/policies/ (run by the
// golden test) fire exactly on their fail_* resources, with every cookbook
// policy in docs/policies/ firing and passing on a stack of its own.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "checker/policies/evaluate.h"
#include "checker/policies/loader.h"
#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A valid policy to vary: each test breaks one thing.
constexpr char kValid[] = R"(id: team-db-encrypted
title: Databases are encrypted
severity: high
kinds: [aws_db_instance]
require:
  attribute: storage_encrypted
  equals: true
)";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::shared_ptr<const PolicySet> Load(const std::string& text) {
  PolicyLoader loader(BuiltinRules());
  Diagnostic d;
  EXPECT_TRUE(loader.AddText(text, "policies/team.yaml", &d)) << d.message;
  return loader.Finish();
}

Diagnostic ErrorOf(const std::string& text) {
  PolicyLoader loader(BuiltinRules());
  Diagnostic d;
  EXPECT_FALSE(loader.AddText(text, "policies/team.yaml", &d)) << text;
  return d;
}

// "policies/team.yaml:5:3: message", as the command line prints it.
std::string Where(const Diagnostic& d) {
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
}

#define EXPECT_ERROR(text, at, contains)                                                        \
  do {                                                                                          \
    Diagnostic d_ = ErrorOf(text);                                                              \
    EXPECT_EQ(Where(d_), at) << d_.message;                                                     \
    EXPECT_NE(d_.message.find(contains), std::string::npos) << Where(d_) << ": " << d_.message; \
  } while (0)

TEST(PolicyLoad, ValidPolicyBecomesARule) {
  auto set = Load(kValid);
  ASSERT_EQ(set->rules.size(), 1u);
  const Rule& r = *set->rules[0];
  EXPECT_EQ(r.id, "team-db-encrypted");
  EXPECT_EQ(r.severity, Severity::kHigh);
  EXPECT_EQ(r.scope, Scope::kAll);
  EXPECT_EQ(r.source, "policies/team.yaml:1");
  EXPECT_TRUE(r.team());
  ASSERT_EQ(r.kinds.size(), 1u);
  EXPECT_EQ(r.kinds[0], "aws_db_instance");
  EXPECT_EQ(r.policy->text, kValid);
}

TEST(PolicyLoad, UnknownKeysAreErrorsWithASuggestion) {
  EXPECT_ERROR(std::string(kValid) + "severty: low\n", "policies/team.yaml:8:1",
               "unknown key 'severty' in a policy; did you mean 'severity'?");
  EXPECT_ERROR(Replace(kValid, "equals: true", "version_gte: \"16\""), "policies/team.yaml:7:3",
               "unknown key 'version_gte' in a comparison; did you mean 'version_ge'?");
  EXPECT_ERROR(Replace(kValid, "  attribute: storage_encrypted\n  equals: true\n",
                       "  anny: {attribute: x, match: {exists: true}}\n"),
               "policies/team.yaml:6:3", "unknown condition 'anny'; did you mean 'any'?");
  EXPECT_ERROR(Replace(kValid, "  attribute: storage_encrypted\n  equals: true\n",
                       "  connected: {to: aws_vpc, throug: vpc}\n"),
               "policies/team.yaml:6:28", "unknown key 'throug' in connected");
  // Keys that do not go together.
  EXPECT_ERROR(Replace(kValid, "  equals: true\n", "  equals: true\n  not: {exists: true}\n"),
               "policies/team.yaml:6:3", "'not:' stands alone in its condition");
  EXPECT_ERROR(Replace(kValid, "  equals: true\n", "  equals: true\n  in: [a]\n"),
               "policies/team.yaml:8:7", "a comparison has one operator");
  EXPECT_ERROR(std::string(kValid) + "forbid: {attribute: a, exists: true}\n",
               "policies/team.yaml:8:9", "require: or forbid:, not both");
}

TEST(PolicyLoad, WrongTypesAreErrors) {
  EXPECT_ERROR(Replace(kValid, "title: Databases are encrypted", "title: [a, b]"),
               "policies/team.yaml:2:8", "title must be a string, not a list");
  EXPECT_ERROR(Replace(kValid, "equals: true", "ge: thirty"), "policies/team.yaml:7:7",
               "ge compares numbers: write a number, not 'thirty'");
  EXPECT_ERROR(Replace(kValid, "equals: true", "exists: maybe"), "policies/team.yaml:7:11",
               "the value of exists must be true or false, not 'maybe'");
  EXPECT_ERROR(Replace(kValid, "equals: true", "version_ge: latest"), "policies/team.yaml:7:15",
               "version_ge needs a version such as \"16\"");
  EXPECT_ERROR(Replace(kValid, "equals: true", "in: []"), "policies/team.yaml:7:7",
               "in needs at least one value");
  EXPECT_ERROR(Replace(kValid, "kinds: [aws_db_instance]", "kinds: {aws: db}"),
               "policies/team.yaml:4:8", "kinds entries must be a string, not a mapping");
  EXPECT_ERROR(Replace(kValid, "kinds: [aws_db_instance]", "kinds: [AWS::RDS::DBInstance]"),
               "policies/team.yaml:4:9", "is not a resource kind");
  EXPECT_ERROR(Replace(kValid, "  attribute: storage_encrypted\n  equals: true\n",
                       "  and: {attribute: a, exists: true}\n"),
               "policies/team.yaml:6:8", "and: takes a list of conditions");
  EXPECT_ERROR(Replace(kValid, "  attribute: storage_encrypted\n  equals: true\n",
                       "  reachable: {from: {cidr: 0.0.0.0/0}, port: 70000}\n"),
               "policies/team.yaml:6:46", "port must be a whole number from 0 to 65535");
  EXPECT_ERROR(Replace(kValid, "  attribute: storage_encrypted\n  equals: true\n",
                       "  reachable: {from: {internet: true}, hops: 9}\n"),
               "policies/team.yaml:6:45", "hops must be a whole number from 0 to 8");
  EXPECT_ERROR(Replace(kValid, "  attribute: storage_encrypted\n  equals: true\n",
                       "  reachable: {from: {cidr: 10.0.0.0/33}}\n"),
               "policies/team.yaml:6:28", "'10.0.0.0/33' is not a CIDR block");
  EXPECT_ERROR(Replace(kValid, "  attribute: storage_encrypted\n  equals: true\n",
                       "  connected: {to: aws_vpc, via: vpcs}\n"),
               "policies/team.yaml:6:33", "via: is any, references or a relation");
  EXPECT_ERROR(Replace(kValid, "attribute: storage_encrypted", "attribute: tags..Name"),
               "policies/team.yaml:6:14", "bad attribute path 'tags..Name': an empty step");
  EXPECT_ERROR(Replace(kValid, "attribute: storage_encrypted", "attribute: \"ingress[first]\""),
               "policies/team.yaml:6:14", "write [N], [*] or [\"key\"]");
}

TEST(PolicyLoad, MissingKeysAreErrors) {
  EXPECT_ERROR(Replace(kValid, "id: team-db-encrypted\n", ""), "policies/team.yaml:1:1",
               "a policy needs an id:");
  EXPECT_ERROR(Replace(kValid, "title: Databases are encrypted\n", ""), "policies/team.yaml:1:1",
               "policy team-db-encrypted needs a title:");
  EXPECT_ERROR(Replace(kValid, "severity: high\n", ""), "policies/team.yaml:1:1",
               "needs a severity:");
  EXPECT_ERROR(Replace(kValid, "kinds: [aws_db_instance]\n", ""), "policies/team.yaml:1:1",
               "needs kinds:");
  EXPECT_ERROR("id: team-x\ntitle: X\nseverity: low\nkinds: aws_vpc\n", "policies/team.yaml:1:1",
               "needs require: (what must hold) or forbid: (what must not)");
  EXPECT_ERROR(Replace(kValid, "  attribute: storage_encrypted\n  equals: true\n",
                       "  attribute: storage_encrypted\n"),
               "policies/team.yaml:6:3", "a comparison needs an operator");
  EXPECT_ERROR(Replace(kValid, "  attribute: storage_encrypted\n  equals: true\n",
                       "  if: {attribute: multi_az, equals: true}\n"),
               "policies/team.yaml:6:3", "if: needs then:");
}

TEST(PolicyLoad, IdsAreWellFormedUniqueAndNotBuiltIn) {
  EXPECT_ERROR(Replace(kValid, "id: team-db-encrypted", "id: Team_DB"), "policies/team.yaml:1:5",
               "policy id 'Team_DB' must be lower-case letters, digits and single hyphens");
  EXPECT_ERROR(Replace(kValid, "id: team-db-encrypted", "id: aws-rds-multi-az"),
               "policies/team.yaml:1:5", "policy id 'aws-rds-multi-az' is a built-in rule's ID");
  EXPECT_ERROR(Replace(kValid, "id: team-db-encrypted", "id: aws-team-db"),
               "policies/team.yaml:1:5", "reserved for built-in rules");
  // Twice in one file (two YAML documents)...
  EXPECT_ERROR(std::string(kValid) + "---\n" + kValid, "policies/team.yaml:9:5",
               "duplicate policy id 'team-db-encrypted' (first defined at policies/team.yaml:1:5)");
  // ...and in two files.
  PolicyLoader loader(BuiltinRules());
  Diagnostic d;
  ASSERT_TRUE(loader.AddText(kValid, "policies/a.yaml", &d)) << d.message;
  EXPECT_FALSE(loader.AddText(kValid, "policies/b.yaml", &d));
  EXPECT_EQ(Where(d), "policies/b.yaml:1:5");
  EXPECT_NE(d.message.find("first defined at policies/a.yaml:1:5"), std::string::npos) << d.message;
}

TEST(PolicyLoad, SeverityAndScopeAreChecked) {
  EXPECT_ERROR(Replace(kValid, "severity: high", "severity: urgent"), "policies/team.yaml:3:11",
               "severity must be low, medium, high or critical, not 'urgent'");
  EXPECT_ERROR(Replace(kValid, "severity: high", "severity: high\nscope: staging"),
               "policies/team.yaml:4:8", "scope must be all or prod, not 'staging'");
  auto set = Load(Replace(kValid, "severity: high", "severity: high\nscope: prod"));
  EXPECT_EQ(set->rules[0]->scope, Scope::kProd);
}

TEST(PolicyLoad, BadRegularExpressionsAreRe2Errors) {
  // Unbalanced, and a backreference (which RE2 does not have).
  EXPECT_ERROR(Replace(kValid, "equals: true", "matches: \"(unclosed\""), "policies/team.yaml:7:12",
               "bad regular expression (RE2 syntax): missing ): (unclosed");
  EXPECT_ERROR(Replace(kValid, "equals: true", "not_matches: '(a)\\1'"), "policies/team.yaml:7:16",
               "bad regular expression (RE2 syntax): invalid escape sequence: \\1");
  // A pattern too large to compile within the memory budget is an error too.
  EXPECT_ERROR(Replace(kValid, "equals: true", "matches: \"((a{100}){100}){100}\""),
               "policies/team.yaml:7:12", "bad regular expression (RE2 syntax)");
}

TEST(PolicyLoad, YamlSyntaxErrorsHavePositions) {
  Diagnostic d = ErrorOf("id: team-x\ntitle: [unclosed\n");
  EXPECT_EQ(d.file, "policies/team.yaml");
  EXPECT_GE(d.line, 2u);
  EXPECT_NE(d.message.find("YAML syntax"), std::string::npos) << d.message;
  EXPECT_ERROR("- just a string\n", "policies/team.yaml:1:3", "a policy must be a mapping");
}

// A ',' outside any flow collection made yaml-cpp's LoadAll loop for ever,
// allocating (found by fuzzing): an error at the comma instead, in the first
// document or after others. Deep nesting says so.
TEST(PolicyLoad, StrayCommaIsAnErrorNotAnEndlessLoop) {
  EXPECT_ERROR(",", "policies/team.yaml:1:1", "YAML syntax: unexpected ','");
  EXPECT_ERROR(std::string(kValid) + ", severity: high\n", "policies/team.yaml:8:1",
               "YAML syntax: end of map not found");
  EXPECT_ERROR("- id: team-x\n  title: X\n, severity: high\n  kinds: [aws_s3_bucket]\n",
               "policies/team.yaml:3:1", "YAML syntax: unexpected ','");
  EXPECT_ERROR(std::string(kValid) + "---\n,\n", "policies/team.yaml:9:1",
               "YAML syntax: unexpected ','");
  // yaml-cpp calls nesting past its recursion limit "bad file".
  EXPECT_ERROR("require: " + std::string(3000, '[') + std::string(3000, ']') + "\n",
               "policies/team.yaml:1:6010", "YAML syntax: nested too deeply");
  // Empty documents are still documents, and commas inside flow collections
  // are still commas.
  EXPECT_EQ(Load("---\n---\n" + std::string(kValid) + "---\n")->rules.size(), 1u);
  EXPECT_EQ(Load(Replace(kValid, "[aws_db_instance]", "[aws_db_instance, aws_rds_cluster]"))
                ->rules.size(),
            1u);
}

// Aliases repeat a condition without writing it again: 24 levels of ten
// uses each would be 10^24 conditions, from 1.6 KB of YAML.
TEST(PolicyLoad, AliasesCannotMultiplyConditionsWithoutBound) {
  std::string cond = "&a0 {attribute: name, exists: true}";
  for (int i = 1; i < 25; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    cond = "&a" + std::to_string(i) + " {and: [" + cond;
    for (int k = 0; k < 9; ++k) cond += ", " + prev;
    cond += "]}";
  }
  std::string text = Replace(kValid, "require:\n  attribute: storage_encrypted\n  equals: true\n",
                             "require: " + cond + "\n");
  auto start = std::chrono::steady_clock::now();
  Diagnostic d = ErrorOf(text);
  EXPECT_NE(d.message.find("more than 10000 conditions (counting each use of a YAML alias)"),
            std::string::npos)
      << d.message;
  EXPECT_EQ(d.line, 5u);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5.0);
  // A shared condition used a few times (the cookbook's IAM policy does) is fine.
  Load(Replace(kValid, "require:\n  attribute: storage_encrypted\n  equals: true\n",
               "where: &enc {attribute: storage_encrypted, exists: true}\nrequire: {and: [*enc, "
               "*enc]}\n"));
}

TEST(PolicyLoad, FileLayouts) {
  // A list, policies: with version: 1, and several documents.
  std::string second = Replace(kValid, "team-db-encrypted", "team-db-second");
  auto indent = [](const std::string& text) {
    std::string out = "  - ";
    for (char c : text) {
      out += c;
      if (c == '\n') out += "    ";
    }
    return out.substr(0, out.size() - 4);
  };
  EXPECT_EQ(Load(indent(kValid) + indent(second))->rules.size(), 2u);
  EXPECT_EQ(Load("version: 1\npolicies:\n" + indent(kValid))->rules.size(), 1u);
  EXPECT_EQ(Load(std::string(kValid) + "---\n" + second)->rules.size(), 2u);
  EXPECT_ERROR("version: 2\npolicies: []\n", "policies/team.yaml:1:10", "version must be 1");
}

// RE2 matches in time linear in the input: a pattern that makes a
// backtracking engine take exponential time is as fast as any other.
TEST(PolicyRegex, CatastrophicPatternsRunInLinearTime) {
  auto set = Load(Replace(kValid, "equals: true", "matches: \"^(a+)+$\""));
  const policy::Condition& c = *set->policies[0]->check;
  ASSERT_NE(c.regex, nullptr);
  // 1 MiB of 'a' and one character that fails the match at the very end.
  Value input = Value::String(std::string(1 << 20, 'a') + "!");
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(policy::Test(c, input), Tri::kFalse);
  EXPECT_EQ(policy::Test(c, Value::String(std::string(1 << 20, 'a'))), Tri::kTrue);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Backtracking would need ~2^(1<<20) steps; RE2 needs milliseconds.
  EXPECT_LT(seconds, 5.0);
  // The same for (a|aa)*c, nested quantifiers over alternatives.
  set = Load(Replace(kValid, "equals: true", "matches: \"(a|aa)*c\""));
  start = std::chrono::steady_clock::now();
  EXPECT_EQ(policy::Test(*set->policies[0]->check, Value::String(std::string(1 << 20, 'a'))),
            Tri::kFalse);
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 5.0);
}

TEST(PolicyCompare, Versions) {
  using policy::CompareVersions;
  using policy::ParseVersion;
  EXPECT_EQ(*ParseVersion("16.1"), (std::vector<long>{16, 1}));
  EXPECT_EQ(*ParseVersion("v1.2.3"), (std::vector<long>{1, 2, 3}));
  EXPECT_EQ(*ParseVersion("8.0.mysql_aurora.3.05.2"), (std::vector<long>{8, 0}));
  EXPECT_EQ(*ParseVersion("7.0.x"), (std::vector<long>{7, 0}));
  EXPECT_FALSE(ParseVersion("latest"));
  EXPECT_FALSE(ParseVersion(""));
  EXPECT_EQ(CompareVersions({16}, {16, 0}), 0);
  EXPECT_LT(CompareVersions({15, 4}, {16}), 0);
  EXPECT_GT(CompareVersions({16, 10}, {16, 9}), 0);
}

// Unknown values never decide: every operator, negative ones included, is
// unknown on an unknown value.
TEST(PolicyCompare, UnknownIsUnknownForEveryOperator) {
  const char* ops[] = {"exists: true",
                       "exists: false",
                       "equals: x",
                       "not_equals: x",
                       "in: [x]",
                       "not_in: [x]",
                       "lt: 1",
                       "le: 1",
                       "gt: 1",
                       "ge: 1",
                       "version_lt: \"1\"",
                       "version_le: \"1\"",
                       "version_gt: \"1\"",
                       "version_ge: \"1\"",
                       "matches: x",
                       "not_matches: x",
                       "contains: x",
                       "not_contains: x"};
  for (const char* op : ops) {
    auto set = Load(Replace(kValid, "equals: true", op));
    EXPECT_EQ(policy::Test(*set->policies[0]->check, Value::Unknown()), Tri::kUnknown) << op;
  }
  auto set = Load(Replace(kValid, "equals: true", "not_contains: x"));
  Value list = Value::List({Value::String("y"), Value::Unknown()});
  EXPECT_EQ(policy::Test(*set->policies[0]->check, list), Tri::kUnknown);
}

// --- the command line ----------------------------------------------------

TEST(PolicyCli, ErrorsNameTheFileAndExitWithTwo) {
  TempTree t;
  t.Write("main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n");
  t.Write("policies/ok.yaml", kValid);
  t.Write("policies/sub/bad.yaml", Replace(Replace(kValid, "team-db-encrypted", "team-db-named"),
                                           "equals: true", "matches: \"[z-a]\""));
  RunResult r = RunInfracheck({"--policy", "policies", "."}, t.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "") << "no scan when a policy is broken";
  EXPECT_NE(r.err.find("policies/sub/bad.yaml:7:12: error: bad regular expression (RE2 syntax): "
                       "invalid character class range: z-a"),
            std::string::npos)
      << r.err;
  // Named by .infracheck.yml: the error is still in the policy file; written
  // inline, in the configuration.
  t.Write(".infracheck.yml", "policies: [policies/sub]\n");
  r = RunInfracheck({"."}, t.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("policies/sub/bad.yaml:7:12: error:"), std::string::npos) << r.err;
  t.Write(".infracheck.yml",
          "policies:\n  - id: team-x\n    title: X\n    severity: hgh\n    kinds: aws_vpc\n"
          "    require: {attribute: cidr_block, exists: true}\n");
  r = RunInfracheck({"."}, t.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(".infracheck.yml:4:15: error: severity must be low, medium, high or "
                       "critical, not 'hgh'"),
            std::string::npos)
      << r.err;
  t.Write(".infracheck.yml", "policies: [no-such-dir]\n");
  r = RunInfracheck({"."}, t.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(".infracheck.yml:1:12: error: policies entry 'no-such-dir' is not a file "
                       "or directory"),
            std::string::npos)
      << r.err;
  // Named by the configuration and on the command line: read once.
  t.Write(".infracheck.yml", "policies: [policies/ok.yaml]\n");
  r = RunInfracheck({"--policy", "policies/ok.yaml", "--policy", "./policies/../policies/ok.yaml",
                     "--rule", "team-db-encrypted", "."},
                    t.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = RunInfracheck({"--config", "/dev/null", "--policy", "missing.yaml", "."}, t.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.yaml: error: no such policy file or directory"), std::string::npos)
      << r.err;
}

// --- the fixtures -----------------------------------------------------------

fs::path Fixtures() { return fs::path(INFRACHECK_SOURCE_DIR) / "fixtures" / "policies"; }

// "module.db.aws_db_instance.fail_x[\"k\"]" -> "fail_x"
std::string ResourceName(std::string address) {
  if (!address.empty() && address.back() == ']') address = address.substr(0, address.rfind('['));
  return address.substr(address.rfind('.') + 1);
}

// The resource and data blocks named fail_* in a fixture's .tf files.
std::set<std::string> FailNames(const fs::path& dir) {
  std::set<std::string> out;
  RE2 block(R"re((?m)^(?:resource|data)\s+"[^"]+"\s+"(fail_\w+)")re");
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".tf") continue;
    std::string text = ReadFile(e.path());
    re2::StringPiece in(text);
    std::string name;
    while (RE2::FindAndConsume(&in, block, &name)) out.insert(name);
  }
  return out;
}

std::set<std::string> PassNames(const fs::path& dir) {
  std::set<std::string> out;
  RE2 block(R"re((?m)^(?:resource|data)\s+"[^"]+"\s+"(pass_\w+)")re");
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".tf") continue;
    std::string text = ReadFile(e.path());
    re2::StringPiece in(text);
    std::string name;
    while (RE2::FindAndConsume(&in, block, &name)) out.insert(name);
  }
  return out;
}

// The cases: every directory with a golden report, but the run over the
// example stacks (whose resources are not named for it).
std::vector<fs::path> Cases() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(Fixtures())) {
    if (e.path().filename() != "expected.json") continue;
    if (e.path().parent_path().filename() == "cookbook-examples") continue;
    out.push_back(e.path().parent_path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Checkov's discipline: the golden reports fire on every fail_ resource and
// on nothing else. Outside the cookbook several policies share a stack, and
// each chooses its resources by name: a finding of `<group>-<case>` is on a
// resource named fail_<case>_*, so a finding of the wrong policy fails too.
TEST(PolicyFixtures, FailResourcesFireAndNothingElseDoes) {
  std::vector<fs::path> cases = Cases();
  ASSERT_GE(cases.size(), 7u);
  for (const fs::path& dir : cases) {
    SCOPED_TRACE(dir.lexically_relative(Fixtures()).generic_string());
    bool cookbook = dir.parent_path().filename() == "cookbook";
    json report = json::parse(ReadFile(dir / "expected.json"));
    std::set<std::string> fired;
    for (const json& f : report["findings"]) {
      std::string name = ResourceName(f["resource"]);
      std::string rule = f["rule"];
      EXPECT_EQ(name.rfind("fail_", 0), 0u) << rule << " fired on " << f["resource"];
      if (!cookbook) {
        std::string token = rule.substr(rule.find('-') + 1);
        std::replace(token.begin(), token.end(), '-', '_');
        EXPECT_EQ(name.rfind("fail_" + token + "_", 0), 0u)
            << rule << " fired on " << f["resource"] << ", another policy's resource";
      }
      fired.insert(name);
    }
    EXPECT_TRUE(report["errors"].empty()) << report["errors"];
    std::set<std::string> expected = FailNames(dir);
    EXPECT_FALSE(expected.empty());
    EXPECT_FALSE(PassNames(dir).empty()) << "no pass_ resource";
    for (const std::string& name : expected) EXPECT_TRUE(fired.count(name)) << name << " is silent";
  }
}

// Every cookbook policy runs against a stack of its own, fires on it and
// passes on it, and docs/policies.md shows it exactly as the file has it.
TEST(PolicyFixtures, EveryCookbookPolicyFiresAndPasses) {
  fs::path docs = fs::path(INFRACHECK_SOURCE_DIR) / "docs";
  std::string guide = ReadFile(docs / "policies.md");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(docs / "policies")) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 12u) << "a dozen real requirements";
  std::set<std::string> ids;
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.filename().string());
    EXPECT_EQ(file.extension(), ".yaml");
    std::string text = ReadFile(file);
    PolicyLoader loader(BuiltinRules());
    Diagnostic d;
    ASSERT_TRUE(loader.AddText(text, file.filename().string(), &d))
        << Where(d) << ": " << d.message;
    auto set = loader.Finish();
    ASSERT_EQ(set->rules.size(), 1u);
    std::string id(set->rules[0]->id);
    EXPECT_TRUE(ids.insert(id).second) << "duplicate " << id;
    EXPECT_FALSE(set->policies[0]->description.empty());
    EXPECT_FALSE(set->policies[0]->remediation.empty());
    EXPECT_NE(
        guide.find("```yaml\n# docs/policies/" + file.filename().string() + "\n" + text + "```\n"),
        std::string::npos)
        << "docs/policies.md does not show " << file.filename() << " as it is";

    fs::path dir = Fixtures() / "cookbook" / file.stem();
    ASSERT_TRUE(fs::exists(dir / "expected.json")) << "no fixture " << dir;
    std::string args = ReadFile(dir / "args");
    EXPECT_NE(args.find("../../../../docs/policies/" + file.filename().string() + "\n"),
              std::string::npos)
        << "the fixture runs another policy";
    json report = json::parse(ReadFile(dir / "expected.json"));
    size_t fires = 0;
    for (const json& f : report["findings"]) fires += f["rule"] == id;
    EXPECT_GT(fires, 0u) << id << " never fires";
    EXPECT_EQ(fires, report["findings"].size());
    EXPECT_FALSE(PassNames(dir).empty()) << id << " never passes";
  }
  // The run over the example stacks names every cookbook policy but the tags one.
  std::string examples = ReadFile(Fixtures() / "cookbook-examples" / "args");
  for (const std::string& id : ids) {
    if (id == "platform-tags-required") continue;
    EXPECT_NE(examples.find("--rule\n" + id + "\n"), std::string::npos) << id;
  }
}

}  // namespace
}  // namespace infracheck::testing
