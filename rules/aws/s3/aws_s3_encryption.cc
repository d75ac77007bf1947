// aws-s3-encryption: every bucket declares its default server-side encryption.
#include "infracheck/rule.h"
#include "rules/common/s3.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_s3_bucket"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_19"};
constexpr std::string_view kTrivy[] = {"AWS-0088", "AVD-AWS-0088"};
constexpr std::string_view kSse = "aws_s3_bucket_server_side_encryption_configuration";

void Check(const Resource& bucket, RuleContext& ctx) {
  if (bucket.mode != ResourceMode::kManaged) return;
  const Graph& g = ctx.graph();
  if (!BucketConfigs(g, bucket, kSse).empty()) return;
  // Provider v3 inline block (still accepted, deprecated).
  const Value* inline_sse = bucket.Get("server_side_encryption_configuration");
  if (inline_sse && !inline_sse->is_null() && !(inline_sse->is_list() && inline_sse->size() == 0)) {
    return;
  }
  if (HasUnplacedConfig(g, kSse)) return;
  ctx.Report(bucket, "server_side_encryption_configuration",
             "the bucket declares no server-side encryption "
             "(aws_s3_bucket_server_side_encryption_configuration): S3 applies SSE-S3 by "
             "default, but the configuration does not say which encryption the data gets");
}

}  // namespace

extern const Rule kAwsS3Encryption = {
    .id = "aws-s3-encryption",
    .title = "S3 buckets must declare server-side encryption",
    .severity = Severity::kLow,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "004 \"스토리지\" specifies the encryption of the user files bucket (\"Encryption: AES-256 "
        "(SSE-S3)\") and 004 \"State 관리\" that of the state bucket (\"Encryption: AES-256\"). "
        "Since January 2023 S3 encrypts every new object with SSE-S3 when a bucket has no "
        "default encryption of its own, which is why Trivy deprecated its equivalent check "
        "(AWS-0088) in 2025; the rule stays, at low severity, because the documented stacks "
        "state the encryption as a requirement, and a declared "
        "`aws_s3_bucket_server_side_encryption_configuration` keeps the choice reviewable "
        "(SSE-S3 or SSE-KMS with a customer key, bucket keys) instead of leaving it to an "
        "account-level default the code does not show. The rule fires when a bucket has neither "
        "that resource nor a provider v3 inline `server_side_encryption_configuration` block; a "
        "configuration resource whose bucket cannot be resolved silences it.",
    .remediation =
        "Add an `aws_s3_bucket_server_side_encryption_configuration` for the bucket with a rule "
        "`apply_server_side_encryption_by_default { sse_algorithm = \"AES256\" }` (or "
        "`\"aws:kms\"` with `kms_master_key_id` and `bucket_key_enabled = true`).",
    .bad_example = R"(resource "aws_s3_bucket" "files" {
  bucket = "codemate-files-dev"
})",
    .good_example = R"(resource "aws_s3_bucket" "files" {
  bucket = "codemate-files-dev"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "files" {
  bucket = aws_s3_bucket.files.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
