// Which non-ASCII code points may start or continue an HCL identifier
// (Unicode ID_Start / ID_Continue).
#pragma once

#include <cstdint>

namespace infracheck::hcl {

/// True when `cp` (>= 0x80) may start an identifier.
bool IsIdStartNonAscii(uint32_t cp);
/// True when `cp` (>= 0x80) may continue an identifier.
bool IsIdContinueNonAscii(uint32_t cp);

}  // namespace infracheck::hcl
