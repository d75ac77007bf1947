// JSON rendered by templatefile(), located in the template file: the
// template's literal text is where the document's keys and values were
// written, so a finding points at the line in the .json.tpl, not at the
// templatefile() call. Values that come from an interpolation point at the
// ${...} that produced them.
#pragma once

#include <optional>
#include <string>

#include "infracheck/value.h"
#include "parsers/hcl/syntax.h"

namespace infracheck::tf {

/// The JSON document `rendered` (the result of rendering `templ`) with every
/// value's origin in the template file; nullopt when the text is not JSON or
/// the template uses %{if}/%{for} directives (positions would be guesses).
std::optional<Value> LocateTemplateJson(const hcl::File& templ, const std::string& rendered);

}  // namespace infracheck::tf
