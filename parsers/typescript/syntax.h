// The TypeScript syntax layer: the small part of TypeScript that SST configs
// (sst.config.ts) are written in, as our own tree with exact source ranges,
// independent of tree-sitter. Anything outside that part becomes an
// Unsupported node, which evaluates to unknown. Nodes are owned by the File
// and refer to its text by span; they are immutable once built.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infracheck/source.h"
#include "infracheck/value.h"

namespace infracheck::typescript {

enum class ExprKind : uint8_t {
  kLiteral,      ///< string, number, boolean, null, undefined
  kTemplate,     ///< `text ${expr} text`
  kIdentifier,   ///< a bare name
  kMember,       ///< object.name, object?.name
  kIndex,        ///< object[index], object?.[index]
  kCall,         ///< callee(args), callee?.(args)
  kNew,          ///< new callee(args)
  kObject,       ///< { key: value, shorthand, ...spread, method() {} }
  kArray,        ///< [a, ...b]
  kUnary,        ///< !x, -x, +x, typeof x, void x
  kBinary,       ///< x op y, including && || ??
  kConditional,  ///< c ? a : b
  kFunction,     ///< arrow function or function expression
  kAssign,       ///< name = value, name += value, ...
  kImport,       ///< import("./module"): a dynamic import
  kUnsupported,  ///< anything else: evaluates to unknown
};

struct Expr {
  Expr(ExprKind k, Span s) : kind(k), span(s) {}
  virtual ~Expr() = default;
  ExprKind kind;
  Span span;
};

struct LiteralExpr : Expr {
  LiteralExpr(Span s, Value v, bool undef)
      : Expr(ExprKind::kLiteral, s), value(std::move(v)), undefined(undef) {}
  Value value;             ///< origin is `span`; null for null and undefined
  bool undefined = false;  ///< `undefined` rather than `null`
};

/// A piece of a template literal: text (escapes processed) or ${expr}.
struct TemplatePart {
  std::string text;
  const Expr* expr = nullptr;  ///< set for a substitution
  Span span;
};

struct TemplateExpr : Expr {
  explicit TemplateExpr(Span s) : Expr(ExprKind::kTemplate, s) {}
  std::vector<TemplatePart> parts;
};

struct IdentifierExpr : Expr {
  IdentifierExpr(Span s, std::string_view n) : Expr(ExprKind::kIdentifier, s), name(n) {}
  std::string_view name;
};

struct MemberExpr : Expr {
  explicit MemberExpr(Span s) : Expr(ExprKind::kMember, s) {}
  const Expr* object = nullptr;
  std::string_view property;
  Span property_span;
  bool optional = false;  ///< ?.
};

struct IndexExpr : Expr {
  explicit IndexExpr(Span s) : Expr(ExprKind::kIndex, s) {}
  const Expr* object = nullptr;
  const Expr* index = nullptr;
  bool optional = false;
};

struct Argument {
  const Expr* expr = nullptr;
  bool spread = false;
};

struct CallExpr : Expr {
  CallExpr(ExprKind k, Span s) : Expr(k, s) {}
  const Expr* callee = nullptr;
  std::vector<Argument> args;
  bool optional = false;  ///< f?.()
  bool tagged = false;    ///< tag`...`: the one argument is the template
};

struct FunctionExpr;

struct Property {
  enum class Kind : uint8_t { kPair, kShorthand, kSpread, kMethod, kComputed };
  Kind kind = Kind::kPair;
  std::string key;  ///< kPair, kShorthand, kMethod
  Span key_span;
  const Expr* value = nullptr;  ///< kPair, kShorthand (the identifier), kSpread, kComputed
  const FunctionExpr* method = nullptr;
  Span span;  ///< the whole property
};

struct ObjectExpr : Expr {
  explicit ObjectExpr(Span s) : Expr(ExprKind::kObject, s) {}
  std::vector<Property> properties;
};

struct ArrayExpr : Expr {
  explicit ArrayExpr(Span s) : Expr(ExprKind::kArray, s) {}
  std::vector<Argument> items;  ///< `spread` marks ...x
  bool has_holes = false;
};

struct UnaryExpr : Expr {
  UnaryExpr(Span s, std::string_view o, const Expr* e)
      : Expr(ExprKind::kUnary, s), op(o), operand(e) {}
  std::string_view op;  ///< "!", "-", "+", "typeof", "void", ...
  const Expr* operand;
};

enum class BinaryOp : uint8_t {
  kStrictEq,
  kStrictNe,
  kLooseEq,
  kLooseNe,
  kAnd,
  kOr,
  kNullish,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kLt,
  kLe,
  kGt,
  kGe,
  kOther,  ///< bitwise, in, instanceof, ...: unknown
};

struct BinaryExpr : Expr {
  BinaryExpr(Span s, BinaryOp o, const Expr* l, const Expr* r)
      : Expr(ExprKind::kBinary, s), op(o), lhs(l), rhs(r) {}
  BinaryOp op;
  const Expr* lhs;
  const Expr* rhs;
};

struct ConditionalExpr : Expr {
  explicit ConditionalExpr(Span s) : Expr(ExprKind::kConditional, s) {}
  const Expr* cond = nullptr;
  const Expr* then = nullptr;
  const Expr* otherwise = nullptr;
};

struct AssignExpr : Expr {
  explicit AssignExpr(Span s) : Expr(ExprKind::kAssign, s) {}
  std::string_view target;  ///< the variable assigned, or whose member is; empty for others
  Span target_span;
  /// `target.property = value` (property set), or a deeper or computed
  /// member of target (property empty): the variable's value is changed.
  bool member = false;
  std::string_view property;
  const Expr* value = nullptr;
  bool augmented = false;  ///< +=, ||=, ...: the result is not tracked
};

struct ImportExpr : Expr {
  ImportExpr(Span s, std::string src) : Expr(ExprKind::kImport, s), source(std::move(src)) {}
  std::string source;               ///< the module specifier as written
  const Expr* specifier = nullptr;  ///< a computed one (`"./infra/" + f`); source is empty
};

struct Stmt;

/// `{ a, b: c, d = 1 }` or `[a, , b = 1]`: the properties or elements a
/// pattern reads into variables, when it is that simple (no nesting,
/// computed key or rest).
struct PatternField {
  std::string key;     ///< an object pattern's property
  int32_t index = -1;  ///< an array pattern's element (then no key)
  std::string_view name;
  Span name_span;
  const Expr* default_value = nullptr;
};

struct Param {
  std::string_view name;                ///< empty for a pattern or rest parameter
  const Expr* default_value = nullptr;  ///< `name = value`
  std::vector<std::string_view> bound;  ///< the names a pattern or rest parameter binds
  std::vector<PatternField> fields;     ///< a simple pattern (else empty)
};

struct FunctionExpr : Expr {
  explicit FunctionExpr(Span s) : Expr(ExprKind::kFunction, s) {}
  std::vector<Param> params;
  const Stmt* body = nullptr;    ///< a block
  const Expr* result = nullptr;  ///< an arrow function's expression body
};

enum class StmtKind : uint8_t {
  kVar,
  kFunction,  ///< function name(...) {...}
  kSwitch,
  kExpr,
  kIf,
  kForOf,
  kReturn,
  kBlock,
  kImport,
  kExport,
  kUnsupported
};

struct Stmt {
  Stmt(StmtKind k, Span s) : kind(k), span(s) {}
  virtual ~Stmt() = default;
  StmtKind kind;
  Span span;
};

/// What a statement or expression the evaluator does not follow may do to
/// the code around it (a `switch`, a C-style `for`, `x++`, `delete o.k`).
struct Effects {
  std::vector<std::string_view> assigns;  ///< variables it may assign
  /// Variables whose object or list it may change: a member assigned or
  /// deleted, the receiver of a method call, an argument passed to a function.
  std::vector<std::string_view> changes;
  bool jumps = false;  ///< it may return or throw (not counting functions inside it)
};

/// `function name(params) { body }` (also async, and exported).
struct FunctionStmt : Stmt {
  explicit FunctionStmt(Span s) : Stmt(StmtKind::kFunction, s) {}
  std::string_view name;
  const FunctionExpr* function = nullptr;
};

/// A kUnsupported statement.
struct UnsupportedStmt : Stmt {
  explicit UnsupportedStmt(Span s) : Stmt(StmtKind::kUnsupported, s) {}
  Effects effects;
};

/// A kUnsupported expression.
struct UnsupportedExpr : Expr {
  explicit UnsupportedExpr(Span s) : Expr(ExprKind::kUnsupported, s) {}
  Effects effects;
};

struct Declarator {
  std::string_view name;  ///< empty for a destructuring pattern
  Span name_span;
  std::vector<std::string_view> pattern_names;  ///< names a pattern binds
  std::vector<PatternField> fields;             ///< a simple pattern (else empty)
  const Expr* init = nullptr;
};

struct VarStmt : Stmt {
  explicit VarStmt(Span s) : Stmt(StmtKind::kVar, s) {}
  std::vector<Declarator> declarators;
  bool exported = false;  ///< `export const ...`
};

/// `import d, { a, b as c } from "./m"` or `import * as ns from "./m"`.
struct ImportStmt : Stmt {
  explicit ImportStmt(Span s) : Stmt(StmtKind::kImport, s) {}
  std::string source;
  std::string_view default_name;
  std::string_view namespace_name;
  std::vector<std::pair<std::string_view, std::string_view>> named;  ///< (imported, local)
};

/// What a module exports besides `export const`: `export * from "./m"`,
/// `export * as ns from "./m"`, `export { a, b as c } from "./m"`, a local
/// list `export { a, b as c }`, and the name of an exported function or
/// class (`export function f`), whose value the evaluator does not know.
struct ExportStmt : Stmt {
  explicit ExportStmt(Span s) : Stmt(StmtKind::kExport, s) {}
  std::string source;                                                ///< empty for local names
  bool all = false;                                                  ///< `export * from`
  std::string_view namespace_name;                                   ///< `export * as ns from`
  std::vector<std::pair<std::string_view, std::string_view>> named;  ///< (name, exported as)
};

struct ExprStmt : Stmt {
  ExprStmt(Span s, const Expr* e) : Stmt(StmtKind::kExpr, s), expr(e) {}
  const Expr* expr;
};

struct IfStmt : Stmt {
  explicit IfStmt(Span s) : Stmt(StmtKind::kIf, s) {}
  const Expr* cond = nullptr;
  const Stmt* then = nullptr;
  const Stmt* otherwise = nullptr;
};

/// `switch (x) { case a: ...; break; default: ... }` whose cases end in a
/// `break` or fall through, with no other break, continue or throw.
struct SwitchCase {
  const Expr* test = nullptr;  ///< null for `default:`
  std::vector<const Stmt*> body;
  bool breaks = false;  ///< the body ends with `break;`
};

struct SwitchStmt : Stmt {
  explicit SwitchStmt(Span s) : Stmt(StmtKind::kSwitch, s) {}
  const Expr* discriminant = nullptr;
  std::vector<SwitchCase> cases;
};

/// `for (const x of list) body`, or `for (const k in object)` (keys).
struct ForOfStmt : Stmt {
  explicit ForOfStmt(Span s) : Stmt(StmtKind::kForOf, s) {}
  std::string_view name;  ///< empty for a pattern
  Span name_span;
  std::vector<std::string_view> pattern_names;  ///< names a pattern binds
  std::vector<PatternField> fields;             ///< a simple pattern (`[key, value]`), else empty
  bool keys = false;                            ///< `in`: the object's keys
  bool jumps = false;  ///< the body has break, continue or throw: iterations we cannot tell
  const Expr* iterable = nullptr;
  const Stmt* body = nullptr;
};

struct ReturnStmt : Stmt {
  ReturnStmt(Span s, const Expr* e) : Stmt(StmtKind::kReturn, s), value(e) {}
  const Expr* value;  ///< null for a bare `return;`
};

struct BlockStmt : Stmt {
  explicit BlockStmt(Span s) : Stmt(StmtKind::kBlock, s) {}
  std::vector<const Stmt*> body;
};

/// One parsed file. When `error` is set the file did not parse and nothing
/// in it is used.
struct File {
  const SourceFile* source = nullptr;
  std::vector<const Stmt*> body;         ///< top-level statements
  const Expr* default_export = nullptr;  ///< `export default <expr>`
  std::optional<Diagnostic> error;

  template <class T, class... Args>
  T* New(Args&&... args) {
    auto p = std::make_unique<T>(std::forward<Args>(args)...);
    T* raw = p.get();
    if constexpr (std::is_base_of_v<Expr, T>) {
      exprs_.push_back(std::move(p));
    } else {
      stmts_.push_back(std::move(p));
    }
    return raw;
  }

 private:
  std::vector<std::unique_ptr<Expr>> exprs_;
  std::vector<std::unique_ptr<Stmt>> stmts_;
};

/// Parses a TypeScript file (tree-sitter-typescript) into the syntax above.
std::unique_ptr<File> ParseFile(const SourceFile& source);

}  // namespace infracheck::typescript
