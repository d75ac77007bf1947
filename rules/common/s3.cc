#include "rules/common/s3.h"

namespace infracheck::rules {

std::vector<const Resource*> BucketConfigs(const Graph& g, const Resource& bucket,
                                           std::string_view kind) {
  std::vector<const Resource*> out;
  for (const Resource* r : g.Referrers(bucket, Relation::kBucket)) {
    if (r->kind == kind && r->mode == ResourceMode::kManaged) out.push_back(r);
  }
  return out;
}

bool HasUnplacedConfig(const Graph& g, std::string_view kind) {
  for (const Resource* r : g.OfKind(kind)) {
    if (r->mode != ResourceMode::kManaged) continue;
    if (!g.Related(*r, Relation::kBucket).empty()) continue;
    const Value* b = r->Get("bucket");
    if (b && b->is_unknown()) return true;
  }
  return false;
}

}  // namespace infracheck::rules
