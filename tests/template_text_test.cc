// Literal text of templates: HCL's token-wise strip markers and `<<-` dedent.
// Expected strings are what Terraform 1.11 plans for the same templates.
#include "parsers/hcl/template_text.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "infracheck/source.h"
#include "parsers/hcl/syntax.h"

namespace infracheck::hcl {
namespace {

// A template `t = ...` with its interpolations shown as <I> and directives
// as tags, so the literal text around them can be compared.
std::string Render(const std::string& hcl) {
  SourceFile src("t.tf", "/t.tf", hcl);
  auto f = ParseFile(src);
  EXPECT_FALSE(f->error) << f->error->message;
  if (f->error || f->body->attributes.empty()) return "<error>";
  const Expr* e = f->body->attributes[0].expr;
  if (e->kind == ExprKind::kLiteral) return static_cast<const LiteralExpr*>(e)->value().str();
  if (e->kind != ExprKind::kTemplate) return "<not a template>";
  std::string out;
  std::function<void(const List<TemplatePart>&)> walk = [&](const List<TemplatePart>& parts) {
    for (const TemplatePart& p : parts) {
      switch (p.kind) {
        case TemplatePart::Kind::kLiteral:
          out += p.text;
          break;
        case TemplatePart::Kind::kInterpolation:
          out += "<I>";
          break;
        case TemplatePart::Kind::kIf:
          out += "<IF>";
          walk(p.directive->body);
          out += "<ELSE>";
          walk(p.directive->orelse);
          out += "</IF>";
          break;
        case TemplatePart::Kind::kFor:
          out += "<FOR>";
          walk(p.directive->body);
          out += "</FOR>";
          break;
      }
    }
  };
  walk(static_cast<const TemplateExpr*>(e)->parts);
  return out;
}

TEST(TemplateText, StripMarkerTrimsOnlyTheAdjacentToken) {
  // `~}` eats the newline ending its own line, not the next line's indent.
  EXPECT_EQ(Render("t = <<EOT\n%{ for s in x ~}\n  - ${s}\n%{ endfor ~}\nend\nEOT\n"),
            "<FOR>  - <I>\n</FOR>end\n");
  // In a quoted string, `$` and `%` cut tokens too: only " " before ${~ goes.
  EXPECT_EQ(Render("t = \"a  $  ${~x}\"\n"), "a  $<I>");
  EXPECT_EQ(Render("t = \"a \\n ${~x~} \\t b\"\n"), "a<I>b");
}

TEST(TemplateText, FlushHeredocCountsTrimmedAndMarkerLines) {
  // A line that starts with a directive has no indentation, so nothing is
  // removed; `%{~` still eats the spaces before it on its own line only.
  EXPECT_EQ(Render("t = <<-EOT\n    a\n    %{~ for i in x }\n    ${i}\n    %{~ endfor }\n"
                   "    b\n  EOT\n"),
            "    a\n<FOR>\n    <I>\n</FOR>\n    b\n");
  // Without strip markers the usual dedent applies.
  EXPECT_EQ(Render("t = <<-EOT\n      deeper\n    base\n        ${x}\n  EOT\n"),
            "  deeper\nbase\n    <I>\n");
}

TEST(TemplateText, FlushHeredocLeavesBlankLinesAlone) {
  // Lines of only blanks neither lower the indentation nor lose their blanks.
  EXPECT_EQ(Render("t = <<-EOT\n    a\n  \n\n    b\nEOT\n"), "a\n  \n\nb\n");
}

TEST(TemplateText, Escapes) {
  EXPECT_EQ(Render("t = \"$${x} %%{y} 100% $5 \\u00e9\"\n"), "${x} %{y} 100% $5 \xC3\xA9");
  EXPECT_EQ(UnescapeLiteral("a\\tb$${", true), "a\tb${");
  EXPECT_EQ(UnescapeLiteral("a\\tb$${", false), "a\\tb${");
}

TEST(TemplateText, GapsWithoutTokensAreAbsent) {
  std::string text = "AB";
  std::vector<TemplateMarker> m{{0, 1, false, false}, {1, 2, false, false}};
  auto gaps = TemplateLiterals(text, 0, 2, m, true, false);
  ASSERT_EQ(gaps.size(), 3u);
  EXPECT_FALSE(gaps[0]);
  EXPECT_FALSE(gaps[1]);
  EXPECT_FALSE(gaps[2]);
}

}  // namespace
}  // namespace infracheck::hcl
