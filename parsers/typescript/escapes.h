// JavaScript string and template escapes.
#pragma once

#include <string>
#include <string_view>

namespace infracheck::typescript {

/// Appends the text of string or template source `raw` (without its quotes)
/// to `out`, escapes decoded. Returns false for an escape we do not decode
/// (legacy octal, a lone surrogate): the caller makes the value unknown.
bool Unescape(std::string_view raw, std::string& out);

}  // namespace infracheck::typescript
