// The one table of built-in rules, sorted by ID. Adding a rule: write
// rules/<provider>/<service>/<id>.cc defining its Rule constant, then run
// tools/gen-registry (or add the two lines below by hand). Nothing
// registers itself.
#include <algorithm>
#include <array>

#include "infracheck/rule.h"

namespace infracheck {

namespace rules {
extern const Rule kAwsAlbAccessLogs;
extern const Rule kAwsAlbDeletionProtection;
extern const Rule kAwsAlbDropInvalidHeaders;
extern const Rule kAwsAlbHttpsOnly;
extern const Rule kAwsAlbTls13Policy;
extern const Rule kAwsCloudwatchLogRetention;
extern const Rule kAwsEcrImmutableTags;
extern const Rule kAwsEcrLifecyclePolicy;
extern const Rule kAwsEcrScanOnPush;
extern const Rule kAwsEcsContainerInsights;
extern const Rule kAwsEcsDeploymentRollback;
extern const Rule kAwsEcsHealthCheck;
extern const Rule kAwsEcsLogging;
extern const Rule kAwsEcsMinTasks;
extern const Rule kAwsEcsNoPublicIp;
extern const Rule kAwsEcsNonRoot;
extern const Rule kAwsEcsSecretsInEnvironment;
extern const Rule kAwsEcsSecretsManagedStore;
extern const Rule kAwsElasticacheAuth;
extern const Rule kAwsElasticacheEncryptionAtRest;
extern const Rule kAwsElasticacheEncryptionInTransit;
extern const Rule kAwsElasticacheMultiAz;
extern const Rule kAwsElasticacheSnapshotRetention;
extern const Rule kAwsIamNoAdmin;
extern const Rule kAwsIamNoWildcardAction;
extern const Rule kAwsIamNoWildcardResource;
extern const Rule kAwsRdsBackupRetention;
extern const Rule kAwsRdsDeletionProtection;
extern const Rule kAwsRdsForceSsl;
extern const Rule kAwsRdsManagedPassword;
extern const Rule kAwsRdsMultiAz;
extern const Rule kAwsRdsNoPublicAccess;
extern const Rule kAwsRdsStorageEncrypted;
extern const Rule kAwsS3BlockPublicAccess;
extern const Rule kAwsS3Encryption;
extern const Rule kAwsS3Versioning;
extern const Rule kAwsSgAlbWebOnly;
extern const Rule kAwsSgDataFromAppOnly;
extern const Rule kAwsSgEcsFromAlbOnly;
extern const Rule kAwsSgNoPublicIngress;
extern const Rule kAwsSsmSecureString;
extern const Rule kAwsVpcDataSubnetIsolated;
extern const Rule kAwsVpcFlowLogs;
extern const Rule kAwsVpcMultiAz;
extern const Rule kAwsVpcNatPerAz;
extern const Rule kAwsVpcPrivateSubnets;
extern const Rule kSecretsNoPlaintext;
extern const Rule kSstProdRetain;
extern const Rule kTfBackendS3Secure;
}  // namespace rules

namespace {

// clang-format off
constexpr std::array<const Rule*, 49> kRules = {
    &rules::kAwsAlbAccessLogs,
    &rules::kAwsAlbDeletionProtection,
    &rules::kAwsAlbDropInvalidHeaders,
    &rules::kAwsAlbHttpsOnly,
    &rules::kAwsAlbTls13Policy,
    &rules::kAwsCloudwatchLogRetention,
    &rules::kAwsEcrImmutableTags,
    &rules::kAwsEcrLifecyclePolicy,
    &rules::kAwsEcrScanOnPush,
    &rules::kAwsEcsContainerInsights,
    &rules::kAwsEcsDeploymentRollback,
    &rules::kAwsEcsHealthCheck,
    &rules::kAwsEcsLogging,
    &rules::kAwsEcsMinTasks,
    &rules::kAwsEcsNoPublicIp,
    &rules::kAwsEcsNonRoot,
    &rules::kAwsEcsSecretsInEnvironment,
    &rules::kAwsEcsSecretsManagedStore,
    &rules::kAwsElasticacheAuth,
    &rules::kAwsElasticacheEncryptionAtRest,
    &rules::kAwsElasticacheEncryptionInTransit,
    &rules::kAwsElasticacheMultiAz,
    &rules::kAwsElasticacheSnapshotRetention,
    &rules::kAwsIamNoAdmin,
    &rules::kAwsIamNoWildcardAction,
    &rules::kAwsIamNoWildcardResource,
    &rules::kAwsRdsBackupRetention,
    &rules::kAwsRdsDeletionProtection,
    &rules::kAwsRdsForceSsl,
    &rules::kAwsRdsManagedPassword,
    &rules::kAwsRdsMultiAz,
    &rules::kAwsRdsNoPublicAccess,
    &rules::kAwsRdsStorageEncrypted,
    &rules::kAwsS3BlockPublicAccess,
    &rules::kAwsS3Encryption,
    &rules::kAwsS3Versioning,
    &rules::kAwsSgAlbWebOnly,
    &rules::kAwsSgDataFromAppOnly,
    &rules::kAwsSgEcsFromAlbOnly,
    &rules::kAwsSgNoPublicIngress,
    &rules::kAwsSsmSecureString,
    &rules::kAwsVpcDataSubnetIsolated,
    &rules::kAwsVpcFlowLogs,
    &rules::kAwsVpcMultiAz,
    &rules::kAwsVpcNatPerAz,
    &rules::kAwsVpcPrivateSubnets,
    &rules::kSecretsNoPlaintext,
    &rules::kSstProdRetain,
    &rules::kTfBackendS3Secure,
};
// clang-format on

}  // namespace

std::span<const Rule* const> BuiltinRules() { return kRules; }

const Rule* FindRule(std::string_view id) {
  auto it = std::find_if(kRules.begin(), kRules.end(), [&](const Rule* r) { return r->id == id; });
  return it == kRules.end() ? nullptr : *it;
}

}  // namespace infracheck
