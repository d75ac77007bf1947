// The native HCL parser on its own: precedence, splats, templates, numbers,
// and errors at their exact line and column, including the cases where it
// follows HashiCorp's HCL rather than the tree-sitter grammar it replaced.
#include <gtest/gtest.h>

#include "parsers/hcl/syntax.h"

namespace infracheck::hcl {
namespace {

struct Parsed {
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<File> file;
};

Parsed Parse(std::string text) {
  Parsed p;
  p.source = std::make_unique<SourceFile>("t.tf", "/t.tf", std::move(text));
  p.file = ParseFile(*p.source);
  return p;
}

Parsed ParseTmpl(std::string text) {
  Parsed p;
  p.source = std::make_unique<SourceFile>("t.tftpl", "/t.tftpl", std::move(text));
  p.file = ParseTemplate(*p.source);
  return p;
}

// The expression of the only attribute of `a = <expr>`.
const Expr* Value(const Parsed& p) {
  EXPECT_FALSE(p.file->error) << p.file->error->message;
  if (p.file->error || !p.file->body || p.file->body->attributes.empty()) return nullptr;
  return p.file->body->attributes[0].expr;
}

// A compact rendering of an expression's shape, for precedence tests.
std::string Shape(const Expr* e) {
  switch (e->kind) {
    case ExprKind::kBinary: {
      auto* b = static_cast<const BinaryExpr*>(e);
      return "(" + Shape(b->lhs) + " " + std::string(BinaryOpText(b->op)) + " " + Shape(b->rhs) +
             ")";
    }
    case ExprKind::kUnary: {
      auto* u = static_cast<const UnaryExpr*>(e);
      return "(" + std::string(1, u->op) + Shape(u->operand) + ")";
    }
    case ExprKind::kConditional: {
      auto* c = static_cast<const ConditionalExpr*>(e);
      return "(" + Shape(c->cond) + " ? " + Shape(c->then) + " : " + Shape(c->otherwise) + ")";
    }
    case ExprKind::kParens:
      return Shape(static_cast<const ParensExpr*>(e)->inner);
    default:
      return std::string(e->span.text());
  }
}

std::string ShapeOf(const std::string& expr) {
  Parsed p = Parse("a = " + expr + "\n");
  const Expr* e = Value(p);
  return e ? Shape(e) : "<error>";
}

// "line:column: message" of the file's error, or "ok".
std::string ErrorOf(const Parsed& p) {
  if (!p.file->error) return "ok";
  const Diagnostic& d = *p.file->error;
  return std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
}

TEST(HclParser, OperatorPrecedenceIsHcls) {
  EXPECT_EQ(ShapeOf("a || b && c"), "(a || (b && c))");
  EXPECT_EQ(ShapeOf("a && b == c"), "(a && (b == c))");
  EXPECT_EQ(ShapeOf("a == b < c"), "(a == (b < c))");
  EXPECT_EQ(ShapeOf("a < b + c"), "(a < (b + c))");
  EXPECT_EQ(ShapeOf("a + b * c"), "(a + (b * c))");
  EXPECT_EQ(ShapeOf("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(ShapeOf("a / b % c"), "((a / b) % c)");
  EXPECT_EQ(ShapeOf("-a * b"), "((-a) * b)");
  EXPECT_EQ(ShapeOf("!a || b"), "((!a) || b)");
  EXPECT_EQ(ShapeOf("-a.b[0]"), "(-a.b[0])");
  EXPECT_EQ(ShapeOf("(a + b) * c"), "((a + b) * c)");
  EXPECT_EQ(ShapeOf("a || b ? c : d"), "((a || b) ? c : d)");
}

// tree-sitter-hcl made `a ? b : c ? d : e` left-associative, which turned
// `x == 1 ? "one" : x == 2 ? "two" : "many"` into nonsense; HCL nests to the right.
TEST(HclParser, ChainedConditionalNestsToTheRight) {
  EXPECT_EQ(ShapeOf("a ? b : c ? d : e"), "(a ? b : (c ? d : e))");
  EXPECT_EQ(ShapeOf("a ? b ? c : d : e"), "(a ? (b ? c : d) : e)");
}

TEST(HclParser, Splats) {
  Parsed p = Parse("a = x[*].b[0].c\nb = x.*.b[0].c\nc = x[*].b[*].c\nd = x.*.b.0\n");
  ASSERT_FALSE(p.file->error) << p.file->error->message;
  auto steps = [&](int i) {
    return &static_cast<const TraversalExpr*>(p.file->body->attributes[i].expr)->steps;
  };
  // [*]: every later step applies to each element.
  ASSERT_EQ(steps(0)->size(), 1u);
  EXPECT_TRUE((*steps(0))[0].full_splat);
  EXPECT_EQ((*steps(0))[0].rest().size(), 3u);
  EXPECT_EQ((*steps(0))[0].span.text(), "[*].b[0].c");
  // .*: only .name steps; [0] indexes the result, and what follows it too.
  ASSERT_EQ(steps(1)->size(), 3u);
  EXPECT_FALSE((*steps(1))[0].full_splat);
  EXPECT_EQ((*steps(1))[0].rest().size(), 1u);
  EXPECT_EQ((*steps(1))[1].kind, Step::Kind::kIndex);
  EXPECT_EQ((*steps(1))[2].name(), "c");
  // A splat after [*] is inside it.
  ASSERT_EQ(steps(2)->size(), 1u);
  ASSERT_EQ((*steps(2))[0].rest().size(), 2u);
  EXPECT_EQ((*steps(2))[0].rest()[1].kind, Step::Kind::kSplat);
  EXPECT_EQ((*steps(2))[0].span.text(), "[*].b");
  // .* takes a legacy .0 index as its own, as HCL does.
  ASSERT_EQ(steps(3)->size(), 1u);
  EXPECT_EQ((*steps(3))[0].rest().size(), 2u);
}

TEST(HclParser, Numbers) {
  Parsed p = Parse("a = 1e12\nb = 2.5E-3\nc = 12345678901234567\nd = 1e999\ne = 0.00120\n");
  ASSERT_FALSE(p.file->error) << p.file->error->message;
  auto lit = [&](int i) {
    return static_cast<const LiteralExpr*>(p.file->body->attributes[i].expr)->value();
  };
  EXPECT_EQ(lit(0).number(), 1e12);
  EXPECT_EQ(lit(1).number(), 2.5e-3);
  EXPECT_TRUE(lit(2).is_unknown());  // more digits than a double holds
  EXPECT_TRUE(lit(3).is_unknown());  // beyond a double's range
  EXPECT_EQ(lit(4).number(), 0.0012);
  // HCL has no hexadecimal literals: 0x10 is 0 followed by x10.
  EXPECT_EQ(ErrorOf(Parse("a = 0x10\n")),
            "1:6: unexpected 'x10' after the value of 'a': a newline must end it");
}

TEST(HclParser, HeredocWithStripMarkers) {
  Parsed p = Parse("a = <<-EOT\n    %{~ for x in xs ~}\n      ${x}\n    %{~ endfor ~}\n  EOT\n");
  const Expr* e = Value(p);
  ASSERT_TRUE(e && e->kind == ExprKind::kTemplate);
  std::string literal_text;
  const TemplatePart* loop = nullptr;
  for (const TemplatePart& part : static_cast<const TemplateExpr*>(e)->parts) {
    if (part.kind == TemplatePart::Kind::kFor) loop = &part;
    literal_text += part.text;
  }
  ASSERT_TRUE(loop);
  for (const TemplatePart& part : loop->directive->body) literal_text += part.text;
  // Each strip marker trims only the literal token next to it (HCL cuts
  // tokens at line ends), and a line starting with a trimmed-away token
  // makes the <<- indentation zero: only the ${x} line keeps text.
  EXPECT_EQ(literal_text, "      \n");
  EXPECT_EQ(e->span.text(), "<<-EOT\n    %{~ for x in xs ~}\n      ${x}\n    %{~ endfor ~}\n  EOT");
}

TEST(HclParser, NestedTemplates) {
  Parsed p = Parse("a = \"x${\"y${z}\"}\"\n");
  const Expr* e = Value(p);
  ASSERT_TRUE(e && e->kind == ExprKind::kTemplate);
  auto& parts = static_cast<const TemplateExpr*>(e)->parts;
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].text, "x");
  ASSERT_EQ(parts[1].expr->kind, ExprKind::kTemplate);
  auto& inner = static_cast<const TemplateExpr*>(parts[1].expr)->parts;
  ASSERT_EQ(inner.size(), 2u);
  EXPECT_EQ(inner[0].text, "y");
}

TEST(HclParser, TemplateFile) {
  Parsed p = ParseTmpl("Hello ${name}!\n%{ if admin }root%{ endif }\n");
  ASSERT_FALSE(p.file->error) << p.file->error->message;
  ASSERT_TRUE(p.file->templ);
  auto& parts = p.file->templ->parts;
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(parts[0].text, "Hello ");
  EXPECT_EQ(parts[2].text, "!\n");
  EXPECT_EQ(parts[3].kind, TemplatePart::Kind::kIf);
  EXPECT_EQ(parts[4].text, "\n");
  // As a heredoc's body: a last line without its line end is kept as it is.
  EXPECT_EQ(ParseTmpl("a\nb").file->templ->parts[0].text, "a\nb");
  EXPECT_EQ(ParseTmpl("").file->templ->parts.size(), 0u);
}

TEST(HclParser, ErrorsPointAtTheProblem) {
  EXPECT_EQ(ErrorOf(Parse("a = \n")), "1:5: expected an expression, found newline");
  EXPECT_EQ(ErrorOf(Parse("a = 1\nb c\n")), "2:4: expected a block label or '{', found newline");
  EXPECT_EQ(ErrorOf(Parse("a = 1\nb\n")), "2:2: expected '=' or '{' after 'b', found newline");
  EXPECT_EQ(ErrorOf(Parse("x {\n  a = 1\n")), "1:3: unclosed block: no '}' closes this '{'");
  EXPECT_EQ(ErrorOf(Parse("a = \"abc\nb = 1\n")),
            "1:5: quoted strings may not span lines (unterminated string?)");
  EXPECT_EQ(ErrorOf(Parse("a = \"\\q\"\n")), "1:6: invalid escape sequence '\\q'");
  EXPECT_EQ(ErrorOf(Parse("a = <<EOT\nabc\n")),
            "1:5: unterminated heredoc: no line 'EOT' closes it");
  EXPECT_EQ(ErrorOf(Parse("a = \"%{if x}y\"\n")),
            "1:6: unterminated %{if} directive: expected %{endif}");
  EXPECT_EQ(ErrorOf(Parse("a = 1\na = 2\n")), "2:1: attribute \"a\" is set twice in this block");
  EXPECT_EQ(ErrorOf(Parse("}\n")), "1:1: unexpected '}'");
  EXPECT_EQ(ErrorOf(Parse("a = f(1,,2)\n")), "1:9: expected an expression, found ','");
  EXPECT_EQ(ErrorOf(Parse("a = (1\n")), "2:1: expected ')', found end of file");
  EXPECT_EQ(ErrorOf(Parse("a = 1 & 2\n")), "1:7: unexpected character '&'");
  EXPECT_EQ(ErrorOf(Parse("a = 1 /* x\n")), "1:7: unterminated /* comment");
}

// Where the tree-sitter grammar accepted what HCL refuses, the parser refuses.
TEST(HclParser, NewlinesEndArgumentsAsInHcl) {
  EXPECT_EQ(ErrorOf(Parse("a = 1 +\n  2\n")), "1:8: expected an expression, found newline");
  EXPECT_EQ(ErrorOf(Parse("a = 1 b = 2\n")),
            "1:7: unexpected 'b' after the value of 'a': a newline must end it");
  EXPECT_EQ(ErrorOf(Parse("a = {b = 1 c = 2}\n")),
            "1:12: expected ',', a newline or '}' after an object item, found 'c'");
  EXPECT_EQ(ErrorOf(Parse("x {\n  a = 1 }\n")),
            "2:9: unexpected '}' after the value of 'a': a newline must end it");
  EXPECT_EQ(ErrorOf(Parse("x {\n  y {} }\n")),
            "2:8: unexpected '}' after the block 'y': a newline must end it");
  EXPECT_EQ(ErrorOf(Parse("a \"${x}\" {\n}\n")),
            "1:4: a block label cannot contain a template sequence");
  EXPECT_EQ(ErrorOf(Parse("a = x.0.1\n")),
            "1:7: '0.1' is not an index: write [i][j] to chain indexes, not .i.j");
  // Inside brackets, parentheses and interpolations newlines are white space.
  EXPECT_EQ(ErrorOf(Parse("a = (1 +\n  2)\nb = [\n  1,\n  2\n]\nc = \"${\n  x\n}\"\n")), "ok");
}

TEST(HclParser, JsonObjectFile) {
  Parsed p = Parse("{\n  \"region\": \"eu-west-1\",\n  \"n\": 2\n}\n");
  ASSERT_FALSE(p.file->error) << p.file->error->message;
  EXPECT_FALSE(p.file->body);
  ASSERT_TRUE(p.file->json);
  EXPECT_EQ(p.file->json->items().size(), 2u);
}

TEST(HclParser, CommentsInSourceOrder) {
  Parsed p = Parse("# a\nx = [ # b\n  1, /* c */\n]\n// d\n");
  ASSERT_FALSE(p.file->error) << p.file->error->message;
  std::vector<std::string_view> texts;
  for (const Comment& c : p.file->comments) texts.push_back(c.span.text());
  EXPECT_EQ(texts, (std::vector<std::string_view>{"# a", "# b", "/* c */", "// d"}));
}

TEST(HclParser, DeepNestingIsRefusedNotRecursedInto) {
  for (const char* unit : {"(", "[", "{a = ", "!", "-", "\"${", "x[", "[*]", "1+", ".*.a"}) {
    std::string text = "a = x";
    if (std::string_view(unit) != "[*]" && std::string_view(unit) != ".*.a") text = "a = ";
    for (int i = 0; i < 100000; ++i) text += unit;
    Parsed p = Parse(text);
    ASSERT_TRUE(p.file->error) << unit;
    if (std::string_view(unit) == ".*.a") continue;  // a .* after .* is refused at once
    EXPECT_EQ(p.file->error->message, "nesting deeper than 256 levels") << unit;
  }
}

}  // namespace
}  // namespace infracheck::hcl
