// The secret helpers rules share (rules/common/secrets.h): secret-like names,
// placeholders, credential patterns, and secret store references; and the IAM
// helpers (rules/common/iam.h): action patterns and the action tables.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "rules/common/iam.h"
#include "rules/common/secrets.h"

namespace infracheck::testing {
namespace {

using rules::FindCredential;
using rules::IsPlaceholder;
using rules::IsSecretName;

TEST(NameWords, SplitsIdentifiers) {
  using W = std::vector<std::string>;
  EXPECT_EQ(rules::NameWords("DB_PASSWORD"), (W{"db", "password"}));
  EXPECT_EQ(rules::NameWords("dbPassword"), (W{"db", "password"}));
  EXPECT_EQ(rules::NameWords("APIKey"), (W{"api", "key"}));
  EXPECT_EQ(rules::NameWords("/alert-system/prod/jwt-secret"),
            (W{"alert", "system", "prod", "jwt", "secret"}));
  EXPECT_EQ(rules::NameWords("password_b64"), (W{"password", "b64"}));
  EXPECT_EQ(rules::NameWords("x509Cert"), (W{"x509", "cert"}));
  EXPECT_EQ(rules::NameWords(""), W{});
  EXPECT_EQ(rules::NameWords("__"), W{});
}

TEST(SecretName, TruePositives) {
  for (std::string_view n : {"password",
                             "PASSWORD",
                             "db_password",
                             "DATABASE_PASSWORD",
                             "master_password",
                             "password_wo",
                             "masterPassword",
                             "adminpassword",
                             "passwd",
                             "db_pwd",
                             "passphrase",
                             "secret",
                             "JWT_SECRET",
                             "NEXTAUTH_SECRET",
                             "client_secret",
                             "clientSecret",
                             "secret_string",
                             "secret_binary",
                             "token",
                             "auth_token",
                             "GITHUB_TOKEN",
                             "accessToken",
                             "api_key",
                             "apiKey",
                             "API_KEY",
                             "ANTHROPIC_API_KEY",
                             "apikey",
                             "x-api-key",
                             "private_key",
                             "private_key_pem",
                             "vapid-private-key",
                             "/alert-system/prod/jwt-secret",
                             "/alert-system/prod/air-quality-api-key",
                             "secret_key",
                             "aws_secret_access_key",
                             "AWS_SECRET_ACCESS_KEY",
                             "signing_key",
                             "encryption_key",
                             "credentials",
                             "db_credential",
                             "password2",
                             "password_2",
                             "token_value",
                             "secret_hash",
                             "master_key",
                             "app_key",
                             "smtp_password_plaintext"}) {
    EXPECT_TRUE(IsSecretName(n)) << n;
  }
}

TEST(SecretName, FalsePositivesAvoided) {
  for (std::string_view n : {"",
                             "key",
                             "access_key",
                             "AWS_ACCESS_KEY_ID",
                             "kms_key_id",
                             "kms_key",
                             "public_key",
                             "secret_arn",
                             "SECRET_ARN",
                             "DB_PASSWORD_SECRET_ARN",
                             "secret_name",
                             "SECRET_NAME",
                             "secret_id",
                             "token_url",
                             "TOKEN_URL",
                             "token_endpoint",
                             "password_length",
                             "password_policy",
                             "password_reset_required",
                             "api_key_id",
                             "api_key_source",
                             "password_parameter",
                             "secrets",
                             "secret_recovery_window_in_days",
                             "token_ttl",
                             "password_encryption",
                             "tokenizer",
                             "name",
                             "value",
                             "description",
                             "username",
                             "DATABASE_USER",
                             "REDIS_HOST",
                             "bypass",
                             "pass_region",
                             "keyboard",
                             "secretsmanager_arn",
                             "credentials_parameter",
                             "token_type",
                             "TOKEN_ISSUER",
                             "NEXT_PUBLIC_API_KEY",
                             "PUBLIC_TOKEN",
                             "PWD",
                             "Authorization",
                             "method.request.header.Authorization"}) {
    EXPECT_FALSE(IsSecretName(n)) << n;
  }
}

TEST(SecretName, MentionsInText) {
  EXPECT_TRUE(rules::MentionsSecret("JWT secret for the API"));
  EXPECT_TRUE(rules::MentionsSecret("Database credentials"));
  EXPECT_TRUE(rules::MentionsSecret("The Anthropic API key"));
  EXPECT_TRUE(rules::MentionsSecret("VAPID private key for web push"));
  EXPECT_FALSE(rules::MentionsSecret("ARN of the secret key id"));
  EXPECT_FALSE(rules::MentionsSecret("Name of the secret"));
  EXPECT_FALSE(rules::MentionsSecret("ARN of a token"));
  EXPECT_FALSE(rules::MentionsSecret("the secret name in Secrets Manager"));
  EXPECT_FALSE(rules::MentionsSecret("Feature flags for the frontend"));
  EXPECT_FALSE(rules::MentionsSecret("API endpoint"));
  EXPECT_FALSE(rules::MentionsSecret(""));
}

TEST(Placeholder, OnlyObviousOnes) {
  for (std::string_view v :
       {"", "   ", "x", "xxxx", "XXXXXXXX", "********", "....", "<secret>", "<your-api-key>",
        "${DB_PASSWORD}", "{{ secret }}", "%PASSWORD%", "$(DB_PASSWORD)"}) {
    EXPECT_TRUE(IsPlaceholder(v)) << v;
  }
  for (std::string_view v : {"changeme", "password", "your-super-secret-jwt-key", "hunter2",
                             "<a>b<c>", "${a}${b}", "x1", "Sup3rSecret!", "<secret"}) {
    EXPECT_FALSE(IsPlaceholder(v)) << v;
  }
}

std::string Kind(std::string_view text) {
  auto m = FindCredential(text);
  return m ? std::string(m->kind) : "";
}

TEST(Credential, KnownPatterns) {
  EXPECT_EQ(Kind("AKIAZ7VRSQ5TJNQHA2XL"), "an AWS access key ID");
  EXPECT_EQ(Kind("key=ASIAZ7VRSQ5TJNQHA2XL;"), "an AWS access key ID");
  EXPECT_EQ(Kind("-----BEGIN RSA PRIVATE KEY-----\n"
                 "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgwMbRvI0MBZhpF\n"
                 "-----END RSA PRIVATE KEY-----\n"),
            "a private key block");
  EXPECT_EQ(Kind("-----BEGIN OPENSSH PRIVATE KEY-----\n"
                 "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
                 "-----END OPENSSH PRIVATE KEY-----"),
            "a private key block");
  EXPECT_EQ(Kind("ghp_1A2b3C4d5E6f7G8h9I0j1K2l3M4n5O6p7Q8r"), "a GitHub token");
  EXPECT_EQ(Kind("github_pat_11ABCDEFG0123456789abc_" + std::string(59, 'a')), "a GitHub token");
  EXPECT_EQ(Kind("glpat-AbCdEfGhIjKlMnOpQrSt"), "a GitLab token");
  EXPECT_EQ(Kind("xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"), "a Slack token");
  EXPECT_EQ(Kind("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
            "a Slack webhook URL");
  EXPECT_EQ(Kind("sk_live_4eC39HqLyjWDarjtT1zdp7dc"), "a Stripe secret key");
  EXPECT_EQ(Kind("rk_test_4eC39HqLyjWDarjtT1zdp7dc"), "a Stripe secret key");
  EXPECT_EQ(Kind("AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"), "a Google API key");
  EXPECT_EQ(Kind("sk-ant-api03-" + std::string(93, 'x') + "AA"), "an Anthropic API key");
  EXPECT_EQ(Kind("npm_abcdefghijklmnopqrstuvwxyz0123456789"), "an npm token");
  EXPECT_EQ(Kind("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
                 "eyJzdWIiOiIxMjM0NTY3ODkwIiwicm9sZSI6InNlcnZpY2Vfcm9sZSJ9."
                 "dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "a JSON Web Token");
  EXPECT_EQ(Kind("xoxp-1234567890-1234567890-1234567890-" + std::string(32, 'a')), "a Slack token");
  EXPECT_EQ(Kind("xapp-1-A0123456789-1234567890-abcdef0123"), "a Slack token");
  EXPECT_EQ(Kind("sk-" + std::string(20, 'A') + "T3BlbkFJ" + std::string(20, 'b')),
            "an OpenAI API key");
  EXPECT_EQ(Kind("SG." + std::string(22, 'a') + "." + std::string(43, 'b')), "a SendGrid API key");
  EXPECT_EQ(Kind("abcdefghij0123.atlasv1." + std::string(64, 'z')), "a Terraform Cloud API token");
  EXPECT_EQ(Kind("hvs." + std::string(95, 'Q')), "a Vault token");
  EXPECT_EQ(Kind("Bearer eyJhbGciOiJIUzI1NiJ9abcdef"), "an HTTP Authorization credential");
  EXPECT_EQ(Kind("Basic dXNlcjpwYXNzd29yZA=="), "an HTTP Authorization credential");
  EXPECT_EQ(Kind("postgresql://alert_admin:S3cr3tPw@db.example.com:5432/alert_system"),
            "a URL with a password");
  EXPECT_EQ(Kind("redis://:s3cr3t-token@cache.local:6379"), "a URL with a password");
}

// Every alternative of every pattern, so that the cheap literal filter in
// front of the full search (kTrigger) is shown to let each one through.
TEST(Credential, EveryVariantIsFound) {
  std::string tail36(36, 'a');
  for (std::string_view prefix : {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}) {
    EXPECT_EQ(Kind(std::string(prefix) + tail36), "a GitHub token") << prefix;
  }
  for (std::string_view key :
       {"A3TXZ7VRSQ5TJNQHA2XL", "ABIAZ7VRSQ5TJNQHA2XL", "ACCAZ7VRSQ5TJNQHA2XL"}) {
    EXPECT_EQ(Kind(key), "an AWS access key ID") << key;
  }
  EXPECT_EQ(Kind("-----begin ec private key-----\n" + std::string(70, 'M') +
                 "\n-----end ec private key-----"),
            "a private key block");
  EXPECT_EQ(Kind("xoxe-1234567890-1234567890-1234567890-" + std::string(30, 'a')), "a Slack token");
  EXPECT_EQ(Kind("XAPP-1-A0123456789-1234567890-abcdef0123"), "a Slack token");
  EXPECT_EQ(Kind("https://hooks.slack.com/workflows/" + std::string(44, 'A')),
            "a Slack webhook URL");
  EXPECT_EQ(Kind("sk_prod_4eC39HqLyjWDarjtT1zdp7dc"), "a Stripe secret key");
  EXPECT_EQ(Kind("sk-ant-admin01-" + std::string(93, 'x') + "AA"), "an Anthropic API key");
  EXPECT_EQ(Kind("sk-proj-" + std::string(74, 'A') + "T3BlbkFJ" + std::string(74, 'b')),
            "an OpenAI API key");
  EXPECT_EQ(Kind("NPM_abcdefghijklmnopqrstuvwxyz0123456789"), "an npm token");
  EXPECT_EQ(Kind("ABCDEFGHIJ0123.ATLASV1." + std::string(64, 'z')), "a Terraform Cloud API token");
  EXPECT_EQ(Kind("  bearer abcdefghijklmnop  "), "an HTTP Authorization credential");
  EXPECT_EQ(Kind("BASIC dXNlcjpwYXNzd29yZA=="), "an HTTP Authorization credential");
  EXPECT_EQ(Kind("amqp://guest:guestpass@mq.internal:5672"), "a URL with a password");
}

TEST(Credential, NonCredentials) {
  for (std::string_view v :
       {"", "AKIAIOSFODNN7EXAMPLE",  // AWS documentation example
        "akiaz7vrsq5tjnqha2xl", "AKIAZ7VRSQ5TJNQHA2X", "pk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END",
        "-----BEGIN PRIVATE KEY-----", "postgresql://alert_admin:xxx@db.example.com:5432/app",
        "postgresql://alert_admin@db.example.com:5432/app",
        "postgresql://user:${password}@db.example.com/app", "https://example.com/a:b@c",
        "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:codemate/dev/database",
        "redis://alert-system-prod-redis.xxx.cache.amazonaws.com:6379", "10.0.0.0/16",
        "ELBSecurityPolicy-TLS13-1-2-2021-06", "eyJhbGciOiJIUzI1NiJ9",
        "method.request.header.Authorization", "Use Basic authentication for the admin API"}) {
    EXPECT_EQ(Kind(v), "") << v;
  }
}

TEST(Credential, ReportsWhereInTheText) {
  std::string text = "export KEY=AKIAZ7VRSQ5TJNQHA2XL\n";
  auto m = FindCredential(text);
  ASSERT_TRUE(m);
  EXPECT_EQ(text.substr(m->offset, m->length), "AKIAZ7VRSQ5TJNQHA2XL");
  // An example key first does not hide a real one after it.
  auto m2 = FindCredential("AKIAIOSFODNN7EXAMPLE AKIAZ7VRSQ5TJNQHA2XL");
  ASSERT_TRUE(m2);
  EXPECT_EQ(m2->offset, 21u);
}

TEST(Credential, HugeAndOddInputsAreSafe) {
  std::string big(1 << 20, 'A');
  EXPECT_EQ(Kind(big), "");
  std::string nul("AKIAZ7VRSQ5TJNQHA2XL\0tail", 25);
  EXPECT_EQ(Kind(nul), "an AWS access key ID");
  EXPECT_EQ(Kind("\xff\xfe-----BEGIN PRIVATE KEY-----\xff"), "");
}

// Which variable declarations secrets-no-plaintext can find something in,
// from their text alone (the scan builds no object for the others).
TEST(WrittenSecret, VariablesThatMayHoldOne) {
  using rules::MayHoldWrittenSecret;
  // A secret name, whatever the default.
  EXPECT_TRUE(MayHoldWrittenSecret("db_password", "", "string"));
  EXPECT_TRUE(MayHoldWrittenSecret("jwtSecret", "42", "string"));
  // A key or an entry name in the default.
  EXPECT_TRUE(MayHoldWrittenSecret("channels", "{\n  api_token = \"t\"\n}", "map(string)"));
  EXPECT_TRUE(MayHoldWrittenSecret("env", "[{ name = \"DB_PASSWORD\", value = \"x\" }]", ""));
  EXPECT_TRUE(MayHoldWrittenSecret("env", "{ \"Client-Secret\" = \"x\" }", ""));
  EXPECT_TRUE(MayHoldWrittenSecret("env", "{ SIGNING_KEY = 1 }", ""));
  // A credential under any name.
  EXPECT_TRUE(MayHoldWrittenSecret("status_url", "\"https://ops:Zq8vLm2Pw9xK@status.example.com/\"",
                                   "string"));
  EXPECT_TRUE(MayHoldWrittenSecret("ids", "[\"a\", \"AKIAZ7QRSTUVWXY2ABCD\"]", ""));
  // What only evaluation can tell.
  EXPECT_TRUE(MayHoldWrittenSecret("blob", "base64decode(\"QUtJQQ==\")", ""));
  EXPECT_TRUE(MayHoldWrittenSecret("blob", "\"AKIA${\"Z7QRSTUVWXY2ABCD\"}\"", ""));
  EXPECT_TRUE(MayHoldWrittenSecret("blob", "\"%{ if true }x%{ endif }\"", ""));
  EXPECT_TRUE(MayHoldWrittenSecret("blob", "\"\\u0041KIA\"", ""));
  EXPECT_TRUE(MayHoldWrittenSecret("blob", "<<EOT\nx\nEOT", ""));
  EXPECT_TRUE(MayHoldWrittenSecret("blob", "{\n  # a \"quote\n  a = \"b\"\n}", ""));
  EXPECT_TRUE(MayHoldWrittenSecret("blob", "{\n  // note\n  a = \"b\"\n}", ""));
  EXPECT_TRUE(MayHoldWrittenSecret("blob", "\"unterminated", ""));
  // A default written in the type.
  EXPECT_TRUE(MayHoldWrittenSecret("smtp", "{}", "object({ host = optional(string, \"h\") })"));
  // Plain settings.
  EXPECT_FALSE(MayHoldWrittenSecret("instance_class", "\"db.t4g.micro\"", "string"));
  EXPECT_FALSE(
      MayHoldWrittenSecret("tags", "{\n  owner = \"team-1\"\n  tier  = \"app\"\n}", "map(string)"));
  EXPECT_FALSE(MayHoldWrittenSecret("subnets", "[\"a-2\", \"b-2\"]", "list(string)"));
  EXPECT_FALSE(MayHoldWrittenSecret("retries", "3", "number"));
  EXPECT_FALSE(MayHoldWrittenSecret("vpc_id", "", "string"));
  EXPECT_FALSE(MayHoldWrittenSecret("flags", "[true, false, null, 1.5e3]", ""));
  // About a secret, not the secret: no word of it is a secret name.
  EXPECT_FALSE(MayHoldWrittenSecret("secret_arn", "\"arn:aws:secretsmanager:x\"", "string"));
  EXPECT_FALSE(MayHoldWrittenSecret("password_length", "32", "number"));
  EXPECT_FALSE(MayHoldWrittenSecret("keys", "{ token_url = \"https://a.example.com\" }", ""));
}

TEST(Arn, Recognized) {
  EXPECT_TRUE(rules::IsArn("arn:aws:ssm:ap-northeast-2:123456789012:parameter/app/db"));
  EXPECT_FALSE(rules::IsArn("/app/db"));
}

TEST(IamActions, PatternsOverlap) {
  EXPECT_TRUE(rules::PatternsOverlap("*", "s3:GetObject"));
  EXPECT_TRUE(rules::PatternsOverlap("s3:*", "s3:GetObject*"));
  EXPECT_TRUE(rules::PatternsOverlap("s3:Get*", "s3:GetObject*"));
  EXPECT_TRUE(rules::PatternsOverlap("S3:GETOBJECT", "s3:GetObject"));
  EXPECT_TRUE(rules::PatternsOverlap("s3:*Object", "s3:GetObject*"));
  EXPECT_TRUE(rules::PatternsOverlap("ssm:GetParameter?", "ssm:GetParameters"));
  EXPECT_FALSE(rules::PatternsOverlap("s3:List*", "s3:GetObject*"));
  EXPECT_FALSE(rules::PatternsOverlap("ecr:*", "s3:GetObject"));
  EXPECT_FALSE(rules::PatternsOverlap("s3:GetObject", "s3:GetObjectVersion"));
  EXPECT_TRUE(rules::PatternsOverlap("", ""));
  EXPECT_FALSE(rules::PatternsOverlap("a", ""));
}

// The quick rejects in PatternsOverlap (a clash before the first or after
// the last `*`) against the plain dynamic programme, on every pair of short
// patterns over a small alphabet.
TEST(IamActions, PatternsOverlapAgreesWithTheFullComparison) {
  auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  auto full = [&](std::string_view a, std::string_view b) {
    size_t n = a.size(), m = b.size();
    std::vector<std::vector<char>> can(n + 1, std::vector<char>(m + 1, 0));
    can[n][m] = 1;
    for (size_t i = n + 1; i-- > 0;) {
      for (size_t j = m + 1; j-- > 0;) {
        if (i == n && j == m) continue;
        bool r = false;
        if (i < n && a[i] == '*') r = can[i + 1][j] || (j < m && can[i][j + 1]);
        if (!r && j < m && b[j] == '*') r = can[i][j + 1] || (i < n && can[i + 1][j]);
        if (!r && i < n && j < m && a[i] != '*' && b[j] != '*' &&
            (a[i] == '?' || b[j] == '?' || fold(a[i]) == fold(b[j]))) {
          r = can[i + 1][j + 1];
        }
        can[i][j] = r;
      }
    }
    return can[0][0] != 0;
  };
  // Every pattern of up to four characters from "aAb*?" (781 of them).
  std::vector<std::string> patterns{""};
  for (size_t begin = 0, len = 0; len < 4; ++len) {
    size_t end = patterns.size();
    for (size_t i = begin; i < end; ++i) {
      for (char c : std::string_view("aAb*?")) patterns.push_back(patterns[i] + c);
    }
    begin = end;
  }
  ASSERT_EQ(patterns.size(), 781u);
  size_t overlapping = 0;
  for (const std::string& a : patterns) {
    for (const std::string& b : patterns) {
      bool want = full(a, b);
      overlapping += want;
      ASSERT_EQ(rules::PatternsOverlap(a, b), want) << '"' << a << "\" and \"" << b << '"';
    }
  }
  // Both answers occur often enough for the comparison to mean something.
  EXPECT_GT(overlapping, 781u * 781u / 10);
  EXPECT_LT(overlapping, 781u * 781u * 9 / 10);
}

TEST(IamActions, Wildcards) {
  EXPECT_TRUE(rules::IsAllActions("*"));
  EXPECT_TRUE(rules::IsAllActions("*:*"));
  EXPECT_FALSE(rules::IsAllActions("s3:*"));
  EXPECT_TRUE(rules::IsServiceWildcard("s3:*"));
  EXPECT_TRUE(rules::IsServiceWildcard("ecr-public:*"));
  EXPECT_FALSE(rules::IsServiceWildcard("s3:Get*"));
  EXPECT_FALSE(rules::IsServiceWildcard("*"));
  EXPECT_FALSE(rules::IsServiceWildcard(":*"));
}

TEST(IamActions, StarOnlyAndSensitive) {
  EXPECT_TRUE(rules::IsStarOnlyAction("ecr:GetAuthorizationToken"));
  EXPECT_TRUE(rules::IsStarOnlyAction("ECR:getauthorizationtoken"));
  EXPECT_TRUE(rules::IsStarOnlyAction("sts:GetCallerIdentity"));
  EXPECT_TRUE(rules::IsStarOnlyAction("ec2:DescribeInstances"));
  EXPECT_TRUE(rules::IsStarOnlyAction("ec2:Describe*"));
  EXPECT_FALSE(rules::IsStarOnlyAction("ec2:*"));
  EXPECT_FALSE(rules::IsStarOnlyAction("logs:CreateLogGroup"));  // log-group resource type
  EXPECT_FALSE(rules::IsStarOnlyAction("secretsmanager:GetSecretValue"));

  EXPECT_TRUE(rules::IsSensitiveAction("secretsmanager:GetSecretValue"));
  EXPECT_TRUE(rules::IsSensitiveAction("ssm:GetParameters"));
  EXPECT_TRUE(rules::IsSensitiveAction("ssm:GetParameter*"));
  EXPECT_TRUE(rules::IsSensitiveAction("s3:GetObject"));
  EXPECT_TRUE(rules::IsSensitiveAction("s3:Get*"));
  EXPECT_TRUE(rules::IsSensitiveAction("s3:*"));
  EXPECT_TRUE(rules::IsSensitiveAction("*"));
  EXPECT_TRUE(rules::IsSensitiveAction("kms:Decrypt"));
  EXPECT_TRUE(rules::IsSensitiveAction("iam:PassRole"));
  EXPECT_TRUE(rules::IsSensitiveAction("kms:GenerateDataKeyWithoutPlaintext"));
  EXPECT_FALSE(rules::IsSensitiveAction("ecr:GetAuthorizationToken"));
  EXPECT_FALSE(rules::IsSensitiveAction("secretsmanager:ListSecrets"));
  EXPECT_FALSE(rules::IsSensitiveAction("s3:ListAllMyBuckets"));
  EXPECT_FALSE(rules::IsSensitiveAction("ecr:BatchGetImage"));
  EXPECT_FALSE(rules::IsSensitiveAction("logs:PutLogEvents"));
  EXPECT_FALSE(rules::IsSensitiveAction("logs:CreateLogStream"));
  EXPECT_FALSE(rules::IsSensitiveAction("ecs:DescribeServices"));
}

TEST(IamActions, TablesAreWellFormed) {
  for (auto table : {rules::StarOnlyActions(), rules::SensitiveActions()}) {
    for (std::string_view a : table) {
      size_t colon = a.find(':');
      EXPECT_NE(colon, std::string_view::npos) << a;
      EXPECT_GT(colon, 0u) << a;
      EXPECT_LT(colon + 1, a.size()) << a;
      EXPECT_EQ(a.find(' '), std::string_view::npos) << a;
    }
  }
  // No sensitive entry is itself star-only: the two tables do not contradict.
  for (std::string_view a : rules::SensitiveActions())
    EXPECT_FALSE(rules::IsStarOnlyAction(a)) << a;
}

TEST(IamActions, AdministratorAccess) {
  EXPECT_TRUE(rules::IsAdministratorAccessArn("arn:aws:iam::aws:policy/AdministratorAccess"));
  EXPECT_TRUE(
      rules::IsAdministratorAccessArn("arn:aws-us-gov:iam::aws:policy/AdministratorAccess"));
  EXPECT_FALSE(rules::IsAdministratorAccessArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
  EXPECT_FALSE(
      rules::IsAdministratorAccessArn("arn:aws:iam::123456789012:policy/AdministratorAccess"));
}

}  // namespace
}  // namespace infracheck::testing
