// The HCL syntax layer: what a .tf / .tfvars file says, with exact source
// ranges, independent of tree-sitter. Nodes live in the file's arena and
// refer to the file text by span; they are immutable once built.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "infracheck/source.h"
#include "infracheck/value.h"

namespace infracheck::hcl {

/// A list laid out in a file's arena: built once by the parser, read-only
/// after. Reads like a const std::vector.
template <class T>
class List {
 public:
  List() = default;
  List(const T* data, uint32_t size) : data_(data), size_(size) {}

  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }

 private:
  const T* data_ = nullptr;
  uint32_t size_ = 0;
};

/// Holds a file's syntax nodes, lists and unescaped strings. Everything in it
/// is trivially destructible, so nothing is walked to be freed.
///
/// The memory comes in large blocks shared by the files parsed one after
/// another on a thread: a file takes what it needs from the thread's current
/// block and keeps a reference to every block it used, so a block is freed
/// with the last file in it. Files of a few kilobytes thus waste no partly
/// used block of their own (a third of the nodes' memory when each file had
/// its blocks).
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  template <class T, class... Args>
  T* New(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    void* p = Allocate(sizeof(T), alignof(T));
    return new (p) T(std::forward<Args>(args)...);
  }

  /// Like New, with `extra` bytes right after the object (aligned as T), for
  /// what only some objects of a type hold.
  template <class T, class... Args>
  T* NewWithTrailing(size_t extra, Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    void* p = Allocate(sizeof(T) + extra, alignof(T));
    return new (p) T(std::forward<Args>(args)...);
  }

  /// Like New, with `items` copied right after the object: a node whose
  /// children follow it hands them out with ListAfter.
  template <class T, class E, class... Args>
  T* NewWithList(const std::vector<E>& items, Args&&... args) {
    static_assert(std::is_trivially_copyable_v<E> && alignof(E) <= alignof(T));
    T* t = NewWithTrailing<T>(sizeof(E) * items.size(), std::forward<Args>(args)...);
    if (!items.empty()) {
      std::memcpy(static_cast<void*>(t + 1), items.data(), sizeof(E) * items.size());
    }
    return t;
  }

  /// Copies `items` into the arena.
  template <class T>
  List<T> MakeList(const std::vector<T>& items) {
    static_assert(std::is_trivially_copyable_v<T>, "arena lists hold plain data");
    if (items.empty()) return {};
    T* p = static_cast<T*>(Allocate(sizeof(T) * items.size(), alignof(T)));
    std::copy(items.begin(), items.end(), p);
    return List<T>(p, static_cast<uint32_t>(items.size()));
  }

  /// Copies `s` into the arena.
  std::string_view Copy(std::string_view s);

 private:
  void* Allocate(size_t size, size_t align);
  std::vector<std::shared_ptr<char[]>> blocks_;  ///< every block this file has memory in
};

/// The `count` items NewWithList copied after `node`.
template <class E, class T>
List<E> ListAfter(const T* node, uint32_t count) {
  return List<E>(reinterpret_cast<const E*>(node + 1), count);
}

/// Stores and loads the value kept in the bytes NewWithTrailing reserved
/// after `node`.
template <class T, class V>
void StoreAfter(T* node, V v) {
  std::memcpy(reinterpret_cast<char*>(node) + sizeof(T), &v, sizeof v);
}
template <class V, class T>
V LoadAfter(const T* node) {
  V v;
  std::memcpy(&v, reinterpret_cast<const char*>(node) + sizeof(T), sizeof v);
  return v;
}

enum class ExprKind : uint8_t {
  kLiteral,      ///< number, bool, null, or a string without interpolation
  kTemplate,     ///< quoted or heredoc string with interpolations or directives
  kTuple,        ///< [a, b]
  kObject,       ///< {k = v}
  kVariable,     ///< a bare name: var, local, each, aws_s3_bucket, ...
  kTraversal,    ///< base followed by .attr, [index], [*] and .* steps
  kCall,         ///< name(args...)
  kFor,          ///< [for ...] or {for ...}
  kUnary,        ///< -x, !x
  kBinary,       ///< x op y
  kConditional,  ///< c ? a : b
  kParens,       ///< (x): only matters for object keys
};

// `kind` after `span`: its padding is reused by the small fields of the
// derived nodes (a file has tens of thousands of them).
struct Expr {
  Expr(ExprKind k, Span s) : span(s), kind(k) {}
  Span span;
  ExprKind kind;
};

/// A literal, kept as plain data (a file has thousands); value() makes the
/// Value when it is evaluated.
///
/// It takes 24 bytes. A string that is the file's own text near the
/// literal's start (most are: a quoted string without escapes, a bare object
/// key, a heredoc's body) is found from the span; a number, or a string
/// unescaped into the arena, is kept in 8 bytes right after the node.
struct LiteralExpr : Expr {
  enum class Type : uint8_t { kNull, kBool, kNumber, kString, kUnknown };
  LiteralExpr(Span s, Type t) : Expr(ExprKind::kLiteral, s), type(t) {}
  static LiteralExpr* Null(Arena& a, Span s) { return a.New<LiteralExpr>(s, Type::kNull); }
  static LiteralExpr* Unknown(Arena& a, Span s) { return a.New<LiteralExpr>(s, Type::kUnknown); }
  static LiteralExpr* Bool(Arena& a, Span s, bool b) {
    auto* e = a.New<LiteralExpr>(s, Type::kBool);
    e->boolean = b;
    return e;
  }
  static LiteralExpr* Number(Arena& a, Span s, double n) {
    auto* e = a.NewWithTrailing<LiteralExpr>(sizeof n, s, Type::kNumber);
    StoreAfter(e, n);
    return e;
  }
  /// `str` must live as long as the file: a view of its text or of its arena.
  static LiteralExpr* String(Arena& a, Span s, std::string_view str) {
    LiteralExpr* e;
    if (size_t at = InText(s, str); at != kElsewhere) {
      e = a.New<LiteralExpr>(s, Type::kString);
      e->text_offset = static_cast<uint8_t>(at);
    } else {
      e = a.NewWithTrailing<LiteralExpr>(sizeof(const char*), s, Type::kString);
      StoreAfter(e, str.data());
    }
    e->string_size = static_cast<uint32_t>(str.size());
    return e;
  }

  /// The literal as a value whose origin is `span`.
  Value value() const;
  /// kNumber: the number.
  double number() const { return LoadAfter<double>(this); }
  /// kString: the unescaped text.
  std::string_view string() const {
    if (string_size == 0) return {};
    if (text_offset != kElsewhere) {
      return {span.file->text().data() + span.begin + text_offset, string_size};
    }
    return {LoadAfter<const char*>(this), string_size};
  }

  // The small fields sit in Expr's padding.
  Type type;
  bool boolean = false;  ///< kBool
 private:
  static constexpr size_t kElsewhere = 0xFF;
  /// Where `str` starts in the text after the span's start, or kElsewhere.
  static size_t InText(Span s, std::string_view str) {
    if (str.empty()) return 0;
    if (!s.file) return kElsewhere;
    const std::string& text = s.file->text();
    const char* start = text.data() + s.begin;
    if (str.data() < start || str.data() >= start + kElsewhere ||
        str.data() + str.size() > text.data() + text.size()) {
      return kElsewhere;
    }
    return static_cast<size_t>(str.data() - start);
  }
  uint8_t text_offset = kElsewhere;  ///< kString: where the text starts after span.begin
  uint32_t string_size = 0;          ///< kString
};
static_assert(sizeof(LiteralExpr) == 24);

struct TemplatePart;

/// What an %{if} or %{for} part has besides its expression (few parts are
/// directives, so the others do not carry these fields).
struct TemplateDirective {
  std::string_view key_var;    ///< kFor: first of two names, if two
  std::string_view value_var;  ///< kFor
  List<TemplatePart> body;     ///< kIf: then-branch; kFor: loop body
  List<TemplatePart> orelse;   ///< kIf: else-branch
};

/// A piece of a template: literal text, ${interpolation}, %{if} or %{for}.
struct TemplatePart {
  enum class Kind : uint8_t { kLiteral, kInterpolation, kIf, kFor };
  Kind kind = Kind::kLiteral;
  Span span;
  std::string_view text;                         ///< kLiteral, escapes already processed
  const Expr* expr = nullptr;                    ///< interpolation, if-condition, for-collection
  const TemplateDirective* directive = nullptr;  ///< kIf and kFor (never null there)
};

struct TemplateExpr : Expr {
  TemplateExpr(Span s) : Expr(ExprKind::kTemplate, s) {}
  List<TemplatePart> parts;
  /// "${x}" alone yields x unconverted, as in Terraform.
  bool IsSingleInterpolation() const {
    return parts.size() == 1 && parts[0].kind == TemplatePart::Kind::kInterpolation;
  }
};

/// [a, b]: its items follow it in the arena, their count in Expr's padding.
struct TupleExpr : Expr {
  TupleExpr(Span s) : Expr(ExprKind::kTuple, s) {}
  static TupleExpr* Make(Arena& a, Span s, const std::vector<const Expr*>& items) {
    auto* t = a.NewWithList<TupleExpr>(items, s);
    t->count_ = static_cast<uint32_t>(items.size());
    return t;
  }
  List<const Expr*> items() const { return ListAfter<const Expr*>(this, count_); }

 private:
  uint32_t count_ = 0;
};
static_assert(sizeof(TupleExpr) == 24);

struct ObjectItem {
  const Expr* key = nullptr;  ///< a bare identifier key is a string literal here
  const Expr* value = nullptr;
};

/// {k = v}: its items follow it in the arena, their count in Expr's padding.
struct ObjectExpr : Expr {
  ObjectExpr(Span s) : Expr(ExprKind::kObject, s) {}
  static ObjectExpr* Make(Arena& a, Span s, const std::vector<ObjectItem>& items) {
    auto* o = a.NewWithList<ObjectExpr>(items, s);
    o->count_ = static_cast<uint32_t>(items.size());
    return o;
  }
  List<ObjectItem> items() const { return ListAfter<ObjectItem>(this, count_); }

 private:
  uint32_t count_ = 0;
};
static_assert(sizeof(ObjectExpr) == 24);

struct VariableExpr : Expr {
  explicit VariableExpr(Span s) : Expr(ExprKind::kVariable, s) {}
  /// The name is the span's text (not stored: a file has thousands).
  std::string_view name() const { return span.text(); }
};

/// One step of a traversal. 40 bytes: the name is the end of the span, and a
/// step has an index or the steps after a splat, never both.
struct Step {
  enum class Kind : uint8_t { kAttr, kIndex, kSplat };
  Kind kind = Kind::kAttr;
  bool full_splat = false;  ///< kSplat: [*] (true) or .* (false)
  uint32_t name_size = 0;   ///< kAttr: the name is the last name_size bytes of `span`
  Span span;
  union {
    const Expr* index = nullptr;  ///< kIndex
    /// kSplat: steps applied to every element, in the arena (splats are few:
    /// a list here would make every step 8 bytes larger).
    const List<Step>* rest_list;
  };

  /// kAttr: the attribute's name.
  std::string_view name() const {
    std::string_view t = span.text();
    return t.substr(t.size() - std::min<size_t>(name_size, t.size()));
  }
  /// kSplat: the steps applied to every element.
  const List<Step>& rest() const {
    static const List<Step> kNone;
    return rest_list ? *rest_list : kNone;
  }
};
static_assert(sizeof(Step) == 32);

/// base followed by steps. A base that is a bare name (var, local, each,
/// aws_s3_bucket, ...; most traversals) is not a node of its own: `base` is
/// null and the name is the first root_size bytes of the span.
struct TraversalExpr : Expr {
  TraversalExpr(Span s) : Expr(ExprKind::kTraversal, s) {}
  /// A traversal rooted at `base`, or at a name (null base). A base is kept
  /// in 8 bytes after the node: most traversals have none.
  static TraversalExpr* Make(Arena& a, Span s, const Expr* base) {
    if (!base) return a.New<TraversalExpr>(s);
    auto* t = a.NewWithTrailing<TraversalExpr>(sizeof base, s);
    t->has_base_ = true;
    StoreAfter(t, base);
    return t;
  }
  /// The expression the steps apply to; null when the root is a name.
  const Expr* base() const { return has_base_ ? LoadAfter<const Expr*>(this) : nullptr; }

 private:
  bool has_base_ = false;  ///< in Expr's padding

 public:
  uint32_t root_size = 0;  ///< in Expr's padding
  List<Step> steps;

  /// The root's name, when base is null.
  std::string_view root_name() const { return root_span().text(); }
  Span root_span() const { return Span{span.file, span.begin, span.begin + root_size}; }
};
static_assert(sizeof(TraversalExpr) == 40);

/// 40 bytes: the name starts the span, and where it ends sits in the node's
/// padding.
struct CallExpr : Expr {
  CallExpr(Span s) : Expr(ExprKind::kCall, s) {}
  bool expand_final = false;  ///< f(a, list...)
  uint32_t name_end = 0;
  List<const Expr*> args;

  std::string_view name() const { return name_span().text(); }
  Span name_span() const { return Span{span.file, span.begin, name_end}; }
};
static_assert(sizeof(CallExpr) == 40);

struct ForExpr : Expr {
  ForExpr(Span s) : Expr(ExprKind::kFor, s) {}
  bool is_object = false;
  std::string_view key_var;  ///< empty when only one name is given
  std::string_view value_var;
  const Expr* collection = nullptr;
  const Expr* key = nullptr;  ///< object form only
  const Expr* value = nullptr;
  const Expr* cond = nullptr;
  bool grouping = false;  ///< {for ... : k => v...}
};

struct UnaryExpr : Expr {
  UnaryExpr(Span s, char o, const Expr* e) : Expr(ExprKind::kUnary, s), op(o), operand(e) {}
  char op;  ///< '-' or '!'
  const Expr* operand;
};

enum class BinaryOp : uint8_t {
  kMul,
  kDiv,
  kMod,
  kAdd,
  kSub,
  kGt,
  kGe,
  kLt,
  kLe,
  kEq,
  kNe,
  kAnd,
  kOr
};

struct BinaryExpr : Expr {
  BinaryExpr(Span s, BinaryOp o, const Expr* l, const Expr* r)
      : Expr(ExprKind::kBinary, s), op(o), lhs(l), rhs(r) {}
  BinaryOp op;
  const Expr* lhs;
  const Expr* rhs;
};

struct ConditionalExpr : Expr {
  ConditionalExpr(Span s) : Expr(ExprKind::kConditional, s) {}
  const Expr* cond = nullptr;
  const Expr* then = nullptr;
  const Expr* otherwise = nullptr;
};

struct ParensExpr : Expr {
  ParensExpr(Span s, const Expr* e) : Expr(ExprKind::kParens, s), inner(e) {}
  const Expr* inner;
};

struct Body;

/// An argument: `name = expr`. Its name and whole span are derived, not
/// stored (a file has thousands of arguments).
struct Attribute {
  uint32_t name_begin = 0;  ///< the name's bytes; its file is the expression's
  uint32_t name_end = 0;
  const Expr* expr = nullptr;

  Span name_span() const { return Span{expr->span.file, name_begin, name_end}; }
  std::string_view name() const { return name_span().text(); }
  /// Name through end of expression.
  Span span() const { return Span{expr->span.file, name_begin, expr->span.end}; }
};
static_assert(sizeof(Attribute) == 16);

/// A block label. Its file is its block's (Block::label_span).
struct Label {
  Label(std::string_view v, Span where)
      : data(v.data()), size(static_cast<uint32_t>(v.size())), begin(where.begin), end(where.end) {}
  /// Unescaped; in the file's text or arena.
  std::string_view value() const { return {data, size}; }

  const char* data;
  uint32_t size;
  uint32_t begin;  ///< where it is written, quotes included
  uint32_t end;
};
static_assert(sizeof(Label) == 24);

/// A block: `type "label" ... { body }`. Its type and spans are derived from
/// positions, not stored (a file has hundreds of blocks), and its labels
/// follow it in the arena.
struct Block {
  /// A block with `labels` (copied after it).
  static Block* Make(Arena& a, Span type_span, const std::vector<Label>& labels) {
    auto* b = a.NewWithList<Block>(labels);
    b->type_span = type_span;
    b->label_count_ = static_cast<uint32_t>(labels.size());
    return b;
  }

  Span type_span;
  const Body* body = nullptr;
  uint32_t header_end = 0;  ///< just past the opening brace
  uint32_t end = 0;         ///< just past the closing brace

  List<Label> labels() const { return ListAfter<Label>(this, label_count_); }
  std::string_view type() const { return type_span.text(); }
  /// The whole block.
  Span span() const { return Span{type_span.file, type_span.begin, end}; }
  /// Type and labels through the opening brace.
  Span header() const { return Span{type_span.file, type_span.begin, header_end}; }
  /// Where label i is written.
  Span label_span(size_t i) const {
    return Span{type_span.file, labels()[i].begin, labels()[i].end};
  }

 private:
  uint32_t label_count_ = 0;
};
static_assert(sizeof(Block) == 40);

/// A body: its arguments, and its blocks, which follow it in the arena.
struct Body {
  /// A body with `attributes` and `blocks` (copied after it).
  static Body* Make(Arena& a, List<Attribute> attributes, const std::vector<const Block*>& blocks) {
    auto* b = a.NewWithList<Body>(blocks);
    b->attributes = attributes;
    b->block_count_ = static_cast<uint32_t>(blocks.size());
    return b;
  }

  List<Attribute> attributes;  ///< in source order
  /// In source order.
  List<const Block*> blocks() const { return ListAfter<const Block*>(this, block_count_); }

  const Attribute* Find(std::string_view name) const;

 private:
  uint32_t block_count_ = 0;
};
static_assert(sizeof(Body) == 24);

/// A comment, as written (with its # // or /* */ markers).
struct Comment {
  Span span;
};

/// One parsed file. When `error` is set the file did not parse and nothing
/// else in it is used: half a resource is worse than none.
struct File {
  const SourceFile* source = nullptr;
  const Body* body = nullptr;           ///< native syntax
  const ObjectExpr* json = nullptr;     ///< a JSON-syntax variables file ({...})
  const TemplateExpr* templ = nullptr;  ///< ParseTemplate only
  std::vector<Comment> comments;
  std::unique_ptr<Diagnostic> error;  ///< a pointer: most files have none
  Arena arena;
};

/// Parses HCL native syntax (.tf, .tfvars).
std::unique_ptr<File> ParseFile(const SourceFile& source);
/// Parses a template file as templatefile() reads it.
std::unique_ptr<File> ParseTemplate(const SourceFile& source);

/// Converts a binary operator to its text.
std::string_view BinaryOpText(BinaryOp op);

}  // namespace infracheck::hcl
