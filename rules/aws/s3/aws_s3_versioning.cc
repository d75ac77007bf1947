// aws-s3-versioning: buckets that hold user files or Terraform state keep
// every version of their objects.
#include <algorithm>

#include "infracheck/rule.h"
#include "rules/common/s3.h"
#include "rules/common/secrets.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"aws_s3_bucket"};
constexpr std::string_view kCheckov[] = {"CKV_AWS_21"};
constexpr std::string_view kTrivy[] = {"AWS-0090", "AVD-AWS-0090"};
constexpr std::string_view kVersioning = "aws_s3_bucket_versioning";

// Words that say a bucket holds files users uploaded.
constexpr std::string_view kUserFileWords[] = {"files",       "uploads",   "upload",
                                               "attachments", "documents", "avatars"};

bool Has(const std::vector<std::string>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// What a name (bucket name, tag value) says the bucket holds, or "".
std::string_view PurposeOfName(std::string_view name) {
  std::vector<std::string> w = NameWords(name);
  if (Has(w, "tfstate") ||
      ((Has(w, "terraform") || Has(w, "tf")) && (Has(w, "state") || Has(w, "states")))) {
    return "Terraform state";
  }
  for (std::string_view u : kUserFileWords) {
    if (Has(w, u)) return "user files";
  }
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    if ((w[i] == "user" || w[i] == "users") &&
        (w[i + 1] == "content" || w[i + 1] == "data" || w[i + 1] == "media")) {
      return "user files";
    }
  }
  return "";
}

bool AllowsUploads(const Value* methods) {
  if (!methods || !methods->is_list()) return false;
  for (const Value& m : methods->items()) {
    if (m.is_string() && (m.str() == "PUT" || m.str() == "POST")) return true;
  }
  return false;
}

bool CorsAllowsUploads(const Value* rules) {
  if (!rules || !rules->is_list()) return false;
  for (const Value& rule : rules->items()) {
    if (AllowsUploads(rule.Get("allowed_methods"))) return true;
  }
  return false;
}

// Why the bucket holds user files or Terraform state, or "" when nothing says so.
std::string Purpose(const Graph& g, const Resource& bucket) {
  const Value* name = bucket.Get("bucket");
  if (!name || !name->is_string()) name = bucket.Get("bucket_prefix");
  if (name && name->is_string()) {
    for (const Resource* b : g.OfKind("terraform_backend")) {
      const Value* type = b->Get("type");
      const Value* state = b->Get("bucket");
      if (type && type->is_string() && type->str() == "s3" && state && state->is_string() &&
          state->str() == name->str()) {
        return "it is the bucket of this configuration's S3 backend (Terraform state)";
      }
    }
    std::string_view p = PurposeOfName(name->str());
    if (!p.empty()) return "its name \"" + name->str() + "\" says it holds " + std::string(p);
  }
  if (const Value* tags = bucket.Get("tags"); tags && tags->is_object()) {
    for (const Field& f : tags->fields()) {
      if (!f.value.is_string()) continue;
      std::string_view p = PurposeOfName(f.value.str());
      if (!p.empty()) {
        return "its tag " + f.key + " = \"" + f.value.str() + "\" says it holds " + std::string(p);
      }
    }
  }
  if (CorsAllowsUploads(bucket.Get("cors_rule"))) {
    return "its CORS rules let browsers upload (PUT/POST), so it holds user files";
  }
  for (const Resource* c : BucketConfigs(g, bucket, "aws_s3_bucket_cors_configuration")) {
    if (CorsAllowsUploads(c->Get("cors_rule"))) {
      return "its CORS configuration lets browsers upload (PUT/POST), so it holds user files";
    }
  }
  return "";
}

void Check(const Resource& bucket, RuleContext& ctx) {
  if (bucket.mode != ResourceMode::kManaged) return;
  const Graph& g = ctx.graph();
  std::string why = Purpose(g, bucket);
  if (why.empty()) return;
  std::vector<const Resource*> configs = BucketConfigs(g, bucket, kVersioning);
  const Resource* off_in = nullptr;
  const Value* off_value = nullptr;
  for (const Resource* c : configs) {
    const Value* status = c->Get("versioning_configuration.status");
    if (status && status->is_string() && status->str() == "Enabled") return;
    if (status && !status->is_string()) return;  // unknown
    if (!off_in) {
      off_in = c;
      off_value = status;
    }
  }
  if (off_in) {
    std::string status = off_value ? off_value->str() : "not set";
    Span at = off_value && off_value->origin().valid() ? off_value->origin() : off_in->header;
    ctx.ReportAt(bucket, "versioning.status", at,
                 "versioning is " + status + " in " + off_in->address + ", but " + why +
                     ": without versions an overwrite or delete loses the data for good",
                 off_value);
    return;
  }
  // Provider v3 inline block: versioning { enabled = true }.
  const Value* inline_enabled = bucket.Get("versioning.enabled");
  if (IsTrue(inline_enabled)) return;
  if (inline_enabled && !IsFalse(inline_enabled) && !inline_enabled->is_null()) return;
  if (IsFalse(inline_enabled)) {
    ctx.Report(bucket, "versioning.enabled",
               "versioning is disabled, but " + why +
                   ": without versions an overwrite or delete loses the data for good");
    return;
  }
  if (HasUnplacedConfig(g, kVersioning)) return;
  ctx.Report(bucket, "versioning",
             "the bucket has no enabled versioning (aws_s3_bucket_versioning), but " + why +
                 ": without versions an overwrite or delete loses the data for good");
}

}  // namespace

extern const Rule kAwsS3Versioning = {
    .id = "aws-s3-versioning",
    .title = "Buckets holding user files or Terraform state must be versioned",
    .severity = Severity::kMedium,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "004 \"스토리지\" enables versioning on the User Files bucket (\"Versioning: Enabled\") "
        "and "
        "004 \"State 관리\" on the Terraform state bucket (`codemate-terraform-state`, "
        "\"Versioning: Enabled\"), while the static assets bucket is rebuilt from source and "
        "keeps it disabled. Without versioning an overwritten or deleted object is gone: a "
        "user's upload, or the state file Terraform needs to manage everything else. The rule "
        "checks only buckets it can tell hold such data: the bucket named by this "
        "configuration's `backend \"s3\"`; a bucket whose name or a tag value says so (the words "
        "`tfstate`, or `terraform`/`tf` with `state`, for state; `files`, `uploads`, "
        "`attachments`, `documents`, `avatars`, or `user` before `content`/`data`/`media`, for "
        "user files); or a bucket whose CORS rules allow browsers to PUT or POST (direct "
        "uploads, as 004's User Files CORS does). Versioning passes when an "
        "`aws_s3_bucket_versioning` for the bucket has status `Enabled`, or a provider v3 inline "
        "`versioning { enabled = true }` block is set. A bucket whose name is unknown and a "
        "versioning resource whose bucket cannot be resolved stay silent.",
    .remediation =
        "Add an `aws_s3_bucket_versioning` with `versioning_configuration { status = "
        "\"Enabled\" }` for the bucket, and a lifecycle rule that expires noncurrent versions "
        "(004 deletes them after 90 days).",
    .bad_example = R"(resource "aws_s3_bucket" "state" {
  bucket = "codemate-terraform-state"
})",
    .good_example = R"(resource "aws_s3_bucket" "state" {
  bucket = "codemate-terraform-state"
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id
  versioning_configuration {
    status = "Enabled"
  }
})",
    .checkov = kCheckov,
    .trivy = kTrivy,
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
