#include "tests/fuzz/targets.h"

#include <array>

namespace infracheck::fuzz {

std::span<const NamedTarget> Targets() {
  static constexpr std::array<NamedTarget, 7> kTargets = {{
      {"hcl", Hcl},
      {"terraform", Terraform},
      {"sst", Sst},
      {"json", Json},
      {"config", Config},
      {"suppression", Suppression},
      {"policy", Policy},
  }};
  return kTargets;
}

}  // namespace infracheck::fuzz
