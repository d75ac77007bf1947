// The SST config interpreter.
//
// Supported: const/let bindings (and plain `x = value` assignments),
// object/array literals with spreads and shorthand properties, string and
// template literals, numbers, booleans, null/undefined, member access
// including optional chaining (input?.stage), indexing, `$app.stage`,
// `$app.name`, `$dev` (false: deployed infrastructure is checked),
// conditionals, === !== == != < <= > >= && || ?? ! and + on strings and
// numbers, `[...].includes(x)`, string startsWith/endsWith/includes/
// toLowerCase/toUpperCase, `.length`, if/else and return inside app() and
// run(), `for (const x of list)` and `for (const k in object)` over known
// values, also `for (const [k, v] of Object.entries(o))` (Object.keys and
// Object.values too; a body that may break, continue or throw is not run),
// variables holding component instances, and modules: `await
// import("./infra/x")` in run() (also with a computed path,
// `import("./infra/" + file)`) and
// `import { a } from "./y"` in such a module evaluate the module once and bind
// its `export const` values, and what it re-exports (`export * from`,
// `export { a } from`, export lists; relative paths inside the project only).
// `readdirSync(dir)` lists a directory inside the project, as SST's monorepo
// template does to import every infra/ module. `process.env.*`, calls to
// anything else, and every construct not listed are unknown.
//
// A branch whose condition is unknown is still walked, so the components in
// it are recorded, marked conditional; variables it assigns become unknown,
// and a `return` in it makes the function's result unknown.
#include "checker/sst/evaluator.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "checker/sst/js_semantics.h"
#include "checker/sst/translate.h"
#include "checker/terraform/functions.h"
#include "checker/terraform/template_json.h"
#include "infracheck/environment.h"

namespace infracheck::sst {

namespace {

using namespace typescript;

constexpr int kMaxDepth = 200;
constexpr size_t kMaxComponents = 2000;
// The open object a transform function is given as its arguments.
constexpr std::string_view kTransformArgs = "sst:transform-args";
bool IsTransformArgs(const Value& v) {
  return v.is_object() && v.open() && v.open_address() == kTransformArgs;
}
constexpr size_t kMaxClosures = 10'000;  // functions made; more are not called
constexpr int kMaxCalls = 16;
// Variables closures hold in all: a closure that would exceed it is not
// made (an unknown), and one made earlier does not see what is declared after.
constexpr size_t kMaxCaptured = 1'000'000;  // calls of the config's functions in calls
// The work of one evaluation: a step per statement run and per part of every
// value computed (Value::tree_size). Loops multiply work: a loop in a loop
// over long lists, or a string doubled in one, would not end.
constexpr uint64_t kMaxWork = 20'000'000;
// Strings longer than this are unknown: `s = s + s` doubles one per line.
constexpr size_t kMaxStringBytes = 64u << 20;

enum class Flow : uint8_t { kNormal, kReturned, kMaybeReturned };

class Interpreter {
 public:
  Interpreter(const File& file, const Stage& stage, const ModuleLoader& loader,
              const DirectoryLister& lister, Evaluation& out)
      : file_(file), stage_(stage), loader_(loader), lister_(lister), out_(out) {}

  void Run();

 private:
  // A variable: its value lives in a cell that the closures made in its
  // scope share, so an assignment on either side is seen on the other.
  struct Binding {
    Binding() : Binding({}, Value()) {}  // for resize(), which only shrinks scopes
    Binding(std::string_view n, Value v) : name(n), cell(std::make_shared<Value>(std::move(v))) {}
    Value& value() const { return *cell; }
    std::string_view name;
    std::shared_ptr<Value> cell;
  };

  Value Eval(const Expr* e, int depth);
  Value EvalExpr(const Expr* e, int depth);
  // A value deeper or larger than walks over it may take (kMaxValueDepth,
  // kMaxValueSize; `a = [a, a]` doubles one per line) is unknown.
  Value Bounded(Value v, Span at);
  // Adds `work`; true (said once) when the evaluation has done too much.
  bool OverBudget(Span at, uint64_t work);
  Value TooLarge(Span at);
  // Says once per message that a limit was reached.
  void Limit(Span at, std::string message);
  Value EvalMember(const MemberExpr* m, int depth);
  Value EvalCall(const CallExpr* c, int depth);
  static std::optional<Value> TemplateDocument(const typescript::TemplateExpr* t,
                                               const std::vector<Value>& holes);
  Value EvalNew(const CallExpr* c, int depth);
  Value CreateComponent(std::string type, std::vector<Value> args, Span at, std::string binding,
                        int depth);
  // Whether the config made as many components (and calls) as are kept; says
  // so once.
  bool AtComponentLimit(Span at);
  // A call of a method we do not follow on a component: its arguments are
  // kept (Component::call).
  void RecordCall(const Component& parent, std::string_view method, std::vector<Value> args,
                  Span at);
  // An SST component's `transform: { instance: ... }`, key by key: what each
  // sets on the resource's arguments (see Component::transforms).
  Value Transforms(const Value& args, Span at, int depth);
  // What a transform function `(args, opts, name) => { args.x = ...; }` sets
  // on the arguments it is given: an object of the fields it assigned, each
  // unknown where computed from arguments we do not know; unknown when it
  // does more than set fields (a condition, a call that may change them).
  Value RunTransform(size_t closure, Span at, int depth);
  // Calls a transform function with `args` (and unknown options and name):
  // its first parameter's value when it returns, unknown if it did not run.
  Value CalledWith(size_t closure, Value args, Span at, int depth);
  Value EvalObject(const ObjectExpr* o, int depth);
  Value EvalArray(const ArrayExpr* a, int depth);
  Value EvalBinary(const BinaryExpr* b, int depth);
  Value Property(const Value& obj, std::string_view name, Span at, bool optional);
  Flow Exec(const Stmt* s, int depth, Value* result);
  // The config's own functions: a closure keeps the scope it was made in as
  // it was then; calling one runs its body there, with its parameters.
  Value MakeClosure(const FunctionExpr* f, Span at);
  std::optional<size_t> ClosureOf(const Value& v) const;
  Value CallClosure(size_t id, std::vector<Value> args, Span at, int depth);
  // `function f() {}` declarations of a body, bound before it runs.
  void Hoist(const std::vector<const Stmt*>& body);
  // A variable a call changed in its closure's copy of the scope: every
  // binding of that name (scopes, closures, modules' exports) is unknown.
  void ForgetEverywhere(std::string_view name, Span at);
  // A closure something we do not follow may call: what it may assign or
  // change in its scope is forgotten wherever that is held.
  void ForgetClosureEffects(size_t id, Span at, int depth);
  // Runs `body` in closure `id`'s scope (the caller's suspended), then
  // forgets elsewhere the variables it changed there.
  template <class Body>
  void InClosureScope(size_t id, Span at, Body body);
  // Every variable (in scopes, closures and modules' exports) for which
  // `forgets(name, value)` holds becomes unknown; `old` gets their values.
  template <class Pred>
  void ForgetWhere(Pred forgets, std::vector<Value>* old);
  Flow ExecForOf(const ForOfStmt* f, int depth, Value* result);
  Flow ExecSwitch(const SwitchStmt* sw, int depth, Value* result);
  // Whether a simple pattern reads `v` (an object pattern an object, an array
  // pattern a list); otherwise its names are unknown.
  static bool Destructures(const std::vector<typescript::PatternField>& fields, const Value& v) {
    return !fields.empty() && (fields[0].index < 0 ? v.is_object() : v.is_list());
  }
  // `{ a, b: c, d = 1 } = object` or `[a, , b = 1] = list`: each variable
  // with its property or element, or its default where there is none. Only
  // where Destructures(fields, object) holds.
  std::vector<std::pair<std::string_view, Value>> Destructure(
      const std::vector<typescript::PatternField>& fields, const Value& object, Span at,
      int depth) {
    std::vector<std::pair<std::string_view, Value>> out;
    for (const typescript::PatternField& f : fields) {
      Value x;
      if (f.index < 0) {
        x = Property(object, f.key, at, false);
      } else {
        auto i = static_cast<size_t>(f.index);
        x = i < object.items().size() ? object.items()[i] : Value::Null(at);
      }
      if (x.is_null() && f.default_value) x = Eval(f.default_value, depth + 1);
      out.emplace_back(f.name, x.is_unknown() ? x : x.Through(f.name_span, "value set here"));
    }
    return out;
  }
  Value ReadDir(const std::vector<Value>& args, Span at);
  // A call of a global function, `name(...)` (object empty) or
  // `object.name(...)`, whose global is not rebound.
  bool IsGlobalCall(const CallExpr* c, std::string_view object, std::string_view name) const {
    const Expr* callee = c->callee;
    if (object.empty()) {
      return callee->kind == ExprKind::kIdentifier &&
             static_cast<const IdentifierExpr*>(callee)->name == name && !Lookup(name);
    }
    if (callee->kind != ExprKind::kMember) return false;
    const auto* m = static_cast<const MemberExpr*>(callee);
    return m->property == name && m->object->kind == ExprKind::kIdentifier &&
           static_cast<const IdentifierExpr*>(m->object)->name == object && !Lookup(object);
  }
  // `aws.module.name(...)`, with SST's global `aws` (or `import * as aws
  // from "@pulumi/aws"`, which names it).
  bool IsAwsCall(const CallExpr* c, std::string_view module, std::string_view name) const {
    std::vector<std::string_view> path = GlobalPath(c->callee);
    return path.size() == 3 && path[0] == "aws" && path[1] == module && path[2] == name;
  }
  // {"sst", "aws", "Vpc"} -> "sst.aws.Vpc".
  static std::string Dotted(const std::vector<std::string_view>& path) {
    std::string out;
    for (std::string_view part : path) {
      if (!out.empty()) out += ".";
      out += part;
    }
    return out;
  }
  // `a.b.c` as {a, b, c} where `a` is a global (not rebound); empty for any
  // other expression.
  std::vector<std::string_view> GlobalPath(const Expr* e) const {
    std::vector<std::string_view> path;
    while (e->kind == ExprKind::kMember) {
      const auto* m = static_cast<const MemberExpr*>(e);
      path.push_back(m->property);
      e = m->object;
    }
    if (e->kind != ExprKind::kIdentifier) return {};
    std::string_view root = static_cast<const IdentifierExpr*>(e)->name;
    if (Lookup(root)) return {};
    path.push_back(root);
    std::reverse(path.begin(), path.end());
    return path;
  }
  // `pulumi.name(...)` (the global, or `import * as pulumi from
  // "@pulumi/pulumi"`) or SST's `$util.name(...)`.
  bool IsPulumiCall(const CallExpr* c, std::string_view name) const {
    return IsGlobalCall(c, "pulumi", name) || IsGlobalCall(c, "$util", name);
  }
  // `Object.entries(x)`, `Object.keys(x)` or `Object.values(x)` (Object not rebound).
  bool IsObjectIteration(const Expr* e) const {
    if (e->kind != ExprKind::kCall) return false;
    const auto* c = static_cast<const CallExpr*>(e);
    return IsGlobalCall(c, "Object", "entries") || IsGlobalCall(c, "Object", "keys") ||
           IsGlobalCall(c, "Object", "values");
  }
  Flow ExecBody(const std::vector<const Stmt*>& body, int depth, Value* result);
  Value CallFunction(const FunctionExpr* f, std::vector<Value> args, int depth);

  const Value* Lookup(std::string_view name) const {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
      if (it->name == name) return &it->value();
    }
    return nullptr;
  }
  void Assign(std::string_view name, Value v) {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
      if (it->name != name) continue;
      it->value() = std::move(v);
      return;
    }
  }
  // Declares `name` in the innermost body; closures made there earlier see
  // it too (a function may use what is declared after it).
  void Bind(std::string_view name, Value v) {
    scope_.emplace_back(name, std::move(v));
    if (frames_.empty()) return;
    for (size_t id : frames_.back()) {
      if (captured_ >= kMaxCaptured) break;
      closures_[id].captured.push_back(scope_.back());
      ++captured_;
    }
  }
  // Every variable assigned or changed inside `s` (in a branch we could not
  // decide, a loop we did not run).
  void ForgetAssignments(const Stmt* s, int depth);
  void ForgetAssignments(const Expr* e, int depth);
  // What a function may change when something we do not follow calls it.
  void ForgetInFunction(const FunctionExpr* f, int depth) {
    if (f->body) ForgetAssignments(f->body, depth + 1);
    if (f->result) ForgetAssignments(f->result, depth + 1);
  }
  // A change to the object or list `changed` (a member assigned, a method
  // called on it, passed to a function we do not follow): every value that
  // holds it, itself and its aliases and what it was put in, becomes unknown.
  void ForgetHolders(const Value& changed, Span at);
  // `name` assigned by what we do not follow.
  void ForgetVariable(std::string_view name, Span at);
  // The object or list in `name` changed by what we do not follow.
  void ForgetChanged(std::string_view name, Span at) {
    if (const Value* v = Lookup(name)) ForgetHolders(Value(*v), at);
  }
  void ApplyEffects(const typescript::Effects& fx, Span at) {
    for (std::string_view name : fx.assigns) ForgetVariable(name, at);
    for (std::string_view name : fx.changes) ForgetChanged(name, at);
  }

  Value LoadModule(const std::string& source, Span at, int depth);
  void Import(const ImportStmt* s, int depth);

  const File& file_;
  const Stage& stage_;
  const ModuleLoader& loader_;
  const DirectoryLister& lister_;
  Evaluation& out_;
  std::vector<std::filesystem::path> dirs_;  // directory of the module being evaluated
  std::map<std::string, Value> modules_;     // evaluated modules' exports, by path
  std::set<std::string> loading_;            // import cycles end in unknowns
  std::vector<Binding> scope_;
  std::vector<std::vector<Binding>> suspended_;  // scopes of modules importing, callers calling
  struct Closure {
    const FunctionExpr* f;
    std::vector<Binding> captured;
    std::filesystem::path dir;  // its module's directory, for import()
  };
  std::vector<Closure> closures_;
  std::vector<std::vector<size_t>> frames_;  // closures made in each body being run
  int calls_ = 0;                            // closure calls in progress
  size_t captured_ = 0;                      // variables closures_ hold, against kMaxCaptured
  Value app_;                                // $app
  int uncertain_ = 0;                        // inside branches whose condition is unknown
  uint64_t work_ = 0;                        // against kMaxWork
  std::string pending_binding_;              // the variable a `new` is being assigned to
  Value* capture_first_param_ = nullptr;     // RunTransform: the next call's first parameter
  // $transform(sst.aws.Postgres, cb): the component type and cb's closure.
  std::vector<std::pair<std::string, size_t>> type_transforms_;
  // The names recorded calls took, and how far each base has counted.
  std::set<std::string, std::less<>> call_names_;
  std::map<std::string, int, std::less<>> call_counts_;
};

void Interpreter::Run() {
  const Expr* config = file_.default_export;
  if (!config || config->kind != ExprKind::kCall) return;
  const auto* call = static_cast<const CallExpr*>(config);
  if (call->callee->kind != ExprKind::kIdentifier ||
      static_cast<const IdentifierExpr*>(call->callee)->name != "$config" || call->args.empty() ||
      call->args[0].expr->kind != ExprKind::kObject) {
    return;
  }
  out_.has_config = true;
  if (!file_.source->real_path().empty()) {
    dirs_.push_back(std::filesystem::path(file_.source->real_path()).parent_path());
  }
  const auto* obj = static_cast<const ObjectExpr*>(call->args[0].expr);
  const FunctionExpr* app = nullptr;
  const FunctionExpr* run = nullptr;
  Span app_header;
  for (const typescript::Property& p : obj->properties) {
    const FunctionExpr* f = p.method;
    if (p.kind == Property::Kind::kPair && p.value && p.value->kind == ExprKind::kFunction) {
      f = static_cast<const FunctionExpr*>(p.value);
    }
    if (!f) continue;
    if (p.key == "app") {
      app = f;
      app_header = p.span;
    } else if (p.key == "run") {
      run = f;
    }
  }
  Span stage_span = app ? app->span : config->span;
  Value stage = stage_.personal ? Value::Unknown(stage_span).WithRef(kPersonalStage)
                                : Value::String(stage_.name, stage_span);
  Value app_name = Value::Unknown(stage_span);
  if (app) {
    out_.app.found = true;
    out_.app.span = app->span;
    // The header: from the method name to the end of its first line.
    out_.app.header = app_header.FirstLine();
    Value input = Value::Object({{"stage", stage, {}}}, stage_span);
    out_.app.result = CallFunction(app, {input}, 0);
    if (const Value* n = out_.app.result.Get("name")) app_name = *n;
  }
  if (!run) return;
  app_ = Value::Object({{"stage", stage, {}}, {"name", app_name, {}}}, stage_span);
  CallFunction(run, {}, 0);
}

Value Interpreter::CallFunction(const FunctionExpr* f, std::vector<Value> args, int depth) {
  Value* capture = std::exchange(capture_first_param_, nullptr);
  if (depth > kMaxDepth) return Value::Unknown(f->span);
  size_t mark = scope_.size();
  for (size_t i = 0; i < f->params.size(); ++i) {
    const typescript::Param& p = f->params[i];
    Value v = i < args.size() ? args[i] : Value::Null(f->span);
    if (p.default_value && v.is_null()) {
      // A missing argument takes the default; null does not (ours is also undefined).
      v = i < args.size() ? Value::Unknown(f->span) : Eval(p.default_value, depth + 1);
    }
    if (!p.name.empty()) {
      scope_.emplace_back(p.name, std::move(v));
    } else if (Destructures(p.fields, v)) {
      for (auto& [name, x] : Destructure(p.fields, v, f->span, depth)) scope_.emplace_back(name, x);
    } else {
      for (std::string_view n : p.bound) scope_.emplace_back(n, Value::Unknown(f->span));
    }
  }
  Value result = Value::Null(f->span);
  if (f->result) {
    result = Eval(f->result, depth + 1);
  } else if (f->body) {
    Flow flow = Exec(f->body, depth + 1, &result);
    if (flow == Flow::kMaybeReturned) result = Value::Unknown(f->span);
  }
  if (capture && !f->params.empty() && !f->params[0].name.empty()) *capture = scope_[mark].value();
  scope_.resize(mark);
  return result;
}

Flow Interpreter::ExecBody(const std::vector<const Stmt*>& body, int depth, Value* result) {
  size_t mark = scope_.size();
  frames_.emplace_back();
  Hoist(body);
  Flow flow = Flow::kNormal;
  for (const Stmt* s : body) {
    Flow f = Exec(s, depth, result);
    if (f == Flow::kReturned) {
      // An earlier undecided branch may have returned something else.
      if (flow == Flow::kMaybeReturned) *result = Value::Unknown(s->span);
      flow = Flow::kReturned;
      break;
    }
    if (f == Flow::kMaybeReturned) flow = Flow::kMaybeReturned;
  }
  frames_.pop_back();
  scope_.resize(mark);
  return flow;
}

Flow Interpreter::Exec(const Stmt* s, int depth, Value* result) {
  if (depth > kMaxDepth) {
    // Not run: what it would assign, and what a function returns, are unknown.
    ForgetAssignments(s, 0);
    *result = Value::Unknown(s->span);
    return Flow::kMaybeReturned;
  }
  if (OverBudget(s->span, 1)) return Flow::kNormal;
  switch (s->kind) {
    case StmtKind::kVar: {
      for (const Declarator& d : static_cast<const VarStmt*>(s)->declarators) {
        Value v = Value::Null(s->span);
        if (d.init) {
          // `const vpc = new sst.aws.Vpc(...)` names the component after `vpc`.
          if (d.init->kind == ExprKind::kNew) pending_binding_ = d.name;
          v = Eval(d.init, depth + 1);
          pending_binding_.clear();
        }
        if (!d.name.empty()) {
          Bind(d.name, v.is_unknown() ? v : v.Through(d.name_span, "value set here"));
        }
        if (Destructures(d.fields, v)) {
          for (const auto& [name, x] : Destructure(d.fields, v, s->span, depth)) Bind(name, x);
        } else {
          for (std::string_view n : d.pattern_names) Bind(n, Value::Unknown(s->span));
        }
      }
      return Flow::kNormal;
    }
    case StmtKind::kExpr:
      Eval(static_cast<const ExprStmt*>(s)->expr, depth + 1);
      return Flow::kNormal;
    case StmtKind::kReturn: {
      const auto* r = static_cast<const ReturnStmt*>(s);
      *result = r->value ? Eval(r->value, depth + 1) : Value::Null(s->span);
      return Flow::kReturned;
    }
    case StmtKind::kBlock:
      return ExecBody(static_cast<const BlockStmt*>(s)->body, depth + 1, result);
    case StmtKind::kIf: {
      const auto* i = static_cast<const IfStmt*>(s);
      Tri c = Truthy(Eval(i->cond, depth + 1));
      if (c == Tri::kTrue) return Exec(i->then, depth + 1, result);
      if (c == Tri::kFalse)
        return i->otherwise ? Exec(i->otherwise, depth + 1, result) : Flow::kNormal;
      // Undecided: walk both for their components, then forget what they set.
      ++uncertain_;
      Value ignored;
      Flow a = Exec(i->then, depth + 1, &ignored);
      Flow b = i->otherwise ? Exec(i->otherwise, depth + 1, &ignored) : Flow::kNormal;
      --uncertain_;
      ForgetAssignments(i->then, depth + 1);
      if (i->otherwise) ForgetAssignments(i->otherwise, depth + 1);
      if (a != Flow::kNormal || b != Flow::kNormal) {
        *result = Value::Unknown(s->span);
        return Flow::kMaybeReturned;
      }
      return Flow::kNormal;
    }
    case StmtKind::kForOf:
      return ExecForOf(static_cast<const ForOfStmt*>(s), depth + 1, result);
    case StmtKind::kImport:
      Import(static_cast<const ImportStmt*>(s), depth + 1);
      return Flow::kNormal;
    case StmtKind::kExport: {
      // A re-exported module runs (its components are created) whether or
      // not anything reads its names; LoadModule runs it once.
      const auto* x = static_cast<const ExportStmt*>(s);
      if (!x->source.empty()) LoadModule(x->source, s->span, depth + 1);
      return Flow::kNormal;
    }
    case StmtKind::kFunction: {
      // Bound by Hoist when it heads a body; here when it stands alone
      // (`if (x) function f() {}`).
      const auto* fs = static_cast<const FunctionStmt*>(s);
      const Value* bound = Lookup(fs->name);
      auto id = bound ? ClosureOf(*bound) : std::nullopt;
      if (!id || closures_[*id].f != fs->function) {
        Bind(fs->name, MakeClosure(fs->function, s->span));
      }
      return Flow::kNormal;
    }
    case StmtKind::kSwitch:
      return ExecSwitch(static_cast<const SwitchStmt*>(s), depth + 1, result);
    case StmtKind::kUnsupported: {
      // Not followed: what it may assign is unknown, and so is what the
      // function returns if it may return here.
      const auto& fx = static_cast<const UnsupportedStmt*>(s)->effects;
      ApplyEffects(fx, s->span);
      if (!fx.jumps) return Flow::kNormal;
      *result = Value::Unknown(s->span);
      return Flow::kMaybeReturned;
    }
  }
  return Flow::kNormal;
}

// Runs the body once per element (or key) of a known list (or object), with
// the loop variable bound to it. A loop over an unknown value, or with a body
// that may end early, is not run: which components it creates cannot be told;
// the variables it assigns become unknown.
Flow Interpreter::ExecForOf(const ForOfStmt* f, int depth, Value* result) {
  constexpr size_t kMaxIterations = 10'000;
  Value iterable = Eval(f->iterable, depth + 1);
  std::vector<Value> items;
  bool known = !f->jumps;
  if (known && !f->keys && iterable.is_list() && iterable.items().size() <= kMaxIterations) {
    items = iterable.items();
  } else if (known && f->keys && iterable.is_object() && !iterable.open() &&
             iterable.fields().size() <= kMaxIterations) {
    for (const Field& k : iterable.fields()) items.push_back(Value::String(k.key, k.key_span));
  } else {
    known = false;
  }
  if (!known) {
    if (!f->jumps && (f->keys ? iterable.is_object() : iterable.is_list()) &&
        iterable.size() > kMaxIterations) {
      Limit(f->span,
            "a loop over more than " + std::to_string(kMaxIterations) + " elements is not run");
    }
    ForgetAssignments(f->body, depth + 1);
    return Flow::kNormal;
  }
  Flow flow = Flow::kNormal;
  for (const Value& item : items) {
    if (work_ > kMaxWork) {
      ForgetAssignments(f->body, depth + 1);
      break;
    }
    size_t mark = scope_.size();
    if (!f->name.empty()) {
      scope_.push_back(
          {f->name, item.is_unknown() ? item : item.Through(f->name_span, "value set here")});
    }
    if (Destructures(f->fields, item)) {
      // `[name, config]` of each `[key, value]` entry.
      for (auto& [name, x] : Destructure(f->fields, item, f->span, depth)) {
        scope_.push_back({name, std::move(x)});
      }
    } else {
      for (std::string_view n : f->pattern_names) scope_.push_back({n, Value::Unknown(f->span)});
    }
    Flow step = Exec(f->body, depth + 1, result);
    scope_.resize(mark);
    if (step == Flow::kReturned) return step;
    if (step == Flow::kMaybeReturned) flow = step;
  }
  // Objects keep their keys sorted, not in insertion order as JavaScript
  // iterates them: what the body assigns may depend on that order.
  if (f->keys || IsObjectIteration(f->iterable)) ForgetAssignments(f->body, depth + 1);
  return flow;
}

// readdirSync(dir): the names in a directory of the project, sorted.
Value Interpreter::ReadDir(const std::vector<Value>& args, Span at) {
  if (!lister_ || dirs_.empty() || args.empty() || !args[0].is_string()) return Value::Unknown(at);
  std::filesystem::path dir = (dirs_.front() / args[0].str()).lexically_normal();
  if (!dir.has_filename() && dir.has_parent_path()) dir = dir.parent_path();  // "./infra/"
  std::optional<std::vector<std::string>> names = lister_(dir);
  if (!names) return Value::Unknown(at);
  std::vector<Value> items;
  items.reserve(names->size());
  for (std::string& n : *names) items.push_back(Value::String(std::move(n), at));
  return Value::List(std::move(items), at);
}

void Interpreter::Import(const ImportStmt* s, int depth) {
  Value ns = LoadModule(s->source, s->span, depth);
  auto member = [&](std::string_view name) {
    const Value* v = ns.Get(name);
    return v ? *v : Value::Unknown(s->span).WithProvenanceOf(ns);
  };
  // `import * as aws from "@pulumi/aws"` names what SST's global `aws` is.
  // So does `import * as pulumi from "@pulumi/pulumi"` for `pulumi.all()`.
  auto global = [&](std::string_view name) {
    return (s->source == "@pulumi/aws" && name == "aws") ||
           (s->source == "@pulumi/pulumi" && name == "pulumi");
  };
  if (!s->default_name.empty() && !global(s->default_name)) {
    Bind(s->default_name, member("default"));
  }
  if (!s->namespace_name.empty() && !global(s->namespace_name)) {
    Bind(s->namespace_name, ns);
  }
  for (const auto& [imported, local] : s->named) Bind(local, member(imported));
}

// Evaluates a relative module once: its top-level statements run in a scope
// of their own, and its `export const` bindings become the namespace object.
Value Interpreter::LoadModule(const std::string& source, Span at, int depth) {
  constexpr size_t kMaxModules = 256;
  if (!loader_ || dirs_.empty() || !(source.starts_with("./") || source.starts_with("../"))) {
    return Value::Unknown(at);
  }
  std::filesystem::path base = (dirs_.back() / source).lexically_normal();
  std::string b = base.string();
  std::vector<std::filesystem::path> candidates = {b + ".ts", b + ".tsx", base / "index.ts"};
  // The path as written only when it names TypeScript (a directory listing
  // may hold a README.md).
  if (b.ends_with(".ts") || b.ends_with(".tsx") || b.ends_with(".mts") || b.ends_with(".cts")) {
    candidates.push_back(base);
  }
  if (b.ends_with(".js")) candidates.insert(candidates.begin(), b.substr(0, b.size() - 3) + ".ts");
  const File* module = nullptr;
  std::filesystem::path path;
  for (const auto& c : candidates) {
    if ((module = loader_(c))) {
      path = c;
      break;
    }
  }
  if (!module) return Value::Unknown(at);
  std::string key = path.string();
  if (auto it = modules_.find(key); it != modules_.end()) return it->second;
  if (loading_.count(key) || modules_.size() >= kMaxModules || depth > kMaxDepth) {
    return Value::Unknown(at);
  }
  loading_.insert(key);
  suspended_.push_back(std::move(scope_));
  scope_.clear();
  std::vector<std::vector<size_t>> frames = std::move(frames_);
  frames_.assign(1, {});  // the module's body
  dirs_.push_back(path.parent_path());
  Hoist(module->body);
  // `export *` names come first: the module's own exports win over them
  // (of duplicate keys, Value::Object keeps the last).
  std::vector<Field> star, exports;
  std::vector<const ExportStmt*> lists;
  bool incomplete = false;  // an `export *` from a module we cannot read
  for (const Stmt* st : module->body) {
    if (st->kind == StmtKind::kExport) {
      // What Exec would do for it (run the module re-exported from), once,
      // keeping its namespace.
      const auto* x = static_cast<const ExportStmt*>(st);
      if (x->source.empty()) {
        lists.push_back(x);  // local names: read once the module has run
        continue;
      }
      if (OverBudget(st->span, 1)) continue;
      Value from = LoadModule(x->source, st->span, depth + 1);
      if (x->all) {
        incomplete = incomplete || !from.is_object() || from.open();
        if (!from.is_object()) continue;
        for (const Field& f : from.fields()) {
          if (f.key != "default") star.push_back(f);
        }
      } else if (!x->namespace_name.empty()) {
        exports.push_back(Field{std::string(x->namespace_name), from, st->span});
      } else {
        for (const auto& [name, as] : x->named) {
          const Value* v = from.is_object() ? from.Get(name) : nullptr;
          exports.push_back(Field{
              std::string(as), v ? *v : Value::Unknown(st->span).WithProvenanceOf(from), st->span});
        }
      }
      continue;
    }
    Value ignored;
    Exec(st, depth + 1, &ignored);
  }
  // Exported variables as the module left them (it may change them later).
  for (const Stmt* st : module->body) {
    if (st->kind != StmtKind::kVar || !static_cast<const VarStmt*>(st)->exported) continue;
    for (const Declarator& d : static_cast<const VarStmt*>(st)->declarators) {
      if (const Value* v = d.name.empty() ? nullptr : Lookup(d.name)) {
        exports.push_back(Field{std::string(d.name), *v, d.name_span});
      }
    }
  }
  for (const ExportStmt* x : lists) {
    for (const auto& [name, as] : x->named) {
      const Value* v = Lookup(name);
      exports.push_back(Field{std::string(as), v ? *v : Value::Unknown(x->span), x->span});
    }
  }
  dirs_.pop_back();
  scope_ = std::move(suspended_.back());
  suspended_.pop_back();
  frames_ = std::move(frames);
  loading_.erase(key);
  star.insert(star.end(), std::make_move_iterator(exports.begin()),
              std::make_move_iterator(exports.end()));
  Value ns = Value::Object(std::move(star), at);
  // Names the unreadable module exports are unknown, not undefined.
  if (incomplete) ns = ns.AsOpen("");
  modules_[key] = ns;
  return ns;
}

void Interpreter::ForgetAssignments(const Stmt* s, int depth) {
  if (depth > kMaxDepth) return;
  switch (s->kind) {
    case StmtKind::kVar:
      for (const Declarator& d : static_cast<const VarStmt*>(s)->declarators) {
        if (d.init) ForgetAssignments(d.init, depth + 1);
      }
      break;
    case StmtKind::kExpr:
      ForgetAssignments(static_cast<const ExprStmt*>(s)->expr, depth + 1);
      break;
    case StmtKind::kReturn:
      if (const Expr* v = static_cast<const ReturnStmt*>(s)->value) ForgetAssignments(v, depth + 1);
      break;
    case StmtKind::kBlock:
      for (const Stmt* k : static_cast<const BlockStmt*>(s)->body) ForgetAssignments(k, depth + 1);
      break;
    case StmtKind::kIf: {
      const auto* i = static_cast<const IfStmt*>(s);
      ForgetAssignments(i->cond, depth + 1);
      ForgetAssignments(i->then, depth + 1);
      if (i->otherwise) ForgetAssignments(i->otherwise, depth + 1);
      break;
    }
    case StmtKind::kForOf: {
      const auto* f = static_cast<const ForOfStmt*>(s);
      ForgetAssignments(f->iterable, depth + 1);
      ForgetAssignments(f->body, depth + 1);
      break;
    }
    case StmtKind::kUnsupported:
      ApplyEffects(static_cast<const UnsupportedStmt*>(s)->effects, s->span);
      break;
    case StmtKind::kSwitch: {
      const auto* sw = static_cast<const SwitchStmt*>(s);
      ForgetAssignments(sw->discriminant, depth + 1);
      for (const SwitchCase& c : sw->cases) {
        if (c.test) ForgetAssignments(c.test, depth + 1);
        for (const Stmt* k : c.body) ForgetAssignments(k, depth + 1);
      }
      break;
    }
    case StmtKind::kImport:
    case StmtKind::kExport:
    case StmtKind::kFunction:  // runs when called
      break;
  }
}

// The case that matches runs, and those after it until one ends in
// `break;`. When which case matches is unknown, every case runs as an
// undecided branch: their components are conditional, what they assign is
// forgotten, and a return in any makes the result unknown.
Flow Interpreter::ExecSwitch(const SwitchStmt* sw, int depth, Value* result) {
  Value d = Eval(sw->discriminant, depth + 1);
  std::optional<size_t> start;
  bool undecided = false;
  for (size_t i = 0; i < sw->cases.size() && !start && !undecided; ++i) {
    if (!sw->cases[i].test) continue;
    Tri t = StrictEquals(d, Eval(sw->cases[i].test, depth + 1));
    if (t == Tri::kTrue) start = i;
    if (t == Tri::kUnknown) undecided = true;
  }
  for (size_t i = 0; i < sw->cases.size() && !start && !undecided; ++i) {
    if (!sw->cases[i].test) start = i;  // default
  }
  size_t mark = scope_.size();  // the cases share one block
  frames_.emplace_back();
  Flow flow = Flow::kNormal;
  if (undecided) {
    ++uncertain_;
    Value ignored;
    for (const SwitchCase& c : sw->cases) {
      for (const Stmt* st : c.body) {
        if (Exec(st, depth + 1, &ignored) != Flow::kNormal) flow = Flow::kMaybeReturned;
      }
    }
    --uncertain_;
    scope_.resize(mark);
    frames_.pop_back();
    for (const SwitchCase& c : sw->cases) {
      for (const Stmt* st : c.body) ForgetAssignments(st, depth + 1);
    }
    if (flow != Flow::kNormal) *result = Value::Unknown(sw->span);
    return flow;
  }
  for (size_t i = start.value_or(sw->cases.size()); i < sw->cases.size(); ++i) {
    for (const Stmt* st : sw->cases[i].body) {
      Flow f = Exec(st, depth + 1, result);
      if (f == Flow::kReturned) {
        if (flow == Flow::kMaybeReturned) *result = Value::Unknown(st->span);
        scope_.resize(mark);
        frames_.pop_back();
        return Flow::kReturned;
      }
      if (f == Flow::kMaybeReturned) flow = f;
    }
    if (sw->cases[i].breaks) break;
  }
  scope_.resize(mark);
  frames_.pop_back();
  return flow;
}

// What an expression may assign or change: assignments, methods' receivers,
// arguments of calls, what is deleted, and what is not followed.
void Interpreter::ForgetAssignments(const Expr* e, int depth) {
  if (depth > kMaxDepth) return;
  auto base = [](const Expr* x) -> std::string_view {
    while (x->kind == ExprKind::kMember || x->kind == ExprKind::kIndex) {
      x = x->kind == ExprKind::kMember ? static_cast<const MemberExpr*>(x)->object
                                       : static_cast<const IndexExpr*>(x)->object;
    }
    return x->kind == ExprKind::kIdentifier ? static_cast<const IdentifierExpr*>(x)->name
                                            : std::string_view();
  };
  switch (e->kind) {
    case ExprKind::kAssign: {
      const auto* a = static_cast<const AssignExpr*>(e);
      if (a->member) {
        ForgetChanged(a->target, e->span);
      } else if (!a->target.empty()) {
        ForgetVariable(a->target, e->span);
      }
      ForgetAssignments(a->value, depth + 1);
      break;
    }
    case ExprKind::kCall:
    case ExprKind::kNew: {
      const auto* c = static_cast<const CallExpr*>(e);
      if (c->callee->kind == ExprKind::kMember) {
        if (std::string_view b = base(c->callee); !b.empty() && e->kind == ExprKind::kCall) {
          ForgetChanged(b, e->span);
        }
      }
      ForgetAssignments(c->callee, depth + 1);
      for (const Argument& a : c->args) {
        if (a.expr->kind == ExprKind::kIdentifier && e->kind == ExprKind::kCall) {
          ForgetChanged(static_cast<const IdentifierExpr*>(a.expr)->name, e->span);
        }
        if (a.expr->kind == ExprKind::kFunction && e->kind == ExprKind::kCall) {
          ForgetInFunction(static_cast<const FunctionExpr*>(a.expr), depth + 1);
        }
        ForgetAssignments(a.expr, depth + 1);
      }
      break;
    }
    case ExprKind::kUnary: {
      const auto* u = static_cast<const UnaryExpr*>(e);
      if (u->op == "delete") {
        if (std::string_view b = base(u->operand); !b.empty()) ForgetChanged(b, e->span);
      }
      ForgetAssignments(u->operand, depth + 1);
      break;
    }
    case ExprKind::kMember:
      ForgetAssignments(static_cast<const MemberExpr*>(e)->object, depth + 1);
      break;
    case ExprKind::kIndex:
      ForgetAssignments(static_cast<const IndexExpr*>(e)->object, depth + 1);
      ForgetAssignments(static_cast<const IndexExpr*>(e)->index, depth + 1);
      break;
    case ExprKind::kBinary:
      ForgetAssignments(static_cast<const BinaryExpr*>(e)->lhs, depth + 1);
      ForgetAssignments(static_cast<const BinaryExpr*>(e)->rhs, depth + 1);
      break;
    case ExprKind::kConditional: {
      const auto* c = static_cast<const ConditionalExpr*>(e);
      ForgetAssignments(c->cond, depth + 1);
      ForgetAssignments(c->then, depth + 1);
      ForgetAssignments(c->otherwise, depth + 1);
      break;
    }
    case ExprKind::kTemplate:
      for (const TemplatePart& p : static_cast<const TemplateExpr*>(e)->parts) {
        if (p.expr) ForgetAssignments(p.expr, depth + 1);
      }
      break;
    case ExprKind::kObject:
      for (const typescript::Property& p : static_cast<const ObjectExpr*>(e)->properties) {
        if (p.value) ForgetAssignments(p.value, depth + 1);
      }
      break;
    case ExprKind::kArray:
      for (const Argument& a : static_cast<const ArrayExpr*>(e)->items) {
        ForgetAssignments(a.expr, depth + 1);
      }
      break;
    case ExprKind::kUnsupported:
      ApplyEffects(static_cast<const UnsupportedExpr*>(e)->effects, e->span);
      break;
    case ExprKind::kLiteral:
    case ExprKind::kIdentifier:
    case ExprKind::kFunction:  // its body runs only when called, which we do not follow
    case ExprKind::kImport:
      break;
  }
}

Value Interpreter::MakeClosure(const FunctionExpr* f, Span at) {
  if (closures_.size() >= kMaxClosures || captured_ + scope_.size() > kMaxCaptured ||
      OverBudget(at, scope_.size() + 1)) {
    return Value::Unknown(at);
  }
  captured_ += scope_.size();
  size_t id = closures_.size();
  closures_.push_back(Closure{f, scope_, dirs_.empty() ? std::filesystem::path() : dirs_.back()});
  if (!frames_.empty()) frames_.back().push_back(id);
  // An open object, so that what is read from it (`f.bind`) or made from it
  // is not taken for the function itself.
  return Value::Object({}, at).AsOpen("sst:function:" + std::to_string(id));
}

std::optional<size_t> Interpreter::ClosureOf(const Value& v) const {
  if (!v.is_object() || !v.open()) return std::nullopt;
  std::string_view address = v.open_address();
  if (!address.starts_with("sst:function:")) return std::nullopt;
  size_t id = 0;
  for (char ch : address.substr(13)) {
    if (ch < '0' || ch > '9') return std::nullopt;
    id = id * 10 + static_cast<size_t>(ch - '0');
    if (id >= closures_.size()) return std::nullopt;
  }
  return id;
}

void Interpreter::Hoist(const std::vector<const Stmt*>& body) {
  std::vector<size_t> ids;
  for (const Stmt* st : body) {
    if (st->kind != StmtKind::kFunction) continue;
    const auto* fs = static_cast<const FunctionStmt*>(st);
    Value v = MakeClosure(fs->function, st->span);
    if (auto id = ClosureOf(v)) ids.push_back(*id);
    scope_.push_back({fs->name, std::move(v)});
  }
  // Each sees all of them (and itself), whatever their order.
  for (size_t id : ids) {
    if (captured_ + scope_.size() > kMaxCaptured) break;  // made with what it had
    closures_[id].captured = scope_;
    captured_ += scope_.size();
  }
}

template <class Body>
void Interpreter::InClosureScope(size_t id, Span at, Body body) {
  suspended_.push_back(std::move(scope_));
  scope_ = closures_[id].captured;
  size_t captured = scope_.size();
  std::vector<Value> before;  // what its variables held
  before.reserve(captured);
  for (const Binding& b : scope_) before.push_back(b.value());
  std::vector<std::vector<size_t>> frames = std::move(frames_);
  frames_.clear();
  ++calls_;
  body();
  --calls_;
  frames_ = std::move(frames);
  // The variables it shares with its scope have what it gave them; one
  // that changed may also be held under its name where no cell reaches (an
  // import of a module's `let`): forgotten there, and so is it.
  std::vector<std::string_view> changed;
  for (size_t i = 0; i < captured && i < scope_.size(); ++i) {
    if (!scope_[i].value().Identical(before[i])) changed.push_back(scope_[i].name);
  }
  scope_ = std::move(suspended_.back());
  suspended_.pop_back();
  for (std::string_view name : changed) ForgetEverywhere(name, at);
}

Value Interpreter::CallClosure(size_t id, std::vector<Value> args, Span at, int depth) {
  // Each call adds a few levels of nesting too: half of kMaxDepth is kept
  // for the code of the function called last.
  if (calls_ >= kMaxCalls || depth > kMaxDepth / 2) {
    Limit(at,
          "calls nest deeper than " + std::to_string(kMaxCalls) + " levels; the result is unknown");
    for (const Value& a : args) ForgetHolders(a, at);
    return Value::Unknown(at);
  }
  if (OverBudget(at, closures_[id].captured.size() + 1)) return Value::Unknown(at);
  Value result;
  InClosureScope(id, at, [&] {
    bool own_dir = !closures_[id].dir.empty();
    if (own_dir) dirs_.push_back(closures_[id].dir);
    // The caller's components are made under the same conditions as the call.
    result = CallFunction(closures_[id].f, std::move(args), depth + 1);
    if (own_dir) dirs_.pop_back();
  });
  return result;
}

void Interpreter::ForgetClosureEffects(size_t id, Span at, int depth) {
  if (calls_ >= kMaxCalls || depth > kMaxDepth / 2) return;
  InClosureScope(id, at, [&] {
    const FunctionExpr* f = closures_[id].f;
    for (const typescript::Param& p : f->params) {  // its own, not the scope's
      if (!p.name.empty()) scope_.emplace_back(p.name, Value::Unknown(at));
      for (std::string_view n : p.bound) scope_.emplace_back(n, Value::Unknown(at));
    }
    ForgetInFunction(f, depth + 1);
  });
}

template <class Pred>
void Interpreter::ForgetWhere(Pred forgets, std::vector<Value>* old) {
  auto forget = [&](std::string_view name, Value& v) {
    if (!forgets(name, v)) return false;
    if (old) old->push_back(v);
    v = Value::Unknown(v.origin());
    return true;
  };
  for (Binding& b : scope_) forget(b.name, b.value());
  for (std::vector<Binding>& scope : suspended_) {
    for (Binding& b : scope) forget(b.name, b.value());
  }
  for (Closure& c : closures_) {
    for (Binding& b : c.captured) forget(b.name, b.value());
  }
  // Modules already run export it, or something holding it.
  for (auto& [path, ns] : modules_) {
    if (!ns.is_object()) continue;
    std::vector<Field> fields = ns.fields();
    bool any = false;
    for (Field& f : fields) any = forget(f.key, f.value) || any;
    if (!any) continue;
    Value updated = Value::Object(std::move(fields), ns.origin());
    ns = ns.open() ? updated.AsOpen(ns.open_address()) : updated;
  }
}

void Interpreter::ForgetEverywhere(std::string_view name, Span at) {
  std::vector<Value> old;
  ForgetWhere([&](std::string_view n, const Value&) { return n == name; }, &old);
  for (const Value& v : old) ForgetHolders(v, at);
}

void Interpreter::ForgetVariable(std::string_view name, Span at) {
  const Value* v = Lookup(name);
  if (!v) return;
  Value old = *v;
  if ((old.is_object() && !old.open()) || old.is_list()) ForgetHolders(old, at);
  Assign(name, Value::Unknown(old.origin()));
}

namespace {

// Whether `v` is `target`'s object or list, or holds it somewhere inside.
// A component or resource (an open object with an address) is never
// changed: its outputs are Pulumi Outputs, which `apply` and the like read.
// A module namespace (open, no address) holds what the module exports.

bool Holds(const Value& v, const Value& target, uint64_t& work) {
  ++work;
  if (v.SharesPayload(target)) return true;
  if (v.is_object() && v.open() && !v.open_address().empty()) return false;  // not a namespace
  if (v.is_list()) {
    for (const Value& x : v.items()) {
      if (Holds(x, target, work)) return true;
    }
  } else if (v.is_object()) {
    for (const Field& f : v.fields()) {
      if (Holds(f.value, target, work)) return true;
    }
  }
  return false;
}

}  // namespace

void Interpreter::ForgetHolders(const Value& changed, Span at) {
  if (IsTransformArgs(changed)) {
    // A transform's arguments, given to something we do not follow
    // (Object.assign(args, ...), a helper): it may have set any of them.
    ForgetWhere([](std::string_view, const Value& v) { return IsTransformArgs(v); }, nullptr);
    return;
  }
  if (!changed.is_list() && !(changed.is_object() && !changed.open())) return;
  uint64_t work = 0;
  ForgetWhere([&](std::string_view, const Value& v) { return Holds(v, changed, work); }, nullptr);
  OverBudget(at, work);
}

Value Interpreter::Property(const Value& obj, std::string_view name, Span at, bool optional) {
  if (obj.is_null()) {
    // `undefined?.x` is undefined; `undefined.x` throws, which we cannot tell.
    return optional ? Value::Null(at) : Value::Unknown(at);
  }
  if (obj.is_unknown()) return Value::Unknown(at).WithProvenanceOf(obj);
  if (obj.is_object()) {
    if (const Value* v = obj.Get(name)) return *v;
    if (obj.open()) {
      // A module's namespace, or the arguments a transform is given.
      if (obj.open_address().empty() || obj.open_address() == kTransformArgs) {
        return Value::Unknown(at);
      }
      return Value::Unknown(at).WithRef(Ref{obj.open_address(), std::string(name)});
    }
    return Value::Null(at);  // undefined
  }
  if (name == "length" && (obj.is_list() || obj.is_string())) {
    // UTF-16 length differs from bytes outside ASCII: only count ASCII strings.
    if (obj.is_string() &&
        std::any_of(obj.str().begin(), obj.str().end(), [](char c) { return c & 0x80; })) {
      return Value::Unknown(at);
    }
    return Value::Number(static_cast<double>(obj.size()), at);
  }
  return Value::Unknown(at);
}

Value Interpreter::EvalMember(const MemberExpr* m, int depth) {
  // $app.stage and $app.name; process.env.X is unknown.
  Value obj = Eval(m->object, depth + 1);
  return Property(obj, m->property, m->span, m->optional);
}

Value Interpreter::EvalObject(const ObjectExpr* o, int depth) {
  std::vector<Field> fields;
  bool open = false;
  for (const typescript::Property& p : o->properties) {
    switch (p.kind) {
      case Property::Kind::kPair:
      case Property::Kind::kShorthand: {
        Value v = Eval(p.value, depth + 1);
        fields.push_back(Field{p.key, std::move(v), p.key_span});
        break;
      }
      case Property::Kind::kSpread: {
        Value v = Eval(p.value, depth + 1);
        if (v.is_null()) break;
        if (!v.is_object() || v.open()) {
          // `{ ...process.env.EXTRA, SECRET: "..." }`: a spread we cannot read
          // whole may set any key, those written before it too. What follows
          // it is certain; the object is open (its other keys unknown).
          fields.clear();
          open = true;
        }
        if (v.is_object()) {
          for (const Field& f : v.fields()) fields.push_back(f);
        }
        break;
      }
      case Property::Kind::kMethod:
        fields.push_back(Field{p.key, MakeClosure(p.method, p.span), p.key_span});
        break;
      case Property::Kind::kComputed:
        // A key we cannot read may replace any other: the object is unknown.
        return Value::Unknown(o->span);
    }
  }
  Value obj = Value::Object(std::move(fields), o->span);
  return open ? obj.AsOpen("") : obj;
}

Value Interpreter::EvalArray(const ArrayExpr* a, int depth) {
  if (a->has_holes) return Value::Unknown(a->span);
  std::vector<Value> items;
  uint64_t size = 0;  // stop building once the result is too large to keep
  for (const Argument& item : a->items) {
    Value v = Eval(item.expr, depth + 1);
    size += v.tree_size();
    if (size > kMaxValueSize) return TooLarge(a->span);
    if (!item.spread) {
      items.push_back(std::move(v));
    } else if (v.is_list()) {
      for (const Value& x : v.items()) items.push_back(x);
    } else {
      return Value::Unknown(a->span).WithProvenanceOf(v);
    }
  }
  return Value::List(std::move(items), a->span);
}

Value Interpreter::EvalBinary(const BinaryExpr* b, int depth) {
  Span at = b->span;
  Value l = Eval(b->lhs, depth + 1);
  switch (b->op) {
    case BinaryOp::kAnd: {
      Tri t = Truthy(l);
      if (t == Tri::kFalse) return l;
      Value r = Eval(b->rhs, depth + 1);
      return t == Tri::kTrue ? r : Value::Unknown(at).WithProvenanceOf(l);
    }
    case BinaryOp::kOr: {
      Tri t = Truthy(l);
      if (t == Tri::kTrue) return l;
      Value r = Eval(b->rhs, depth + 1);
      return t == Tri::kFalse ? r : Value::Unknown(at).WithProvenanceOf(l);
    }
    case BinaryOp::kNullish: {
      Value r = Eval(b->rhs, depth + 1);
      if (l.is_null()) return r;
      return l;  // known non-null, or unknown (which stays unknown)
    }
    default:
      break;
  }
  Value r = Eval(b->rhs, depth + 1);
  switch (b->op) {
    case BinaryOp::kStrictEq:
    case BinaryOp::kLooseEq:
      return FromTri(StrictEquals(l, r), at);
    case BinaryOp::kStrictNe:
    case BinaryOp::kLooseNe:
      return FromTri(Not(StrictEquals(l, r)), at);
    case BinaryOp::kAdd: {
      if (l.is_number() && r.is_number()) return Value::Number(l.number() + r.number(), at);
      if (l.is_string() || r.is_string()) {
        auto ls = JsString(l), rs = JsString(r);
        if (ls && rs && ls->size() + rs->size() <= kMaxStringBytes) {
          return Value::String(*ls + *rs, at);
        }
      }
      return Value::Unknown(at).WithProvenanceOf(l).WithProvenanceOf(r);
    }
    case BinaryOp::kSub:
    case BinaryOp::kMul:
    case BinaryOp::kDiv:
    case BinaryOp::kMod: {
      if (!l.is_number() || !r.is_number()) return Value::Unknown(at);
      double x = l.number(), y = r.number();
      double v = b->op == BinaryOp::kSub   ? x - y
                 : b->op == BinaryOp::kMul ? x * y
                 : b->op == BinaryOp::kDiv ? x / y
                                           : std::fmod(x, y);
      return Value::Number(v, at);
    }
    case BinaryOp::kLt:
    case BinaryOp::kLe:
    case BinaryOp::kGt:
    case BinaryOp::kGe: {
      if (!l.is_number() || !r.is_number()) return Value::Unknown(at);
      double x = l.number(), y = r.number();
      bool v = b->op == BinaryOp::kLt   ? x < y
               : b->op == BinaryOp::kLe ? x <= y
               : b->op == BinaryOp::kGt ? x > y
                                        : x >= y;
      return Value::Bool(v, at);
    }
    default:
      return Value::Unknown(at);
  }
}

Value Interpreter::EvalCall(const CallExpr* c, int depth) {
  Span at = c->span;
  // pulumi.interpolate`...` and SST's $interpolate`...`: the template's
  // string, with the Outputs in it resolved.
  if (c->tagged && c->args.size() == 1 &&
      (IsPulumiCall(c, "interpolate") || IsGlobalCall(c, "", "$interpolate"))) {
    return Eval(c->args[0].expr, depth + 1);
  }
  // Arguments are evaluated first, so components created in them count.
  std::vector<Value> args;
  bool spread = false;
  for (const Argument& a : c->args) {
    args.push_back(Eval(a.expr, depth + 1));
    spread = spread || a.spread;
  }
  if (c->callee->kind == ExprKind::kFunction) {
    return CallFunction(static_cast<const FunctionExpr*>(c->callee), std::move(args), depth + 1);
  }
  // readdirSync("./infra/"), imported from "fs" or called as fs.readdirSync.
  if (!spread && ((c->callee->kind == ExprKind::kIdentifier &&
                   static_cast<const IdentifierExpr*>(c->callee)->name == "readdirSync") ||
                  (c->callee->kind == ExprKind::kMember &&
                   static_cast<const MemberExpr*>(c->callee)->property == "readdirSync"))) {
    return ReadDir(args, at);
  }
  // JSON.stringify(v) and SST's $jsonStringify(v): a string that keeps the
  // structure, as Terraform's jsonencode() does, so documents in it (IAM
  // policies) are read with their locations.
  if (!spread && !args.empty() &&
      (IsGlobalCall(c, "", "$jsonStringify") || IsGlobalCall(c, "JSON", "stringify") ||
       IsPulumiCall(c, "jsonStringify"))) {
    const Value& v = args[0];
    if (!v.is_object() && !v.is_list()) return Value::Unknown(at).WithProvenanceOf(v);
    return Stringified(v, at);
  }
  // aws.iam.getPolicyDocument(args) and getPolicyDocumentOutput(args): the
  // document, as Terraform's aws_iam_policy_document makes it.
  if (!spread && !args.empty() &&
      (IsAwsCall(c, "iam", "getPolicyDocument") ||
       IsAwsCall(c, "iam", "getPolicyDocumentOutput"))) {
    return PulumiPolicyDocument(args[0], at);
  }
  // SST's $transform(sst.aws.Postgres, (args, opts) => {...}): the
  // callback changes the arguments of every component (or Pulumi resource)
  // of that type created after it. Registered under a condition we cannot
  // decide, it is not followed.
  if (!spread && args.size() == 2 && IsGlobalCall(c, "", "$transform")) {
    std::vector<std::string_view> path = GlobalPath(c->args[0].expr);
    auto id = ClosureOf(args[1]);
    if (id && uncertain_ == 0 && !path.empty() && (path[0] == "sst" || path[0] == "aws")) {
      type_transforms_.emplace_back(Dotted(path), *id);
      return Value::Null(at);
    }
  }
  // pulumi.all(v), pulumi.output(v) and SST's $resolve(v): an Output that
  // resolves to v (resource attributes in it unknown), which is what a
  // resource given it reads and what apply() passes on. all(a, b) is all([a, b]).
  if (!spread && !args.empty() &&
      (IsGlobalCall(c, "", "$resolve") || IsPulumiCall(c, "all") || IsPulumiCall(c, "output"))) {
    if (args.size() == 1) return args[0];
    return Value::List(std::move(args), at);
  }
  // A function we do not follow may change the objects and lists it is given.
  // So may a callback it gets (list.forEach(x => cfg.items.push(x))).
  auto unknown_call = [&]() {
    for (const Value& a : args) {
      ForgetHolders(a, at);
      if (auto id = ClosureOf(a)) ForgetClosureEffects(*id, at, depth + 1);
    }
    return Value::Unknown(at);
  };
  // The config's own function, by name.
  if (c->callee->kind == ExprKind::kIdentifier && !spread) {
    if (const Value* fn = Lookup(static_cast<const IdentifierExpr*>(c->callee)->name)) {
      if (auto id = ClosureOf(*fn)) return CallClosure(*id, std::move(args), at, depth + 1);
    }
  }
  if (c->callee->kind != ExprKind::kMember || spread) {
    if (c->callee->kind != ExprKind::kIdentifier) Eval(c->callee, depth + 1);
    return unknown_call();
  }
  const auto* m = static_cast<const MemberExpr*>(c->callee);
  if (IsObjectIteration(c)) {
    // Object.entries/keys/values of a known object (keys in sorted order).
    if (args.size() != 1 || !args[0].is_object() || args[0].open()) return Value::Unknown(at);
    std::vector<Value> items;
    for (const Field& f : args[0].fields()) {
      Value key = Value::String(f.key, f.key_span.valid() ? f.key_span : at);
      if (m->property == "keys") {
        items.push_back(std::move(key));
      } else if (m->property == "values") {
        items.push_back(f.value);
      } else {
        items.push_back(Value::List({std::move(key), f.value}, at));
      }
    }
    return Value::List(std::move(items), at);
  }
  Value self = Eval(m->object, depth + 1);
  if (self.is_null() && (m->optional || c->optional)) return Value::Null(at);
  std::string_view method = m->property;
  // Cluster v1's `cluster.addService(name, args)`: a Service in that cluster.
  if (method == "addService" && !args.empty()) {
    if (const Component* cluster = ComponentOf(self, out_.components);
        cluster && cluster->type == "sst.aws.Cluster") {
      Value service_args = args.size() > 1 ? args[1] : Value::Object({}, at);
      if (service_args.is_object() && !service_args.open()) {
        std::vector<Field> fields = service_args.fields();
        fields.push_back(Field{"cluster", self, {}});
        service_args = Value::Object(std::move(fields), service_args.origin());
      }
      return CreateComponent("sst.aws.Service", {args[0], service_args}, at, {}, depth);
    }
  }
  // The config's own function, as a member (`utils.isProd()`).
  if (auto id = ClosureOf(Property(self, method, at, false))) {
    return CallClosure(*id, std::move(args), at, depth + 1);
  }
  // An Output's apply(cb): Pulumi calls cb with the resolved value once the
  // resources exist, and the result is cb's. Called here with what is known
  // of it, so `pulumi.all([...]).apply(([a, b]) => JSON.stringify([...]))`
  // keeps the structure it builds. Only on what can be an Output: a known
  // value (no JavaScript value but a function has apply(), and a function's
  // takes its `this` first) or a resource's attribute. A promise's then(cb)
  // likewise, on a known value: awaited values are the values themselves
  // here (aws.iam.getPolicyDocument(...).then((d) => d.json)).
  bool callback = method == "apply" ? args.size() == 1 : method == "then" && !args.empty();
  bool output = !self.is_unknown() || (method == "apply" && !self.refs().empty());
  if (callback && output && !ClosureOf(self) && !(self.is_object() && self.open())) {
    if (auto id = ClosureOf(args[0])) return CallClosure(*id, {self}, at, depth + 1);
  }
  if (auto v = CallBuiltin(self, method, args, at)) return *v;
  if (const Component* parent = ComponentOf(self, out_.components);
      parent && parent->type.starts_with("sst.") && !parent->call && !args.empty()) {
    RecordCall(*parent, method, args, at);
  }
  // A method we do not know may change its object (push, splice, set...),
  // or call it (f.call(...)).
  ForgetHolders(self, at);
  if (auto id = ClosureOf(self)) ForgetClosureEffects(*id, at, depth + 1);
  return unknown_call().WithProvenanceOf(self);
}

Value Interpreter::EvalNew(const CallExpr* c, int depth) {
  Span at = c->span;
  std::string binding = std::move(pending_binding_);
  pending_binding_.clear();
  std::vector<Value> args;
  for (const Argument& a : c->args) {
    args.push_back(a.spread ? Value::Unknown(a.expr->span) : Eval(a.expr, depth + 1));
  }
  // The constructor as a dotted name: sst.aws.Vpc.
  std::vector<std::string_view> path = GlobalPath(c->callee);
  // SST's globals: `sst` (its components) and `aws` (Pulumi's AWS provider,
  // of which the resources rules check are translated).
  if (path.empty() || (path[0] != "sst" && path[0] != "aws")) return Value::Unknown(at);
  std::string type = Dotted(path);
  if (path[0] == "aws" && PulumiKind(type).empty()) return Value::Unknown(at);
  return CreateComponent(std::move(type), std::move(args), at, std::move(binding), depth);
}

Value Interpreter::CreateComponent(std::string type, std::vector<Value> args, Span at,
                                   std::string binding, int depth) {
  if (AtComponentLimit(at)) return Value::Unknown(at);
  Component comp;
  comp.type = std::move(type);
  comp.key = "sst:component:" + std::to_string(out_.components.size());
  comp.name_value = args.empty() ? Value::Unknown(at) : args[0];
  comp.args = args.size() > 1 ? args[1] : Value::Null(at);
  // $transform(type, cb) before it: cb changes the arguments, in order.
  for (const auto& [type, closure] : type_transforms_) {
    if (type != comp.type) continue;
    if (comp.args.is_null()) comp.args = Value::Object({}, at);
    if (!comp.args.is_object() || comp.args.open()) break;
    comp.args = CalledWith(closure, comp.args, at, depth);
  }
  if (comp.type.starts_with("sst.") && comp.args.is_object()) {
    if (const Field* t = comp.args.GetField("transform"); t && !t->value.is_null()) {
      comp.transforms = Transforms(t->value, at, depth);
    }
  }
  comp.binding = std::move(binding);
  comp.block = at;
  comp.header = at.FirstLine();
  comp.conditional = uncertain_ > 0;
  comp.name = ComponentName(comp, out_.components);
  Value instance = ComponentInstance(comp);
  out_.components.push_back(std::move(comp));
  return instance;
}

bool Interpreter::AtComponentLimit(Span at) {
  if (out_.components.size() < kMaxComponents) return false;
  if (out_.diagnostics.empty()) {
    out_.diagnostics.push_back(DiagnosticAt(at, "more than " + std::to_string(kMaxComponents) +
                                                    " components; the rest are not checked"));
  }
  return true;
}

void Interpreter::RecordCall(const Component& parent, std::string_view method,
                             std::vector<Value> args, Span at) {
  if (AtComponentLimit(at)) return;
  Component call;
  call.type = parent.type + "." + std::string(method);
  call.key = "sst:call:" + std::to_string(out_.components.size());
  std::string base = parent.name + UpperFirst(method);
  // ApiRoute, ApiRoute2...: each base counts on from where it stopped.
  int& n = call_counts_[base];
  call.name = base;
  while (!call_names_.insert(call.name).second) call.name = base + std::to_string(++n + 1);
  call.name_value = Value::String(call.name, at);
  call.args = Value::List(std::move(args), at);
  call.block = at;
  call.header = at.FirstLine();
  call.conditional = uncertain_ > 0;
  call.call = true;
  out_.components.push_back(std::move(call));
}

Value Interpreter::Transforms(const Value& given, Span at, int depth) {
  if (!given.is_object() || given.open()) return Value::Unknown(given.origin());
  std::vector<Field> out;
  for (const Field& f : given.fields()) {
    Value delta = f.value;
    if (auto id = ClosureOf(f.value)) {
      delta = RunTransform(*id, at, depth);
    } else if (!delta.is_object() || delta.open()) {
      // SST merges an object in ({...args, ...transform}); anything else
      // is nothing we can follow.
      delta = Value::Unknown(f.value.origin());
    }
    out.push_back(Field{f.key, std::move(delta), f.key_span});
  }
  return Value::Object(std::move(out), given.origin());
}

Value Interpreter::CalledWith(size_t closure, Value args, Span at, int depth) {
  Value final_args = Value::Unknown(at);
  capture_first_param_ = &final_args;
  CallClosure(closure, {std::move(args), Value::Unknown(at), Value::Unknown(at)}, at, depth + 1);
  capture_first_param_ = nullptr;
  return final_args;
}

Value Interpreter::RunTransform(size_t closure, Span at, int depth) {
  // The arguments SST passes are not known here: an open object, whose
  // fields read as unknown, and which only a transform's own `args.x = v`
  // may set fields on (see kTransformArgs in kAssign).
  Value probe = Value::Object({}, at).AsOpen(std::string(kTransformArgs));
  Value final_args = CalledWith(closure, probe, at, depth);
  return IsTransformArgs(final_args) ? Value::Object(final_args.fields(), at) : Value::Unknown(at);
}

void Interpreter::Limit(Span at, std::string message) {
  for (const Diagnostic& d : out_.diagnostics) {
    if (d.message == message) return;
  }
  out_.diagnostics.push_back(DiagnosticAt(at, std::move(message)));
}

Value Interpreter::TooLarge(Span at) {
  Limit(at, "value is too large to check (more than " + std::to_string(kMaxValueSize) +
                " parts); it is treated as unknown");
  return Value::Unknown(at);
}

bool Interpreter::OverBudget(Span at, uint64_t work) {
  // work_ stays at most kMaxWork + 1: no overflow, whatever `work` is.
  work_ = work > kMaxWork - std::min(work_, kMaxWork) ? kMaxWork + 1 : work_ + work;
  if (work_ <= kMaxWork) return false;
  Limit(at, "the config takes more than " + std::to_string(kMaxWork) +
                " steps to evaluate (loops in loops?); the rest is not evaluated");
  return true;
}

Value Interpreter::Bounded(Value v, Span at) {
  if (v.depth() > kMaxValueDepth) {
    Limit(at, "value nests deeper than " + std::to_string(kMaxValueDepth) +
                  " levels; it is treated as unknown");
    return Value::Unknown(at);
  }
  // A value too large to keep costs no more than the largest kept.
  uint64_t size = v.tree_size();
  if (OverBudget(at, std::min<uint64_t>(size, kMaxValueSize))) return Value::Unknown(at);
  if (size > kMaxValueSize) return TooLarge(at);
  if (v.is_string() && v.str().size() > kMaxStringBytes) {
    Limit(at, "string is longer than " + std::to_string(kMaxStringBytes) +
                  " bytes; it is treated as unknown");
    return Value::Unknown(at);
  }
  return v;
}

Value Interpreter::Eval(const Expr* e, int depth) {
  if (depth > kMaxDepth || work_ > kMaxWork) return Value::Unknown(e->span);
  return Bounded(EvalExpr(e, depth), e->span);
}

// A template that writes a JSON document with holes the config cannot know
// (`[{"image": "${repo.repositoryUrl}:latest"}]`): the document, with every
// value a hole reaches unknown, for the rules that read documents. Its values
// are located where they are written in the template (a value a hole wrote,
// at the hole). nullopt when it is no JSON document.
std::optional<Value> Interpreter::TemplateDocument(const TemplateExpr* t,
                                                   const std::vector<Value>& holes) {
  // Stands for an unknown hole: DEL may appear unescaped in a JSON string,
  // and configs do not write it.
  static constexpr std::string_view kHole = "\x7finfracheck-unknown\x7f";
  std::string_view first;
  if (!t->parts.empty() && !t->parts[0].expr) first = t->parts[0].text;
  size_t start = first.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || (first[start] != '[' && first[start] != '{')) {
    return std::nullopt;
  }
  std::string text;
  bool in_string = false, escaped = false;
  auto append = [&](std::string_view s) {
    for (char ch : s) {
      if (escaped) {
        escaped = false;
      } else if (in_string && ch == '\\') {
        escaped = true;
      } else if (ch == '"') {
        in_string = !in_string;
      }
    }
    text += s;
  };
  // Where each stretch of the text came from: literal text is located byte
  // for byte where it is written as is (no escapes), a hole at its ${...}.
  std::vector<tf::RenderedSegment> segments;
  size_t hole = 0;
  for (const TemplatePart& p : t->parts) {
    auto from = static_cast<uint32_t>(text.size());
    if (!p.expr) {
      append(p.text);
    } else {
      if (hole >= holes.size()) return std::nullopt;
      const Value& v = holes[hole++];
      auto s = v.is_unknown() ? std::nullopt : JsString(v);
      if (s) {
        append(*s);
      } else {
        text += in_string ? std::string(kHole) : "\"" + std::string(kHole) + "\"";
      }
    }
    if (text.size() > kMaxStringBytes) return std::nullopt;
    segments.push_back(tf::RenderedSegment{from, static_cast<uint32_t>(text.size()), p.span,
                                           !p.expr && p.span.text() == p.text});
  }
  std::optional<Value> doc = tf::LocateRenderedJson(text, std::move(segments));
  if (!doc) return std::nullopt;
  // Strings a hole reached are unknown; a key one reached, the whole.
  bool ok = true;
  std::function<Value(const Value&)> fill = [&](const Value& v) -> Value {
    if (v.is_string()) {
      return v.str().find(kHole) == std::string::npos ? v : Value::Unknown(v.origin());
    }
    if (v.is_list()) {
      std::vector<Value> items;
      for (const Value& x : v.items()) items.push_back(fill(x));
      return Value::List(std::move(items), v.origin());
    }
    if (v.is_object()) {
      std::vector<Field> fields;
      for (const Field& f : v.fields()) {
        if (f.key.find(kHole) != std::string::npos) ok = false;
        fields.push_back(Field{f.key, fill(f.value), f.key_span});
      }
      Value obj = Value::Object(std::move(fields), v.origin());
      return v.open() ? obj.AsOpen(v.open_address()) : obj;
    }
    return v;
  };
  Value filled = fill(*doc);
  if (!ok) return std::nullopt;
  return filled;
}

Value Interpreter::EvalExpr(const Expr* e, int depth) {
  switch (e->kind) {
    case ExprKind::kLiteral:
      return static_cast<const LiteralExpr*>(e)->value;
    case ExprKind::kTemplate: {
      const auto* t = static_cast<const TemplateExpr*>(e);
      std::string out;
      Value prov;
      bool unknown = false;
      std::vector<Value> holes;
      for (const TemplatePart& p : t->parts) {
        if (!p.expr) {
          out += p.text;
          continue;
        }
        Value v = Eval(p.expr, depth + 1);
        holes.push_back(v);
        prov = prov.WithProvenanceOf(v);
        auto s = JsString(v);
        if (!s || v.is_unknown() || out.size() + s->size() > kMaxStringBytes) {
          unknown = true;
        } else {
          out += *s;
        }
      }
      if (unknown) {
        Value v = Value::Unknown(e->span).WithProvenanceOf(prov);
        if (auto doc = TemplateDocument(t, holes)) return v.WithEncoded(std::move(*doc));
        return v;
      }
      // JSON written with known holes: its document, located in the template.
      if (!holes.empty()) {
        if (auto doc = TemplateDocument(t, holes)) {
          return Value::EncodedString(std::move(out), std::move(*doc), e->span)
              .WithProvenanceOf(prov);
        }
      }
      return Value::String(std::move(out), e->span).WithProvenanceOf(prov);
    }
    case ExprKind::kIdentifier: {
      std::string_view name = static_cast<const IdentifierExpr*>(e)->name;
      if (const Value* v = Lookup(name)) {
        return v->is_unknown() ? *v : v->Through(e->span, "value set here");
      }
      if (name == "$app") return app_;
      if (name == "$dev") return Value::Bool(false, e->span);
      if (name == "undefined") return Value::Null(e->span);
      return Value::Unknown(e->span);  // process, globals, imports
    }
    case ExprKind::kMember:
      return EvalMember(static_cast<const MemberExpr*>(e), depth);
    case ExprKind::kIndex: {
      const auto* x = static_cast<const IndexExpr*>(e);
      Value obj = Eval(x->object, depth + 1);
      Value index = Eval(x->index, depth + 1);
      if (obj.is_null() && x->optional) return Value::Null(e->span);
      if (obj.is_list() && index.is_number()) {
        double i = index.number();
        if (i >= 0 && i == std::floor(i) && i < static_cast<double>(obj.items().size())) {
          return obj.items()[static_cast<size_t>(i)];
        }
        return Value::Null(e->span);
      }
      if (obj.is_object() && index.is_string()) return Property(obj, index.str(), e->span, false);
      return Value::Unknown(e->span).WithProvenanceOf(obj);
    }
    case ExprKind::kCall:
      return EvalCall(static_cast<const CallExpr*>(e), depth);
    case ExprKind::kNew:
      return EvalNew(static_cast<const CallExpr*>(e), depth);
    case ExprKind::kObject:
      return EvalObject(static_cast<const ObjectExpr*>(e), depth);
    case ExprKind::kArray:
      return EvalArray(static_cast<const ArrayExpr*>(e), depth);
    case ExprKind::kUnary: {
      const auto* u = static_cast<const UnaryExpr*>(e);
      Value v = Eval(u->operand, depth + 1);
      if (u->op == "!") return FromTri(Not(Truthy(v)), e->span);
      if (u->op == "-" && v.is_number()) return Value::Number(-v.number(), e->span);
      if (u->op == "+" && v.is_number()) return v.WithOrigin(e->span);
      if (u->op == "void") return Value::Null(e->span);
      if (u->op == "delete") ForgetAssignments(e, depth + 1);
      return Value::Unknown(e->span).WithProvenanceOf(v);
    }
    case ExprKind::kBinary:
      return EvalBinary(static_cast<const BinaryExpr*>(e), depth);
    case ExprKind::kConditional: {
      const auto* c = static_cast<const ConditionalExpr*>(e);
      Value cond = Eval(c->cond, depth + 1);
      Tri t = Truthy(cond);
      if (t == Tri::kTrue) return Eval(c->then, depth + 1);
      if (t == Tri::kFalse) return Eval(c->otherwise, depth + 1);
      // Both branches are walked for the components they create.
      ++uncertain_;
      Eval(c->then, depth + 1);
      Eval(c->otherwise, depth + 1);
      --uncertain_;
      return Value::Unknown(e->span).WithProvenanceOf(cond);
    }
    case ExprKind::kAssign: {
      const auto* a = static_cast<const AssignExpr*>(e);
      Value v = Eval(a->value, depth + 1);
      if (!Lookup(a->target)) return v;
      if (a->member) {
        // `x.k = v` on an object we know sets its field; anything else
        // changes x in a way we do not follow. Either way every other
        // holder of x's object is forgotten.
        Value old = *Lookup(a->target);
        // A transform's arguments (see RunTransform) take the fields it sets.
        bool transform_args = IsTransformArgs(old);
        bool set = !a->property.empty() && !a->augmented && uncertain_ == 0 && old.is_object() &&
                   (!old.open() || transform_args);
        ForgetHolders(old, e->span);
        if (set) {
          std::vector<Field> fields = old.fields();
          std::erase_if(fields, [&](const Field& f) { return f.key == a->property; });
          fields.push_back(Field{std::string(a->property),
                                 v.is_unknown() ? v : v.Through(a->target_span, "value set here"),
                                 a->target_span});
          Value updated = Value::Object(std::move(fields), old.origin());
          Assign(a->target, transform_args ? updated.AsOpen(std::string(kTransformArgs)) : updated);
        }
        return v;
      }
      if (a->augmented || uncertain_ > 0) {
        Assign(a->target, Value::Unknown(e->span));
      } else {
        Assign(a->target, v.is_unknown() ? v : v.Through(a->target_span, "value set here"));
      }
      return v;
    }
    case ExprKind::kImport: {
      const auto* i = static_cast<const ImportExpr*>(e);
      if (!i->specifier) return LoadModule(i->source, e->span, depth);
      Value path = Eval(i->specifier, depth + 1);
      return path.is_string() ? LoadModule(path.str(), e->span, depth) : Value::Unknown(e->span);
    }
    case ExprKind::kUnsupported:
      ApplyEffects(static_cast<const UnsupportedExpr*>(e)->effects, e->span);
      return Value::Unknown(e->span);
    case ExprKind::kFunction:
      return MakeClosure(static_cast<const FunctionExpr*>(e), e->span);
  }
  return Value::Unknown(e->span);
}

}  // namespace

Evaluation Evaluate(const File& file, const Stage& stage, const ModuleLoader& loader,
                    const DirectoryLister& lister) {
  Evaluation out;
  Interpreter(file, stage, loader, lister, out).Run();
  return out;
}

const Component* ComponentOf(const Value& v, const std::vector<Component>& components) {
  if (!v.is_object() || !v.open()) return nullptr;
  const std::string& key = v.open_address();
  if (!key.starts_with("sst:component:")) return nullptr;
  size_t index = 0;
  for (char ch : std::string_view(key).substr(14)) {
    if (ch < '0' || ch > '9') return nullptr;
    index = index * 10 + static_cast<size_t>(ch - '0');
    if (index > components.size()) return nullptr;
  }
  return index < components.size() ? &components[index] : nullptr;
}

}  // namespace infracheck::sst
