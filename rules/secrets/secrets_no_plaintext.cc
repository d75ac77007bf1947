// secrets-no-plaintext: no secret is written in the infrastructure code.
#include <algorithm>
#include <charconv>
#include <iterator>
#include <optional>
#include <string>

#include "infracheck/rule.h"
#include "rules/common/report.h"
#include "rules/common/secrets.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"*"};
constexpr std::string_view kCheckov[] = {"CKV_SECRET_2", "CKV_AWS_41", "CKV_AWS_45", "CKV_AWS_46"};

bool Inside(Span inner, Span outer) {
  return inner.file && inner.file == outer.file && inner.begin >= outer.begin &&
         inner.end <= outer.end;
}

bool IsTfvars(const SourceFile* f) {
  if (!f) return false;
  const std::string& p = f->path();
  return p.ends_with(".tfvars") || p.ends_with(".tfvars.json");
}

bool IsTerraform(const SourceFile* f) {
  if (!f) return false;
  const std::string& p = f->path();
  return p.ends_with(".tf") || p.ends_with(".tf.json") || IsTfvars(f);
}

bool IsScript(const SourceFile* f) {
  if (!f) return false;
  std::string_view p = f->path();
  for (std::string_view ext : {".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"}) {
    if (p.ends_with(ext)) return true;
  }
  return false;
}

// A file that is neither code nor variables: a template, a shell script or
// a document a call reads.
bool IsTemplateFile(const SourceFile* f) { return f && !IsTerraform(f) && !IsScript(f); }

// Where `found` is written verbatim in the source at `in`, narrowed to it. An
// indented heredoc lost its indentation: its match's first line is looked for.
std::optional<Span> Verbatim(Span in, std::string_view found) {
  std::string_view text = in.text();
  size_t pos = text.find(found);
  if (pos == std::string_view::npos) {
    found = found.substr(0, found.find('\n'));
    pos = text.find(found);
  }
  if (pos == std::string_view::npos) return std::nullopt;
  return Span{in.file, in.begin + static_cast<uint32_t>(pos),
              in.begin + static_cast<uint32_t>(pos + found.size())};
}

// Where the literal a value came from was written: before any variable,
// local or module input it passed through.
Span LiteralSpan(const Value& v) { return v.hops().empty() ? v.origin() : v.hops().back().span; }

// An argument whose value is a secret by the resource's definition, and
// what to call it.
struct SecretArgument {
  std::string_view argument;
  std::string_view what;
};

// The argument of this resource that is always a secret, if any (asked once
// per resource, not per argument).
std::optional<SecretArgument> SecretArgumentOf(const Resource& r) {
  if (r.kind == "aws_api_gateway_api_key") return SecretArgument{"value", "the API key's value"};
  if (r.kind == "aws_kms_ciphertext") {
    return SecretArgument{"plaintext", "the plaintext to encrypt"};
  }
  if (r.kind == "aws_ssm_parameter") {
    const Value* type = r.Get("type");
    if (type && type->is_string() && type->str() == "SecureString") {
      return SecretArgument{"value", "the SecureString parameter's value"};
    }
  }
  return std::nullopt;
}

// The fields of an object that make it a {name, value} entry, in one pass
// over its fields (every object of every resource is asked). Of several
// spellings, the first listed for a role wins.
struct EntryFields {
  enum Role { kName, kValue, kType, kRoles };
  const Value* found[kRoles] = {};

  explicit EntryFields(const Value& obj) {
    struct Spelling {
      std::string_view key;
      Role role;
    };
    static constexpr Spelling kSpellings[] = {
        {"name", kName},   {"Name", kName},   {"key", kName},  {"Key", kName},
        {"value", kValue}, {"Value", kValue}, {"type", kType}, {"Type", kType},
    };
    size_t rank[kRoles] = {std::size(kSpellings), std::size(kSpellings), std::size(kSpellings)};
    for (const Field& f : obj.fields()) {
      if (f.key.size() < 3 || f.key.size() > 5) continue;
      for (size_t i = 0; i < std::size(kSpellings); ++i) {
        const Spelling& sp = kSpellings[i];
        if (f.key != sp.key) continue;
        if (i < rank[sp.role]) {
          found[sp.role] = &f.value;
          rank[sp.role] = i;
        }
        break;
      }
    }
  }
};

// What a finding of a credential pattern says; `where` names a .tfvars file.
std::string CredentialMessage(std::string_view name, std::string_view kind,
                              std::string_view where) {
  std::string message(name.empty() ? "a value" : name);
  message.append(" holds ").append(kind).append(where);
  message.append(
      ": everyone who can read the repository, its history, plans and state has it; revoke it, "
      "and keep the replacement in Secrets Manager or an SSM SecureString parameter");
  return message;
}

// Whether a value can hold a string: numbers, bools and nulls are not walked.
bool Walked(const Value& v) {
  Value::Kind k = v.kind();
  return k != Value::Kind::kNumber && k != Value::Kind::kBool && k != Value::Kind::kNull;
}

class Scanner {
 public:
  Scanner(const Resource& r, RuleContext& ctx)
      : r_(r), ctx_(ctx), secret_argument_(SecretArgumentOf(r)) {}

  // Walks `v`, found at `path` (dotted, as findings name it). `name` is the
  // name the value is written under; `names` is false where a name says
  // nothing about secrecy (tags).
  void Walk(const Value& v, std::string_view path, std::string_view name, bool names,
            std::string_view always, const SourceFile* whole_file) {
    path_.assign(path);
    Walk(v, name, names, always, whole_file);
  }

  void WalkObject(const Value& v, std::string_view path, bool names, const SourceFile* whole_file) {
    path_.assign(path);
    WalkObject(v, names, whole_file);
  }

 private:
  // The path of the value being walked is path_: each step appends to it
  // and takes its part off again, so no step builds a string of its own.
  void Walk(const Value& v, std::string_view name, bool names, std::string_view always,
            const SourceFile* whole_file) {
    switch (v.kind()) {
      case Value::Kind::kObject:
        WalkObject(v, names, whole_file);
        return;
      case Value::Kind::kList: {
        size_t mark = path_.size();
        for (size_t i = 0; i < v.items().size(); ++i) {
          if (!Walked(v.items()[i])) continue;
          char digits[24];
          auto end = std::to_chars(digits, digits + sizeof digits, i).ptr;
          path_.push_back('.');
          path_.append(digits, end);
          Walk(v.items()[i], name, names, always, whole_file);
          path_.resize(mark);
        }
        return;
      }
      case Value::Kind::kString:
        break;
      case Value::Kind::kUnknown:
        // jsonencode() of a partly unknown value: its known parts.
        if (const Value* st = v.structured()) Walk(*st, name, names, always, whole_file);
        return;
      default:
        return;
    }
    if (const Value* s = v.structured()) {  // jsonencode(): read the structure
      Walk(*s, name, names, always, whole_file);
      return;
    }
    if (const Value* doc = ctx_.graph().Document(r_, path_)) {  // a JSON document
      Walk(*doc, name, names, always, v.whole_file() ? v.whole_file() : whole_file);
      return;
    }
    Leaf(v, name, names, always, whole_file);
  }

  void WalkObject(const Value& v, bool names, const SourceFile* whole_file) {
    // {name = "DB_PASSWORD", value = "..."}: the value goes by the name.
    EntryFields entry(v);
    const Value* pair_name = entry.found[EntryFields::kName];
    const Value* pair_value = entry.found[EntryFields::kValue];
    bool pair = pair_name && pair_name->is_string() && pair_value;
    if (pair) {
      // CodeBuild-style entries whose value names a parameter or secret.
      const Value* type = entry.found[EntryFields::kType];
      if (type && type->is_string() &&
          (type->str() == "PARAMETER_STORE" || type->str() == "SECRETS_MANAGER")) {
        pair = false;
      }
    }
    size_t mark = path_.size();
    bool top = path_.empty();
    for (const Field& f : v.fields()) {
      if (!Walked(f.value)) continue;
      if (!top) path_.push_back('.');
      path_.append(f.key);
      bool sub_names = names && f.key != "tags" && f.key != "tags_all";
      std::string_view always = top && secret_argument_ && f.key == secret_argument_->argument
                                    ? secret_argument_->what
                                    : std::string_view();
      bool by_pair = pair && &f.value == pair_value;
      Walk(f.value, by_pair ? std::string_view(pair_name->str()) : std::string_view(f.key),
           sub_names, always, whole_file);
      path_.resize(mark);
    }
  }

  // Whether text at `at` is written in this object: inside its block, or, in
  // an SST config, anywhere in its scripts. An SST config has no objects of
  // its own for its constants and helpers (what Terraform's locals are): a
  // literal there is reported where it is written, by the first component it
  // reaches.
  bool Here(Span at) const {
    return Inside(at, r_.block) || (r_.format == SourceFormat::kSst && IsScript(at.file));
  }

  // How the literal a value came from is written in this object.
  enum class Written {
    kNo,
    // The object's own: inside its block, in a file() document it reads, a
    // root variable's value from a .tfvars file.
    kOwn,
    // Text the object reaches: a literal of its SST config's scripts outside
    // the component, or a template file a call written here renders. It
    // counts where the value is that text, not a string built from it.
    kReached,
  };

  Written WrittenHere(const Value& v, Span lit, const SourceFile* whole_file) const {
    if (!lit.valid()) return Written::kNo;
    if ((whole_file && lit.file == whole_file) || Inside(lit, r_.block)) return Written::kOwn;
    // A root variable's value from a .tfvars file (a module's variables get
    // theirs from the call, reported there).
    if (r_.kind == "terraform_variable" && r_.module_path.empty() && path_.starts_with("value") &&
        IsTfvars(lit.file)) {
      return Written::kOwn;
    }
    if (Here(lit)) return Written::kReached;
    bool rendered = false;
    if (IsTemplateFile(lit.file)) {
      ForEachSpanHere(v, [&](Span at) { rendered = rendered || at == lit; });
    }
    return rendered ? Written::kReached : Written::kNo;
  }

  void Leaf(const Value& v, std::string_view name, bool names, std::string_view always,
            const SourceFile* whole_file) {
    const std::string& s = v.str();
    if (s.empty()) return;
    Span lit = LiteralSpan(v);
    Written written = WrittenHere(v, lit, whole_file);
    if (written == Written::kNo) {
      CredentialBuiltHere(v, name);
      return;
    }
    bool reached = written == Written::kReached;
    std::string where = IsTfvars(lit.file) ? " in " + lit.file->path() : "";
    if ((!always.empty() || (names && IsSecretName(name))) && !IsPlaceholder(s) && !IsArn(s) &&
        (!reached || lit.text().find(s) != std::string_view::npos)) {
      std::string what(always.empty() ? name : always);
      std::string message = what + " is a secret written as a literal" + where +
                            ": everyone who can read the repository, its history, plans and "
                            "state has it; keep it in Secrets Manager or an SSM SecureString "
                            "parameter and pass a reference";
      if (AlreadyReported(ctx_, lit, message)) return;
      ctx_.ReportAt(r_, path_, lit, std::move(message), &v);
      return;
    }
    auto m = FindCredential(s);
    if (!m) return;
    Span at = lit;
    bool built_here = false;
    if (const SourceFile* f = v.whole_file()) {
      // file(): point into the file that holds it.
      at = Span{f, static_cast<uint32_t>(m->offset), static_cast<uint32_t>(m->offset + m->length)};
    } else {
      // Narrow to the match where the source has it verbatim: the literal, or
      // a template or call written here that built the value. An escaped
      // literal has no verbatim match, and is reported whole.
      std::string_view found = std::string_view(s).substr(m->offset, m->length);
      if (auto narrowed = Verbatim(lit, found)) {
        at = *narrowed;
      } else if (auto built = BuiltSpan(v, found)) {
        at = *built;
        built_here = true;
      } else if (reached) {
        return;
      }
    }
    std::string message = CredentialMessage(name, m->kind, where);
    if (AlreadyReported(ctx_, at, message)) return;
    // The literal itself is the primary location; only a value that passed
    // through variables has somewhere else to show. What a template built it
    // from is not where the credential is.
    ctx_.ReportAt(r_, path_, at, std::move(message), v.hops().empty() || built_here ? nullptr : &v);
  }

  // The spans of the value's history (its origin, then its hops) that are
  // written here: inside the object (Here), and a template file that a call
  // written here rendered (templatefile(): the template is the hop after the
  // call). A template rendered elsewhere belongs to the object with that call.
  template <typename F>
  void ForEachSpanHere(const Value& v, F&& f) const {
    bool after_here = Here(v.origin());
    if (after_here) f(v.origin());
    for (const Hop& h : v.hops()) {
      bool here = Here(h.span) || (after_here && IsTemplateFile(h.span.file));
      if (here) f(h.span);
      after_here = here;
    }
  }

  // The span written here, of the value's origin and hops, that holds `found`
  // verbatim: the template or call that built the value.
  std::optional<Span> BuiltSpan(const Value& v, std::string_view found) const {
    if (v.hops().empty()) return std::nullopt;
    std::optional<Span> at;
    ForEachSpanHere(v, [&](Span s) {
      if (!at) at = Verbatim(s, found);
    });
    return at;
  }

  // A string built in this object (a template or call) from its own text and
  // values from elsewhere ("postgres://admin:pw@${var.host}") did not come
  // from a literal written here, but a credential in its own text did: it is
  // reported where that text is, if the string still holds it. What the
  // values from elsewhere bring is reported where they are written.
  void CredentialBuiltHere(const Value& v, std::string_view name) {
    if (v.hops().empty()) return;  // a literal written elsewhere, or nowhere
    auto built = [&](Span at) {
      // No pattern matches a text shorter than 16 bytes (FindCredential).
      if (!at.valid() || at.end - at.begin < 16) return;
      // In code, text of its own is a quoted or heredoc literal, or
      // TypeScript's quoted or template literal; a reference has none. A
      // template file is all text.
      std::string_view text = at.text();
      auto quote = [](char c) { return c == '"' || c == '\'' || c == '`' || c == '<'; };
      if (!IsTemplateFile(at.file) && std::none_of(text.begin(), text.end(), quote)) return;
      if (!HoldsCredential(text)) return;
      auto m = FindCredential(text);
      if (!m) return;
      std::string_view found = text.substr(m->offset, m->length);
      if (v.str().find(found) == std::string::npos) return;
      Span where{at.file, at.begin + static_cast<uint32_t>(m->offset),
                 at.begin + static_cast<uint32_t>(m->offset + m->length)};
      std::string message = CredentialMessage(name, m->kind, "");
      if (AlreadyReported(ctx_, where, message)) return;
      ctx_.ReportAt(r_, path_, where, std::move(message), nullptr);
    };
    ForEachSpanHere(v, built);
  }

  const Resource& r_;
  RuleContext& ctx_;
  std::optional<SecretArgument> secret_argument_;
  std::string path_;
};

void Check(const Resource& r, RuleContext& ctx) {
  Scanner scan(r, ctx);
  if (r.kind == "terraform_variable" || r.kind == "terraform_local") {
    // The value goes by the variable's or local's name.
    const Value* d = nullptr;
    if (r.kind == "terraform_variable") {
      d = r.attributes.Get("default");
      if (d) scan.Walk(*d, "default", r.name, true, "", nullptr);
    }
    // A value that is the default itself holds the same literals, already
    // reported where they are written.
    const Value* v = r.attributes.Get("value");
    if (v && !(d && v->SharesPayload(*d))) scan.Walk(*v, "value", r.name, true, "", nullptr);
    return;
  }
  scan.WalkObject(r.attributes, "", true, nullptr);
}

}  // namespace

extern const Rule kSecretsNoPlaintext = {
    .id = "secrets-no-plaintext",
    .title = "Secrets must not be written in infrastructure code",
    .severity = Severity::kCritical,
    .scope = Scope::kAll,
    .kinds = kKinds,
    .rationale =
        "Secrets live only in Secrets Manager or in Parameter Store as SecureString (001 "
        "\"Secrets Manager\": DB passwords and API keys; 003 §3 stores the JWT secret, VAPID "
        "private key and API key with `--type SecureString`; 004 \"Secrets Management\"). A "
        "secret written in a .tf or .tfvars file is readable by everyone with the repository, "
        "stays in its history after it is removed, and is copied into every plan and state. "
        "The rule reads every resource, data source, variable default, tfvars value, local, "
        "module input and backend setting (and, through them, `jsonencode()` bodies, JSON "
        "heredocs, `file()`d JSON documents and ECS container `environment` entries), and "
        "reports a literal once, where it is written, when:\n\n"
        "- the name it is written under is secret-like: its last word (ignoring encodings such "
        "as `_value`, `_b64`, `_wo`) is password, passwd, pwd, passphrase, secret, token "
        "or credential(s), or it ends in api_key, auth_key, private_key, "
        "secret_key, secret_access_key, signing_key, client_key, account_key, service_key, "
        "master_key, encryption_key or app_key (`DB_PASSWORD`, `jwtSecret`, `secret_string`, "
        "`auth_token`; not `secret_arn`, `token_url`, `password_length`, `SECRET_NAME`, "
        "`kms_key_id`, `access_key`, `key`, a bare `PWD` (the working directory), or any name "
        "with the word public, such as `NEXT_PUBLIC_API_KEY`, which is shipped to browsers by "
        "design); for `{name, value}` entries (ECS environment, "
        "CodeBuild variables, SSM parameters) the name is the entry's; the value of an "
        "`aws_api_gateway_api_key`, of a SecureString `aws_ssm_parameter` and the plaintext of "
        "an `aws_kms_ciphertext` are secrets by definition; or\n"
        "- it matches a known credential pattern, whatever its name: AWS access key IDs "
        "(AKIA/ASIA/ABIA/ACCA/A3T..., except AWS's documentation examples ending in EXAMPLE), "
        "private key blocks, GitHub, GitLab, Slack, Stripe secret, Google API, Anthropic, "
        "OpenAI, npm, SendGrid, Terraform Cloud and Vault tokens, Slack webhooks, JSON Web "
        "Tokens, a whole value that is an HTTP `Basic`/`Bearer` credential (gitleaks' default "
        "rules, config/gitleaks.toml), and URLs with a password (detect-secrets' "
        "BasicAuthDetector).\n\n"
        "A template that builds a string from text of its own and values from elsewhere "
        "(`\"postgres://app:pw@${var.db_host}/app\"`) is checked for credential patterns in "
        "its own text, and a match is reported there; what the values bring is reported where "
        "they are written. A template file rendered by `templatefile()` is checked the same "
        "way, and a match is reported in the template, for the object whose call renders it. "
        "An SST config has no objects for its constants and helpers, so a "
        "literal written anywhere in its scripts is reported where it is written, by the first "
        "component it reaches.\n\n"
        "A value that is not written in the repository is not a literal: a variable without a "
        "value, a `random_password`, a data source, or a `--var` given on the command line. "
        "An ARN only names a secret and passes. Obvious placeholders do not count: an empty "
        "value, one character repeated (`xxxx`), or a value that is wholly a template "
        "placeholder (`<secret>`, `${DB_PASSWORD}`, `{{ secret }}`, `%SECRET%`); `changeme` "
        "and the like do count, since deployed they are the secret. A literal that is written "
        "under a neutral name and only later passed to a secret-named argument is reported by "
        "the rules of that argument (aws-rds-managed-password, "
        "aws-ecs-secrets-in-environment), not here.",
    .remediation =
        "Remove the literal, rotate the secret (it stays in the history), and store the new "
        "one in Secrets Manager or an SSM SecureString parameter created outside the "
        "configuration; read it at run time (ECS `secrets`, "
        "`manage_master_user_password`), or through a data source or ephemeral resource where "
        "Terraform needs it. A parameter or secret created with a dummy value that is set "
        "outside Terraform (`lifecycle { ignore_changes = [value] }`) should say so with a "
        "placeholder such as `\"<set outside Terraform>\"`.",
    .bad_example = R"(variable "jwt_secret" {
  type    = string
  default = "your-super-secret-jwt-key"
})",
    .good_example = R"(variable "jwt_secret" {
  type      = string
  sensitive = true
})",
    .checkov = kCheckov,
    .trivy = {},
    .since = "0.1.0",
    .check = Check,
    .reads_variable = MayHoldWrittenSecret,
};

}  // namespace infracheck::rules
