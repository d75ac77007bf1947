// tree-sitter TypeScript tree -> our syntax layer, in one pass.
//
// Only what SST configs use is converted; everything else becomes an
// Unsupported node (so it evaluates to unknown) rather than an error: a
// config may use any TypeScript, and we must never guess at what we do not
// read. Type annotations, `as`, `satisfies`, `!` and `await` are looked
// through.
#include <algorithm>
#include <charconv>
#include <cstring>
#include <unordered_map>

#include "parsers/ts_util.h"
#include "parsers/typescript/escapes.h"
#include "parsers/typescript/syntax.h"

namespace infracheck::typescript {

namespace {

// Deeper nesting than this is an error, as in the HCL and JSON parsers: the
// converter (and later the evaluator) recurses per level.
constexpr int kMaxDepth = 200;

// Brackets nested deeper than this are refused before tree-sitter sees them.
// Its error recovery is quadratic in the depth of what it recovers from (48 KB
// of unclosed parentheses with one stray byte took 2.8 s and, under ASan, 2 GB),
// and any file nested even kMaxDepth deep is refused after parsing anyway.
constexpr int kMaxBracketDepth = 5 * kMaxDepth;

// Where brackets outside strings and comments first nest deeper than
// kMaxBracketDepth, if they do. A template literal is skipped whole, `${...}`
// included, which errs towards accepting. Regular expressions are read as
// code: a file would need hundreds of unmatched brackets in them to be refused.
std::optional<uint32_t> TooDeepBrackets(std::string_view t) {
  int depth = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '"' || c == '\'' || c == '`') {
      for (++i; i < t.size() && t[i] != c; ++i) {
        if (t[i] == '\\') ++i;
      }
    } else if (c == '/' && i + 1 < t.size() && t[i + 1] == '/') {
      while (i < t.size() && t[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < t.size() && t[i + 1] == '*') {
      size_t end = t.find("*/", i + 2);
      i = end == std::string_view::npos ? t.size() : end + 1;
    } else if (c == '(' || c == '[' || c == '{') {
      if (++depth > kMaxBracketDepth) return static_cast<uint32_t>(i);
    } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

std::string_view NodeType(TSNode n) { return ts_node_type(n); }

class Converter {
 public:
  explicit Converter(File& file) : file_(file), text_(file.source->text()) {}

  void ConvertProgram(TSNode root);
  /// Where nesting first went deeper than kMaxDepth, if it did.
  const std::optional<uint32_t>& too_deep() const { return too_deep_; }

 private:
  // Records the first place nesting is too deep; what is there is not read.
  const Expr* TooDeep(TSNode n) {
    if (!too_deep_) too_deep_ = ts_node_start_byte(n);
    return Unsupported(n);
  }
  Span SpanOf(TSNode n) const {
    return Span{file_.source, ts_node_start_byte(n), ts_node_end_byte(n)};
  }
  std::string_view TextOf(TSNode n) const {
    uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
    return std::string_view(text_).substr(b, e - b);
  }
  TSNode Field(TSNode n, const char* name) const {
    return ts_node_child_by_field_name(n, name, static_cast<uint32_t>(std::strlen(name)));
  }
  std::vector<TSNode> NamedChildren(TSNode n) const {
    std::vector<TSNode> out;
    uint32_t count = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode k = ts_node_named_child(n, i);
      if (NodeType(k) != "comment") out.push_back(k);
    }
    return out;
  }
  bool HasChildOfType(TSNode n, std::string_view type) const {
    uint32_t count = ts_node_child_count(n);
    for (uint32_t i = 0; i < count; ++i) {
      if (NodeType(ts_node_child(n, i)) == type) return true;
    }
    return false;
  }

  // Something the evaluator does not follow, with what it may do around it.
  const Expr* Unsupported(TSNode n) {
    auto* e = file_.New<UnsupportedExpr>(SpanOf(n));
    if (!too_deep_) e->effects = EffectsOf(n);
    return e;
  }
  const Stmt* UnsupportedStatement(TSNode n) {
    auto* s = file_.New<UnsupportedStmt>(SpanOf(n));
    if (!too_deep_) s->effects = EffectsOf(n);
    return s;
  }
  Effects EffectsOf(TSNode n);
  // The variables an assignment to `n` assigns (`x`, or those a pattern
  // names) or changes (`x.a.b`, `x[k]`).
  void AddTarget(TSNode n, Effects& fx);
  const Expr* ConvertExpr(TSNode n, int depth);
  const Expr* ConvertString(TSNode n);
  const Expr* ConvertTemplate(TSNode n, int depth);
  const Expr* ConvertNumber(TSNode n);
  const Expr* ConvertObject(TSNode n, int depth);
  const Expr* ConvertArray(TSNode n, int depth);
  const FunctionExpr* ConvertFunction(TSNode n, int depth);
  std::vector<Argument> ConvertArguments(TSNode args, int depth);
  const Stmt* ConvertStmt(TSNode n, int depth);
  void CollectPatternNames(TSNode n, std::vector<std::string_view>& out, int depth);
  // The fields of `{ a, b: c, d = 1 }`; empty for any other pattern.
  std::vector<PatternField> SimplePattern(TSNode n, int depth);
  std::vector<PatternField> SimpleObjectPattern(TSNode n, int depth);
  std::vector<PatternField> SimpleArrayPattern(TSNode n, int depth);
  const Stmt* ConvertImport(TSNode n);
  const Stmt* ConvertExport(TSNode n);
  const Stmt* ConvertForOf(TSNode n, int depth);
  bool HasJump(TSNode n, int depth) const;
  const Stmt* ConvertSwitch(TSNode n, int depth);
  VarStmt* ConvertVar(TSNode n, int depth);
  // A string literal's value, if it has one we can read.
  std::optional<std::string> StringValue(TSNode n) const {
    std::string_view raw = TextOf(n);
    std::string out;
    if (NodeType(n) != "string" || raw.size() < 2 ||
        !Unescape(raw.substr(1, raw.size() - 2), out)) {
      return std::nullopt;
    }
    return out;
  }

  File& file_;
  std::string_view text_;
  std::optional<uint32_t> too_deep_;
  // HasJump of each loop converted so far, by node: an enclosing loop's
  // search stops there instead of walking the inner loop's body again.
  std::unordered_map<const void*, bool> loop_jumps_;
};

void Converter::ConvertProgram(TSNode root) {
  for (TSNode k : NamedChildren(root)) {
    if (NodeType(k) == "export_statement") {
      TSNode value = Field(k, "value");
      if (!ts_node_is_null(value) && HasChildOfType(k, "default")) {
        file_.default_export = ConvertExpr(value, 0);
        continue;
      }
      TSNode decl = Field(k, "declaration");
      if (!ts_node_is_null(decl)) {
        std::string_view dt = NodeType(decl);
        if (dt == "lexical_declaration" || dt == "variable_declaration") {
          VarStmt* v = ConvertVar(decl, 0);
          v->exported = true;
          file_.body.push_back(v);
        } else {
          file_.body.push_back(ConvertStmt(decl, 0));
          // `export function f`, `export class C`: the name is exported,
          // with a value the evaluator does not know.
          TSNode name = Field(decl, "name");
          if (!ts_node_is_null(name) && NodeType(name) == "identifier") {
            auto* e = file_.New<ExportStmt>(SpanOf(k));
            e->named.emplace_back(TextOf(name), TextOf(name));
            file_.body.push_back(e);
          }
        }
        continue;
      }
      if (ts_node_is_null(value)) {
        file_.body.push_back(ConvertExport(k));
        continue;
      }
    }
    file_.body.push_back(ConvertStmt(k, 0));
  }
}

const Stmt* Converter::ConvertStmt(TSNode n, int depth) {
  Span sp = SpanOf(n);
  if (depth > kMaxDepth) {
    TooDeep(n);
    return file_.New<UnsupportedStmt>(sp);
  }
  std::string_view type = NodeType(n);
  if (type == "lexical_declaration" || type == "variable_declaration") return ConvertVar(n, depth);
  if (type == "expression_statement") {
    auto kids = NamedChildren(n);
    if (kids.size() != 1) return UnsupportedStatement(n);
    return file_.New<ExprStmt>(sp, ConvertExpr(kids[0], depth + 1));
  }
  if (type == "if_statement") {
    auto* s = file_.New<IfStmt>(sp);
    TSNode cond = Field(n, "condition");
    s->cond = ts_node_is_null(cond) ? Unsupported(n) : ConvertExpr(cond, depth + 1);
    TSNode then = Field(n, "consequence");
    s->then = ts_node_is_null(then) ? UnsupportedStatement(n) : ConvertStmt(then, depth + 1);
    TSNode alt = Field(n, "alternative");
    if (!ts_node_is_null(alt)) {
      auto kids = NamedChildren(alt);
      s->otherwise = kids.size() == 1 ? ConvertStmt(kids[0], depth + 1) : UnsupportedStatement(alt);
    }
    return s;
  }
  if (type == "for_in_statement") return ConvertForOf(n, depth);
  if (type == "switch_statement") return ConvertSwitch(n, depth);
  if (type == "return_statement") {
    auto kids = NamedChildren(n);
    return file_.New<ReturnStmt>(sp, kids.empty() ? nullptr : ConvertExpr(kids[0], depth + 1));
  }
  if (type == "statement_block") {
    auto* b = file_.New<BlockStmt>(sp);
    for (TSNode k : NamedChildren(n)) b->body.push_back(ConvertStmt(k, depth + 1));
    return b;
  }
  if (type == "import_statement") return ConvertImport(n);
  if (type == "function_declaration") {
    TSNode name = Field(n, "name");
    if (ts_node_is_null(name)) return UnsupportedStatement(n);
    auto* f = file_.New<FunctionStmt>(sp);
    f->name = TextOf(name);
    f->function = ConvertFunction(n, depth + 1);
    return f;
  }
  if (type == "empty_statement") return file_.New<BlockStmt>(sp);  // nothing to do
  return UnsupportedStatement(n);
}

VarStmt* Converter::ConvertVar(TSNode n, int depth) {
  Span sp = SpanOf(n);
  auto* v = file_.New<VarStmt>(sp);
  for (TSNode d : NamedChildren(n)) {
    if (NodeType(d) != "variable_declarator") continue;
    Declarator decl;
    TSNode name = Field(d, "name");
    if (!ts_node_is_null(name) && NodeType(name) == "identifier") {
      decl.name = TextOf(name);
      decl.name_span = SpanOf(name);
    } else if (!ts_node_is_null(name)) {
      CollectPatternNames(name, decl.pattern_names, depth + 1);
      decl.fields = SimplePattern(name, depth + 1);
    }
    TSNode value = Field(d, "value");
    if (!ts_node_is_null(value)) decl.init = ConvertExpr(value, depth + 1);
    v->declarators.push_back(std::move(decl));
  }
  return v;
}

const Stmt* Converter::ConvertImport(TSNode n) {
  auto* s = file_.New<ImportStmt>(SpanOf(n));
  TSNode source = Field(n, "source");
  if (ts_node_is_null(source)) return s;
  s->source = StringValue(source).value_or("");
  for (TSNode clause : NamedChildren(n)) {
    if (NodeType(clause) != "import_clause") continue;
    for (TSNode k : NamedChildren(clause)) {
      std::string_view type = NodeType(k);
      if (type == "identifier") {
        s->default_name = TextOf(k);
      } else if (type == "namespace_import") {
        auto kids = NamedChildren(k);
        if (kids.size() == 1) s->namespace_name = TextOf(kids[0]);
      } else if (type == "named_imports") {
        for (TSNode spec : NamedChildren(k)) {
          TSNode name = Field(spec, "name");
          TSNode alias = Field(spec, "alias");
          if (ts_node_is_null(name)) continue;
          s->named.emplace_back(TextOf(name), TextOf(ts_node_is_null(alias) ? name : alias));
        }
      }
    }
  }
  return s;
}

const Stmt* Converter::ConvertForOf(TSNode n, int depth) {
  auto* f = file_.New<ForOfStmt>(SpanOf(n));
  TSNode left = Field(n, "left");
  TSNode right = Field(n, "right");
  TSNode body = Field(n, "body");
  TSNode op = Field(n, "operator");
  if (ts_node_is_null(left) || ts_node_is_null(right) || ts_node_is_null(body) ||
      ts_node_is_null(op) || ts_node_is_null(Field(n, "kind"))) {
    // `for (x of list)` assigns an outer variable: not followed.
    return UnsupportedStatement(n);
  }
  if (NodeType(left) == "identifier") {
    f->name = TextOf(left);
    f->name_span = SpanOf(left);
  } else {
    CollectPatternNames(left, f->pattern_names, depth + 1);
    f->fields = SimplePattern(left, depth + 1);
  }
  f->keys = NodeType(op) == "in";
  f->iterable = ConvertExpr(right, depth + 1);
  // The body first: the loops in it record whether they jump.
  f->body = ConvertStmt(body, depth + 1);
  f->jumps = HasJump(body, depth + 1);
  loop_jumps_[n.id] = f->jumps;
  return f;
}

// Whether a loop body holds a statement that ends an iteration or the loop
// early (in nested functions too: it cannot tell which).
bool Converter::HasJump(TSNode n, int depth) const {
  if (depth > kMaxDepth) return true;
  std::string_view type = NodeType(n);
  if (type == "break_statement" || type == "continue_statement" || type == "throw_statement") {
    return true;
  }
  if (type == "for_in_statement") {
    if (auto it = loop_jumps_.find(n.id); it != loop_jumps_.end()) return it->second;
  }
  for (TSNode k : NamedChildren(n)) {
    if (HasJump(k, depth + 1)) return true;
  }
  return false;
}

const Stmt* Converter::ConvertSwitch(TSNode n, int depth) {
  TSNode value = Field(n, "value");
  TSNode body = Field(n, "body");
  if (ts_node_is_null(value) || ts_node_is_null(body)) return UnsupportedStatement(n);
  auto* s = file_.New<SwitchStmt>(SpanOf(n));
  for (TSNode k : NamedChildren(body)) {
    std::string_view type = NodeType(k);
    if (type != "switch_case" && type != "switch_default") continue;
    SwitchCase c;
    if (type == "switch_case") {
      TSNode test = Field(k, "value");
      if (ts_node_is_null(test)) return UnsupportedStatement(n);
      c.test = ConvertExpr(test, depth + 1);
    }
    std::vector<TSNode> statements;
    uint32_t count = ts_node_child_count(k);
    for (uint32_t i = 0; i < count; ++i) {
      const char* field = ts_node_field_name_for_child(k, i);
      if (field && std::string_view(field) == "body") statements.push_back(ts_node_child(k, i));
    }
    for (size_t i = 0; i < statements.size(); ++i) {
      TSNode st = statements[i];
      if (NodeType(st) == "break_statement" && ts_node_is_null(Field(st, "label")) &&
          i + 1 == statements.size()) {
        c.breaks = true;
        break;
      }
      // Any other way out (a break in an if, continue, throw) is not followed.
      if (HasJump(st, depth + 1)) return UnsupportedStatement(n);
      c.body.push_back(ConvertStmt(st, depth + 1));
    }
    s->cases.push_back(std::move(c));
  }
  s->discriminant = ConvertExpr(value, depth + 1);
  return s;
}

void Converter::AddTarget(TSNode n, Effects& fx) {
  bool member = false;
  for (int steps = 0; !ts_node_is_null(n) && steps < kMaxDepth; ++steps) {
    std::string_view type = NodeType(n);
    if (type == "identifier") {
      (member ? fx.changes : fx.assigns).push_back(TextOf(n));
      return;
    }
    if (type == "member_expression" || type == "subscript_expression") {
      member = true;
      n = Field(n, "object");
    } else if (type == "parenthesized_expression" || type == "non_null_expression" ||
               type == "as_expression" || type == "satisfies_expression") {
      auto kids = NamedChildren(n);
      if (kids.empty()) return;
      n = kids[0];
    } else {
      // [a, b] = ..., ({ a } = ...); a call's result (f().x = 1) changes nothing of ours
      if (!member) CollectPatternNames(n, fx.assigns, 0);
      return;
    }
  }
}

Effects Converter::EffectsOf(TSNode n) {
  Effects fx;
  // Iterative: what is not followed can be as deep as the file allows.
  std::vector<std::pair<TSNode, bool>> stack = {{n, false}};  // node, inside a function in it
  while (!stack.empty()) {
    auto [k, in_function] = stack.back();
    stack.pop_back();
    std::string_view type = NodeType(k);
    if (!in_function && (type == "return_statement" || type == "throw_statement")) fx.jumps = true;
    if (type == "assignment_expression" || type == "augmented_assignment_expression") {
      AddTarget(Field(k, "left"), fx);
    } else if (type == "update_expression") {
      AddTarget(Field(k, "argument"), fx);
    } else if (type == "unary_expression") {
      TSNode op = Field(k, "operator");
      if (!ts_node_is_null(op) && NodeType(op) == "delete") AddTarget(Field(k, "argument"), fx);
    } else if (type == "for_in_statement" && ts_node_is_null(Field(k, "kind"))) {
      AddTarget(Field(k, "left"), fx);  // for (x of list): an outer x
    } else if (type == "call_expression" || type == "new_expression") {
      // A method may change its receiver; a function, what it is passed.
      TSNode callee = Field(k, type == "call_expression" ? "function" : "constructor");
      if (!ts_node_is_null(callee) && NodeType(callee) == "member_expression") {
        AddTarget(callee, fx);  // its object
      }
      TSNode args = Field(k, "arguments");
      if (!ts_node_is_null(args)) {
        for (TSNode a : NamedChildren(args)) {
          if (NodeType(a) == "identifier") fx.changes.push_back(TextOf(a));
        }
      }
    }
    bool function = type == "function_declaration" || type == "function_expression" ||
                    type == "function" || type == "arrow_function" ||
                    type == "generator_function_declaration" || type == "generator_function" ||
                    type == "method_definition" || type == "class_declaration" || type == "class";
    uint32_t count = ts_node_named_child_count(k);
    for (uint32_t i = 0; i < count; ++i) {
      stack.emplace_back(ts_node_named_child(k, i), in_function || function);
    }
  }
  for (auto* names : {&fx.assigns, &fx.changes}) {
    std::sort(names->begin(), names->end());
    names->erase(std::unique(names->begin(), names->end()), names->end());
  }
  return fx;
}

const Stmt* Converter::ConvertExport(TSNode n) {
  auto* s = file_.New<ExportStmt>(SpanOf(n));
  TSNode source = Field(n, "source");
  if (!ts_node_is_null(source)) s->source = StringValue(source).value_or("");
  bool clause = false;
  for (TSNode k : NamedChildren(n)) {
    std::string_view type = NodeType(k);
    if (type == "namespace_export") {
      clause = true;
      auto kids = NamedChildren(k);
      if (kids.size() == 1 && NodeType(kids[0]) == "identifier")
        s->namespace_name = TextOf(kids[0]);
    } else if (type == "export_clause") {
      clause = true;
      for (TSNode spec : NamedChildren(k)) {
        TSNode name = Field(spec, "name");
        TSNode alias = Field(spec, "alias");
        if (ts_node_is_null(name) || NodeType(name) != "identifier") continue;
        TSNode as = ts_node_is_null(alias) ? name : alias;
        if (NodeType(as) != "identifier") continue;
        s->named.emplace_back(TextOf(name), TextOf(as));
      }
    }
  }
  // `export * from "./m"`: a source, and neither a list nor `* as`.
  s->all = !clause && !ts_node_is_null(source);
  return s;
}

std::vector<PatternField> Converter::SimplePattern(TSNode n, int depth) {
  return NodeType(n) == "array_pattern" ? SimpleArrayPattern(n, depth)
                                        : SimpleObjectPattern(n, depth);
}

// `[a, , b = 1]`: elements by position (a hole is a comma with nothing before it).
std::vector<PatternField> Converter::SimpleArrayPattern(TSNode n, int depth) {
  std::vector<PatternField> out;
  int32_t index = 0;
  uint32_t count = ts_node_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode k = ts_node_child(n, i);
    std::string_view type = NodeType(k);
    if (!ts_node_is_named(k)) {
      if (type == ",") ++index;
      continue;
    }
    if (type == "comment") continue;
    PatternField f;
    f.index = index;
    TSNode name = k;
    if (type == "assignment_pattern") {
      name = Field(k, "left");
      TSNode right = Field(k, "right");
      if (ts_node_is_null(name) || ts_node_is_null(right)) return {};
      f.default_value = ConvertExpr(right, depth + 1);
    }
    if (NodeType(name) != "identifier") return {};  // rest, nesting
    f.name = TextOf(name);
    f.name_span = SpanOf(name);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<PatternField> Converter::SimpleObjectPattern(TSNode n, int depth) {
  std::vector<PatternField> out;
  if (NodeType(n) != "object_pattern") return out;
  for (TSNode k : NamedChildren(n)) {
    std::string_view type = NodeType(k);
    PatternField f;
    TSNode name = k;
    if (type == "object_assignment_pattern") {
      name = Field(k, "left");
      TSNode right = Field(k, "right");
      if (ts_node_is_null(name) || ts_node_is_null(right)) return {};
      f.default_value = ConvertExpr(right, depth + 1);
      type = NodeType(name);
    }
    if (type == "shorthand_property_identifier_pattern") {
      f.key = TextOf(name);
    } else if (type == "pair_pattern") {
      TSNode key = Field(k, "key");
      name = Field(k, "value");
      if (ts_node_is_null(key) || ts_node_is_null(name)) return {};
      if (NodeType(key) == "property_identifier") {
        f.key = TextOf(key);
      } else if (auto str = StringValue(key)) {
        f.key = *str;
      } else {
        return {};
      }
      if (NodeType(name) == "assignment_pattern") {
        TSNode right = Field(name, "right");
        name = Field(name, "left");
        if (ts_node_is_null(right) || ts_node_is_null(name)) return {};
        f.default_value = ConvertExpr(right, depth + 1);
      }
      if (NodeType(name) != "identifier") return {};
    } else {
      return {};  // rest, nesting
    }
    f.name = TextOf(name);
    f.name_span = SpanOf(name);
    out.push_back(std::move(f));
  }
  return out;
}

void Converter::CollectPatternNames(TSNode n, std::vector<std::string_view>& out, int depth) {
  if (depth > kMaxDepth) {
    TooDeep(n);
    return;
  }
  std::string_view type = NodeType(n);
  if (type == "identifier" || type == "shorthand_property_identifier_pattern") {
    out.push_back(TextOf(n));
    return;
  }
  if (type == "pair_pattern") {
    TSNode value = Field(n, "value");
    if (!ts_node_is_null(value)) CollectPatternNames(value, out, depth + 1);
    return;
  }
  if (type == "assignment_pattern" || type == "object_assignment_pattern") {
    TSNode left = Field(n, "left");
    if (!ts_node_is_null(left)) CollectPatternNames(left, out, depth + 1);
    return;
  }
  for (TSNode k : NamedChildren(n)) CollectPatternNames(k, out, depth + 1);
}

const Expr* Converter::ConvertString(TSNode n) {
  std::string_view raw = TextOf(n);
  Span sp = SpanOf(n);
  if (raw.size() < 2) return Unsupported(n);
  std::string out;
  if (!Unescape(raw.substr(1, raw.size() - 2), out)) return Unsupported(n);
  return file_.New<LiteralExpr>(sp, Value::String(std::move(out), sp), false);
}

const Expr* Converter::ConvertTemplate(TSNode n, int depth) {
  Span sp = SpanOf(n);
  auto* t = file_.New<TemplateExpr>(sp);
  // Literal text is taken from the gaps between substitutions, so that no
  // character of it depends on how the grammar splits fragments.
  uint32_t at = ts_node_start_byte(n) + 1;
  uint32_t end = ts_node_end_byte(n) - 1;
  auto add_text = [&](uint32_t from, uint32_t to) -> bool {
    if (to <= from) return true;
    TemplatePart p;
    if (!Unescape(std::string_view(text_).substr(from, to - from), p.text)) return false;
    p.span = Span{file_.source, from, to};
    t->parts.push_back(std::move(p));
    return true;
  };
  for (TSNode k : NamedChildren(n)) {
    if (NodeType(k) != "template_substitution") continue;
    if (!add_text(at, ts_node_start_byte(k))) return Unsupported(n);
    auto kids = NamedChildren(k);
    TemplatePart p;
    p.expr = kids.size() == 1 ? ConvertExpr(kids[0], depth + 1) : Unsupported(k);
    p.span = SpanOf(k);
    t->parts.push_back(std::move(p));
    at = ts_node_end_byte(k);
  }
  if (!add_text(at, end)) return Unsupported(n);
  return t;
}

const Expr* Converter::ConvertNumber(TSNode n) {
  std::string_view raw = TextOf(n);
  Span sp = SpanOf(n);
  double d = 0;
  if (raw.find_first_of("xXoObB_n") != std::string_view::npos) {
    // Hex, octal, binary, separators and BigInt: integers only.
    std::string digits;
    for (char c : raw) {
      if (c != '_') digits.push_back(c);
    }
    int base = 10;
    size_t skip = 0;
    if (digits.size() > 2 && digits[0] == '0') {
      char p = static_cast<char>(digits[1] | 0x20);
      base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
      if (base != 10) skip = 2;
    }
    if (!digits.empty() && digits.back() == 'n') return Unsupported(n);
    uint64_t v = 0;
    auto r = std::from_chars(digits.data() + skip, digits.data() + digits.size(), v, base);
    if (r.ec != std::errc() || r.ptr != digits.data() + digits.size()) {
      auto r2 = std::from_chars(digits.data(), digits.data() + digits.size(), d);
      if (r2.ec != std::errc() || r2.ptr != digits.data() + digits.size()) return Unsupported(n);
    } else {
      d = static_cast<double>(v);
    }
  } else {
    std::string_view t = raw;
    std::string fixed;
    if (!t.empty() && t[0] == '.') {  // ".5"
      fixed = "0" + std::string(t);
      t = fixed;
    }
    auto r = std::from_chars(t.data(), t.data() + t.size(), d);
    if (r.ec != std::errc() ||
        (r.ptr != t.data() + t.size() && !(*r.ptr == '.' && r.ptr + 1 == t.data() + t.size()))) {
      return Unsupported(n);
    }
  }
  return file_.New<LiteralExpr>(sp, Value::Number(d, sp), false);
}

std::vector<Argument> Converter::ConvertArguments(TSNode args, int depth) {
  std::vector<Argument> out;
  for (TSNode a : NamedChildren(args)) {
    if (NodeType(a) == "spread_element") {
      auto kids = NamedChildren(a);
      out.push_back({kids.size() == 1 ? ConvertExpr(kids[0], depth + 1) : Unsupported(a), true});
    } else {
      out.push_back({ConvertExpr(a, depth + 1), false});
    }
  }
  return out;
}

const Expr* Converter::ConvertObject(TSNode n, int depth) {
  auto* o = file_.New<ObjectExpr>(SpanOf(n));
  for (TSNode k : NamedChildren(n)) {
    std::string_view type = NodeType(k);
    Property p;
    p.span = SpanOf(k);
    if (type == "pair") {
      TSNode key = Field(k, "key");
      TSNode value = Field(k, "value");
      if (ts_node_is_null(key) || ts_node_is_null(value)) continue;
      std::string_view kt = NodeType(key);
      p.key_span = SpanOf(key);
      p.value = ConvertExpr(value, depth + 1);
      if (kt == "property_identifier") {
        p.key = std::string(TextOf(key));
      } else if (kt == "string") {
        std::string_view raw = TextOf(key);
        if (raw.size() < 2 || !Unescape(raw.substr(1, raw.size() - 2), p.key)) {
          p.kind = Property::Kind::kComputed;
        }
      } else if (kt == "number") {
        const Expr* num = ConvertNumber(key);
        if (num->kind == ExprKind::kLiteral) {
          p.key = FormatNumber(static_cast<const LiteralExpr*>(num)->value.number());
        } else {
          p.kind = Property::Kind::kComputed;
        }
      } else {
        p.kind = Property::Kind::kComputed;
      }
    } else if (type == "shorthand_property_identifier") {
      p.kind = Property::Kind::kShorthand;
      p.key = std::string(TextOf(k));
      p.key_span = SpanOf(k);
      p.value = file_.New<IdentifierExpr>(SpanOf(k), TextOf(k));
    } else if (type == "spread_element") {
      p.kind = Property::Kind::kSpread;
      auto kids = NamedChildren(k);
      p.value = kids.size() == 1 ? ConvertExpr(kids[0], depth + 1) : Unsupported(k);
    } else if (type == "method_definition") {
      TSNode name = Field(k, "name");
      if (ts_node_is_null(name) || NodeType(name) != "property_identifier") {
        p.kind = Property::Kind::kComputed;
      } else {
        p.kind = Property::Kind::kMethod;
        p.key = std::string(TextOf(name));
        p.key_span = SpanOf(name);
        p.method = ConvertFunction(k, depth + 1);
      }
    } else {
      p.kind = Property::Kind::kComputed;
    }
    o->properties.push_back(std::move(p));
  }
  return o;
}

const Expr* Converter::ConvertArray(TSNode n, int depth) {
  auto* a = file_.New<ArrayExpr>(SpanOf(n));
  // Holes ([a, , b]) shift every later index: such an array stays unknown.
  uint32_t count = ts_node_child_count(n);
  bool expect_item = true;
  for (uint32_t i = 0; i < count; ++i) {
    TSNode k = ts_node_child(n, i);
    std::string_view type = NodeType(k);
    if (type == ",") {
      if (expect_item) a->has_holes = true;
      expect_item = true;
      continue;
    }
    if (!ts_node_is_named(k) || type == "comment") continue;
    expect_item = false;
    if (type == "spread_element") {
      auto kids = NamedChildren(k);
      a->items.push_back(
          {kids.size() == 1 ? ConvertExpr(kids[0], depth + 1) : Unsupported(k), true});
    } else {
      a->items.push_back({ConvertExpr(k, depth + 1), false});
    }
  }
  return a;
}

const FunctionExpr* Converter::ConvertFunction(TSNode n, int depth) {
  auto* f = file_.New<FunctionExpr>(SpanOf(n));
  TSNode single = Field(n, "parameter");
  if (!ts_node_is_null(single)) f->params.push_back(Param{TextOf(single), nullptr, {}});
  TSNode params = Field(n, "parameters");
  if (!ts_node_is_null(params)) {
    for (TSNode p : NamedChildren(params)) {
      Param param;
      TSNode pattern = Field(p, "pattern");
      if (!ts_node_is_null(pattern) && NodeType(pattern) == "identifier") {
        param.name = TextOf(pattern);
      } else if (!ts_node_is_null(pattern)) {
        CollectPatternNames(pattern, param.bound, depth + 1);
        param.fields = SimplePattern(pattern, depth + 1);
      } else if (NodeType(p) != "this") {
        CollectPatternNames(p, param.bound, depth + 1);
      }
      TSNode value = Field(p, "value");
      if (!ts_node_is_null(value)) param.default_value = ConvertExpr(value, depth + 1);
      f->params.push_back(std::move(param));
    }
  }
  TSNode body = Field(n, "body");
  if (ts_node_is_null(body)) return f;
  if (NodeType(body) == "statement_block") {
    f->body = ConvertStmt(body, depth + 1);
  } else {
    f->result = ConvertExpr(body, depth + 1);
  }
  return f;
}

BinaryOp BinaryOpOf(std::string_view op) {
  if (op == "===") return BinaryOp::kStrictEq;
  if (op == "!==") return BinaryOp::kStrictNe;
  if (op == "==") return BinaryOp::kLooseEq;
  if (op == "!=") return BinaryOp::kLooseNe;
  if (op == "&&") return BinaryOp::kAnd;
  if (op == "||") return BinaryOp::kOr;
  if (op == "??") return BinaryOp::kNullish;
  if (op == "+") return BinaryOp::kAdd;
  if (op == "-") return BinaryOp::kSub;
  if (op == "*") return BinaryOp::kMul;
  if (op == "/") return BinaryOp::kDiv;
  if (op == "%") return BinaryOp::kMod;
  if (op == "<") return BinaryOp::kLt;
  if (op == "<=") return BinaryOp::kLe;
  if (op == ">") return BinaryOp::kGt;
  if (op == ">=") return BinaryOp::kGe;
  return BinaryOp::kOther;
}

const Expr* Converter::ConvertExpr(TSNode n, int depth) {
  if (depth > kMaxDepth) return TooDeep(n);
  std::string_view type = NodeType(n);
  Span sp = SpanOf(n);
  if (type == "string") return ConvertString(n);
  if (type == "template_string") return ConvertTemplate(n, depth);
  if (type == "number") return ConvertNumber(n);
  if (type == "true" || type == "false") {
    return file_.New<LiteralExpr>(sp, Value::Bool(type == "true", sp), false);
  }
  if (type == "null") return file_.New<LiteralExpr>(sp, Value::Null(sp), false);
  if (type == "undefined") return file_.New<LiteralExpr>(sp, Value::Null(sp), true);
  if (type == "identifier" || type == "this") return file_.New<IdentifierExpr>(sp, TextOf(n));
  if (type == "parenthesized_expression" || type == "as_expression" ||
      type == "satisfies_expression" || type == "non_null_expression" ||
      type == "await_expression" || type == "type_assertion") {
    // The expression is the first named child that is not a type.
    for (TSNode k : NamedChildren(n)) {
      std::string_view kt = NodeType(k);
      if (kt == "type_annotation" || kt == "type_arguments") continue;
      return ConvertExpr(k, depth + 1);
    }
    return Unsupported(n);
  }
  if (type == "member_expression") {
    auto* m = file_.New<MemberExpr>(sp);
    TSNode obj = Field(n, "object");
    TSNode prop = Field(n, "property");
    if (ts_node_is_null(obj) || ts_node_is_null(prop) || NodeType(prop) != "property_identifier") {
      return Unsupported(n);
    }
    m->object = ConvertExpr(obj, depth + 1);
    m->property = TextOf(prop);
    m->property_span = SpanOf(prop);
    m->optional = !ts_node_is_null(Field(n, "optional_chain"));
    return m;
  }
  if (type == "subscript_expression") {
    auto* x = file_.New<IndexExpr>(sp);
    TSNode obj = Field(n, "object");
    TSNode index = Field(n, "index");
    if (ts_node_is_null(obj) || ts_node_is_null(index)) return Unsupported(n);
    x->object = ConvertExpr(obj, depth + 1);
    x->index = ConvertExpr(index, depth + 1);
    x->optional = !ts_node_is_null(Field(n, "optional_chain"));
    return x;
  }
  if (type == "call_expression" || type == "new_expression") {
    bool is_new = type == "new_expression";
    auto* c = file_.New<CallExpr>(is_new ? ExprKind::kNew : ExprKind::kCall, sp);
    TSNode callee = Field(n, is_new ? "constructor" : "function");
    TSNode args = Field(n, "arguments");
    if (ts_node_is_null(callee)) return Unsupported(n);
    if (!is_new && NodeType(callee) == "import") {
      // import("./infra/storage"): only a literal path can be followed.
      auto kids = ts_node_is_null(args) ? std::vector<TSNode>{} : NamedChildren(args);
      std::optional<std::string> path = kids.size() == 1 ? StringValue(kids[0]) : std::nullopt;
      if (path) return file_.New<ImportExpr>(sp, std::move(*path));
      // import("./infra/" + file): the evaluator may know the string.
      if (kids.size() != 1) return Unsupported(n);
      auto* i = file_.New<ImportExpr>(sp, std::string());
      i->specifier = ConvertExpr(kids[0], depth + 1);
      return i;
    }
    if (!is_new && !ts_node_is_null(args) && NodeType(args) == "template_string") {
      // pulumi.interpolate`...`: a tagged template.
      c->callee = ConvertExpr(callee, depth + 1);
      c->args.push_back(Argument{ConvertTemplate(args, depth + 1), false});
      c->tagged = true;
      return c;
    }
    if (!ts_node_is_null(args) && NodeType(args) != "arguments") return Unsupported(n);
    c->callee = ConvertExpr(callee, depth + 1);
    if (!ts_node_is_null(args)) c->args = ConvertArguments(args, depth);
    c->optional = !ts_node_is_null(Field(n, "optional_chain"));
    return c;
  }
  if (type == "object") return ConvertObject(n, depth);
  if (type == "array") return ConvertArray(n, depth);
  if (type == "unary_expression") {
    TSNode op = Field(n, "operator");
    TSNode arg = Field(n, "argument");
    if (ts_node_is_null(op) || ts_node_is_null(arg)) return Unsupported(n);
    return file_.New<UnaryExpr>(sp, NodeType(op), ConvertExpr(arg, depth + 1));
  }
  if (type == "binary_expression") {
    TSNode op = Field(n, "operator");
    TSNode l = Field(n, "left");
    TSNode r = Field(n, "right");
    if (ts_node_is_null(op) || ts_node_is_null(l) || ts_node_is_null(r)) return Unsupported(n);
    return file_.New<BinaryExpr>(sp, BinaryOpOf(NodeType(op)), ConvertExpr(l, depth + 1),
                                 ConvertExpr(r, depth + 1));
  }
  if (type == "ternary_expression") {
    auto* c = file_.New<ConditionalExpr>(sp);
    TSNode cond = Field(n, "condition");
    TSNode then = Field(n, "consequence");
    TSNode otherwise = Field(n, "alternative");
    if (ts_node_is_null(cond) || ts_node_is_null(then) || ts_node_is_null(otherwise)) {
      return Unsupported(n);
    }
    c->cond = ConvertExpr(cond, depth + 1);
    c->then = ConvertExpr(then, depth + 1);
    c->otherwise = ConvertExpr(otherwise, depth + 1);
    return c;
  }
  if (type == "assignment_expression" || type == "augmented_assignment_expression") {
    auto* a = file_.New<AssignExpr>(sp);
    TSNode left = Field(n, "left");
    TSNode right = Field(n, "right");
    if (ts_node_is_null(right)) return Unsupported(n);
    if (ts_node_is_null(left)) return Unsupported(n);
    std::string_view lt = NodeType(left);
    if (lt == "identifier") {
      a->target = TextOf(left);
      a->target_span = SpanOf(left);
    } else if (lt == "member_expression" || lt == "subscript_expression") {
      // `x.k = v`, or deeper or computed: the object in x changes.
      Effects base;
      AddTarget(left, base);
      if (base.changes.empty()) return Unsupported(n);
      a->target = base.changes[0];
      a->member = true;
      TSNode obj = Field(left, "object");
      TSNode prop = Field(left, "property");
      if (lt == "member_expression" && !ts_node_is_null(obj) && NodeType(obj) == "identifier" &&
          !ts_node_is_null(prop) && NodeType(prop) == "property_identifier") {
        a->property = TextOf(prop);
        a->target_span = SpanOf(left);
      }
    } else {
      return Unsupported(n);  // a destructuring assignment
    }
    a->value = ConvertExpr(right, depth + 1);
    a->augmented = type == "augmented_assignment_expression";
    return a;
  }
  if (type == "arrow_function" || type == "function_expression" || type == "function") {
    return ConvertFunction(n, depth);
  }
  return Unsupported(n);
}

}  // namespace

std::unique_ptr<File> ParseFile(const SourceFile& source) {
  auto file = std::make_unique<File>();
  file->source = &source;
  if (auto at = TooDeepBrackets(source.text())) {
    file->error =
        DiagnosticAt(Span{&source, *at, *at},
                     "brackets nested deeper than " + std::to_string(kMaxBracketDepth) + " levels");
    return file;
  }
  ts::Tree tree = ts::Parse(tree_sitter_typescript(), source.text());
  if (!tree) {
    file->error =
        DiagnosticAt(Span{&source, 0, 0}, "could not parse TypeScript: the parser gave up");
    return file;
  }
  TSNode root = ts_tree_root_node(tree.get());
  if (ts_node_has_error(root)) {
    // The innermost error: an ERROR node often spans the whole statement
    // around the mistake, its first erroneous descendant points at it.
    TSNode err = ts::FirstError(root);
    for (int depth = 0; depth < kMaxDepth && !ts_node_is_null(err); ++depth) {
      TSNode inner = ts::FirstErroneousChild(err);
      if (ts_node_is_null(inner)) break;
      err = inner;
    }
    uint32_t at = ts_node_start_byte(err);
    file->error =
        DiagnosticAt(Span{&source, at, at}, ts_node_is_missing(err)
                                                ? std::string("missing '") + ts_node_type(err) + "'"
                                                : "TypeScript syntax error");
    return file;
  }
  Converter conv(*file);
  conv.ConvertProgram(root);
  if (conv.too_deep()) {
    uint32_t at = *conv.too_deep();
    file->error = DiagnosticAt(Span{&source, at, at},
                               "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    file->body.clear();
    file->default_export = nullptr;
  }
  return file;
}

}  // namespace infracheck::typescript
