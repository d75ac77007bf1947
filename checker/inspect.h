// `infracheck inspect`: every resource as the checker sees it after evaluation.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "checker/scan.h"

namespace infracheck {

/// A value as JSON: nested blocks are lists of objects, as `terraform show
/// -json` prints them; unknown is {"__unknown__": true}.
nlohmann::ordered_json ValueToJson(const Value& v);

void WriteInspectJson(std::ostream& out, const ScanResult& result);
void WriteInspectText(std::ostream& out, const ScanResult& result);

}  // namespace infracheck
