// Where RuleContext puts a finding: attribute paths with list indexes, the
// related locations of a culprit, and a per-finding severity.
#include <gtest/gtest.h>

#include "checker/scan.h"
#include "infracheck/rule.h"
#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

const Rule kTestRule = {.id = "test-rule", .title = "Test", .severity = Severity::kHigh};

class RuleContextTest : public ::testing::Test {
 protected:
  const Graph& Build(const std::string& hcl) {
    tree_.Write("main.tf", hcl);
    ScanOptions options;
    options.paths = {tree_.path().string()};
    result_ = Evaluate(options);
    EXPECT_TRUE(result_.errors.empty()) << result_.errors[0].message;
    return *result_.graphs[0];
  }

  TempTree tree_;
  ScanResult result_;
};

TEST_F(RuleContextTest, NumericStepsPickListElements) {
  const Graph& g = Build(R"(resource "aws_security_group" "two" {
  ingress {
    from_port = 443
  }
  ingress {
    from_port   = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "one" {
  ingress {
    cidr_blocks = ["0.0.0.0/0"]
  }
}
)");
  RuleContext ctx(g, kTestRule);
  const Resource& two = *g.Find("aws_security_group.two");
  const Resource& one = *g.Find("aws_security_group.one");

  Finding& f = ctx.Report(two, "ingress.1.cidr_blocks", "second block");
  EXPECT_EQ(f.primary.text(), "cidr_blocks = [\"0.0.0.0/0\"]");
  EXPECT_EQ(f.primary.start().line, 7u);
  EXPECT_EQ(f.attribute, "ingress.1.cidr_blocks");
  EXPECT_EQ(f.severity, Severity::kHigh);
  f.severity = Severity::kCritical;
  EXPECT_EQ(ctx.findings().back().severity, Severity::kCritical);

  // A missing attribute of an existing block: the block.
  EXPECT_EQ(ctx.Report(two, "ingress.0.cidr_blocks", "first block").primary.start().line, 2u);
  // An index past the end: the nearest step that exists, the blocks.
  EXPECT_EQ(ctx.Report(two, "ingress.5.cidr_blocks", "none").primary.start().line, 2u);
  // Index 0 of a single block, and the implicit step into it, agree.
  Span explicit_step = ctx.Report(one, "ingress.0.cidr_blocks", "explicit").primary;
  Span implicit_step = ctx.Report(one, "ingress.cidr_blocks", "implicit").primary;
  EXPECT_EQ(explicit_step, implicit_step);
  EXPECT_EQ(explicit_step.start().line, 12u);
  // An element of a list attribute.
  EXPECT_EQ(ctx.Report(one, "ingress.0.cidr_blocks.0", "element").primary.text(), "\"0.0.0.0/0\"");
}

}  // namespace
}  // namespace infracheck::testing
