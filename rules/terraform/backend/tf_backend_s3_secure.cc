// tf-backend-s3-secure: Terraform state in S3 is encrypted and locked.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"terraform_backend"};

void Check(const Resource& r, RuleContext& ctx) {
  const Value* type = r.Get("type");
  if (!type || !type->is_string() || type->str() != "s3") return;
  // A partial configuration (no bucket in the block) gets the rest from
  // -backend-config at init time: the scan cannot see it.
  const Value* bucket = r.Get("bucket");
  if (IsAbsent(bucket)) return;
  const Value* encrypt = r.Get("encrypt");
  if (IsAbsent(encrypt) || IsFalse(encrypt)) {
    ctx.Report(
        r, "encrypt",
        std::string(IsAbsent(encrypt) ? "encrypt is not set (default false)" : "encrypt is false") +
            ": Terraform writes the state, with every secret and resource attribute in "
            "it, without server-side encryption; set encrypt = true");
  }
  const Value* table = r.Get("dynamodb_table");
  const Value* lockfile = r.Get("use_lockfile");
  bool table_set = table && !table->is_null() && !(table->is_string() && table->str().empty());
  if (table_set || IsTrue(lockfile)) return;
  if (lockfile && lockfile->is_unknown()) return;
  ctx.Report(r, IsFalse(lockfile) ? "use_lockfile" : "dynamodb_table",
             "the state is not locked (neither use_lockfile = true nor dynamodb_table): two "
             "concurrent runs can overwrite each other's state");
}

}  // namespace

extern const Rule kTfBackendS3Secure = {
    .id = "tf-backend-s3-secure",
    .title = "An S3 backend must encrypt and lock the Terraform state",
    .severity = Severity::kHigh,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "004 \"State 관리\" keeps the state in S3 encrypted (\"Encryption: AES-256\") and locked "
        "in DynamoDB (\"State 잠금 (동시 실행 방지)\"), and its `environments/dev/main.tf` "
        "writes `encrypt = true` and `dynamodb_table`. The state holds every attribute of every "
        "resource, generated passwords included, in plain JSON; without `encrypt = true` the "
        "backend does not ask S3 for server-side encryption. Without a lock two concurrent "
        "`terraform apply` runs can both write the state and lose resources from it. Locking is "
        "either `use_lockfile = true` (S3-native, Terraform 1.10 and later) or `dynamodb_table` "
        "(deprecated in Terraform 1.11 but still working). A `backend \"s3\"` block without "
        "`bucket` is a partial configuration completed by `-backend-config` at `terraform init`, "
        "which the scan cannot see, so it is not checked.",
    .remediation =
        "Set `encrypt = true` (and `kms_key_id` for a customer-managed key) and "
        "`use_lockfile = true` (or `dynamodb_table` on Terraform before 1.10) in the "
        "`backend \"s3\"` block.",
    .bad_example = R"(terraform {
  backend "s3" {
    bucket = "codemate-terraform-state"
    key    = "dev/terraform.tfstate"
    region = "ap-northeast-2"
  }
})",
    .good_example = R"(terraform {
  backend "s3" {
    bucket       = "codemate-terraform-state"
    key          = "dev/terraform.tfstate"
    region       = "ap-northeast-2"
    encrypt      = true
    use_lockfile = true
  }
})",
    .checkov = {},
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
