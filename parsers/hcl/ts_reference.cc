// tree-sitter HCL tree -> our syntax layer, in one pass with one cursor.
// The product parses with native_parser.cc; this converter is kept as the
// test oracle the native parser is compared with (hcl_differential_test.cc).
//
// Two grammar facts shape this file: template_literal nodes leave out
// whitespace, so literal text is taken from the gaps between interpolations
// and directives; and operands of operations are flattened term sequences
// (primary node followed by postfix get_attr/index/splat nodes).
#include "parsers/hcl/ts_reference.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <string>

#include "parsers/hcl/syntax.h"
#include "parsers/hcl/template_text.h"
#include "parsers/ts_alloc.h"
#include "parsers/ts_util.h"

namespace infracheck::hcl {

namespace {

// Appends to an arena list by copying it (the reference converter builds
// lists piece by piece; it runs only in tests).
template <class T>
void Append(Arena& arena, List<T>& list, T item) {
  std::vector<T> v(list.begin(), list.end());
  v.push_back(std::move(item));
  list = arena.MakeList(v);
}

// Deeper nesting than this is refused: the converter recurses per level.
constexpr int kMaxDepth = 256;

struct Symbols {
  explicit Symbols(const TSLanguage* l)
      : config_file(ts::Symbol(l, "config_file")),
        body(ts::Symbol(l, "body")),
        attribute(ts::Symbol(l, "attribute")),
        block(ts::Symbol(l, "block")),
        block_start(ts::Symbol(l, "block_start")),
        block_end(ts::Symbol(l, "block_end")),
        identifier(ts::Symbol(l, "identifier")),
        string_lit(ts::Symbol(l, "string_lit")),
        expression(ts::Symbol(l, "expression")),
        conditional(ts::Symbol(l, "conditional")),
        literal_value(ts::Symbol(l, "literal_value")),
        numeric_lit(ts::Symbol(l, "numeric_lit")),
        bool_lit(ts::Symbol(l, "bool_lit")),
        null_lit(ts::Symbol(l, "null_lit")),
        template_expr(ts::Symbol(l, "template_expr")),
        quoted_template(ts::Symbol(l, "quoted_template")),
        quoted_template_start(ts::Symbol(l, "quoted_template_start")),
        quoted_template_end(ts::Symbol(l, "quoted_template_end")),
        heredoc_template(ts::Symbol(l, "heredoc_template")),
        heredoc_start(ts::Symbol(l, "heredoc_start")),
        heredoc_identifier(ts::Symbol(l, "heredoc_identifier")),
        template_interpolation(ts::Symbol(l, "template_interpolation")),
        template_directive(ts::Symbol(l, "template_directive")),
        template_for(ts::Symbol(l, "template_for")),
        template_if(ts::Symbol(l, "template_if")),
        template_for_start(ts::Symbol(l, "template_for_start")),
        template_for_end(ts::Symbol(l, "template_for_end")),
        template_if_intro(ts::Symbol(l, "template_if_intro")),
        template_else_intro(ts::Symbol(l, "template_else_intro")),
        template_if_end(ts::Symbol(l, "template_if_end")),
        strip_marker(ts::Symbol(l, "strip_marker")),
        collection_value(ts::Symbol(l, "collection_value")),
        tuple(ts::Symbol(l, "tuple")),
        object(ts::Symbol(l, "object")),
        object_elem(ts::Symbol(l, "object_elem")),
        variable_expr(ts::Symbol(l, "variable_expr")),
        function_call(ts::Symbol(l, "function_call")),
        function_arguments(ts::Symbol(l, "function_arguments")),
        ellipsis(ts::Symbol(l, "ellipsis")),
        for_expr(ts::Symbol(l, "for_expr")),
        for_tuple_expr(ts::Symbol(l, "for_tuple_expr")),
        for_object_expr(ts::Symbol(l, "for_object_expr")),
        for_intro(ts::Symbol(l, "for_intro")),
        for_cond(ts::Symbol(l, "for_cond")),
        operation(ts::Symbol(l, "operation")),
        unary_operation(ts::Symbol(l, "unary_operation")),
        binary_operation(ts::Symbol(l, "binary_operation")),
        index(ts::Symbol(l, "index")),
        new_index(ts::Symbol(l, "new_index")),
        legacy_index(ts::Symbol(l, "legacy_index")),
        get_attr(ts::Symbol(l, "get_attr")),
        splat(ts::Symbol(l, "splat")),
        attr_splat(ts::Symbol(l, "attr_splat")),
        full_splat(ts::Symbol(l, "full_splat")),
        comment(ts::Symbol(l, "comment")) {}
  TSSymbol config_file, body, attribute, block, block_start, block_end, identifier, string_lit,
      expression, conditional, literal_value, numeric_lit, bool_lit, null_lit, template_expr,
      quoted_template, quoted_template_start, quoted_template_end, heredoc_template, heredoc_start,
      heredoc_identifier, template_interpolation, template_directive, template_for, template_if,
      template_for_start, template_for_end, template_if_intro, template_else_intro, template_if_end,
      strip_marker, collection_value, tuple, object, object_elem, variable_expr, function_call,
      function_arguments, ellipsis, for_expr, for_tuple_expr, for_object_expr, for_intro, for_cond,
      operation, unary_operation, binary_operation, index, new_index, legacy_index, get_attr, splat,
      attr_splat, full_splat, comment;
};

const Symbols& Syms() {
  static const Symbols s(tree_sitter_hcl());
  return s;
}

// Significant digits of a decimal literal: "0.00120" and "1.2e-3" have two.
size_t SignificantDigits(std::string_view lit) {
  std::string digits;
  for (char c : lit) {
    if (c == 'e' || c == 'E') break;
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return 0;
  size_t last = digits.find_last_not_of('0');
  return last - first + 1;
}

// A conversion error: thrown inside this file only, caught in ParseFile.
struct SyntaxError {
  uint32_t byte;
  std::string message;
};

// The children of a node, kept on one stack shared by the whole conversion
// instead of a vector per node. Lists are created and destroyed innermost
// first (they are locals of recursive calls), so each one owns the top of
// the stack from its base when it is the newest.
class NodeList {
 public:
  NodeList(std::vector<TSNode>& stack, size_t base) : stack_(stack), base_(base) {}
  ~NodeList() { stack_.resize(base_); }
  NodeList(const NodeList&) = delete;
  NodeList& operator=(const NodeList&) = delete;

  size_t size() const { return stack_.size() - base_; }
  bool empty() const { return size() == 0; }
  TSNode operator[](size_t i) const { return stack_[base_ + i]; }
  TSNode front() const { return (*this)[0]; }
  TSNode back() const { return (*this)[size() - 1]; }

  class Iterator {
   public:
    Iterator(const NodeList* l, size_t i) : l_(l), i_(i) {}
    TSNode operator*() const { return (*l_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const NodeList* l_;
    size_t i_;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size()); }

 private:
  std::vector<TSNode>& stack_;
  size_t base_;
};

class Converter {
 public:
  Converter(File& file, std::string_view parse_text, uint32_t shift)
      : file_(file), s_(Syms()), text_(parse_text), shift_(shift), cursor_(TSNode{}) {}

  const Body* ConvertConfig(TSNode root, bool template_mode);
  const TemplateExpr* template_expr() const { return template_expr_; }

 private:
  uint32_t Start(TSNode n) const { return Clamp(ts_node_start_byte(n)); }
  uint32_t End(TSNode n) const { return Clamp(ts_node_end_byte(n)); }
  uint32_t Clamp(uint32_t b) const {
    uint32_t size = static_cast<uint32_t>(file_.source->text().size());
    return b < shift_ ? 0 : std::min(b - shift_, size);
  }
  Span SpanOf(TSNode n) const { return Span{file_.source, Start(n), End(n)}; }
  Span SpanOf(uint32_t parse_begin, uint32_t parse_end) const {
    return Span{file_.source, Clamp(parse_begin), Clamp(parse_end)};
  }
  // Text of a node, as a view into the long-lived source file.
  std::string_view TextOf(TSNode n) const {
    return std::string_view(file_.source->text()).substr(Start(n), End(n) - Start(n));
  }
  std::string_view Raw(uint32_t parse_begin, uint32_t parse_end) const {
    return text_.substr(parse_begin, parse_end - parse_begin);
  }
  [[noreturn]] void Fail(TSNode n, std::string message) const {
    throw SyntaxError{Start(n), std::move(message)};
  }
  bool Is(TSNode n, TSSymbol sym) const { return ts_node_symbol(n) == sym; }
  bool IsToken(TSNode n, const char* type) const {
    return !ts_node_is_named(n) && std::strcmp(ts_node_type(n), type) == 0;
  }

  /// Named and anonymous children; comments are recorded (once: pass false
  /// when visiting nodes a second time) and left out.
  NodeList Children(TSNode n, bool record_comments = true);
  void Enter(TSNode n) {
    if (++depth_ > kMaxDepth) Fail(n, "nesting deeper than 256 levels");
  }
  void Leave() { --depth_; }

  const Body* ConvertBody(TSNode n);
  const Block* ConvertBlock(TSNode n);
  std::string StringLitValue(TSNode n);
  const Expr* ConvertExpr(TSNode n);
  const Expr* ConvertTerm(const NodeList& kids, size_t begin, size_t end);
  const Expr* ConvertPrimary(TSNode n);
  void ConvertPostfix(TSNode n, List<Step>& steps, bool in_attr_splat, List<Step>*& target);
  const Expr* ConvertLiteral(TSNode n);
  const Expr* ConvertTemplate(TSNode n);
  const Expr* ConvertCollection(TSNode n);
  const Expr* ConvertCall(TSNode n);
  const Expr* ConvertFor(TSNode n);
  const Expr* ConvertOperation(TSNode n);
  const Expr* ConvertOperationInner(TSNode n);

  struct Region {
    uint32_t begin, end;  // parse-buffer offsets
  };
  List<TemplatePart> ConvertParts(const NodeList& kids, size_t from, size_t to, Region region);
  void ConvertDirective(TSNode n, TemplatePart& part);
  // Literal text of a whole template, computed before its parts are converted
  // (HCL's trimming and dedent depend on all of it; see template_text.h).
  void PrepareLiterals(const NodeList& kids, size_t from, size_t to, Region region, bool quoted,
                       bool flush);
  void CollectMarkers(const NodeList& kids, size_t from, size_t to,
                      std::vector<TemplateMarker>& out);
  static void StripMarkers(const NodeList& kids, TSSymbol strip, bool& left, bool& right);

  File& file_;
  const Symbols& s_;
  std::string_view text_;
  uint32_t shift_;
  ts::Cursor cursor_;
  std::vector<TSNode> node_stack_;  // backs every NodeList, innermost last
  int depth_ = 0;
  // Literal text by the parse-buffer offset where it starts; filled by
  // PrepareLiterals, taken by ConvertParts.
  std::map<uint32_t, std::string> literals_;
  const TemplateExpr* template_expr_ = nullptr;
};

NodeList Converter::Children(TSNode n, bool record_comments) {
  size_t base = node_stack_.size();
  TSTreeCursor* c = cursor_.get();
  ts_tree_cursor_reset(c, n);
  if (!ts_tree_cursor_goto_first_child(c)) return NodeList(node_stack_, base);
  do {
    TSNode k = ts_tree_cursor_current_node(c);
    if (ts_node_symbol(k) == s_.comment) {
      if (record_comments) file_.comments.push_back(Comment{SpanOf(k)});
      continue;
    }
    node_stack_.push_back(k);
  } while (ts_tree_cursor_goto_next_sibling(c));
  return NodeList(node_stack_, base);
}

const Body* Converter::ConvertConfig(TSNode root, bool template_mode) {
  NodeList kids = Children(root);
  for (TSNode k : kids) {
    if (Is(k, s_.body)) return ConvertBody(k);
    if (Is(k, s_.object)) {
      file_.json = static_cast<const ObjectExpr*>(ConvertCollection(k));
    }
  }
  if (template_mode) return nullptr;
  return file_.json ? nullptr : file_.arena.New<Body>();
}

const Body* Converter::ConvertBody(TSNode n) {
  Enter(n);
  Body* body = file_.arena.New<Body>();  // its attributes, for Find
  std::vector<const Block*> blocks;
  for (TSNode k : Children(n)) {
    if (Is(k, s_.attribute)) {
      NodeList parts = Children(k);
      if (parts.size() < 3) Fail(k, "malformed attribute");
      Attribute a;
      a.name_begin = ts_node_start_byte(parts[0]);
      a.name_end = ts_node_end_byte(parts[0]);
      a.expr = ConvertExpr(parts[2]);
      if (template_expr_ == nullptr && body->Find(a.name())) {
        Fail(parts[0], "attribute \"" + std::string(a.name()) + "\" is set twice in this block");
      }
      Append(file_.arena, body->attributes, a);
    } else if (Is(k, s_.block)) {
      blocks.push_back(ConvertBlock(k));
    }
  }
  Leave();
  return Body::Make(file_.arena, body->attributes, blocks);
}

const Block* Converter::ConvertBlock(TSNode n) {
  NodeList kids = Children(n);
  if (kids.empty()) Fail(n, "malformed block");
  std::vector<Label> labels;
  uint32_t header_end = 0;
  const Body* body = nullptr;
  for (size_t i = 1; i < kids.size(); ++i) {
    TSNode k = kids[i];
    if (Is(k, s_.string_lit)) {
      labels.push_back(Label{file_.arena.Copy(StringLitValue(k)), SpanOf(k)});
    } else if (Is(k, s_.identifier)) {
      labels.push_back(Label{TextOf(k), SpanOf(k)});
    } else if (Is(k, s_.block_start)) {
      header_end = End(k);
    } else if (Is(k, s_.body)) {
      body = ConvertBody(k);
    }
  }
  Block* b = Block::Make(file_.arena, SpanOf(kids[0]), labels);
  b->end = End(n);
  b->header_end = header_end;
  b->body = body ? body : file_.arena.New<Body>();
  return b;
}

std::string Converter::StringLitValue(TSNode n) {
  NodeList kids = Children(n);
  if (kids.size() < 2) Fail(n, "malformed string");
  TSNode open = kids.front();
  TSNode close = kids.back();
  if (!Is(close, s_.quoted_template_end) || ts_node_start_byte(close) == ts_node_end_byte(close)) {
    Fail(n, "unterminated string");
  }
  uint32_t b = ts_node_end_byte(open), e = ts_node_start_byte(close);
  if (Raw(b, e).find('\n') != std::string_view::npos) {
    Fail(n, "quoted strings may not span lines (unterminated string?)");
  }
  return UnescapeLiteral(Raw(b, e), true);
}

const Expr* Converter::ConvertExpr(TSNode n) {
  Enter(n);
  const Expr* result = nullptr;
  if (Is(n, s_.expression)) {
    NodeList kids = Children(n);
    if (kids.empty()) Fail(n, "empty expression");
    if (kids.size() == 1 && Is(kids[0], s_.conditional)) {
      NodeList c = Children(kids[0]);
      if (c.size() != 5) Fail(kids[0], "malformed conditional");
      auto* e = file_.arena.New<ConditionalExpr>(SpanOf(n));
      e->cond = ConvertExpr(c[0]);
      e->then = ConvertExpr(c[2]);
      e->otherwise = ConvertExpr(c[4]);
      result = e;
    } else {
      result = ConvertTerm(kids, 0, kids.size());
    }
  } else {
    result = ConvertPrimary(n);
  }
  Leave();
  return result;
}

// A primary ("(" expression ")" or one node) followed by postfix steps.
const Expr* Converter::ConvertTerm(const NodeList& kids, size_t begin, size_t end) {
  if (begin >= end) Fail(kids.empty() ? TSNode{} : kids[0], "missing operand");
  const Expr* base = nullptr;
  size_t i = begin;
  if (IsToken(kids[i], "(")) {
    if (i + 2 >= end + 0 || !IsToken(kids[i + 2], ")")) Fail(kids[i], "unbalanced parentheses");
    const Expr* inner = ConvertExpr(kids[i + 1]);
    base = file_.arena.New<ParensExpr>(
        SpanOf(ts_node_start_byte(kids[i]), ts_node_end_byte(kids[i + 2])), inner);
    i += 3;
  } else {
    base = ConvertPrimary(kids[i]);
    ++i;
  }
  if (i == end) return base;
  // As the native parser keeps it: a name root in the traversal.
  bool name_root = base->kind == ExprKind::kVariable;
  auto* t = TraversalExpr::Make(
      file_.arena, SpanOf(ts_node_start_byte(kids[begin]), ts_node_end_byte(kids[end - 1])),
      name_root ? nullptr : base);
  if (name_root) t->root_size = base->span.end - base->span.begin;
  List<Step>* target = &t->steps;
  for (; i < end; ++i) ConvertPostfix(kids[i], t->steps, false, target);
  return t;
}

void Converter::ConvertPostfix(TSNode n, List<Step>& steps, bool in_attr_splat,
                               List<Step>*& target) {
  if (Is(n, s_.get_attr)) {
    NodeList kids = Children(n);
    Step st;
    st.kind = Step::Kind::kAttr;
    st.span = SpanOf(n);
    // The name ends the step's span.
    st.name_size = kids.empty() ? 0 : static_cast<uint32_t>(TextOf(kids.back()).size());
    Append(file_.arena, *target, st);
  } else if (Is(n, s_.index)) {
    NodeList kids = Children(n);
    if (kids.empty()) Fail(n, "malformed index");
    TSNode k = kids[0];
    Step st;
    st.kind = Step::Kind::kIndex;
    st.span = SpanOf(n);
    if (Is(k, s_.new_index)) {
      NodeList inner = Children(k);
      if (inner.size() < 3) Fail(k, "malformed index");
      st.index = ConvertExpr(inner[1]);
    } else {
      std::string_view digits = TextOf(k).substr(1);
      double d = 0;
      std::from_chars(digits.data(), digits.data() + digits.size(), d);
      Span sp = SpanOf(k);
      sp.begin += 1;
      st.index = LiteralExpr::Number(file_.arena, sp, d);
    }
    // `a.*.b[0]` indexes the result of the attribute-only splat.
    if (in_attr_splat) target = &steps;
    Append(file_.arena, *target, st);
  } else if (Is(n, s_.splat)) {
    NodeList kids = Children(n);
    if (kids.empty()) Fail(n, "malformed splat");
    TSNode sp = kids[0];
    Step st;
    st.kind = Step::Kind::kSplat;
    st.span = SpanOf(n);
    bool full_splat = Is(sp, s_.full_splat);
    st.full_splat = full_splat;
    Append(file_.arena, *target, st);
    List<Step>* outer = target;
    auto* rest = file_.arena.New<List<Step>>();
    const_cast<Step&>(target->back()).rest_list = rest;
    target = rest;
    for (TSNode k : Children(sp)) {
      if (Is(k, s_.get_attr) || Is(k, s_.index)) {
        ConvertPostfix(k, *outer, !full_splat && target != outer, target);
      }
    }
  } else {
    Fail(n, "unexpected " + std::string(ts_node_type(n)));
  }
}

const Expr* Converter::ConvertPrimary(TSNode n) {
  TSSymbol sym = ts_node_symbol(n);
  if (sym == s_.expression) return ConvertExpr(n);
  if (sym == s_.literal_value) return ConvertLiteral(n);
  if (sym == s_.template_expr) return ConvertTemplate(n);
  if (sym == s_.collection_value) {
    NodeList kids = Children(n);
    if (kids.empty()) Fail(n, "malformed collection");
    return ConvertCollection(kids[0]);
  }
  if (sym == s_.variable_expr) {
    return file_.arena.New<VariableExpr>(SpanOf(n));
  }
  if (sym == s_.function_call) return ConvertCall(n);
  if (sym == s_.for_expr) return ConvertFor(n);
  if (sym == s_.operation) return ConvertOperation(n);
  Fail(n, "unexpected " + std::string(ts_node_is_named(n) ? ts_node_type(n) : "token") + " '" +
              std::string(TextOf(n).substr(0, 40)) + "'");
}

const Expr* Converter::ConvertLiteral(TSNode n) {
  NodeList kids = Children(n);
  if (kids.empty()) Fail(n, "malformed literal");
  TSNode k = kids[0];
  Span sp = SpanOf(n);
  if (Is(k, s_.numeric_lit)) {
    std::string_view t = TextOf(k);
    double d = 0;
    std::from_chars_result r{};
    if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
      uint64_t u = 0;
      r = std::from_chars(t.data() + 2, t.data() + t.size(), u, 16);
      d = static_cast<double>(u);
    } else {
      r = std::from_chars(t.data(), t.data() + t.size(), d);
    }
    if (r.ec != std::errc() || r.ptr != t.data() + t.size()) Fail(k, "invalid number");
    // Terraform keeps 512 bits; a double holds what was written only up to
    // 15 significant digits. Beyond that the literal is unknown, not wrong.
    if (!std::isfinite(d) || SignificantDigits(t) > 15) {
      return LiteralExpr::Unknown(file_.arena, sp);
    }
    return LiteralExpr::Number(file_.arena, sp, d);
  }
  if (Is(k, s_.bool_lit)) {
    return LiteralExpr::Bool(file_.arena, sp, TextOf(k) == "true");
  }
  if (Is(k, s_.null_lit)) return LiteralExpr::Null(file_.arena, sp);
  if (Is(k, s_.string_lit)) {
    return LiteralExpr::String(file_.arena, sp, file_.arena.Copy(StringLitValue(k)));
  }
  Fail(k, "unexpected literal");
}

void Converter::StripMarkers(const NodeList& kids, TSSymbol strip, bool& left, bool& right) {
  left = right = false;
  for (size_t i = 0; i < kids.size(); ++i) {
    if (ts_node_symbol(kids[i]) != strip) continue;
    if (i <= 1) {
      left = true;
    } else {
      right = true;
    }
  }
}

List<TemplatePart> Converter::ConvertParts(const NodeList& kids, size_t from, size_t to,
                                           Region region) {
  std::vector<TemplatePart> parts;
  uint32_t pos = region.begin;
  auto literal = [&](uint32_t b, uint32_t e) {
    auto it = literals_.find(b);
    if (it == literals_.end()) return;  // nothing between two markers
    TemplatePart p;
    p.kind = TemplatePart::Kind::kLiteral;
    p.span = SpanOf(b, std::max(b, e));
    p.text = file_.arena.Copy(it->second);
    literals_.erase(it);
    parts.push_back(p);
  };
  for (size_t i = from; i < to; ++i) {
    TSNode k = kids[i];
    bool interp = Is(k, s_.template_interpolation);
    if (!interp && !Is(k, s_.template_directive)) continue;  // template_literal: gaps cover it
    TemplatePart p;
    p.span = SpanOf(k);
    if (interp) {
      p.kind = TemplatePart::Kind::kInterpolation;
      for (TSNode x : Children(k)) {
        if (Is(x, s_.expression)) p.expr = ConvertExpr(x);
      }
      if (!p.expr) Fail(k, "empty interpolation");
    } else {
      ConvertDirective(k, p);
    }
    literal(pos, ts_node_start_byte(k));
    parts.push_back(p);
    pos = ts_node_end_byte(k);
  }
  literal(pos, region.end);
  return file_.arena.MakeList(parts);
}

void Converter::CollectMarkers(const NodeList& kids, size_t from, size_t to,
                               std::vector<TemplateMarker>& out) {
  auto marker = [&](TSNode n) {
    TemplateMarker m;
    m.begin = ts_node_start_byte(n);
    m.end = ts_node_end_byte(n);
    StripMarkers(Children(n, false), s_.strip_marker, m.strip_left, m.strip_right);
    out.push_back(m);
  };
  for (size_t i = from; i < to; ++i) {
    TSNode k = kids[i];
    if (Is(k, s_.template_interpolation)) {
      marker(k);
      continue;
    }
    if (!Is(k, s_.template_directive)) continue;
    NodeList dk = Children(k, false);
    if (dk.empty()) continue;
    Enter(k);
    NodeList inner = Children(dk[0], false);
    for (size_t j = 0; j < inner.size(); ++j) {
      TSNode x = inner[j];
      if (Is(x, s_.template_interpolation) || Is(x, s_.template_directive)) {
        CollectMarkers(inner, j, j + 1, out);
      } else if (Is(x, s_.template_if_intro) || Is(x, s_.template_else_intro) ||
                 Is(x, s_.template_if_end) || Is(x, s_.template_for_start) ||
                 Is(x, s_.template_for_end)) {
        marker(x);
      }
    }
    Leave();
  }
}

void Converter::PrepareLiterals(const NodeList& kids, size_t from, size_t to, Region region,
                                bool quoted, bool flush) {
  std::vector<TemplateMarker> markers;
  CollectMarkers(kids, from, to, markers);
  auto gaps = TemplateLiterals(text_, region.begin, region.end, markers, quoted, flush);
  for (size_t g = 0; g < gaps.size(); ++g) {
    if (gaps[g]) literals_[g == 0 ? region.begin : markers[g - 1].end] = std::move(*gaps[g]);
  }
}

void Converter::ConvertDirective(TSNode n, TemplatePart& part) {
  Enter(n);
  NodeList kids = Children(n);
  if (kids.empty()) Fail(n, "malformed directive");
  TSNode d = kids[0];
  NodeList dk = Children(d);
  if (dk.size() < 2) Fail(d, "malformed directive");
  if (Is(d, s_.template_if)) {
    part.kind = TemplatePart::Kind::kIf;
    TSNode intro = dk.front();
    TSNode end = dk.back();
    if (!Is(intro, s_.template_if_intro) || !Is(end, s_.template_if_end)) {
      Fail(d, "unterminated %{if} directive");
    }
    for (TSNode x : Children(intro)) {
      if (Is(x, s_.expression)) part.expr = ConvertExpr(x);
    }
    size_t else_at = dk.size();
    for (size_t i = 1; i + 1 < dk.size(); ++i) {
      if (Is(dk[i], s_.template_else_intro)) else_at = i;
    }
    auto* dir = file_.arena.New<TemplateDirective>();
    part.directive = dir;
    if (else_at < dk.size()) {
      dir->body = ConvertParts(dk, 1, else_at,
                               Region{ts_node_end_byte(intro), ts_node_start_byte(dk[else_at])});
      dir->orelse = ConvertParts(dk, else_at + 1, dk.size() - 1,
                                 Region{ts_node_end_byte(dk[else_at]), ts_node_start_byte(end)});
    } else {
      dir->body = ConvertParts(dk, 1, dk.size() - 1,
                               Region{ts_node_end_byte(intro), ts_node_start_byte(end)});
    }
  } else if (Is(d, s_.template_for)) {
    part.kind = TemplatePart::Kind::kFor;
    TSNode start = dk.front();
    TSNode end = dk.back();
    if (!Is(start, s_.template_for_start) || !Is(end, s_.template_for_end)) {
      Fail(d, "unterminated %{for} directive");
    }
    std::vector<std::string_view> names;
    for (TSNode x : Children(start)) {
      if (Is(x, s_.identifier)) names.push_back(TextOf(x));
      if (Is(x, s_.expression)) part.expr = ConvertExpr(x);
    }
    if (names.empty() || !part.expr) Fail(start, "malformed %{for} directive");
    auto* dir = file_.arena.New<TemplateDirective>();
    part.directive = dir;
    if (names.size() == 2) {
      dir->key_var = names[0];
      dir->value_var = names[1];
    } else {
      dir->value_var = names[0];
    }
    dir->body = ConvertParts(dk, 1, dk.size() - 1,
                             Region{ts_node_end_byte(start), ts_node_start_byte(end)});
  } else {
    Fail(d, "unknown template directive");
  }
  Leave();
}

const Expr* Converter::ConvertTemplate(TSNode n) {
  NodeList outer = Children(n);
  if (outer.empty()) Fail(n, "malformed template");
  TSNode t = outer[0];
  NodeList kids = Children(t);
  auto* e = file_.arena.New<TemplateExpr>(SpanOf(n));
  if (Is(t, s_.quoted_template)) {
    if (kids.size() < 2) Fail(t, "malformed string");
    TSNode close = kids.back();
    if (!Is(close, s_.quoted_template_end) ||
        ts_node_start_byte(close) == ts_node_end_byte(close)) {
      Fail(t, "unterminated string");
    }
    // A newline may appear inside an interpolation, never in the literal text.
    uint32_t pos = ts_node_end_byte(kids.front());
    for (size_t i = 1; i < kids.size(); ++i) {
      bool literal = !Is(kids[i], s_.template_interpolation) && !Is(kids[i], s_.template_directive);
      if (literal) continue;
      if (Raw(pos, ts_node_start_byte(kids[i])).find('\n') != std::string_view::npos) {
        Fail(t, "quoted strings may not span lines (unterminated string?)");
      }
      pos = ts_node_end_byte(kids[i]);
    }
    if (Raw(pos, ts_node_start_byte(close)).find('\n') != std::string_view::npos) {
      Fail(t, "quoted strings may not span lines (unterminated string?)");
    }
    Region region{ts_node_end_byte(kids.front()), ts_node_start_byte(close)};
    PrepareLiterals(kids, 1, kids.size() - 1, region, true, false);
    e->parts = ConvertParts(kids, 1, kids.size() - 1, region);
    return e;
  }
  // Heredoc: <<ID or <<-ID, content from the next line to the closing line.
  size_t ids = 0;
  for (TSNode k : kids) ids += Is(k, s_.heredoc_identifier);
  if (kids.size() < 3 || ids < 2 || !Is(kids.back(), s_.heredoc_identifier)) {
    Fail(t, "unterminated heredoc");
  }
  bool flush = TextOf(kids[0]) == "<<-";
  uint32_t begin = ts_node_end_byte(kids[1]);
  while (begin < text_.size() && text_[begin] != '\n') ++begin;
  if (begin < text_.size()) ++begin;
  uint32_t end = ts_node_start_byte(kids.back());
  while (end > begin && text_[end - 1] != '\n') --end;
  PrepareLiterals(kids, 2, kids.size() - 1, Region{begin, end}, false, flush);
  e->parts = ConvertParts(kids, 2, kids.size() - 1, Region{begin, end});
  return e;
}

const Expr* Converter::ConvertCollection(TSNode n) {
  NodeList kids = Children(n);
  if (Is(n, s_.tuple)) {
    std::vector<const Expr*> items;
    for (TSNode k : kids) {
      if (Is(k, s_.expression)) items.push_back(ConvertExpr(k));
    }
    return TupleExpr::Make(file_.arena, SpanOf(n), items);
  }
  if (!Is(n, s_.object)) Fail(n, "unexpected collection");
  std::vector<ObjectItem> items;
  for (TSNode k : kids) {
    if (!Is(k, s_.object_elem)) continue;
    NodeList ek = Children(k);
    if (ek.size() < 3) Fail(k, "malformed object element");
    ObjectItem item;
    TSNode key = ek[0];
    // A bare identifier key is its own name, not a variable.
    NodeList kk = Children(key);
    if (kk.size() == 1 && Is(kk[0], s_.variable_expr)) {
      Span sp = SpanOf(kk[0]);
      item.key = LiteralExpr::String(file_.arena, sp, TextOf(kk[0]));
    } else {
      item.key = ConvertExpr(key);
    }
    item.value = ConvertExpr(ek[2]);
    items.push_back(item);
  }
  return ObjectExpr::Make(file_.arena, SpanOf(n), items);
}

const Expr* Converter::ConvertCall(TSNode n) {
  auto* c = file_.arena.New<CallExpr>(SpanOf(n));
  for (TSNode k : Children(n)) {
    if (Is(k, s_.identifier)) {
      c->name_end = SpanOf(k).end;  // the call's span starts with its name
    } else if (Is(k, s_.function_arguments)) {
      for (TSNode a : Children(k)) {
        if (Is(a, s_.expression)) Append(file_.arena, c->args, ConvertExpr(a));
        if (Is(a, s_.ellipsis)) c->expand_final = true;
      }
    }
  }
  return c;
}

const Expr* Converter::ConvertFor(TSNode n) {
  NodeList outer = Children(n);
  if (outer.empty()) Fail(n, "malformed for expression");
  TSNode f = outer[0];
  auto* e = file_.arena.New<ForExpr>(SpanOf(n));
  e->is_object = Is(f, s_.for_object_expr);
  std::vector<const Expr*> exprs;
  for (TSNode k : Children(f)) {
    if (Is(k, s_.for_intro)) {
      std::vector<std::string_view> names;
      for (TSNode x : Children(k)) {
        if (Is(x, s_.identifier)) names.push_back(TextOf(x));
        if (Is(x, s_.expression)) e->collection = ConvertExpr(x);
      }
      if (names.size() == 2) {
        e->key_var = names[0];
        e->value_var = names[1];
      } else if (names.size() == 1) {
        e->value_var = names[0];
      }
    } else if (Is(k, s_.expression)) {
      exprs.push_back(ConvertExpr(k));
    } else if (Is(k, s_.ellipsis)) {
      e->grouping = true;
    } else if (Is(k, s_.for_cond)) {
      for (TSNode x : Children(k)) {
        if (Is(x, s_.expression)) e->cond = ConvertExpr(x);
      }
    }
  }
  if (!e->collection || e->value_var.empty()) Fail(f, "malformed for expression");
  if (e->is_object) {
    if (exprs.size() != 2) Fail(f, "malformed for expression");
    e->key = exprs[0];
    e->value = exprs[1];
  } else {
    if (exprs.size() != 1) Fail(f, "malformed for expression");
    e->value = exprs[0];
  }
  return e;
}

const Expr* Converter::ConvertOperation(TSNode n) {
  // Operands of operations nest without an expression node between them
  // (`!!!x`, `1+1+1`): count the level here, or ConvertExpr never sees it.
  Enter(n);
  const Expr* e = ConvertOperationInner(n);
  Leave();
  return e;
}

const Expr* Converter::ConvertOperationInner(TSNode n) {
  NodeList outer = Children(n);
  if (outer.empty()) Fail(n, "malformed operation");
  TSNode op = outer[0];
  NodeList kids = Children(op);
  Span sp = SpanOf(n);
  if (Is(op, s_.unary_operation)) {
    if (kids.size() < 2) Fail(op, "malformed operation");
    char c = TextOf(kids[0]) == "!" ? '!' : '-';
    return file_.arena.New<UnaryExpr>(sp, c, ConvertTerm(kids, 1, kids.size()));
  }
  size_t at = kids.size();
  for (size_t i = 0; i < kids.size(); ++i) {
    if (!ts_node_is_named(kids[i]) && !IsToken(kids[i], "(") && !IsToken(kids[i], ")")) {
      at = i;
      break;
    }
  }
  if (at == kids.size() || at == 0) Fail(op, "malformed operation");
  std::string_view t = TextOf(kids[at]);
  BinaryOp bop;
  if (t == "*") {
    bop = BinaryOp::kMul;
  } else if (t == "/") {
    bop = BinaryOp::kDiv;
  } else if (t == "%") {
    bop = BinaryOp::kMod;
  } else if (t == "+") {
    bop = BinaryOp::kAdd;
  } else if (t == "-") {
    bop = BinaryOp::kSub;
  } else if (t == ">") {
    bop = BinaryOp::kGt;
  } else if (t == ">=") {
    bop = BinaryOp::kGe;
  } else if (t == "<") {
    bop = BinaryOp::kLt;
  } else if (t == "<=") {
    bop = BinaryOp::kLe;
  } else if (t == "==") {
    bop = BinaryOp::kEq;
  } else if (t == "!=") {
    bop = BinaryOp::kNe;
  } else if (t == "&&") {
    bop = BinaryOp::kAnd;
  } else if (t == "||") {
    bop = BinaryOp::kOr;
  } else {
    Fail(kids[at], "unknown operator '" + std::string(t) + "'");
  }
  const Expr* lhs = ConvertTerm(kids, 0, at);
  const Expr* rhs = ConvertTerm(kids, at + 1, kids.size());
  return file_.arena.New<BinaryExpr>(sp, bop, lhs, rhs);
}

std::string DescribeError(TSNode err, std::string_view text) {
  if (ts_node_is_missing(err)) return std::string("missing '") + ts_node_type(err) + "'";
  uint32_t b = ts_node_start_byte(err), e = ts_node_end_byte(err);
  std::string_view t = text.substr(b, std::min<uint32_t>(e - b, 40));
  size_t nl = t.find('\n');
  if (nl != std::string_view::npos) t = t.substr(0, nl);
  if (t.empty()) return "syntax error";
  bool printable = true;
  for (unsigned char c : t) printable = printable && (c >= 0x20 || c == '\t');
  if (!printable) return "syntax error (unexpected binary data)";
  return "syntax error near '" + std::string(t) + "'";
}

// The HCL grammar has no exponent without a fraction: it reads `1e12` as `1`
// and then `e12`. HCL itself accepts it. Returns a copy of `text` in which
// each such literal is a same-length decimal (`1e12` -> `1.12`, `1e+9` ->
// `1.09`), or nothing when there is none. tree-sitter parses the copy, the
// converter reads every token from the original text, so the literal keeps
// its value and every span stays right. Inside strings and comments the copy
// differs harmlessly: a literal there is plain text to the lexer either way.
std::optional<std::string> WithLexableExponents(std::string_view text) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::optional<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!digit(text[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && digit(text[i])) ++i;
    // Part of a name (`a1e2`, `a-1e2`) or of a fraction (`1.5e3`)?
    char before = start > 0 ? text[start - 1] : ' ';
    bool in_word =
        word(before) || before == '.' || (before == '-' && start > 1 && word(text[start - 2]));
    if (in_word || i >= text.size() || (text[i] != 'e' && text[i] != 'E')) continue;
    size_t e = i, j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    size_t exp_start = j;
    while (j < text.size() && digit(text[j])) ++j;
    if (j == exp_start || (j < text.size() && (word(text[j]) || text[j] == '.'))) {
      i = j;
      continue;
    }
    if (!out) out.emplace(text);
    (*out)[e] = '.';
    if (exp_start != e + 1) (*out)[e + 1] = '0';
    i = j;
  }
  return out;
}

std::unique_ptr<File> ParseWith(const SourceFile& source, std::string_view text, uint32_t shift,
                                bool template_mode) {
  auto file = std::make_unique<File>();
  file->source = &source;
  // Declared first, so the tree and the converter's cursor are gone first.
  ts::ArenaScope arena(text.size());
  std::optional<std::string> lexable = WithLexableExponents(text);
  ts::Tree tree = ts::Parse(tree_sitter_hcl(), lexable ? *lexable : text);
  if (!tree) {
    file->error = std::make_unique<Diagnostic>(
        DiagnosticAt(Span{&source, 0, 0}, "could not parse: the parser gave up"));
    return file;
  }
  TSNode root = ts_tree_root_node(tree.get());
  if (ts_node_has_error(root)) {
    TSNode err = ts::FirstError(root);
    uint32_t b = ts_node_start_byte(err);
    b = b < shift ? 0 : b - shift;
    file->error =
        std::make_unique<Diagnostic>(DiagnosticAt(Span{&source, b, b}, DescribeError(err, text)));
    return file;
  }
  Converter conv(*file, text, shift);
  try {
    const Body* body = conv.ConvertConfig(root, template_mode);
    if (!template_mode) file->body = body;
  } catch (const SyntaxError& e) {
    file->error =
        std::make_unique<Diagnostic>(DiagnosticAt(Span{&source, e.byte, e.byte}, e.message));
    file->body = nullptr;
    file->json = nullptr;
  }
  return file;
}

}  // namespace

std::unique_ptr<File> ParseFileTreeSitter(const SourceFile& source) {
  return ParseWith(source, source.text(), 0, false);
}

std::unique_ptr<File> ParseTemplateTreeSitter(const SourceFile& source) {
  // A template file is the body of a heredoc; parse it as one, with a marker
  // that cannot clash with a line of the file.
  static constexpr std::string_view kPrefix = "t = <<IC_TEMPLATE_5f3a9c\n";
  std::string text;
  text.reserve(source.text().size() + 64);
  text += kPrefix;
  text += source.text();
  text += "\nIC_TEMPLATE_5f3a9c\n";
  auto file = ParseWith(source, text, static_cast<uint32_t>(kPrefix.size()), false);
  if (file->error || !file->body || file->body->attributes.empty()) return file;
  const Expr* e = file->body->attributes[0].expr;
  if (e->kind == ExprKind::kTemplate) {
    auto* t = const_cast<TemplateExpr*>(static_cast<const TemplateExpr*>(e));
    // Drop the newline the wrapper added after the file's last line.
    if (!t->parts.empty() && t->parts.back().kind == TemplatePart::Kind::kLiteral &&
        !t->parts.back().text.empty() && t->parts.back().text.back() == '\n') {
      auto& last = const_cast<TemplatePart&>(t->parts.back());
      last.text.remove_suffix(1);
      if (last.text.empty()) t->parts = List<TemplatePart>(t->parts.data(), t->parts.size() - 1);
    }
    file->templ = t;
  }
  file->body = nullptr;
  return file;
}

}  // namespace infracheck::hcl
