#include "tests/fuzz/targets.h"

#include <array>

namespace infracheck::fuzz {

std::span<const NamedTarget> Targets() {
  static constexpr std::array<NamedTarget, 6> kTargets = {{
      {"hcl", Hcl},
      {"terraform", Terraform},
      {"sst", Sst},
      {"json", Json},
      {"config", Config},
      {"suppression", Suppression},
  }};
  return kTargets;
}

}  // namespace infracheck::fuzz
