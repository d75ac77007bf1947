// What the secret rules share: which names denote a secret, which values are
// only placeholders, which strings are credentials by their shape, and which
// values merely point at a secret store. Every regular expression is an RE2
// constant compiled once; one that does not compile matches nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infracheck/graph.h"

namespace infracheck::rules {

/// The words of an identifier, lower-cased: split at every character that is
/// not a letter or digit, at lower-to-upper case changes ("dbPassword"), at
/// the end of an upper-case run ("APIKey" -> "api", "key"). Digits stay in
/// their word ("b64", "password2"; a secret word may end in digits).
std::vector<std::string> NameWords(std::string_view name);

/// A name that denotes the secret itself: its last word (after dropping
/// trailing words that only say how the secret is encoded, such as "value",
/// "string", "b64", "hash", "wo", and numbers) is a secret word (password,
/// passwd, pwd, passphrase, secret, token, credential(s), or a word ending
/// in password/secret/token/apikey/privatekey such as
/// "dbpassword"), or the last two words are a secret key (api_key, auth_key,
/// private_key, secret_key, signing_key, client_key, account_key,
/// service_key, master_key, encryption_key, app_key) or the last three are
/// secret_access_key. A name whose last word says it is about a secret
/// (secret_arn, token_url, password_length, SECRET_NAME, api_key_id,
/// password_parameter) is not, and neither is a bare "key" or "access_key"
/// (an AWS access key ID is an identifier; its value is caught by pattern).
/// Nor is a name with the word "public" (NEXT_PUBLIC_API_KEY: shipped to
/// browsers by design) or a bare "PWD" (the working directory).
bool IsSecretName(std::string_view name);

/// Free text (a description) that mentions a secret: some secret word or
/// secret key in it is not followed by a word that says the text is about
/// the secret's name, ARN, URL, length or rotation.
bool MentionsSecret(std::string_view text);

/// A value that cannot be a real secret: empty or blank, one character
/// repeated ("xxxx", "****"), or wholly a template placeholder ("<secret>",
/// "${DB_PASSWORD}", "{{ secret }}", "%PASSWORD%"). Values such as
/// "changeme" are NOT placeholders: deployed, they are the secret.
bool IsPlaceholder(std::string_view value);

/// A known credential pattern found in a string.
struct CredentialMatch {
  std::string_view kind;  ///< "an AWS access key ID", "a private key block", ...
  size_t offset = 0;      ///< where in the string it starts
  size_t length = 0;
};

/// The first known credential in `text`, by shape alone: AWS access key IDs
/// (except AWS's documentation examples ending in EXAMPLE), private key
/// blocks, GitHub, GitLab, Slack, Stripe, Google, Anthropic, OpenAI, npm,
/// SendGrid, HashiCorp Terraform Cloud and Vault tokens, Slack webhooks,
/// JSON Web Tokens, a whole value that is an HTTP Basic/Bearer credential,
/// and URLs with a password that is not a placeholder.
/// The patterns are gitleaks' (config/gitleaks.toml) and detect-secrets'
/// (BasicAuthDetector), see secrets.cc.
std::optional<CredentialMatch> FindCredential(std::string_view text);

/// Whether FindCredential finds one, remembered by the calling thread: for
/// texts that repeat, such as the source of a template, met in every
/// environment and instance that evaluates it.
bool HoldsCredential(std::string_view text);

/// Whether a Terraform variable declaration can hold a secret written in it,
/// judged from its text alone, without evaluating it: its name, the text of
/// its `default` expression and that of its `type` expression (empty when
/// absent). False only when every string the default can evaluate to is a
/// quoted literal of that text that is neither a credential nor a secret
/// name, no word of the text is a secret name (so no key it can give the
/// value is one), and the type gives no defaults of its own (optional()).
/// Anything that only evaluation could tell (a function call, a template, an
/// escape, a heredoc, a comment) makes it true.
bool MayHoldWrittenSecret(std::string_view name, std::string_view default_text,
                          std::string_view type_text);

/// An ARN (arn:partition:service:...): never a secret itself.
bool IsArn(std::string_view value);

/// Whether a value names a secret in Secrets Manager or Parameter Store
/// rather than holding it: a Secrets Manager secret or SSM parameter ARN, or
/// a reference to the arn/id/name of an aws_secretsmanager_secret(_version)
/// or aws_ssm_parameter (resource or data source). kUnknown when the value
/// is unknown and refers to nothing the graph resolves.
Tri NamesSecretStore(const Graph& g, const Value& v);

}  // namespace infracheck::rules
