// templatefile() JSON located in the template, and file() JSON in its file:
// documents point at their own lines.
#include <gtest/gtest.h>

#include "checker/scan.h"
#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

const Value* Statement(const ScanResult& result, std::string_view address, std::string_view path) {
  for (const auto& g : result.graphs) {
    const Resource* r = g->Find(address);
    if (!r) continue;
    const Value* doc = g->Document(*r, path);
    if (!doc) return nullptr;
    const Value* st = doc->Get("Statement");
    return st && st->is_list() && !st->items().empty() ? &st->items()[0] : nullptr;
  }
  return nullptr;
}

TEST(TemplateJson, RenderedPolicyPointsIntoTheTemplate) {
  TempTree t;
  t.Write("main.tf", R"(provider "aws" {}
resource "aws_iam_policy" "p" {
  policy = templatefile("${path.module}/policy.json.tpl", { arn = "arn:aws:s3:::b" })
}
resource "aws_iam_policy" "f" {
  policy = file("${path.module}/static.json")
}
)");
  t.Write("policy.json.tpl", R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "${arn}/*"
    }
  ]
}
)");
  t.Write("static.json", R"({"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})");
  ScanOptions options;
  options.paths = {t.path().string()};
  ScanResult result = Evaluate(options);
  const Value* st = Statement(result, "aws_iam_policy.p", "policy");
  ASSERT_NE(st, nullptr);
  const Field* action = st->GetField("Action");
  ASSERT_NE(action, nullptr);
  EXPECT_EQ(action->value.str(), "s3:GetObject");
  EXPECT_EQ(action->value.origin().file->path().substr(
                action->value.origin().file->path().rfind('/') + 1),
            "policy.json.tpl");
  EXPECT_EQ(action->value.origin().start().line, 6u);
  EXPECT_EQ(action->value.origin().text(), "\"s3:GetObject\"");
  EXPECT_EQ(action->key_span.text(), "\"Action\"");
  // A value partly interpolated covers its literal text and the ${...}.
  const Value* resource = st->Get("Resource");
  ASSERT_NE(resource, nullptr);
  EXPECT_EQ(resource->str(), "arn:aws:s3:::b/*");
  EXPECT_EQ(resource->origin().text(), "\"${arn}/*\"");
  // file(): the JSON file itself.
  const Value* fst = Statement(result, "aws_iam_policy.f", "policy");
  ASSERT_NE(fst, nullptr);
  EXPECT_EQ(fst->Get("Action")->origin().start().line, 2u);
}

}  // namespace
}  // namespace infracheck::testing
