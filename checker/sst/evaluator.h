// Evaluates an SST config (sst.config.ts) for one stage: the object that
// `export default $config({...})` passes, its app(input) and its run().
//
// The evaluator understands the part of TypeScript SST configs are written
// in (see docs in evaluator.cc); whatever else it meets is unknown, never a
// guess. `new sst.aws.X(name, args)` records a component; translate.h turns
// the components into Terraform resource kinds.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "infracheck/source.h"
#include "infracheck/value.h"
#include "parsers/typescript/syntax.h"

namespace infracheck::sst {

/// The stage a config is evaluated for.
struct Stage {
  std::string name;  ///< "production", or empty for the personal stage
  /// The personal stage (`sst deploy` without --stage): a string that is not
  /// a production spelling but is otherwise unknown, so `stage ===
  /// "production"` is false while `stage === "dev"` stays unknown.
  bool personal = false;
};

/// A component created during run().
struct Component {
  std::string type;  ///< "sst.aws.Vpc", "sst.Secret", ...
  std::string key;   ///< the component's identity in values: "sst:component:<n>"
  std::string name;  ///< resource name prefix (see ComponentName in evaluator.cc)
  Value name_value;  ///< the first argument as evaluated
  Value args;        ///< the second argument (object, null or unknown)
  /// SST's `transform` argument, by resource key (`instance`, `bucket`...):
  /// each an object of the (Pulumi) arguments it sets, as SST merges an
  /// object in or a function assigns them, or unknown where we could not
  /// follow it. Null without transforms; unknown when the whole is.
  Value transforms;
  std::string binding;       ///< the variable it was assigned to, if any
  Span block;                ///< the whole `new` expression
  Span header;               ///< `new sst.aws.Vpc(...` up to the end of its first line
  bool conditional = false;  ///< created under a condition we could not decide
  /// Not a component: a call of a method we do not follow on one
  /// (`api.route("GET /", {...})`, `queue.subscribe(...)`), its arguments
  /// kept as `args` (a list) for the rules that read every value. Named
  /// after the component and the method (`ApiRoute`, `ApiRoute2`).
  bool call = false;
};

/// What app() returned, field by field (each with its origin and key span).
struct AppConfig {
  bool found = false;  ///< the config has an app() we could evaluate
  Value result;        ///< the returned object, or unknown
  Span span;           ///< app() as written
  Span header;         ///< `app(input) {`
};

struct Evaluation {
  AppConfig app;
  std::vector<Component> components;
  bool has_config = false;              ///< `export default $config(...)` was found
  std::vector<Diagnostic> diagnostics;  ///< limits reached
};

/// Reads and parses a module the config imports (`await import("./infra/x")`
/// in run(), and `import { x } from "./y"` in such a module), by its
/// absolute path; null when it cannot (missing, outside the project root,
/// not TypeScript). The file must stay alive while the evaluation's values do.
using ModuleLoader = std::function<const typescript::File*(const std::filesystem::path& path)>;

/// Lists a directory the config reads (`readdirSync("./infra/")`, relative to
/// the config's directory, as SST runs it): the names in it, sorted as Node
/// returns them; nullopt when it cannot (missing, outside the project root).
using DirectoryLister =
    std::function<std::optional<std::vector<std::string>>(const std::filesystem::path& dir)>;

/// Evaluates `file` for `stage`. Never fails: what cannot be evaluated is
/// unknown; without a loader, imported modules are unknown, and without a
/// lister, directory listings.
Evaluation Evaluate(const typescript::File& file, const Stage& stage,
                    const ModuleLoader& loader = {}, const DirectoryLister& lister = {});

/// Returns whether `v` is a component instance, and which (its key).
const Component* ComponentOf(const Value& v, const std::vector<Component>& components);

}  // namespace infracheck::sst
