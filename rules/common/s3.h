// What the S3 rules share: the configuration resources that belong to a
// bucket (public access block, versioning, encryption, CORS), however the
// bucket was named in them.
#pragma once

#include <string_view>
#include <vector>

#include "infracheck/graph.h"

namespace infracheck::rules {

/// The resources of `kind` that configure `bucket` (Relation::kBucket).
std::vector<const Resource*> BucketConfigs(const Graph& g, const Resource& bucket,
                                           std::string_view kind);

/// Whether some resource of `kind` configures a bucket the graph cannot
/// name: its `bucket` is unknown (an unresolved variable) and refers to no
/// bucket in the graph. It may configure any bucket, so rules that look for
/// a missing configuration stay silent.
bool HasUnplacedConfig(const Graph& g, std::string_view kind);

}  // namespace infracheck::rules
