// What the fuzz targets share: admitting input as the FileStore would, and
// running everything after evaluation (graph, rules, reports, inspect).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "infracheck/environment.h"
#include "infracheck/resource.h"
#include "infracheck/rule.h"

namespace infracheck::fuzz {

/// The text a file with these bytes has once read (BOM dropped), or nullopt
/// when the FileStore would refuse it (NUL bytes, not UTF-8).
std::optional<std::string> Admit(std::string_view bytes);

/// A production environment, so every rule runs.
Environment FuzzEnvironment();

/// Builds a graph from `resources` in `env`, runs every built-in rule and the
/// `extra` ones (team policies), and writes every report format and the
/// inspect JSON and text views to nowhere.
void CheckResources(const Environment& env, std::vector<Resource> resources,
                    std::span<const Rule* const> extra = {});

}  // namespace infracheck::fuzz
