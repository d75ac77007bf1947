// aws-s3-block-public-access: every bucket has a public access block with all
// four settings on.
#include "infracheck/rule.h"
#include "rules/common/s3.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_s3_bucket"};
constexpr std::string_view kCheckov[] = {"CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55",
                                         "CKV_AWS_56"};
constexpr std::string_view kTrivy[] = {"AWS-0086", "AVD-AWS-0086", "AWS-0087", "AVD-AWS-0087",
                                       "AWS-0091", "AVD-AWS-0091", "AWS-0093", "AVD-AWS-0093",
                                       "AWS-0094", "AVD-AWS-0094"};
constexpr std::string_view kFlags[] = {"block_public_acls", "block_public_policy",
                                       "ignore_public_acls", "restrict_public_buckets"};
constexpr std::string_view kBlock = "aws_s3_bucket_public_access_block";

enum class Verdict : uint8_t { kOn, kOff, kUnknown };

// All four flags known true: kOn; one known off (false or absent): kOff.
Verdict FlagsOf(const Resource& pab, std::string_view* off) {
  bool unknown = false;
  for (std::string_view flag : kFlags) {
    const Value* v = pab.Get(flag);
    if (IsTrue(v)) continue;
    if (IsAbsent(v) || IsFalse(v)) {
      if (off) *off = flag;
      return Verdict::kOff;
    }
    unknown = true;
  }
  return unknown ? Verdict::kUnknown : Verdict::kOn;
}

// An account-level block with all four flags on covers every bucket.
bool AccountBlocked(const Graph& g) {
  for (const Resource* r : g.OfKind("aws_s3_account_public_access_block")) {
    if (r->mode == ResourceMode::kManaged && FlagsOf(*r, nullptr) != Verdict::kOff) return true;
  }
  return false;
}

void Check(const Resource& bucket, RuleContext& ctx) {
  if (bucket.mode != ResourceMode::kManaged) return;
  const Graph& g = ctx.graph();
  if (AccountBlocked(g)) return;
  std::vector<const Resource*> blocks = BucketConfigs(g, bucket, kBlock);
  if (blocks.empty()) {
    if (HasUnplacedConfig(g, kBlock)) return;
    ctx.Report(bucket, "public_access_block",
               "the bucket has no aws_s3_bucket_public_access_block: a bucket policy or ACL "
               "written later can make its objects public");
    return;
  }
  // One complete block is enough; otherwise report the first switch left off.
  const Resource* worst = nullptr;
  std::string_view off;
  for (const Resource* b : blocks) {
    std::string_view flag;
    Verdict v = FlagsOf(*b, &flag);
    if (v != Verdict::kOff) return;
    if (!worst) {
      worst = b;
      off = flag;
    }
  }
  const Value* v = worst->Get(off);
  std::string path = "public_access_block." + std::string(off);
  std::string message =
      std::string(off) + (IsAbsent(v) ? " is not set (default false)" : " is false") + " in " +
      worst->address + ": all four settings must be true to keep the bucket private";
  // The finding belongs to the bucket; it points at the block's setting.
  Span at = worst->header;
  if (v) {
    const Field* f = worst->attributes.GetField(off);
    at = f && f->key_span.valid() && v->origin().valid() && v->origin().file == f->key_span.file
             ? Span::Cover(f->key_span, v->origin())
             : v->origin();
  }
  ctx.ReportAt(bucket, path, at, std::move(message), v);
}

}  // namespace

extern const Rule kAwsS3BlockPublicAccess = {
    .id = "aws-s3-block-public-access",
    .title = "S3 buckets must block public access",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "004 \"스토리지\" keeps the user files and the logs archive private (\"Access: Private\"), "
        "and even the static assets bucket is public only \"CloudFront 경유\": CloudFront reads it "
        "through origin access control, which works with Block Public Access on, so every "
        "bucket can and should block public access. An aws_s3_bucket_public_access_block with "
        "`block_public_acls`, `block_public_policy`, `ignore_public_acls` and "
        "`restrict_public_buckets` all true stops a later bucket policy or ACL from exposing "
        "the objects, whoever writes it. The rule fires when a bucket has no such block, or "
        "when its block leaves a setting false or unset (the provider default is false). An "
        "`aws_s3_account_public_access_block` with all four settings on covers every bucket of "
        "the account and passes them all. A block whose `bucket` cannot be resolved (an unset "
        "variable) may belong to any bucket, so buckets without one stay silent then.",
    .remediation =
        "Add an `aws_s3_bucket_public_access_block` for the bucket with all four settings set "
        "to true. Serve public content through CloudFront with origin access control instead "
        "of a public bucket policy.",
    .bad_example = R"(resource "aws_s3_bucket" "static" {
  bucket = "codemate-static-dev"
})",
    .good_example = R"(resource "aws_s3_bucket" "static" {
  bucket = "codemate-static-dev"
}

resource "aws_s3_bucket_public_access_block" "static" {
  bucket                  = aws_s3_bucket.static.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
