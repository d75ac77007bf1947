#include "rules/common/secrets.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <memory>
#include <span>

#include "rules/common/memo.h"

namespace infracheck::rules {

namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsLower(c) || IsUpper(c) || IsDigit(c); }
char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

bool In(std::string_view word, std::span<const std::string_view> set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

// Words that are the secret.
constexpr std::string_view kSecretWords[] = {
    "password",    "passwd", "pwd",        "passphrase", "secret",      "token",     "credential",
    "credentials", "apikey", "privatekey", "secretkey",  "accesstoken", "authtoken", "clientsecret",
};
// A word ending in one of these is a secret word too ("dbpassword").
constexpr std::string_view kSecretSuffixes[] = {"password", "passwd", "secret",
                                                "token",    "apikey", "privatekey"};
// Every secret name holds one of these, in any case: each secret word and
// suffix holds one (checked below), and a secret key ends in "key". A text
// without any is no secret name, and need not be asked.
constexpr std::string_view kSecretStems[] = {"pass", "pwd", "secret", "token", "credential", "key"};

constexpr bool EachHoldsAStem(std::span<const std::string_view> words) {
  for (std::string_view w : words) {
    bool any = false;
    for (std::string_view stem : kSecretStems) any = any || w.find(stem) != std::string_view::npos;
    if (!any) return false;
  }
  return true;
}
static_assert(EachHoldsAStem(kSecretWords) && EachHoldsAStem(kSecretSuffixes));

// The letters a stem starts with.
constexpr std::array<bool, 256> kStemStarts = [] {
  std::array<bool, 256> starts{};
  for (std::string_view stem : kSecretStems) starts[static_cast<unsigned char>(stem[0])] = true;
  return starts;
}();

// <word>_key names a secret key.
constexpr std::string_view kKeyQualifiers[] = {
    "api",     "auth",    "private", "secret",     "signing", "client",
    "account", "service", "master",  "encryption", "app",
};
// Trailing words that only say how the secret is written down.
constexpr std::string_view kEncodingWords[] = {
    "value", "string", "str",     "text",     "plain", "plaintext", "raw",
    "b64",   "base64", "hex",     "hash",     "data",  "pem",       "der",
    "wo",    "json",   "content", "contents", "bytes", "binary",    "literal",
};
// Words that, right after a secret word, make the text about the secret
// rather than the secret (for MentionsSecret).
constexpr std::string_view kAboutWords[] = {
    "arn",   "arns",      "id",        "ids",      "name", "names",    "url",     "uri",
    "path",  "endpoint",  "length",    "rotation", "type", "policy",   "version", "manager",
    "store", "parameter", "reference", "ref",      "file", "location", "key",     "keys",
};

bool IsSecretWord(std::string_view w) {
  while (!w.empty() && IsDigit(w.back())) w.remove_suffix(1);  // "password2"
  if (In(w, kSecretWords)) return true;
  for (std::string_view s : kSecretSuffixes) {
    if (w.size() > s.size() && w.ends_with(s)) return true;
  }
  return false;
}

// How many words ending at `end` (exclusive) form a secret, 0 if none.
size_t SecretAt(const std::vector<std::string>& w, size_t end) {
  if (end == 0) return 0;
  const std::string& last = w[end - 1];
  if (IsSecretWord(last)) return 1;
  if (last == "key" && end >= 2) {
    if (In(w[end - 2], kKeyQualifiers)) return 2;
    if (w[end - 2] == "access" && end >= 3 && w[end - 3] == "secret") return 3;
  }
  return 0;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

// Compiled patterns, built once (thread-safe static initialisation).
struct Pattern {
  std::string_view kind;
  std::unique_ptr<RE2> re;
};

struct PatternSpec {
  std::string_view kind;
  std::string_view regex;
};

// Sources: gitleaks config/gitleaks.toml (rule ids in comments; the trailing
// delimiter groups are replaced by word boundaries since a value is matched
// on its own) and detect-secrets' BasicAuthDetector for URLs.
constexpr PatternSpec kPatterns[] = {
    // aws-access-token (documentation examples ending in EXAMPLE are skipped below)
    {"an AWS access key ID", R"(\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b)"},
    // private-key
    {"a private key block",
     R"((?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S-]{64,}?KEY(?: BLOCK)?-----)"},
    // github-pat, github-oauth, github-app-token, github-refresh-token
    {"a GitHub token", R"(\b(?:ghp|gho|ghu|ghs|ghr)_[0-9a-zA-Z]{36}\b)"},
    // github-fine-grained-pat
    {"a GitHub token", R"(\bgithub_pat_\w{82}\b)"},
    // gitlab-pat
    {"a GitLab token", R"(\bglpat-[\w-]{20}\b)"},
    // slack-bot-token, slack-user-token, slack-app-token
    {"a Slack token", R"(\bxoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*)"},
    {"a Slack token", R"(\bxox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34})"},
    {"a Slack token", R"((?i)\bxapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)"},
    // slack-webhook-url
    {"a Slack webhook URL",
     R"(hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})"},
    // stripe-access-token (secret and restricted keys; publishable pk_ keys are public)
    {"a Stripe secret key", R"(\b(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99}\b)"},
    // gcp-api-key
    {"a Google API key", R"(\bAIza[\w-]{35}(?:[^\w-]|$))"},
    // anthropic-api-key, anthropic-admin-api-key
    {"an Anthropic API key", R"(\bsk-ant-(?:api03|admin01)-[a-zA-Z0-9_\-]{93}AA)"},
    // openai-api-key
    {"an OpenAI API key",
     R"(\bsk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|\bsk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}\b)"},
    // npm-access-token
    {"an npm token", R"((?i)\bnpm_[a-z0-9]{36}\b)"},
    // sendgrid-api-token
    {"a SendGrid API key", R"(\bSG\.[a-zA-Z0-9=_\-.]{66}(?:[^a-zA-Z0-9=_\-.]|$))"},
    // hashicorp-tf-api-token
    {"a Terraform Cloud API token", R"((?i)\b[a-z0-9]{14}\.atlasv1\.[a-z0-9\-_=]{60,70})"},
    // vault-service-token (new format)
    {"a Vault token", R"(\bhvs\.[\w-]{90,120})"},
    // curl-auth-header, narrowed to a whole value: an HTTP Authorization
    // header value with Basic or Bearer credentials
    {"an HTTP Authorization credential",
     R"((?i)^\s*(?:basic|bearer)\s+[A-Za-z0-9+/=._~-]{12,}\s*$)"},
    // jwt
    {"a JSON Web Token",
     R"(\bey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_-]{17,}\.(?:[a-zA-Z0-9/\\_-]{10,}={0,2})?)"},
};

// detect-secrets BasicAuthDetector: scheme://user:password@host
constexpr std::string_view kUrlPassword = R"([a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@{}]*:([^/\s@{}]+)@)";

RE2::Options Quiet() {
  RE2::Options opts;
  opts.set_log_errors(false);
  return opts;
}

// A compiled expression that lives as long as the process, or nullptr if it
// does not compile.
const RE2* Compiled(std::string_view regex) {
  auto* re = new RE2(regex, Quiet());
  if (re->ok()) return re;
  delete re;
  return nullptr;
}

const std::vector<Pattern>& Patterns() {
  static const std::vector<Pattern>* patterns = [] {
    auto* out = new std::vector<Pattern>;
    for (const PatternSpec& p : kPatterns) {
      auto re = std::make_unique<RE2>(p.regex, Quiet());
      if (re->ok()) out->push_back(Pattern{p.kind, std::move(re)});
    }
    return out;
  }();
  return *patterns;
}

const RE2* UrlPassword() {
  static const RE2* re = Compiled(kUrlPassword);
  return re;
}

// Every pattern at once, in one pass over the text. Most strings match none,
// and the patterns are then run one by one only on the few that match one.
const RE2::Set* AnyPattern() {
  static const RE2::Set* set = [] {
    auto* s = new RE2::Set(Quiet(), RE2::UNANCHORED);
    for (const PatternSpec& p : kPatterns) s->Add(p.regex, nullptr);
    s->Add(kUrlPassword, nullptr);
    return s->Compile() ? s : nullptr;
  }();
  return set;
}

// A necessary condition for any pattern above: one of the literals each
// pattern holds (case folded, so a superset). Compiling every pattern at
// once is costly (tens of millions of instructions for the counted
// repetitions; most of a pre-commit run), and most scans, which see no
// credential-like text, never need it: this small expression decides
// whether a string is worth the full search. A pattern added above needs
// its literal here.
constexpr std::string_view kTrigger =
    R"((?i)a3t|akia|asia|abia|acca|-----begin|gh[pousr]_|github_pat_|glpat-|xox[bpe]-|xapp-|)"
    R"(hooks\.slack\.com/|[sr]k_(?:test|live|prod)_|aiza|sk-ant-|t3blbkfj|npm_|sg\.|)"
    R"(\.atlasv1\.|hvs\.|basic|bearer|\.ey|://[^/\s@{}]*@)";

const RE2* Trigger() {
  static const RE2* re = Compiled(kTrigger);
  return re;
}

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!IsAlnum(c)) {
      flush();
      continue;
    }
    if (!cur.empty()) {
      char prev = name[i - 1];
      bool split = (IsUpper(c) && (IsLower(prev) || IsDigit(prev))) ||
                   (IsUpper(c) && IsUpper(prev) && i + 1 < name.size() && IsLower(name[i + 1]));
      if (split) flush();
    }
    cur.push_back(ToLower(c));
  }
  flush();
  return words;
}

namespace {

bool ComputeIsSecretName(std::string_view name) {
  std::vector<std::string> w = NameWords(name);
  // A value meant to be public (NEXT_PUBLIC_API_KEY is shipped to browsers).
  if (std::find(w.begin(), w.end(), "public") != w.end()) return false;
  // PWD alone is the working directory, not a password.
  if (w.size() == 1 && w[0] == "pwd") return false;
  size_t end = w.size();
  while (end > 0 && (In(w[end - 1], kEncodingWords) || AllDigits(w[end - 1]))) --end;
  return SecretAt(w, end) > 0;
}

}  // namespace

bool IsSecretName(std::string_view name) {
  // Every string leaf of every resource asks, and names repeat (attribute
  // keys).
  return MemoizedPerThread<ComputeIsSecretName, 16384>(name);
}

bool MentionsSecret(std::string_view text) {
  std::vector<std::string> w = NameWords(text);
  auto article = [](const std::string& x) { return x == "the" || x == "a" || x == "an"; };
  for (size_t end = 1; end <= w.size(); ++end) {
    size_t n = SecretAt(w, end);
    if (n == 0) continue;
    // "secret ARN", "token URL": about the secret, not the secret.
    if (end < w.size() && In(w[end], kAboutWords)) continue;
    // "name of the secret", "ARN of a token".
    size_t i = end - n;
    while (i > 0 && article(w[i - 1])) --i;
    if (i >= 2 && w[i - 1] == "of") {
      size_t j = i - 1;
      while (j > 0 && article(w[j - 1])) --j;
      if (j > 0 && In(w[j - 1], kAboutWords)) continue;
    }
    return true;
  }
  return false;
}

bool IsPlaceholder(std::string_view value) {
  std::string_view v = Trim(value);
  if (v.empty()) return true;
  if (std::all_of(v.begin(), v.end(), [&](char c) { return c == v.front(); })) return true;
  auto wrapped = [&](std::string_view open, std::string_view close) {
    return v.size() > open.size() + close.size() && v.starts_with(open) && v.ends_with(close) &&
           v.substr(open.size()).find(close) == v.size() - open.size() - close.size();
  };
  return wrapped("<", ">") || wrapped("${", "}") || wrapped("{{", "}}") || wrapped("%", "%") ||
         wrapped("$(", ")");
}

std::optional<CredentialMatch> FindCredential(std::string_view text) {
  if (text.size() < 16) return std::nullopt;  // no pattern matches anything shorter
  if (const RE2* trigger = Trigger();
      trigger && !RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *trigger)) {
    return std::nullopt;
  }
  if (const RE2::Set* any = AnyPattern()) {
    RE2::Set::ErrorInfo error{RE2::Set::kNoError};
    // On a DFA failure (out of memory), fall through to the full search.
    if (!any->Match(re2::StringPiece(text.data(), text.size()), nullptr, &error) &&
        error.kind == RE2::Set::kNoError) {
      return std::nullopt;
    }
  }
  for (const Pattern& p : Patterns()) {
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece m;
    size_t start = 0;
    while (start < text.size() && p.re->Match(input, start, text.size(), RE2::UNANCHORED, &m, 1)) {
      std::string_view found(m.data(), m.size());
      size_t offset = static_cast<size_t>(m.data() - text.data());
      // AWS publishes example keys (AKIAIOSFODNN7EXAMPLE); gitleaks allows them.
      bool example = p.kind == std::string_view("an AWS access key ID") &&
                     found.find("EXAMPLE") != std::string_view::npos;
      if (!example) return CredentialMatch{p.kind, offset, found.size()};
      start = offset + std::max<size_t>(found.size(), 1);
    }
  }
  if (const RE2* re = UrlPassword()) {
    re2::StringPiece input(text.data(), text.size());
    std::array<re2::StringPiece, 2> m;
    size_t start = 0;
    while (start < text.size() &&
           re->Match(input, start, text.size(), RE2::UNANCHORED, m.data(), 2)) {
      std::string_view password(m[1].data(), m[1].size());
      size_t offset = static_cast<size_t>(m[0].data() - text.data());
      if (!IsPlaceholder(password)) {
        return CredentialMatch{"a URL with a password", offset, m[0].size()};
      }
      start = offset + std::max<size_t>(m[0].size(), 1);
    }
  }
  return std::nullopt;
}

namespace {

bool ComputeHoldsCredential(std::string_view text) { return FindCredential(text).has_value(); }

}  // namespace

bool HoldsCredential(std::string_view text) {
  if (text.size() < 16) return false;
  // A long text (a template file) is not copied into the memo.
  if (text.size() > 4096) return ComputeHoldsCredential(text);
  return MemoizedPerThread<ComputeHoldsCredential, 4096>(text);
}

bool MayHoldWrittenSecret(std::string_view name, std::string_view default_text,
                          std::string_view type_text) {
  if (IsSecretName(name)) return true;
  // optional(type, default): a default written in the type.
  if (type_text.find("optional") != std::string_view::npos) return true;
  std::string_view text = default_text;
  // Without a stem (kSecretStems), no word of the text need be asked.
  auto stem_at = [&](size_t i) {
    for (std::string_view stem : kSecretStems) {
      if (ToLower(text[i]) != stem[0] || text.size() - i < stem.size()) continue;
      size_t k = 1;
      while (k < stem.size() && ToLower(text[i + k]) == stem[k]) ++k;
      if (k == stem.size()) return true;
    }
    return false;
  };
  bool names = false;
  for (size_t i = 0; i < text.size() && !names; ++i) {
    if (kStemStarts[static_cast<unsigned char>(ToLower(text[i]))]) names = stem_at(i);
  }
  // Without what takes evaluating (a call such as base64decode() or
  // file(), a template or directive, an escape, a heredoc), the text is
  // literals, structures and operators: every string it evaluates to is one
  // of its quoted literals, and every key one of them or a bare word.
  // Numbers and bools convert to strings no credential pattern matches.
  auto word_char = [](char c) { return IsAlnum(c) || c == '_' || c == '-'; };
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '"') {
      size_t end = i + 1;
      for (; end < text.size() && text[end] != '"'; ++end) {
        char e = text[end];
        if (e == '\\') return true;
        if ((e == '$' || e == '%') && end + 1 < text.size() && text[end + 1] == '{') return true;
      }
      if (end == text.size()) return true;
      std::string_view literal = text.substr(i + 1, end - i - 1);
      if (names && IsSecretName(literal)) return true;
      if (literal.size() >= 16 && FindCredential(literal)) return true;
      i = end + 1;
      continue;
    }
    // A comment could hold anything.
    if (c == '(' || c == '#' || c == '$' || c == '%' || c == '\\' || (c == '<' && next == '<') ||
        (c == '/' && (next == '/' || next == '*'))) {
      return true;
    }
    if (names && word_char(c)) {
      size_t end = i;
      while (end < text.size() && word_char(text[end])) ++end;
      if (IsSecretName(text.substr(i, end - i))) return true;
      i = end;
      continue;
    }
    ++i;
  }
  return false;
}

bool IsArn(std::string_view value) { return value.starts_with("arn:"); }

namespace {

// arn:<partition>:<service>:... -> service
std::string_view ArnService(std::string_view arn) {
  if (!IsArn(arn)) return {};
  size_t p = arn.find(':', 4);
  if (p == std::string_view::npos) return {};
  size_t s = arn.find(':', p + 1);
  if (s == std::string_view::npos) return {};
  return arn.substr(p + 1, s - p - 1);
}

}  // namespace

Tri NamesSecretStore(const Graph& g, const Value& v) {
  if (v.is_string()) {
    std::string_view s = v.str();
    std::string_view service = ArnService(s);
    if (service == "secretsmanager") return Tri::kTrue;
    if (service == "ssm" && s.find(":parameter/") != std::string_view::npos) return Tri::kTrue;
    if (!v.refs().empty()) {
      // A known string read from a resource (a name): judge by the resource.
    } else {
      return Tri::kFalse;
    }
  }
  bool other = false;
  for (const Ref& ref : v.refs()) {
    const Resource* t = g.Resolve(ref);
    if (!t) continue;
    const std::string& a = ref.attribute;
    if (t->kind == "aws_secretsmanager_secret" && (a == "arn" || a == "id" || a == "name")) {
      return Tri::kTrue;
    }
    if (t->kind == "aws_secretsmanager_secret_version" &&
        (a == "arn" || a == "secret_id" || a == "id")) {
      return Tri::kTrue;
    }
    if (t->kind == "aws_ssm_parameter" && (a == "arn" || a == "name" || a == "id")) {
      return Tri::kTrue;
    }
    // The secret a service keeps in Secrets Manager for itself: RDS and
    // DocumentDB with manage_master_user_password, Redshift's password
    // secret, and any other *_secret_arn attribute.
    if (a == "master_user_secret" || a == "master_password_secret_arn" ||
        (a.size() > 11 && a.compare(a.size() - 11, 11, "_secret_arn") == 0)) {
      return Tri::kTrue;
    }
    other = true;
  }
  if (other) return Tri::kFalse;
  return v.is_string() ? Tri::kFalse : Tri::kUnknown;
}

}  // namespace infracheck::rules
