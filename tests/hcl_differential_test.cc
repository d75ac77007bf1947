// The native HCL parser against the tree-sitter converter it replaced
// (parsers/hcl/ts_reference.h): every .tf, .tfvars and template file of the
// repository, and a set of tricky snippets, parsed by both and compared as
// a canonical dump of the whole tree (kinds, byte spans, names, values,
// template parts and literal text, steps, labels, comments, error or not).
// Where the two disagree because tree-sitter's grammar is not HCL's, the
// case is listed in kKnownDifferences with the reason, and the native
// parser's result is checked against what HashiCorp's HCL does.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "parsers/hcl/syntax.h"
#include "parsers/hcl/ts_reference.h"
#include "tests/test_util.h"

namespace infracheck::testing {
namespace {

using namespace hcl;

class Dumper {
 public:
  std::string File(const hcl::File& f) {
    if (f.error) return "error\n";
    std::vector<std::pair<uint32_t, uint32_t>> comments;
    for (const Comment& c : f.comments) comments.emplace_back(c.span.begin, c.span.end);
    // The converter recorded comments parent-first; the order carries no meaning.
    std::sort(comments.begin(), comments.end());
    for (auto [b, e] : comments) out_ << "comment[" << b << "," << e << "]\n";
    if (f.body) BodyDump(*f.body, 0);
    if (f.json) {
      out_ << "json ";
      ExprDump(f.json, 0);
    }
    if (f.templ) {
      out_ << "template ";
      ExprDump(f.templ, 0);
    }
    return out_.str();
  }

 private:
  void Indent(int n) { out_ << std::string(2 * static_cast<size_t>(n), ' '); }
  void SpanDump(Span s) {
    if (!s.valid()) {
      out_ << "[-]";
      return;
    }
    out_ << "[" << s.begin << "," << s.end << "]";
  }

  void BodyDump(const Body& b, int n) {
    Indent(n);
    out_ << "body\n";
    for (const Attribute& a : b.attributes) {
      Indent(n + 1);
      out_ << "attr " << a.name();
      SpanDump(a.name_span());
      SpanDump(a.span());
      out_ << " = ";
      ExprDump(a.expr, n + 2);
    }
    for (const Block* k : b.blocks()) {
      Indent(n + 1);
      out_ << "block " << k->type();
      SpanDump(k->type_span);
      SpanDump(k->span());
      out_ << " header";
      SpanDump(k->header());
      for (size_t i = 0; i < k->labels().size(); ++i) {
        const Label& l = k->labels()[i];
        out_ << " label '" << l.value() << "'";
        SpanDump(k->label_span(i));
      }
      out_ << "\n";
      BodyDump(*k->body, n + 2);
    }
  }

  void ValueDump(const Value& v) {
    switch (v.kind()) {
      case Value::Kind::kNull:
        out_ << "null";
        break;
      case Value::Kind::kBool:
        out_ << (v.bool_value() ? "true" : "false");
        break;
      case Value::Kind::kNumber: {
        char buf[64];
        std::snprintf(buf, sizeof(buf), "%.17g", v.number());
        out_ << buf;
        break;
      }
      case Value::Kind::kString:
        out_ << "'" << v.str() << "'";
        break;
      case Value::Kind::kUnknown:
        out_ << "unknown";
        break;
      default:
        out_ << "?";
    }
    out_ << "@";
    SpanDump(v.origin());
  }

  void PartsDump(const List<TemplatePart>& parts, int n) {
    for (const TemplatePart& p : parts) {
      Indent(n);
      SpanDump(p.span);
      switch (p.kind) {
        case TemplatePart::Kind::kLiteral:
          out_ << " text '" << p.text << "'\n";
          break;
        case TemplatePart::Kind::kInterpolation:
          out_ << " ${} ";
          ExprDump(p.expr, n + 1);
          break;
        case TemplatePart::Kind::kIf:
          out_ << " %if ";
          ExprDump(p.expr, n + 1);
          PartsDump(p.directive->body, n + 1);
          Indent(n);
          out_ << "%else\n";
          PartsDump(p.directive->orelse, n + 1);
          break;
        case TemplatePart::Kind::kFor:
          out_ << " %for " << p.directive->key_var << "," << p.directive->value_var << " in ";
          ExprDump(p.expr, n + 1);
          PartsDump(p.directive->body, n + 1);
          break;
      }
    }
  }

  void StepsDump(const List<Step>& steps, int n) {
    for (const Step& s : steps) {
      Indent(n);
      SpanDump(s.span);
      switch (s.kind) {
        case Step::Kind::kAttr:
          out_ << " ." << s.name() << "\n";
          break;
        case Step::Kind::kIndex:
          out_ << " [] ";
          ExprDump(s.index, n + 1);
          break;
        case Step::Kind::kSplat:
          out_ << (s.full_splat ? " [*]\n" : " .*\n");
          StepsDump(s.rest(), n + 1);
          break;
      }
    }
  }

  void ExprDump(const Expr* e, int n) {
    if (!e) {
      out_ << "null-expr\n";
      return;
    }
    SpanDump(e->span);
    out_ << " ";
    switch (e->kind) {
      case ExprKind::kLiteral:
        out_ << "literal ";
        ValueDump(static_cast<const LiteralExpr*>(e)->value());
        out_ << "\n";
        break;
      case ExprKind::kTemplate:
        out_ << "template\n";
        PartsDump(static_cast<const TemplateExpr*>(e)->parts, n);
        break;
      case ExprKind::kTuple:
        out_ << "tuple\n";
        for (const Expr* x : static_cast<const TupleExpr*>(e)->items()) {
          Indent(n);
          ExprDump(x, n + 1);
        }
        break;
      case ExprKind::kObject:
        out_ << "object\n";
        for (const ObjectItem& i : static_cast<const ObjectExpr*>(e)->items()) {
          Indent(n);
          out_ << "key ";
          ExprDump(i.key, n + 1);
          Indent(n);
          out_ << "val ";
          ExprDump(i.value, n + 1);
        }
        break;
      case ExprKind::kVariable:
        out_ << "var " << static_cast<const VariableExpr*>(e)->name() << "\n";
        break;
      case ExprKind::kTraversal: {
        auto* t = static_cast<const TraversalExpr*>(e);
        out_ << "traversal\n";
        Indent(n);
        if (t->base()) {
          ExprDump(t->base(), n + 1);
        } else {  // dumped as the variable node it once was
          SpanDump(t->root_span());
          out_ << " var " << t->root_name() << "\n";
        }
        StepsDump(t->steps, n);
        break;
      }
      case ExprKind::kCall: {
        auto* c = static_cast<const CallExpr*>(e);
        out_ << "call " << c->name();
        SpanDump(c->name_span());
        out_ << (c->expand_final ? " ...\n" : "\n");
        for (const Expr* a : c->args) {
          Indent(n);
          ExprDump(a, n + 1);
        }
        break;
      }
      case ExprKind::kFor: {
        auto* f = static_cast<const ForExpr*>(e);
        out_ << "for" << (f->is_object ? "{} " : "[] ") << f->key_var << "," << f->value_var
             << (f->grouping ? " grouping" : "") << "\n";
        Indent(n);
        out_ << "in ";
        ExprDump(f->collection, n + 1);
        if (f->key) {
          Indent(n);
          out_ << "key ";
          ExprDump(f->key, n + 1);
        }
        Indent(n);
        out_ << "value ";
        ExprDump(f->value, n + 1);
        if (f->cond) {
          Indent(n);
          out_ << "if ";
          ExprDump(f->cond, n + 1);
        }
        break;
      }
      case ExprKind::kUnary: {
        auto* u = static_cast<const UnaryExpr*>(e);
        out_ << "unary " << u->op << "\n";
        Indent(n);
        ExprDump(u->operand, n + 1);
        break;
      }
      case ExprKind::kBinary: {
        auto* b = static_cast<const BinaryExpr*>(e);
        out_ << "binary " << BinaryOpText(b->op) << "\n";
        Indent(n);
        ExprDump(b->lhs, n + 1);
        Indent(n);
        ExprDump(b->rhs, n + 1);
        break;
      }
      case ExprKind::kConditional: {
        auto* c = static_cast<const ConditionalExpr*>(e);
        out_ << "conditional\n";
        Indent(n);
        ExprDump(c->cond, n + 1);
        Indent(n);
        ExprDump(c->then, n + 1);
        Indent(n);
        ExprDump(c->otherwise, n + 1);
        break;
      }
      case ExprKind::kParens:
        out_ << "parens\n";
        Indent(n);
        ExprDump(static_cast<const ParensExpr*>(e)->inner, n + 1);
        break;
    }
  }

  std::ostringstream out_;
};

std::string Dump(const hcl::File& f) { return Dumper().File(f); }

bool IsTemplatePath(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  return ext == ".tftpl" || ext == ".tpl";
}

// Files where tree-sitter's grammar and HCL disagree, with the reason; the
// native parser follows HCL there.
struct KnownDifference {
  const char* path;  ///< relative to the source directory
  const char* why;
};
const KnownDifference kKnownDifferences[] = {
    {"fixtures/evaluator/expressions/main.tf",
     "`false ? \"a\" : true ? \"b\" : \"c\"`: tree-sitter's conditional is left-associative, "
     "(false ? \"a\" : true) ? ...; HCL's is right-associative (see ChainedConditional)"},
    {"fixtures/examples/compliant/modules/network/main.tf",
     "`t == \"public\" ? x : t == \"app\" ? y : z`: the same chained conditional"},
};

TEST(HclDifferential, EveryFixtureParsesAlikeWithBothParsers) {
  std::filesystem::path root(INFRACHECK_SOURCE_DIR);
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"fixtures", "tests"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
      if (!entry.is_regular_file()) continue;
      std::string ext = entry.path().extension().string();
      if (ext == ".tf" || ext == ".tfvars" || IsTemplatePath(entry.path())) {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 300u);
  size_t compared = 0;
  std::set<std::string> differing;
  for (const auto& path : files) {
    std::string rel = std::filesystem::relative(path, root).string();
    SourceFile source(rel, path.string(), ReadFile(path));
    bool templ = IsTemplatePath(path);
    auto native = templ ? ParseTemplate(source) : ParseFile(source);
    auto reference = templ ? ParseTemplateTreeSitter(source) : ParseFileTreeSitter(source);
    std::string a = Dump(*native), b = Dump(*reference);
    ++compared;
    if (a == b) continue;
    differing.insert(rel);
    bool known = std::any_of(std::begin(kKnownDifferences), std::end(kKnownDifferences),
                             [&](const KnownDifference& k) { return rel == k.path; });
    if (known) continue;
    ADD_FAILURE() << rel << ": the parsers disagree\n--- native"
                  << (native->error ? " (" + native->error->message + " at " +
                                          std::to_string(native->error->line) + ":" +
                                          std::to_string(native->error->column) + ")"
                                    : std::string())
                  << "\n"
                  << a << "--- tree-sitter"
                  << (reference->error ? " (" + reference->error->message + ")" : std::string())
                  << "\n"
                  << b;
  }
  // A known difference that no longer differs is a stale entry, and would
  // hide a new one in the same file.
  for (const KnownDifference& k : kKnownDifferences) {
    EXPECT_TRUE(differing.count(k.path)) << k.path << " is listed as differing but does not";
  }
  std::cout << "compared " << compared << " files, " << differing.size() << " differ (known)\n";
}

// Snippets on which both parsers must agree: the corners of each construct.
const char* const kSnippets[] = {
    "",
    "# only a comment\n",
    "a = 1\n",
    "a = 1",
    "a = 1.5\nb = 1e12\nc = 2.5E-3\nd = 12345678901234567\ne = 0.00120\n",
    "a = -1\nb = !true\nc = - - 1\nd = !!x\n",
    "a = 1 + 2 * 3 - 4 / 5 % 6\n",
    "a = x || y && z == w != v < u <= t > s >= r\n",
    "a = (1 + 2) * 3\n",
    "a = -x.y[0]\n",
    "a = !a || b\n",
    "a = x ? y : z\n",
    "a = x ? y ? 1 : 2 : 3\n",
    "a = x == 1 ? \"a\" : \"b\"\n",
    "a = a.b.c\nb = a[0].b\nc = a.0.b\nd = a[\"k\"]\n",
    "a = a[*].b\nb = a[*].b[0].c\nc = a[*].b[*].c\nd = a[*]\n",
    "a = a.*.b\nb = a.*.b[0]\nc = a.*.b[0].c\nd = a.*\ne = a.*[0]\n",
    "a = a[*].b.*.c[0]\n",
    "a = f()\nb = f(1)\nc = f(1, 2,)\nd = f(x...)\ne = f(1, x...)\n",
    "a = provider::aws::arn_parse(x)\n",
    "a = []\nb = [1]\nc = [1, 2,]\nd = [\n  1,\n  2\n]\n",
    "a = {}\nb = {a = 1}\nc = {a = 1, b = 2}\nd = {\n  a = 1\n  b = 2\n}\n",
    "a = {\"k\" = 1, (x) = 2, x.y = 3, k: 4}\n",
    "a = {\n  a = 1,\n  b = 2,\n}\n",
    "a = [for x in xs : x]\nb = [for i, x in xs : x if x > 1]\n",
    "a = {for k, v in m : k => v}\nb = {for k, v in m : v => k... if k != \"\"}\n",
    "a = [\n  for x in xs :\n  x\n]\n",
    "a = \"\"\nb = \"abc\"\nc = \"a\\nb\\t\\\"\\\\\"\nd = \"\\u00e9\\U0001F600\"\n",
    "a = \"$${x} %%{y} $ % $x\"\n",
    "a = \"${x}\"\nb = \"a${x}b\"\nc = \"${x}${y}\"\nd = \"${ \"in${x}\" }\"\n",
    "a = \"x ${~ y ~} z\"\nb = \"  ${y~}  \"\n",
    "a = \"%{if x}a%{else}b%{endif}\"\nb = \"%{for k, v in m}${k}=${v},%{endfor}\"\n",
    "a = \"%{ if x ~}\n\"\n",
    "a = <<EOT\nhello\nEOT\n",
    "a = <<EOT\nEOT\n",
    "a = <<-EOT\n    hello\n      world\n    EOT\n",
    "a = <<EOT\n  ${x}\n  %{if y}\n  yes\n  %{endif}\nEOT\n",
    "a = <<-EOT\n  %{~ for x in xs ~}\n    ${x}\n  %{~ endfor ~}\n  EOT\nb = 1\n",
    "a = <<EOT\n$${x}\nEOT\n",
    "a = [<<EOT\nx\nEOT\n, 1]\n",
    "a = <<EOT\nx\n  EOT  \n",
    "resource \"a\" \"b\" {\n  x = 1\n}\n",
    "resource \"a\" \"b\" {}\n",
    "resource \"a\" \"b\" {\n}\n",
    "resource a b {\n  x = 1\n}\n",
    "lifecycle { create_before_destroy = true }\n",
    "a {\n  b {\n    c = 1\n  }\n  d = 2\n}\n",
    "a \"x\\\"y\" {\n}\n",
    "# c1\na = 1 # c2\n// c3\nb = /* c4 */ 2\n/* c5\n */\n",
    "a = [ # c\n  1, /* d */\n]\n",
    "a = 1\r\nb = 2\r\n",
    "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n",
    "{}",
    "a-b = a-b\nc_d = _x\n",
    "é = ñ\n",
    "a = null\nb = true\nc = false\nd = nulls\n",
    "a = \"x\" == \"y\"\n",
    "a = f(a)[0].b\nb = [1, 2][0]\nc = {a = 1}.a\nd = (x).y\n",
    "a = x[\n  0\n]\n",
    "a = (\n  1 +\n  2\n)\n",
    "a = f(\n  1,\n  2\n)\n",
    "a = \"${\n  x\n}\"\n",
    "a = x.y.*.z\n",
    "a = 1 # c\n",
    "a = <<EOT\n  a ${b ~}\n  c\nEOT\n",
    "a = <<-EOT\n\ta\n\n    b\n  EOT\n",
    "a = \"${x}\\n\"\n",
    "a = \"%{ for x in xs ~} ${x} %{~ endfor }\"\n",
    "a = \"%{if a}%{if b}x%{else}y%{endif}%{endif}\"\n",
    "x = \"${a ? \"b\" : \"c\"}\"\n",
    "a = {\n  for k, v in m :\n  k => v\n}\n",
    "a = 1\n\n\nb {\n\n  c = 2\n\n}\n\n",
    "a = [1, [2, [3]]]\n",
    "a = f(g(h(1)))\n",
    "a = x[0][1][\"a\"]\n",
    "a = x[y[z]]\n",
    "a = try(x.y, null) != null\n",
    "a = {(k) = 1}\n",
    "Hello ${name}!\n%{ if admin }root%{ endif }\n",
    "trailing ${x ~}",
    "trailing ${x ~}\n",
    "line\n",
    // Errors.
    "a = \n",
    "a = 1 +\n",
    "a b\n",
    "a = (1\n",
    "a = [1\n",
    "a = \"abc\n",
    "a = \"abc\nb = 1\n",
    "a = \"${x\"\n",
    "a = \"%{if x}\"\n",
    "a = \"%{endif}\"\n",
    "a = <<EOT\nabc\n",
    "a {\n",
    "}\n",
    "a = 1\na = 2\n",
    "a = \"\\q\"\n",
    "a = f(1,,2)\n",
    "a = {a = 1 = 2}\n",
    "a = 1 ~ 2\n",
    "a = ${x}\n",
    "/* open\n",
    "a = \"${}\"\n",
    "a = [for x in y]\n",
};

TEST(HclDifferential, SnippetsParseAlikeWithBothParsers) {
  for (const char* text : kSnippets) {
    SourceFile source("snippet.tf", "/snippet.tf", text);
    auto native = ParseFile(source);
    auto reference = ParseFileTreeSitter(source);
    EXPECT_EQ(Dump(*native), Dump(*reference))
        << "snippet:\n"
        << text << "\nnative error: " << (native->error ? native->error->message : "none");
    auto native_t = ParseTemplate(source);
    auto reference_t = ParseTemplateTreeSitter(source);
    EXPECT_EQ(Dump(*native_t), Dump(*reference_t))
        << "template:\n"
        << text << "\nnative error: " << (native_t->error ? native_t->error->message : "none");
  }
}

}  // namespace
}  // namespace infracheck::testing
