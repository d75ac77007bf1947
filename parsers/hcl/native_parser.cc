// HCL native syntax -> the syntax layer, by recursive descent over the file
// text in one pass. It follows HashiCorp's hclsyntax parser: the same
// operator precedence, newline rules (a newline ends an argument, a block
// and an object item; inside (), [], ${} and for expressions it is white
// space), splat rules and template rules. Spans are those of the tree-sitter
// converter it replaced (ts_reference.cc), which hcl_differential_test.cc
// checks on every fixture.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <unordered_set>

#include "parsers/hcl/lexer.h"
#include "parsers/hcl/syntax.h"
#include "parsers/hcl/template_text.h"

namespace infracheck::hcl {

namespace {

// Deeper nesting is refused: the parser, and whatever walks the tree after
// it, recurse per level.
constexpr int kMaxDepth = 256;

// Significant digits of a decimal literal: "0.00120" and "1.2e-3" have two.
size_t SignificantDigits(std::string_view lit) {
  size_t k = 0, first = std::string_view::npos, last = 0;
  for (char c : lit) {
    if (c == 'e' || c == 'E') break;
    if (c < '0' || c > '9') continue;
    if (c != '0') {
      if (first == std::string_view::npos) first = k;
      last = k;
    }
    ++k;
  }
  return first == std::string_view::npos ? 0 : last - first + 1;
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Binary operators by precedence level, loosest first, as in hclsyntax.
constexpr int kBinaryLevels = 6;

bool BinaryOpAt(int level, Tok t, BinaryOp* op) {
  switch (level) {
    case 0:
      if (t == Tok::kOr) return *op = BinaryOp::kOr, true;
      return false;
    case 1:
      if (t == Tok::kAnd) return *op = BinaryOp::kAnd, true;
      return false;
    case 2:
      if (t == Tok::kEqEq) return *op = BinaryOp::kEq, true;
      if (t == Tok::kNotEq) return *op = BinaryOp::kNe, true;
      return false;
    case 3:
      if (t == Tok::kLt) return *op = BinaryOp::kLt, true;
      if (t == Tok::kLe) return *op = BinaryOp::kLe, true;
      if (t == Tok::kGt) return *op = BinaryOp::kGt, true;
      if (t == Tok::kGe) return *op = BinaryOp::kGe, true;
      return false;
    case 4:
      if (t == Tok::kPlus) return *op = BinaryOp::kAdd, true;
      if (t == Tok::kMinus) return *op = BinaryOp::kSub, true;
      return false;
    case 5:
      if (t == Tok::kStar) return *op = BinaryOp::kMul, true;
      if (t == Tok::kSlash) return *op = BinaryOp::kDiv, true;
      if (t == Tok::kPercent) return *op = BinaryOp::kMod, true;
      return false;
  }
  return false;
}

// What ends a run of template content.
enum class TemplateEnd : uint8_t { kEnd, kElse, kEndIf, kEndFor };

// One template being parsed: where its content is, how it ends, and every
// ${…} and directive piece in it (nested directive bodies included), from
// which its literal text is computed once it is complete.
struct TemplateScan {
  enum class Mode : uint8_t { kQuoted, kHeredoc, kFile };
  explicit TemplateScan(Mode m) : mode(m) {}
  Mode mode;
  uint32_t open = 0;  ///< the opening quote or <<, for errors
  std::string_view heredoc_id;
  bool flush = false;  ///< <<-
  uint32_t region_begin = 0;
  uint32_t region_end = 0;
  std::vector<TemplateMarker> markers;
  // Where the last terminator (closing quote or line, %{else}, %{endif},
  // %{endfor}) begins and ends.
  uint32_t term_begin = 0;
  uint32_t term_end = 0;
};

// A template part while its template is parsed: literal text is filled in
// once the whole template is known, then the parts are laid out in the arena.
struct PartBuilder {
  TemplatePart part;                    // its directive is made by Freeze
  std::string text;                     // kLiteral
  std::string_view key_var, value_var;  // kFor
  std::vector<PartBuilder> body, orelse;
};

class Parser {
 public:
  explicit Parser(File& file)
      : file_(file), text_(file.source->text()), lexer_(text_, file.source, &file.comments) {}

  void ParseConfig();
  void ParseTemplateFile();

 private:
  // Newlines are tokens where HCL's grammar needs them (bodies, objects) and
  // white space elsewhere; a scope switches for its lifetime.
  class NewlineScope {
   public:
    NewlineScope(Parser* p, bool significant) : p_(p), saved_(p->newlines_) {
      p->newlines_ = significant;
    }
    ~NewlineScope() { p_->newlines_ = saved_; }
    NewlineScope(const NewlineScope&) = delete;
    NewlineScope& operator=(const NewlineScope&) = delete;

   private:
    Parser* p_;
    bool saved_;
  };

  const Token& Peek() {
    if (!has_token_) {
      token_ = lexer_.Lex();
      has_token_ = true;
    }
    while (!newlines_ && token_.type == Tok::kNewline) token_ = lexer_.Lex();
    return token_;
  }
  Token Next() {
    Peek();
    has_token_ = false;
    return token_;
  }
  // Moves the lexer to `pos`, as after template content.
  void Seek(uint32_t pos) {
    has_token_ = false;
    lexer_.set_pos(pos);
  }
  bool PeekKeyword(std::string_view word) {
    const Token& t = Peek();
    return t.type == Tok::kIdent && TextOf(t) == word;
  }

  [[noreturn]] void Fail(uint32_t byte, std::string message) const {
    throw SyntaxError{byte, std::move(message)};
  }
  [[noreturn]] void Unexpected(const Token& t, std::string_view expected) const {
    Fail(t.begin, "expected " + std::string(expected) + ", found " + DescribeToken(text_, t));
  }
  void Enter(uint32_t at) {
    if (++depth_ > kMaxDepth) Fail(at, "nesting deeper than 256 levels");
  }
  void Leave() { --depth_; }

  Span SpanOf(uint32_t begin, uint32_t end) const { return Span{file_.source, begin, end}; }
  std::string_view TextOf(const Token& t) const { return text_.substr(t.begin, t.end - t.begin); }
  std::string_view Name(const Token& t, std::string_view what) const;

  // Bodies.
  const Body* ParseBody(bool top_level, uint32_t open);
  const Block* FinishBlock(const Token& type);
  Attribute FinishAttribute(const Token& name);
  void AddAttribute(std::vector<Attribute>& attributes, const Attribute& a,
                    std::unordered_set<std::string_view>& names);
  // `s` unescaped, as a view of the text when escapes change nothing.
  std::string_view Unescaped(std::string_view raw, bool quoted);
  void EndOfItem(std::string_view what, std::string_view name);
  Label ParseLabel(const Token& quote);

  // Expressions.
  const Expr* ParseExpression();
  const Expr* ParseBinary(int level);
  const Expr* ParseUnary();
  const Expr* ParsePostfix();
  void ParseTraversal(std::vector<Step>& steps, uint32_t& end);
  /// The leftmost term; a bare name with steps after it is not made a node
  /// but returned in `root` (null result), for the traversal to keep.
  const Expr* ParseTerm(Span& root);
  const Expr* ParseNumber(const Token& t);
  const Expr* ParseCall(const Token& name);
  const Expr* ParseTuple(const Token& open);
  const ObjectExpr* ParseObject(const Token& open);
  const Expr* ParseFor(const Token& open);

  // Templates.
  uint32_t ScanQuotedLiteral(uint32_t pos, uint32_t open);
  const Expr* ParseQuoted(const Token& quote);
  const Expr* ParseHeredoc(const Token& intro);
  const TemplateExpr* FinishTemplate(TemplateScan& s, uint32_t begin);
  std::vector<PartBuilder> ParseContent(TemplateScan& s);
  TemplateEnd ParseParts(TemplateScan& s, std::vector<PartBuilder>& parts);
  TemplateEnd ParseDirective(TemplateScan& s, std::vector<PartBuilder>& parts, uint32_t begin,
                             bool strip);
  List<TemplatePart> Freeze(std::vector<PartBuilder>& parts);
  uint32_t CloseMarker(TemplateScan& s, uint32_t begin, bool strip_left);
  bool HeredocCloser(const TemplateScan& s, uint32_t line, uint32_t* id_end) const;
  void FillLiterals(const TemplateScan& s, std::string_view text,
                    std::vector<std::optional<std::string>>& gaps,
                    std::vector<PartBuilder>& parts) const;
  void Complete(TemplateScan& s, std::string_view text, std::vector<PartBuilder>& parts) const;

  File& file_;
  std::string_view text_;
  Lexer lexer_;
  Token token_;
  bool has_token_ = false;
  bool newlines_ = true;
  int depth_ = 0;
  bool object_key_ = false;  ///< the next term is an object item's key
};

std::string_view Parser::Name(const Token& t, std::string_view what) const {
  std::string_view name = TextOf(t);
  if (name.find("::") != std::string_view::npos) {
    Fail(t.begin, "'" + std::string(name) + "' is not a valid " + std::string(what));
  }
  return name;
}

// ---------------------------------------------------------------------------
// Bodies

void Parser::ParseConfig() {
  // A file that is one object is a JSON-syntax variables file.
  bool object = false;
  {
    NewlineScope scope(this, false);
    object = Peek().type == Tok::kLBrace;
  }
  if (object) {
    Token open = Next();
    {
      NewlineScope scope(this, false);
      if (PeekKeyword("for")) Unexpected(Peek(), "an object item");
    }
    file_.json = ParseObject(open);
    NewlineScope scope(this, false);
    if (Peek().type != Tok::kEof) Unexpected(Peek(), "end of file after the object");
    return;
  }
  file_.body = ParseBody(true, 0);
}

const Body* Parser::ParseBody(bool top_level, uint32_t open) {
  Enter(Peek().begin);
  std::vector<Attribute> attributes;
  std::vector<const Block*> blocks;
  std::unordered_set<std::string_view> names;  // filled once a body is large
  for (;;) {
    const Token& t = Peek();
    if (t.type == Tok::kNewline) {
      Next();
      continue;
    }
    if (t.type == Tok::kEof) {
      if (!top_level) Fail(open, "unclosed block: no '}' closes this '{'");
      break;
    }
    if (t.type == Tok::kRBrace) {
      if (top_level) Fail(t.begin, "unexpected '}'");
      break;
    }
    if (t.type != Tok::kIdent) Unexpected(t, "an argument name or a block type");
    Token name = Next();
    const Token& next = Peek();
    if (next.type == Tok::kEqual) {
      Next();
      Attribute a = FinishAttribute(name);
      EndOfItem("the value of", a.name());
      AddAttribute(attributes, a, names);
    } else if (next.type == Tok::kIdent || next.type == Tok::kQuote || next.type == Tok::kLBrace) {
      const Block* b = FinishBlock(name);
      EndOfItem("the block", b->type());
      blocks.push_back(b);
    } else {
      Unexpected(next, "'=' or '{' after '" + std::string(TextOf(name)) + "'");
    }
  }
  const Body* body = Body::Make(file_.arena, file_.arena.MakeList(attributes), blocks);
  Leave();
  return body;
}

// A newline (or the end of the file) ends each argument and block.
void Parser::EndOfItem(std::string_view what, std::string_view name) {
  const Token& t = Peek();
  if (t.type == Tok::kNewline) {
    Next();
    return;
  }
  if (t.type == Tok::kEof) return;
  Fail(t.begin, "unexpected " + DescribeToken(text_, t) + " after " + std::string(what) + " '" +
                    std::string(name) + "': a newline must end it");
}

void Parser::AddAttribute(std::vector<Attribute>& attributes, const Attribute& a,
                          std::unordered_set<std::string_view>& names) {
  // Small bodies are searched; a large one (a generated tfvars file) gets a set.
  constexpr size_t kIndexFrom = 16;
  bool twice = false;
  if (attributes.size() < kIndexFrom) {
    twice = std::any_of(attributes.begin(), attributes.end(),
                        [&](const Attribute& x) { return x.name() == a.name(); });
  } else {
    if (names.empty()) {
      for (const Attribute& x : attributes) names.insert(x.name());
    }
    twice = !names.insert(a.name()).second;
  }
  if (twice) {
    Fail(a.name_begin, "attribute \"" + std::string(a.name()) + "\" is set twice in this block");
  }
  attributes.push_back(a);
}

Attribute Parser::FinishAttribute(const Token& name) {
  Name(name, "argument name");  // refuses a::b
  Attribute a;
  a.name_begin = name.begin;
  a.name_end = name.end;
  a.expr = ParseExpression();
  return a;
}

const Block* Parser::FinishBlock(const Token& type) {
  Name(type, "block type");  // refuses a::b
  Token open;
  std::vector<Label> labels;
  for (;;) {
    Token t = Next();
    if (t.type == Tok::kQuote) {
      labels.push_back(ParseLabel(t));
    } else if (t.type == Tok::kIdent) {
      labels.push_back(Label{TextOf(t), SpanOf(t.begin, t.end)});
    } else if (t.type == Tok::kLBrace) {
      open = t;
      break;
    } else {
      Unexpected(t, "a block label or '{'");
    }
  }
  Block* b = Block::Make(file_.arena, SpanOf(type.begin, type.end), labels);
  b->header_end = open.end;
  const Token& first = Peek();
  Token close;
  if (first.type == Tok::kNewline) {
    b->body = ParseBody(false, open.begin);
    close = Next();
  } else if (first.type == Tok::kRBrace) {
    b->body = file_.arena.New<Body>();
    close = Next();
  } else {
    // A one-line block holds a single argument: `lifecycle { create_before_destroy = true }`.
    Enter(first.begin);
    Token name = Next();
    if (name.type != Tok::kIdent || Peek().type != Tok::kEqual) {
      Fail(name.begin, "a block on one line may only set one argument (name = value)");
    }
    Next();
    Body* body = file_.arena.New<Body>();
    Attribute a = FinishAttribute(name);
    body->attributes = file_.arena.MakeList(std::vector<Attribute>{a});
    b->body = body;
    close = Next();
    if (close.type != Tok::kRBrace) Unexpected(close, "'}' after the argument of a one-line block");
    Leave();
  }
  b->end = close.end;
  return b;
}

Label Parser::ParseLabel(const Token& quote) {
  uint32_t close = ScanQuotedLiteral(quote.end, quote.begin);
  if (text_[close] != '"') Fail(close, "a block label cannot contain a template sequence");
  Seek(close + 1);
  return Label{Unescaped(text_.substr(quote.end, close - quote.end), true),
               SpanOf(quote.begin, close + 1)};
}

// ---------------------------------------------------------------------------
// Expressions

const Expr* Parser::ParseExpression() {
  Enter(Peek().begin);
  const Expr* cond = ParseBinary(0);
  if (Peek().type != Tok::kQuestion) {
    Leave();
    return cond;
  }
  Next();
  auto* e = file_.arena.New<ConditionalExpr>(cond->span);
  e->cond = cond;
  e->then = ParseExpression();
  Token colon = Next();
  if (colon.type != Tok::kColon) Unexpected(colon, "':' in the conditional expression");
  e->otherwise = ParseExpression();
  e->span.end = e->otherwise->span.end;
  Leave();
  return e;
}

const Expr* Parser::ParseBinary(int level) {
  if (level == kBinaryLevels) return ParseUnary();
  const Expr* lhs = ParseBinary(level + 1);
  // Each operator nests the tree one level deeper: `1+1+…` counts too.
  int entered = 0;
  BinaryOp op;
  while (BinaryOpAt(level, Peek().type, &op)) {
    Token t = Next();
    Enter(t.begin);
    ++entered;
    const Expr* rhs = ParseBinary(level + 1);
    lhs = file_.arena.New<BinaryExpr>(SpanOf(lhs->span.begin, rhs->span.end), op, lhs, rhs);
  }
  depth_ -= entered;
  return lhs;
}

const Expr* Parser::ParseUnary() {
  Tok t = Peek().type;
  if (t != Tok::kMinus && t != Tok::kBang) return ParsePostfix();
  Token op = Next();
  object_key_ = false;  // -a is no name
  Enter(op.begin);
  const Expr* operand = ParseUnary();
  Leave();
  return file_.arena.New<UnaryExpr>(SpanOf(op.begin, operand->span.end),
                                    t == Tok::kBang ? '!' : '-', operand);
}

const Expr* Parser::ParsePostfix() {
  Span root;
  const Expr* base = ParseTerm(root);
  Tok t = Peek().type;
  if (base && t != Tok::kDot && t != Tok::kLBrack) return base;
  auto* e = TraversalExpr::Make(file_.arena, base ? base->span : root, base);
  if (!base) e->root_size = root.end - root.begin;
  std::vector<Step> steps;
  ParseTraversal(steps, e->span.end);
  e->steps = file_.arena.MakeList(steps);
  return e;
}

// Attribute, index and splat steps, as hclsyntax reads them: `[*]` applies
// every later step to each element (they go to its `rest`); `.*` only the
// `.name` and `.0` steps right after it, so `a.*.b[0]` indexes the result.
// A splat step's span runs, as tree-sitter's splat node did, from its marker
// through the attribute and index steps that directly follow it.
void Parser::ParseTraversal(std::vector<Step>& steps, uint32_t& end) {
  size_t attr_splat = SIZE_MAX;  // index of a `.*` step whose span still grows
  auto legacy_index = [&](const Token& dot, const Token& num) {
    std::string_view digits = TextOf(num);
    if (digits.find_first_not_of("0123456789") != std::string_view::npos) {
      Fail(num.begin, "'" + std::string(digits) +
                          "' is not an index: write [i][j] to chain indexes, not .i.j");
    }
    double d = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), d);
    Step st;
    st.kind = Step::Kind::kIndex;
    st.span = SpanOf(dot.begin, num.end);
    Span sp = SpanOf(dot.begin + 1, num.end);
    st.index = LiteralExpr::Number(file_.arena, sp, d);
    return st;
  };
  auto attr = [&](const Token& dot, const Token& name) {
    Step st;
    st.kind = Step::Kind::kAttr;
    st.span = SpanOf(dot.begin, name.end);
    st.name_size = static_cast<uint32_t>(Name(name, "attribute name").size());
    return st;
  };
  for (;;) {
    Tok t = Peek().type;
    Step st;
    if (t == Tok::kDot) {
      Token dot = Next();
      Token name = Next();
      if (name.type == Tok::kIdent) {
        st = attr(dot, name);
      } else if (name.type == Tok::kNumber) {
        st = legacy_index(dot, name);
      } else if (name.type == Tok::kStar) {
        st.kind = Step::Kind::kSplat;
        st.span = SpanOf(dot.begin, name.end);
        Enter(dot.begin);
        std::vector<Step> rest;
        while (Peek().type == Tok::kDot) {
          Token d = Next();
          Token n = Next();
          if (n.type == Tok::kIdent) {
            rest.push_back(attr(d, n));
          } else if (n.type == Tok::kNumber) {
            rest.push_back(legacy_index(d, n));
          } else if (n.type == Tok::kStar) {
            Fail(d.begin, "a splat (.*) cannot follow an attribute-only splat (.*)");
          } else {
            Unexpected(n, "an attribute name after '.'");
          }
          st.span.end = n.end;
        }
        st.rest_list = file_.arena.New<List<Step>>(file_.arena.MakeList(rest));
        Leave();
        end = st.span.end;
        steps.push_back(st);
        attr_splat = steps.size() - 1;
        continue;
      } else {
        Unexpected(name, "an attribute name after '.'");
      }
    } else if (t == Tok::kLBrack) {
      Token open = Next();
      Token close;
      bool splat = false;
      {
        NewlineScope scope(this, false);  // newlines are white space inside brackets
        if (Peek().type == Tok::kStar) {
          Next();
          close = Next();
          if (close.type != Tok::kRBrack) Unexpected(close, "']' after '[*'");
          splat = true;
        } else {
          st.index = ParseExpression();
          close = Next();
          if (close.type != Tok::kRBrack) Unexpected(close, "']' after the index");
        }
      }
      if (splat) {
        st.kind = Step::Kind::kSplat;
        st.full_splat = true;
        st.span = SpanOf(open.begin, close.end);
        end = close.end;
        Enter(open.begin);
        std::vector<Step> rest;
        ParseTraversal(rest, end);
        st.rest_list = file_.arena.New<List<Step>>(file_.arena.MakeList(rest));
        Leave();
        for (const Step& r : st.rest()) {
          if (r.kind == Step::Kind::kSplat) break;
          st.span.end = r.span.end;
        }
        steps.push_back(st);
        return;
      }
      st.kind = Step::Kind::kIndex;
      st.span = SpanOf(open.begin, close.end);
    } else {
      return;
    }
    end = st.span.end;
    if (attr_splat != SIZE_MAX) steps[attr_splat].span.end = end;
    steps.push_back(st);
  }
}

const Expr* Parser::ParseTerm(Span& root) {
  bool key = std::exchange(object_key_, false);
  Token t = Next();
  Span sp = SpanOf(t.begin, t.end);
  switch (t.type) {
    case Tok::kNumber:
      return ParseNumber(t);
    case Tok::kIdent: {
      if (Peek().type == Tok::kLParen) return ParseCall(t);
      std::string_view name = TextOf(t);
      if (name == "true" || name == "false") {
        return LiteralExpr::Bool(file_.arena, sp, name == "true");
      }
      if (name == "null") return LiteralExpr::Null(file_.arena, sp);
      Name(t, "variable name");  // refuses a::b
      Tok next = Peek().type;
      // A bare identifier key is its own name, not a variable.
      if (key && (next == Tok::kEqual || next == Tok::kColon)) {
        return LiteralExpr::String(file_.arena, sp, name);
      }
      if (next == Tok::kDot || next == Tok::kLBrack) {
        root = sp;
        return nullptr;
      }
      return file_.arena.New<VariableExpr>(sp);
    }
    case Tok::kLParen: {
      NewlineScope scope(this, false);
      const Expr* inner = ParseExpression();
      Token close = Next();
      if (close.type != Tok::kRParen) Unexpected(close, "')'");
      return file_.arena.New<ParensExpr>(SpanOf(t.begin, close.end), inner);
    }
    case Tok::kLBrack:
      return ParseTuple(t);
    case Tok::kLBrace: {
      bool is_for = false;
      {
        NewlineScope scope(this, false);
        is_for = PeekKeyword("for");
      }
      if (is_for) return ParseFor(t);
      return ParseObject(t);
    }
    case Tok::kQuote:
      return ParseQuoted(t);
    case Tok::kHeredoc:
      return ParseHeredoc(t);
    default:
      Unexpected(t, "an expression");
  }
}

const Expr* Parser::ParseNumber(const Token& t) {
  std::string_view lit = TextOf(t);
  Span sp = SpanOf(t.begin, t.end);
  double d = 0;
  auto r = std::from_chars(lit.data(), lit.data() + lit.size(), d);
  // Terraform keeps 512 bits; a double holds what was written only up to
  // 15 significant digits. Beyond that (or beyond a double's range) the
  // literal is unknown, not wrong.
  if (r.ec != std::errc() || !std::isfinite(d) || SignificantDigits(lit) > 15) {
    return LiteralExpr::Unknown(file_.arena, sp);
  }
  return LiteralExpr::Number(file_.arena, sp, d);
}

const Expr* Parser::ParseCall(const Token& name) {
  auto* c = file_.arena.New<CallExpr>(SpanOf(name.begin, name.end));
  c->name_end = name.end;
  NewlineScope scope(this, false);
  Next();  // (
  Token close;
  std::vector<const Expr*> args;
  for (;;) {
    if (Peek().type == Tok::kRParen) {
      close = Next();
      break;
    }
    args.push_back(ParseExpression());
    Token sep = Next();
    if (sep.type == Tok::kRParen) {
      close = sep;
      break;
    }
    if (sep.type == Tok::kEllipsis) {
      c->expand_final = true;
      close = Next();
      if (close.type != Tok::kRParen) Unexpected(close, "')' after '...'");
      break;
    }
    if (sep.type != Tok::kComma) Unexpected(sep, "',' or ')' after a function argument");
  }
  c->args = file_.arena.MakeList(args);
  c->span.end = close.end;
  return c;
}

const Expr* Parser::ParseTuple(const Token& open) {
  NewlineScope scope(this, false);
  if (PeekKeyword("for")) return ParseFor(open);
  Span span = SpanOf(open.begin, open.end);
  std::vector<const Expr*> items;
  for (;;) {
    if (Peek().type == Tok::kRBrack) {
      span.end = Next().end;
      break;
    }
    items.push_back(ParseExpression());
    Token sep = Next();
    if (sep.type == Tok::kRBrack) {
      span.end = sep.end;
      break;
    }
    if (sep.type != Tok::kComma) Unexpected(sep, "',' or ']' after a tuple item");
  }
  return TupleExpr::Make(file_.arena, span, items);
}

const ObjectExpr* Parser::ParseObject(const Token& open) {
  NewlineScope scope(this, true);
  Span span = SpanOf(open.begin, open.end);
  std::vector<ObjectItem> items;
  for (;;) {
    const Token& t = Peek();
    if (t.type == Tok::kNewline) {
      Next();
      continue;
    }
    if (t.type == Tok::kRBrace) {
      span.end = Next().end;
      break;
    }
    ObjectItem item;
    object_key_ = true;  // ParseTerm makes a bare name before = or : a string
    item.key = ParseExpression();
    object_key_ = false;
    Token eq = Next();
    if (eq.type != Tok::kEqual && eq.type != Tok::kColon) {
      Unexpected(eq, "'=' or ':' after the object key");
    }
    item.value = ParseExpression();
    items.push_back(item);
    Token sep = Next();
    if (sep.type == Tok::kRBrace) {
      span.end = sep.end;
      break;
    }
    if (sep.type != Tok::kComma && sep.type != Tok::kNewline) {
      Unexpected(sep, "',', a newline or '}' after an object item");
    }
  }
  return ObjectExpr::Make(file_.arena, span, items);
}

const Expr* Parser::ParseFor(const Token& open) {
  NewlineScope scope(this, false);
  auto* f = file_.arena.New<ForExpr>(SpanOf(open.begin, open.end));
  f->is_object = open.type == Tok::kLBrace;
  Next();  // for
  Token first = Next();
  if (first.type != Tok::kIdent) Unexpected(first, "a variable name after 'for'");
  f->value_var = Name(first, "variable name");
  if (Peek().type == Tok::kComma) {
    Next();
    Token second = Next();
    if (second.type != Tok::kIdent) Unexpected(second, "a variable name after ','");
    f->key_var = f->value_var;
    f->value_var = Name(second, "variable name");
  }
  if (!PeekKeyword("in")) Unexpected(Peek(), "'in' after the variable names of 'for'");
  Next();
  f->collection = ParseExpression();
  Token colon = Next();
  if (colon.type != Tok::kColon) Unexpected(colon, "':' after the collection of 'for'");
  f->value = ParseExpression();
  if (f->is_object) {
    Token arrow = Next();
    if (arrow.type != Tok::kArrow) Unexpected(arrow, "'=>' after the key of an object 'for'");
    f->key = f->value;
    f->value = ParseExpression();
    if (Peek().type == Tok::kEllipsis) {
      Next();
      f->grouping = true;
    }
  }
  if (PeekKeyword("if")) {
    Next();
    f->cond = ParseExpression();
  }
  Token close = Next();
  Tok want = f->is_object ? Tok::kRBrace : Tok::kRBrack;
  if (close.type != want) Unexpected(close, f->is_object ? "'}' to end 'for'" : "']' to end 'for'");
  f->span.end = close.end;
  return f;
}

// ---------------------------------------------------------------------------
// Templates

// Scans quoted literal text from `pos` to the closing quote or the next ${
// or %{ and returns where it stopped; refuses bad escapes and line ends.
uint32_t Parser::ScanQuotedLiteral(uint32_t pos, uint32_t open) {
  const uint32_t n = static_cast<uint32_t>(text_.size());
  while (pos < n) {
    char c = text_[pos];
    if (c == '"') return pos;
    if (c == '\n') Fail(open, "quoted strings may not span lines (unterminated string?)");
    if (c == '\\') {
      char e = pos + 1 < n ? text_[pos + 1] : '\0';
      size_t hex = e == 'u' ? 4 : e == 'U' ? 8 : 0;
      if (hex) {
        for (size_t k = 0; k < hex; ++k) {
          if (pos + 2 + k >= n || !IsHexDigit(text_[pos + 2 + k])) {
            Fail(pos, std::string("invalid escape sequence: \\") + e + " needs " +
                          std::to_string(hex) + " hex digits");
          }
        }
        pos += 2 + static_cast<uint32_t>(hex);
        continue;
      }
      if (e != 'n' && e != 'r' && e != 't' && e != '"' && e != '\\') {
        Fail(pos, "invalid escape sequence '\\" + std::string(1, e) + "'");
      }
      pos += 2;
      continue;
    }
    if ((c == '$' || c == '%') && pos + 1 < n) {
      if (text_[pos + 1] == '{') return pos;
      if (text_[pos + 1] == c && pos + 2 < n && text_[pos + 2] == '{') {
        pos += 3;  // $${ and %%{ are literal
        continue;
      }
    }
    ++pos;
  }
  Fail(open, "unterminated string");
}

const Expr* Parser::ParseQuoted(const Token& quote) {
  uint32_t stop = ScanQuotedLiteral(quote.end, quote.begin);
  if (text_[stop] == '"') {
    // No interpolation or directive: a string literal.
    Seek(stop + 1);
    Span sp = SpanOf(quote.begin, stop + 1);
    return LiteralExpr::String(file_.arena, sp,
                               Unescaped(text_.substr(quote.end, stop - quote.end), true));
  }
  TemplateScan s(TemplateScan::Mode::kQuoted);
  s.open = quote.begin;
  s.region_begin = quote.end;
  lexer_.set_pos(quote.end);
  return FinishTemplate(s, quote.begin);
}

const Expr* Parser::ParseHeredoc(const Token& intro) {
  TemplateScan s(TemplateScan::Mode::kHeredoc);
  s.open = intro.begin;
  s.flush = text_[intro.begin + 2] == '-';
  uint32_t id_begin = intro.begin + 2 + (s.flush ? 1 : 0);
  s.heredoc_id = text_.substr(id_begin, intro.end - id_begin);
  // Content starts on the next line (the lexer checked there is one).
  s.region_begin = static_cast<uint32_t>(text_.find('\n', intro.end)) + 1;
  lexer_.set_pos(s.region_begin);
  return FinishTemplate(s, intro.begin);
}

// The content of a quoted or heredoc template, from the lexer's position
// through its terminator, as a template expression starting at `begin`.
const TemplateExpr* Parser::FinishTemplate(TemplateScan& s, uint32_t begin) {
  std::vector<PartBuilder> parts = ParseContent(s);
  Complete(s, text_, parts);
  auto* e = file_.arena.New<TemplateExpr>(SpanOf(begin, s.term_end));
  e->parts = Freeze(parts);
  Seek(s.term_end);
  return e;
}

// Template content up to its end; a stray %{else}, %{endif} or %{endfor} is
// an error.
std::vector<PartBuilder> Parser::ParseContent(TemplateScan& s) {
  std::vector<PartBuilder> parts;
  if (ParseParts(s, parts) != TemplateEnd::kEnd) {
    Fail(s.term_begin, "unexpected directive: no %{if} or %{for} is open");
  }
  return parts;
}

void Parser::ParseTemplateFile() {
  TemplateScan s(TemplateScan::Mode::kFile);
  auto* e = file_.arena.New<TemplateExpr>(SpanOf(0, static_cast<uint32_t>(text_.size())));
  lexer_.set_pos(0);
  std::vector<PartBuilder> parts = ParseContent(s);
  // templatefile() reads the file as a heredoc's body: its literal text is
  // computed as though a line end followed the file, which is then dropped.
  std::string padded;
  padded.reserve(text_.size() + 1);
  padded.append(text_);
  padded.push_back('\n');
  s.region_end = static_cast<uint32_t>(padded.size());
  Complete(s, padded, parts);
  if (!parts.empty() && parts.back().part.kind == TemplatePart::Kind::kLiteral &&
      !parts.back().text.empty() && parts.back().text.back() == '\n') {
    parts.back().text.pop_back();
    if (parts.back().text.empty()) parts.pop_back();
  }
  e->parts = Freeze(parts);
  file_.templ = e;
}

bool Parser::HeredocCloser(const TemplateScan& s, uint32_t line, uint32_t* id_end) const {
  const size_t n = text_.size();
  size_t i = line;
  while (i < n && IsBlank(text_[i])) ++i;
  if (text_.compare(i, s.heredoc_id.size(), s.heredoc_id) != 0) return false;
  i += s.heredoc_id.size();
  *id_end = static_cast<uint32_t>(i);
  while (i < n && IsBlank(text_[i])) ++i;
  return i < n && text_[i] == '\n';
}

// Parses template content from the lexer's position up to the end of the
// template or a %{else} / %{endif} / %{endfor}, which it returns.
TemplateEnd Parser::ParseParts(TemplateScan& s, std::vector<PartBuilder>& parts) {
  const uint32_t n = static_cast<uint32_t>(text_.size());
  uint32_t pos = lexer_.pos();
  uint32_t literal = pos;
  auto add_literal = [&](uint32_t end, bool always) {
    if (end <= literal && !always) return;
    PartBuilder p;
    p.part.kind = TemplatePart::Kind::kLiteral;
    p.part.span = SpanOf(literal, std::max(literal, end));
    parts.push_back(std::move(p));
  };
  for (;;) {
    if (s.mode == TemplateScan::Mode::kHeredoc &&
        (pos == s.region_begin || text_[pos - 1] == '\n')) {
      uint32_t id_end = 0;
      if (pos < n && HeredocCloser(s, pos, &id_end)) {
        add_literal(pos, false);
        s.region_end = pos;
        s.term_begin = pos;
        s.term_end = id_end;
        return TemplateEnd::kEnd;
      }
    }
    if (pos >= n) {
      if (s.mode == TemplateScan::Mode::kHeredoc) {
        Fail(s.open, "unterminated heredoc: no line '" + std::string(s.heredoc_id) + "' closes it");
      }
      if (s.mode == TemplateScan::Mode::kQuoted) Fail(s.open, "unterminated string");
      add_literal(n, true);
      s.term_begin = s.term_end = n;
      return TemplateEnd::kEnd;
    }
    if (s.mode == TemplateScan::Mode::kQuoted) {
      pos = ScanQuotedLiteral(pos, s.open);
      if (text_[pos] == '"') {
        add_literal(pos, false);
        s.region_end = pos;
        s.term_begin = pos;
        s.term_end = pos + 1;
        return TemplateEnd::kEnd;
      }
    }
    char c = text_[pos];
    if ((c == '$' || c == '%') && pos + 1 < n) {
      char d = text_[pos + 1];
      if (d == c && pos + 2 < n && text_[pos + 2] == '{') {
        pos += 3;  // $${ and %%{ are literal
        continue;
      }
      if (d == '{') {
        add_literal(pos, false);
        uint32_t begin = pos;
        pos += 2;
        bool strip = pos < n && text_[pos] == '~';
        if (strip) ++pos;
        lexer_.set_pos(pos);
        has_token_ = false;
        if (c == '%') {
          TemplateEnd end = ParseDirective(s, parts, begin, strip);
          if (end != TemplateEnd::kEnd) return end;
        } else {
          NewlineScope scope(this, false);
          if (Peek().type == Tok::kRBrace || Peek().type == Tok::kStripRBrace) {
            Fail(Peek().begin, "expected an expression in ${…}");
          }
          PartBuilder p;
          p.part.kind = TemplatePart::Kind::kInterpolation;
          p.part.expr = ParseExpression();
          p.part.span = SpanOf(begin, CloseMarker(s, begin, strip));
          parts.push_back(std::move(p));
        }
        pos = lexer_.pos();
        literal = pos;
        continue;
      }
    }
    ++pos;
  }
}

// Reads the `}` or `~}` that closes a ${…} or %{…} piece begun at `begin`,
// records the piece and returns its end.
uint32_t Parser::CloseMarker(TemplateScan& s, uint32_t begin, bool strip_left) {
  Token close = Next();
  if (close.type != Tok::kRBrace && close.type != Tok::kStripRBrace) {
    Unexpected(close, text_[begin] == '$' ? "'}' to close '${'" : "'}' to close '%{'");
  }
  s.markers.push_back(
      TemplateMarker{begin, close.end, strip_left, close.type == Tok::kStripRBrace});
  return close.end;
}

// After the `%{` at `begin` (and its strip marker): one directive. An %{if} or %{for} is
// parsed through its end and added to `parts`; %{else}, %{endif} and
// %{endfor} end the enclosing body and are returned.
TemplateEnd Parser::ParseDirective(TemplateScan& s, std::vector<PartBuilder>& parts, uint32_t begin,
                                   bool strip) {
  Token kw;
  {
    NewlineScope scope(this, false);
    kw = Next();
    if (kw.type != Tok::kIdent) Unexpected(kw, "if, else, endif, for or endfor after '%{'");
  }
  std::string_view word = TextOf(kw);
  auto terminator = [&](TemplateEnd end) {
    NewlineScope scope(this, false);
    s.term_begin = begin;
    s.term_end = CloseMarker(s, begin, strip);
    return end;
  };
  if (word == "else") return terminator(TemplateEnd::kElse);
  if (word == "endif") return terminator(TemplateEnd::kEndIf);
  if (word == "endfor") return terminator(TemplateEnd::kEndFor);
  PartBuilder b;
  TemplatePart& p = b.part;
  Enter(begin);
  if (word == "if") {
    p.kind = TemplatePart::Kind::kIf;
    {
      NewlineScope scope(this, false);
      p.expr = ParseExpression();
      CloseMarker(s, begin, strip);
    }
    TemplateEnd end = ParseParts(s, b.body);
    if (end == TemplateEnd::kElse) end = ParseParts(s, b.orelse);
    if (end != TemplateEnd::kEndIf) {
      Fail(end == TemplateEnd::kEnd ? begin : s.term_begin,
           "unterminated %{if} directive: expected %{endif}");
    }
  } else if (word == "for") {
    p.kind = TemplatePart::Kind::kFor;
    {
      NewlineScope scope(this, false);
      Token first = Next();
      if (first.type != Tok::kIdent) Unexpected(first, "a variable name after 'for'");
      b.value_var = Name(first, "variable name");
      if (Peek().type == Tok::kComma) {
        Next();
        Token second = Next();
        if (second.type != Tok::kIdent) Unexpected(second, "a variable name after ','");
        b.key_var = b.value_var;
        b.value_var = Name(second, "variable name");
      }
      if (!PeekKeyword("in")) Unexpected(Peek(), "'in' after the variable names of 'for'");
      Next();
      p.expr = ParseExpression();
      CloseMarker(s, begin, strip);
    }
    TemplateEnd end = ParseParts(s, b.body);
    if (end != TemplateEnd::kEndFor) {
      Fail(end == TemplateEnd::kEnd ? begin : s.term_begin,
           "unterminated %{for} directive: expected %{endfor}");
    }
  } else {
    Fail(kw.begin, "unknown template directive '" + std::string(word) + "'");
  }
  Leave();
  p.span = SpanOf(begin, s.term_end);
  parts.push_back(std::move(b));
  return TemplateEnd::kEnd;
}

// The literal text of a complete template, computed over all of it at once
// (see template_text.h), into its literal parts.
void Parser::Complete(TemplateScan& s, std::string_view text,
                      std::vector<PartBuilder>& parts) const {
  bool quoted = s.mode == TemplateScan::Mode::kQuoted;
  auto gaps = TemplateLiterals(text, s.region_begin, s.region_end, s.markers, quoted, s.flush);
  FillLiterals(s, text, gaps, parts);
}

void Parser::FillLiterals(const TemplateScan& s, std::string_view text,
                          std::vector<std::optional<std::string>>& gaps,
                          std::vector<PartBuilder>& parts) const {
  for (PartBuilder& b : parts) {
    if (b.part.kind != TemplatePart::Kind::kLiteral) {
      FillLiterals(s, text, gaps, b.body);
      FillLiterals(s, text, gaps, b.orelse);
      continue;
    }
    const TemplatePart& p = b.part;
    // A literal starts at the region's start or where a marker ends.
    size_t gap = 0;
    if (p.span.begin != s.region_begin) {
      auto it = std::lower_bound(s.markers.begin(), s.markers.end(), p.span.begin,
                                 [](const TemplateMarker& m, uint32_t at) { return m.end < at; });
      gap = static_cast<size_t>(it - s.markers.begin()) + 1;
    }
    if (gap < gaps.size() && gaps[gap]) b.text = std::move(*gaps[gap]);
  }
}

List<TemplatePart> Parser::Freeze(std::vector<PartBuilder>& parts) {
  std::vector<TemplatePart> out;
  out.reserve(parts.size());
  for (PartBuilder& b : parts) {
    TemplatePart p = b.part;
    if (p.kind == TemplatePart::Kind::kLiteral) {
      // Most literal text is the source text itself: no copy then.
      std::string_view raw = p.span.text();
      p.text = raw == b.text ? raw : file_.arena.Copy(b.text);
    }
    if (p.kind == TemplatePart::Kind::kIf || p.kind == TemplatePart::Kind::kFor) {
      auto* d = file_.arena.New<TemplateDirective>();
      d->key_var = b.key_var;
      d->value_var = b.value_var;
      d->body = Freeze(b.body);
      d->orelse = Freeze(b.orelse);
      p.directive = d;
    }
    out.push_back(p);
  }
  return file_.arena.MakeList(out);
}

std::string_view Parser::Unescaped(std::string_view raw, bool quoted) {
  // A plain loop: find_first_of calls memchr on the set for every character.
  bool plain = std::none_of(raw.begin(), raw.end(), [quoted](char c) {
    return c == '$' || c == '%' || (quoted && c == '\\');
  });
  if (plain) return raw;
  std::string s = UnescapeLiteral(raw, quoted);
  return s == raw ? raw : file_.arena.Copy(s);
}

template <class Parse>
std::unique_ptr<File> Run(const SourceFile& source, Parse parse) {
  auto file = std::make_unique<File>();
  file->source = &source;
  Parser parser(*file);
  try {
    parse(parser);
  } catch (const SyntaxError& e) {
    file->error =
        std::make_unique<Diagnostic>(DiagnosticAt(Span{&source, e.byte, e.byte}, e.message));
    file->body = nullptr;
    file->json = nullptr;
    file->templ = nullptr;
  }
  return file;
}

}  // namespace

std::unique_ptr<File> ParseFile(const SourceFile& source) {
  return Run(source, [](Parser& p) { p.ParseConfig(); });
}

std::unique_ptr<File> ParseTemplate(const SourceFile& source) {
  return Run(source, [](Parser& p) { p.ParseTemplateFile(); });
}

}  // namespace infracheck::hcl
