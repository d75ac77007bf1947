// Environments: the inputs one evaluation runs with.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "infracheck/value.h"

namespace infracheck {

/// A name, a production flag and the inputs an evaluation ran with. An
/// unnamed environment is unknown: a module nothing calls, a standalone JSON
/// file. Production-scoped rules never fire there.
struct Environment {
  std::string name;                    ///< empty when unknown
  Tri production = Tri::kUnknown;      ///< kTrue only when told apart as production
  std::string root;                    ///< display path of the root module / config file
  std::vector<std::string> var_files;  ///< display paths of the variable files applied, in order
  /// Why it counts as production, for reports ("name", "variable environment = \"prod\"").
  std::string production_reason;
  /// What terraform.workspace is there; unset where it is unknown (a module
  /// nothing calls) or means nothing (SST, documents).
  std::optional<std::string> workspace;

  bool known() const { return !name.empty(); }
  bool is_production() const { return production == Tri::kTrue; }
};

/// True when `name` is one of the production spellings (prod, production,
/// prd, live; case-insensitive).
bool IsProductionName(std::string_view name);

}  // namespace infracheck
