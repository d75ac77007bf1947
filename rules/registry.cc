// The one table of built-in rules, sorted by ID. Adding a rule: write
// rules/<provider>/<service>/<id>.cc defining its Rule constant, declare it
// here, and list it below.
#include <algorithm>
#include <array>

#include "infracheck/rule.h"

namespace infracheck {

namespace {

constexpr std::array<const Rule*, 0> kRules = {};

}  // namespace

std::span<const Rule* const> BuiltinRules() { return kRules; }

const Rule* FindRule(std::string_view id) {
  for (const Rule* r : kRules) {
    if (r->id == id) return r;
  }
  return nullptr;
}

}  // namespace infracheck
