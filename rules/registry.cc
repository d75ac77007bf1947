// The one table of built-in rules, sorted by ID. Adding a rule: write
// rules/<provider>/<service>/<id>.cc defining its Rule constant, declare it
// below, and list it in kRules. Nothing registers itself.
#include <algorithm>
#include <array>

#include "infracheck/rule.h"

namespace infracheck {

namespace rules {
extern const Rule kAwsAlbTls13Policy;
extern const Rule kAwsEcrScanOnPush;
extern const Rule kAwsRdsMultiAz;
extern const Rule kAwsRdsNoPublicAccess;
extern const Rule kAwsSgAlbWebOnly;
extern const Rule kAwsSgDataFromAppOnly;
extern const Rule kAwsSgEcsFromAlbOnly;
extern const Rule kAwsSgNoPublicIngress;
extern const Rule kAwsVpcDataSubnetIsolated;
extern const Rule kAwsVpcFlowLogs;
extern const Rule kAwsVpcMultiAz;
extern const Rule kAwsVpcNatPerAz;
extern const Rule kAwsVpcPrivateSubnets;
}  // namespace rules

namespace {

constexpr std::array<const Rule*, 13> kRules = {
    &rules::kAwsAlbTls13Policy,    &rules::kAwsEcrScanOnPush,     &rules::kAwsRdsMultiAz,
    &rules::kAwsRdsNoPublicAccess, &rules::kAwsSgAlbWebOnly,      &rules::kAwsSgDataFromAppOnly,
    &rules::kAwsSgEcsFromAlbOnly,  &rules::kAwsSgNoPublicIngress, &rules::kAwsVpcDataSubnetIsolated,
    &rules::kAwsVpcFlowLogs,       &rules::kAwsVpcMultiAz,        &rules::kAwsVpcNatPerAz,
    &rules::kAwsVpcPrivateSubnets,
};

}  // namespace

std::span<const Rule* const> BuiltinRules() { return kRules; }

const Rule* FindRule(std::string_view id) {
  auto it = std::find_if(kRules.begin(), kRules.end(), [&](const Rule* r) { return r->id == id; });
  return it == kRules.end() ? nullptr : *it;
}

}  // namespace infracheck
