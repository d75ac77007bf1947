// JSON rendered by templatefile(), located in the template file: the
// template's literal text is where the document's keys and values were
// written, so a finding points at the line in the .json.tpl, not at the
// templatefile() call. Values that come from an interpolation point at the
// ${...} that produced them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infracheck/value.h"
#include "parsers/hcl/syntax.h"

namespace infracheck::tf {

/// A stretch of rendered text and where it came from.
struct RenderedSegment {
  uint32_t out_begin = 0, out_end = 0;
  Span source;
  bool exact = false;  ///< literal text whose bytes are the source's bytes
};

/// The JSON document `rendered` with every value's origin moved to where its
/// text came from: an offset inside an exact segment to the same byte in the
/// source, one inside any other segment to that segment's bounds. The
/// segments cover `rendered` in order, all in one file. nullopt when the
/// text is not JSON.
std::optional<Value> LocateRenderedJson(std::string_view rendered,
                                        std::vector<RenderedSegment> segments);

/// The JSON document `rendered` (the result of rendering `templ`) with every
/// value's origin in the template file; nullopt when the text is not JSON or
/// the template uses %{if}/%{for} directives (positions would be guesses).
std::optional<Value> LocateTemplateJson(const hcl::File& templ, const std::string& rendered);

}  // namespace infracheck::tf
