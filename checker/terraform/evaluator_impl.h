// Internals of the evaluator, shared by evaluator.cc (modules, resources,
// named values) and evaluator_expr.cc (expressions). Not an interface.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checker/terraform/evaluator.h"

namespace infracheck::tf {

inline bool Inside(Span inner, Span outer) {
  return inner.file == outer.file && inner.begin >= outer.begin && inner.end <= outer.end;
}

// A nested module deeper than this is treated as a remote one (unknown).
constexpr size_t kMaxModuleDepth = 32;
// Named values (variables, locals, outputs, resources) evaluated inside one another.
constexpr int kMaxReferenceDepth = 200;

inline bool IsMetaArgument(std::string_view name) {
  return name == "count" || name == "for_each" || name == "provider" || name == "depends_on";
}

inline bool IsMetaBlock(std::string_view type) {
  return type == "lifecycle" || type == "provisioner" || type == "connection";
}

// Bool as Terraform converts it ("true"/"false" strings included).
inline std::optional<bool> AsBool(const Value& v) {
  if (v.is_bool()) return v.bool_value();
  if (v.is_string()) {
    if (v.str() == "true") return true;
    if (v.str() == "false") return false;
  }
  return std::nullopt;
}

template <class T>
struct Memo {
  enum class State : uint8_t { kNone, kBusy, kDone };
  State state = State::kNone;
  T value{};
};

/// The memo of declaration `d` of `decls`, kept by its index; `memos` is
/// sized when first used.
template <class T, class Decl>
Memo<T>& MemoOf(std::vector<Memo<T>>& memos, const std::vector<Decl>& decls, const Decl& d) {
  if (memos.empty()) memos.resize(decls.size());
  return memos[static_cast<size_t>(&d - decls.data())];
}

struct NamedValue {
  Value value;
  const char* note = "value set here";
  // A variable's default as written (before conversion to its type), when
  // computing the value evaluated it: the variable's configuration object
  // shows it too.
  std::optional<Value> default_value;
  // Computing it reported an error or a diagnostic (the same in every
  // environment, but reported by each).
  bool diagnosed = false;
};

enum class Expansion : uint8_t { kSingle, kCount, kForEach, kUnknown };

struct Instance {
  bool unknown_count = false;
  Value key;
  std::string address;
  Value attributes;  // closed object, as configured
  Value open;        // the same, open: what references see (OpenOf)
};

struct ResourceSet {
  Expansion expansion = Expansion::kSingle;
  std::string address;  // without instance key
  std::vector<Instance> instances;
};

struct CallInstance {
  Value key;
  std::unique_ptr<ModuleInstance> module;
};

struct CallSet {
  Expansion expansion = Expansion::kSingle;
  std::vector<CallInstance> instances;
  bool unavailable = false;  // remote, refused or recursive module
};

struct ModuleInstance {
  const ModuleConfig* config = nullptr;
  std::string path;         // "" for the root, "module.a", "module.a[0].module.b"
  std::string path_module;  // path.module once asked for (see PathModule)
  ModuleInstance* caller = nullptr;
  const ModuleCall* call = nullptr;
  Scope call_scope;  // the caller's scope with the call's count.index / each bound
  size_t depth = 0;
  bool unknown_count = false;          // this instance stands for an unknown number of them
  std::vector<Memo<NamedValue>> vars;  ///< by index in config->variables (MemoOf)
  std::vector<Memo<Value>> locals;     ///< by index in config->locals (MemoOf)
  std::map<std::string_view, Memo<Value>> outputs;
  std::vector<Memo<ResourceSet>> resources;
  std::map<std::string_view, Memo<CallSet>> calls;
};

struct Evaluator::Impl {
  Impl(Evaluator& owner, const ModuleConfig& root, EvalOptions opts);

  Evaluator& self;
  const ModuleConfig& root_config;
  EvalOptions options;
  FunctionContext fctx;
  uint64_t steps = 0;
  bool out_of_steps = false;
  int depth = 0;
  uint64_t errors = 0;
  uint64_t diagnosed = 0;  // Diagnose calls, the repeated ones too
  // Why the last file function call could not read its file, when it was
  // refused rather than missing (see the read_file hook).
  std::string file_refusal;

  // --- diagnostics
  Value Error(Span at) {
    ++errors;
    return Value::Unknown(at);
  }
  void Diagnose(Span at, std::string message) {
    ++diagnosed;
    Diagnostic d = DiagnosticAt(at, std::move(message));
    for (const Diagnostic& x : self.diagnostics_) {
      if (x.file == d.file && x.line == d.line && x.message == d.message) return;
    }
    self.diagnostics_.push_back(std::move(d));
  }

  // Guards a named value's evaluation against runaway nesting.
  struct DepthGuard {
    explicit DepthGuard(Impl& i) : impl(i) { ++impl.depth; }
    ~DepthGuard() { --impl.depth; }
    bool too_deep() const { return impl.depth > kMaxReferenceDepth; }
    Impl& impl;
  };

  // Counts work that is not one expression per step (walking large values,
  // building many values at once) against the step budget.
  void Charge(uint64_t work) { steps = work > UINT64_MAX - steps ? UINT64_MAX : steps + work; }
  // A value deeper or larger than every walk over it may take (see
  // kMaxValueDepth, kMaxValueSize) becomes unknown, with a diagnostic.
  Value Bounded(Value v, Span at);

  // --- expressions
  Value Eval(const hcl::Expr* e, const Scope& s);
  Value EvalExpr(const hcl::Expr* e, const Scope& s);
  Value EvalTemplate(const hcl::TemplateExpr* t, const Scope& s);
  void RenderParts(const hcl::List<hcl::TemplatePart>& parts, const Scope& s, std::string& out,
                   bool& unknown, Value& prov);
  Value EvalTraversal(const hcl::TraversalExpr* t, const Scope& s);
  Value ResolveRoot(std::string_view name, const hcl::List<hcl::Step>& steps, size_t& consumed,
                    const Scope& s, Span at);
  Value ApplySteps(Value v, const hcl::List<hcl::Step>& steps, size_t from, const Scope& s);
  Value GetAttr(const Value& v, std::string_view name, Span at);
  Value Index(const Value& v, const Value& key, Span at);
  Value EvalCall(const hcl::CallExpr* c, const Scope& s);
  Value EvalFor(const hcl::ForExpr* f, const Scope& s);
  Value EvalUnary(const hcl::UnaryExpr* u, const Scope& s);
  Value EvalBinary(const hcl::BinaryExpr* b, const Scope& s);
  Value EvalConditional(const hcl::ConditionalExpr* c, const Scope& s);
  Value EvalObject(const hcl::ObjectExpr* o, const Scope& s);

  // --- named values
  // By name (an error when undeclared), or for a declaration already found.
  Value Var(ModuleInstance& m, std::string_view name, Span at);
  Value VarOf(ModuleInstance& m, const Variable& decl, Span at);
  Value Local(ModuleInstance& m, std::string_view name, Span at);
  Value LocalOf(ModuleInstance& m, const tf::Local& decl, Span at);
  NamedValue ComputeVar(ModuleInstance& m, const Variable& v);
  Value OutputOf(ModuleInstance& m, std::string_view name, Span at);
  const std::string& PathModule(ModuleInstance& m);
  Value ModuleRef(ModuleInstance& m, std::string_view name, const hcl::List<hcl::Step>& steps,
                  size_t& consumed, Span at);
  const Value& OpenOf(Instance& in);
  Value ResourceRef(ModuleInstance& m, const ResourceDecl& d, Span at);
  ResourceSet* Resources(ModuleInstance& m, size_t index, Span at);
  CallSet* Calls(ModuleInstance& m, std::string_view name, Span at);
  Value OutputsObject(ModuleInstance& m, Span at);

  // --- bodies
  Value EvalBody(const hcl::Body& body, const Scope& s, bool top, Span origin);

  // Expands count / for_each into (key, scope) pairs.
  struct Expanded {
    Expansion expansion = Expansion::kSingle;
    std::vector<std::pair<Value, Scope>> items;
  };
  Expanded Expand(const hcl::Expr* count, const hcl::Expr* for_each, const Scope& base,
                  Span header);

  void Walk(ModuleInstance& m);
  // What Collect gives besides the resources (see TakeResources).
  struct CollectedConfig {
    std::vector<SharedConfig>& shared;
    std::vector<uint64_t>& left_out;
  };
  void Collect(ModuleInstance& m, std::vector<Resource>& out,
               std::set<const ModuleConfig*>& configs_seen, CollectedConfig& config);
  void CollectConfig(ModuleInstance& m, std::vector<Resource>& out, CollectedConfig& config);
  // Whether a rule reads the object of the variable declared i-th in `c`
  // (EvalOptions::variable_read), asked once per declaration.
  bool VariableRead(const ModuleConfig& c, size_t i);
  // How many resources Collect gives (so that `out` is allocated once).
  size_t CountCollected(const ModuleInstance& m, std::set<const ModuleConfig*>& configs_seen) const;
};

}  // namespace infracheck::tf
