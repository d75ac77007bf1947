#include "checker/config.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "checker/policies/loader.h"
#include "checker/scan.h"
#include "checker/suppressions.h"
#include "checker/yaml_documents.h"

namespace infracheck {

namespace fs = std::filesystem;

namespace {

struct ConfigError {
  YAML::Mark mark;
  std::string message;
};

// A mistake in a policy file the configuration names: its own position.
struct PolicyFileError {
  Diagnostic error;
};

[[noreturn]] void Fail(const YAML::Node& n, std::string message) {
  throw ConfigError{n.Mark(), std::move(message)};
}

std::string Describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "empty";
    default:
      return "'" + n.Scalar() + "'";
  }
}

std::string Scalar(const YAML::Node& n, const std::string& what) {
  if (!n.IsScalar()) Fail(n, what + " must be a string, not " + Describe(n));
  return n.Scalar();
}

// A string, or a list of strings.
std::vector<std::pair<std::string, YAML::Node>> Strings(const YAML::Node& n,
                                                        const std::string& what) {
  std::vector<std::pair<std::string, YAML::Node>> out;
  if (n.IsScalar()) {
    out.emplace_back(n.Scalar(), n);
  } else if (n.IsSequence()) {
    for (const YAML::Node& item : n) out.emplace_back(Scalar(item, what + " entries"), item);
  } else {
    Fail(n, what + " must be a string or a list of strings, not " + Describe(n));
  }
  return out;
}

bool Bool(const YAML::Node& n, const std::string& what) {
  std::string s = n.IsScalar() ? n.Scalar() : "";
  if (s == "true" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "no" || s == "off") return false;
  Fail(n, what + " must be true or false, not " + Describe(n));
}

Severity SeverityOf(const YAML::Node& n, const std::string& what) {
  std::string s = Scalar(n, what);
  auto sev = ParseSeverity(s);
  if (!sev) Fail(n, what + " must be low, medium, high or critical, not '" + s + "'");
  return *sev;
}

struct Checker {
  std::vector<const Rule*> known;
  fs::path dir;
  std::string display;  // the configuration, for errors in inline policies
  const std::string* text = nullptr;
  std::span<const std::string> extra_policies;

  std::string RuleId(const YAML::Node& n, bool allow_all) const {
    std::string id = Scalar(n, "a rule ID");
    if (allow_all && id == "*") return id;
    for (const Rule* r : known) {
      if (r->id == id) return id;
    }
    Fail(n, "unknown rule '" + id + "' (see infracheck --list-rules)");
  }

  void Keys(const YAML::Node& map, const std::string& what,
            std::initializer_list<std::string_view> allowed) const {
    if (!map.IsMap()) Fail(map, what + " must be a mapping, not " + Describe(map));
    for (auto it = map.begin(); it != map.end(); ++it) {
      std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
      bool ok = false;
      for (std::string_view a : allowed) ok = ok || a == key;
      if (ok) continue;
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      std::string message = "unknown key '" + key + "' in ";
      message += what;
      message += " (expected: " + list + ")";
      Fail(it->first, message);
    }
  }

  fs::path ExistingPath(const YAML::Node& n, const std::string& what, bool directory) const {
    fs::path p = (dir / Scalar(n, what)).lexically_normal();
    std::error_code ec;
    if (directory ? !fs::is_directory(p, ec) : !fs::is_regular_file(p, ec)) {
      Fail(n, what + " '" + n.Scalar() + "' is not " + (directory ? "a directory" : "a file") +
                  " (paths are relative to the configuration file)");
    }
    return p;
  }

  ConfigIgnore Ignore(const YAML::Node& n) const {
    Keys(n, "an ignore entry",
         {"rule", "rules", "path", "paths", "resource", "resources", "environment", "reason",
          "until"});
    ConfigIgnore ig;
    ig.line = static_cast<uint32_t>(n.Mark().line + 1);
    ig.column = static_cast<uint32_t>(n.Mark().column + 1);
    for (const char* key : {"rule", "rules"}) {
      if (!n[key]) continue;
      for (auto& [s, node] : Strings(n[key], key)) ig.rules.push_back(RuleId(node, true));
    }
    if (ig.rules.empty()) Fail(n, "an ignore entry needs `rule:` (a rule ID, a list, or \"*\")");
    for (const char* key : {"path", "paths"}) {
      if (!n[key]) continue;
      for (auto& [s, node] : Strings(n[key], key)) ig.paths.push_back(s);
    }
    for (const char* key : {"resource", "resources"}) {
      if (!n[key]) continue;
      for (auto& [s, node] : Strings(n[key], key)) ig.resources.push_back(s);
    }
    if (n["environment"]) ig.environment = Scalar(n["environment"], "environment");
    if (!n["reason"] || Scalar(n["reason"], "reason").empty())
      Fail(n, "an ignore entry needs a `reason:` saying why the rule does not apply");
    ig.reason = n["reason"].Scalar();
    if (n["until"]) {
      ig.until = Scalar(n["until"], "until");
      if (!ValidDate(ig.until))
        Fail(n["until"], "until must be a date (YYYY-MM-DD), not '" + ig.until + "'");
    }
    return ig;
  }

  EnvironmentSpec Environment(const YAML::Node& n) const {
    Keys(n, "an environment", {"name", "root", "var_files", "production", "workspace"});
    EnvironmentSpec e;
    if (!n["name"]) Fail(n, "an environment needs a `name:`");
    e.name = Scalar(n["name"], "name");
    if (e.name.empty()) Fail(n["name"], "an environment's name must not be empty");
    if (!n["root"]) Fail(n, "an environment needs a `root:` (its root module's directory)");
    e.root = ExistingPath(n["root"], "root", true);
    if (n["var_files"]) {
      for (auto& [s, node] : Strings(n["var_files"], "var_files"))
        e.var_files.push_back(ExistingPath(node, "var file", false));
    }
    if (n["production"]) e.production = Bool(n["production"], "production");
    if (n["workspace"]) {
      e.workspace = Scalar(n["workspace"], "workspace");
      if (e.workspace->empty()) Fail(n["workspace"], "a workspace name must not be empty");
    }
    return e;
  }

  // Team policies come first: the rest of the configuration may name their
  // rules. An entry is a file or directory (relative to the configuration),
  // or a policy written inline.
  void Policies(const YAML::Node& root, Config& c) {
    PolicyLoader loader(known);
    Diagnostic error;
    const YAML::Node p = root.IsMap() ? root["policies"] : YAML::Node();
    if (p && !p.IsNull()) {
      if (!p.IsSequence() && !p.IsScalar()) {
        Fail(p, "policies must be a list of policy files, directories or policies, not " +
                    Describe(p));
      }
      std::vector<YAML::Node> entries;
      if (p.IsScalar()) {
        entries.push_back(p);
      } else {
        for (const YAML::Node& item : p) entries.push_back(item);
      }
      for (const YAML::Node& item : entries) {
        if (item.IsMap()) {
          if (!loader.AddNode(item, display, *text, &error)) throw PolicyFileError{error};
          continue;
        }
        fs::path path = (dir / Scalar(item, "a policies entry")).lexically_normal();
        std::error_code ec;
        if (!fs::is_directory(path, ec) && !fs::is_regular_file(path, ec)) {
          Fail(item, "policies entry '" + item.Scalar() +
                         "' is not a file or directory (paths are relative to the configuration "
                         "file)");
        }
        if (!loader.AddPath(path, &error)) throw PolicyFileError{error};
      }
    }
    for (const std::string& extra : extra_policies) {
      if (!loader.AddPath(extra, &error)) throw PolicyFileError{error};
    }
    c.policies = loader.Finish();
    known.insert(known.end(), c.policies->rules.begin(), c.policies->rules.end());
  }

  void Read(const YAML::Node& root, Config& c) {
    Policies(root, c);
    if (root.IsNull()) return;
    Keys(root, "the configuration",
         {"version", "min_severity", "disable", "severity", "ignore", "environments", "policies"});
    if (root["version"] && Scalar(root["version"], "version") != "1")
      Fail(root["version"], "version must be 1");
    if (root["min_severity"]) c.min_severity = SeverityOf(root["min_severity"], "min_severity");
    if (root["disable"]) {
      for (auto& [s, node] : Strings(root["disable"], "disable"))
        c.disabled.insert(RuleId(node, false));
    }
    if (const YAML::Node sev = root["severity"]) {
      if (!sev.IsMap()) Fail(sev, "severity must map rule IDs to levels, not " + Describe(sev));
      for (auto it = sev.begin(); it != sev.end(); ++it) {
        c.severity[RuleId(it->first, false)] = SeverityOf(it->second, "a severity");
      }
    }
    if (const YAML::Node ig = root["ignore"]) {
      if (!ig.IsSequence()) Fail(ig, "ignore must be a list of entries, not " + Describe(ig));
      for (const YAML::Node& item : ig) c.ignores.push_back(Ignore(item));
    }
    if (const YAML::Node envs = root["environments"]) {
      if (!envs.IsSequence())
        Fail(envs, "environments must be a list of entries, not " + Describe(envs));
      for (const YAML::Node& item : envs) c.environments.push_back(Environment(item));
    }
  }
};

std::string DisplayPath(const fs::path& p) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  fs::path abs = fs::absolute(p, ec).lexically_normal();
  fs::path rel = abs.lexically_relative(cwd);
  if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return abs.generic_string();
}

bool Class(std::string_view pat, size_t& i, char c) {
  // pat[i] == '['; on return i is past the closing bracket.
  size_t j = i + 1;
  bool negate = j < pat.size() && (pat[j] == '!' || pat[j] == '^');
  if (negate) ++j;
  bool match = false;
  size_t start = j;
  for (; j < pat.size() && (pat[j] != ']' || j == start); ++j) {
    if (j + 2 < pat.size() && pat[j + 1] == '-' && pat[j + 2] != ']') {
      match = match || (c >= pat[j] && c <= pat[j + 2]);
      j += 2;
    } else {
      match = match || c == pat[j];
    }
  }
  i = j + 1;
  return match != negate;
}

// Whether `pat` matches all of `text`. Dynamic programming over (pattern
// position, text position), from the ends: time and memory grow with their
// product, never exponentially with the number of stars (a backtracking
// matcher takes forever on "*a*a*a*a*a*a*b" against a long name).
bool Match(std::string_view pat, std::string_view text, bool path) {
  const size_t n = pat.size(), m = text.size();
  // Beyond this a pattern is not one anybody wrote: it matches nothing.
  constexpr size_t kMaxCells = size_t{1} << 26;
  if ((n + 1) > kMaxCells / (m + 1)) return false;
  auto is_class = [&](size_t p) {
    return pat[p] == '[' && path && pat.find(']', p + 2) != std::string_view::npos;
  };
  // Where each pattern element starting at p ends (a class spans several
  // characters), for the positions an element can start at.
  std::vector<size_t> next(n + 1, 0);
  std::vector<uint8_t> start(n + 1, 0);
  start[0] = 1;
  for (size_t p = 0; p < n; ++p) {
    if (!start[p]) continue;
    if (pat[p] == '*') {
      bool dstar = path && p + 1 < n && pat[p + 1] == '*';
      size_t rest = p + (dstar ? 2 : 1);
      next[p] = rest;
      start[rest] = 1;
      if (dstar && rest < n && pat[rest] == '/') start[rest + 1] = 1;
    } else if (is_class(p)) {
      size_t q = p;
      Class(pat, q, '\0');
      next[p] = std::min(q, n);
      start[next[p]] = 1;
    } else {
      next[p] = p + 1;
      start[p + 1] = 1;
    }
  }
  // at(p, t): pat[p..] matches text[t..].
  std::vector<uint8_t> table((n + 1) * (m + 1), 0);
  auto at = [&](size_t p, size_t t) -> uint8_t& { return table[p * (m + 1) + t]; };
  at(n, m) = 1;
  for (size_t p = n; p-- > 0;) {
    if (!start[p]) continue;
    char c = pat[p];
    size_t rest = next[p];
    if (c == '*') {
      bool dstar = rest == p + 2;
      // The star takes text[t..k) for some k, never a '/' unless it is **.
      uint8_t tail = at(rest, m);
      at(p, m) = tail;
      for (size_t t = m; t-- > 0;) {
        bool crosses = !dstar && path && text[t] == '/';
        tail = at(rest, t) || (!crosses && tail);
        at(p, t) = tail;
      }
      // "**/" also matches no directory at all.
      if (dstar && rest < n && pat[rest] == '/') {
        for (size_t t = 0; t <= m; ++t) at(p, t) = at(p, t) || at(rest + 1, t);
      }
      continue;
    }
    bool cls = is_class(p);
    for (size_t t = 0; t < m; ++t) {
      bool ok;
      if (c == '?') {
        ok = !(path && text[t] == '/');
      } else if (cls) {
        size_t q = p;
        ok = Class(pat, q, text[t]);
      } else {
        ok = c == text[t];
      }
      at(p, t) = ok && at(rest, t + 1);
    }
  }
  return at(0, 0) != 0;
}

// `rel` is a file path relative to the configuration's directory. A pattern
// without '/' matches a file or directory name at any depth; any pattern also
// matches the directories above a file, so "modules/bastion" covers its files.
bool PathMatches(std::string pat, std::string_view rel) {
  if (rel.empty() || rel.starts_with("../")) return false;
  while (pat.size() > 1 && pat.back() == '/') pat.pop_back();
  if (pat.starts_with("./")) pat = pat.substr(2);
  bool by_name = pat.find('/') == std::string::npos;
  size_t start = 0;
  for (size_t i = 0; i <= rel.size(); ++i) {
    if (i < rel.size() && rel[i] != '/') continue;
    if (by_name ? Match(pat, rel.substr(start, i - start), true)
                : Match(pat, rel.substr(0, i), true))
      return true;
    start = i + 1;
  }
  return false;
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text, bool path) {
  return Match(pattern, text, path);
}

std::optional<fs::path> FindConfig(const fs::path& start, const fs::path& project_root) {
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(fs::absolute(start), ec);
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  fs::path root = fs::weakly_canonical(fs::absolute(project_root), ec);
  // Never look above the project root (a start outside it is looked at alone).
  fs::path rel = dir.lexically_relative(root);
  bool inside = !rel.empty() && *rel.begin() != "..";
  for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
    for (const char* name : {".infracheck.yml", ".infracheck.yaml"}) {
      if (fs::is_regular_file(p / name, ec)) return p / name;
    }
    if (!inside || p == root || p == p.root_path()) break;
  }
  return std::nullopt;
}

bool ParseConfig(const std::string& text, const std::string& display, const fs::path& dir,
                 std::span<const Rule* const> known, Config* out, Diagnostic* error,
                 std::span<const std::string> extra_policies) {
  Config c;
  c.path = display;
  c.dir = dir;
  auto fail = [&](const YAML::Mark& m, const std::string& message) {
    error->file = display;
    error->line = m.is_null() ? 1 : static_cast<uint32_t>(m.line + 1);
    error->column = m.is_null() ? 1 : static_cast<uint32_t>(m.column + 1);
    error->message = message;
    return false;
  };
  try {
    std::vector<YAML::Node> docs = LoadYamlDocuments(text);
    // One document: settings in a second would be ignored without a word.
    for (size_t i = 1; i < docs.size(); ++i) {
      if (!docs[i].IsNull()) {
        throw ConfigError{docs[i].Mark(),
                          "the configuration is one YAML document; this is a second one (after "
                          "'---'): put its settings in the first"};
      }
    }
    YAML::Node root = docs.empty() ? YAML::Node() : docs[0];
    Checker checker{{known.begin(), known.end()}, dir, display, &text, extra_policies};
    checker.Read(root, c);
  } catch (const ConfigError& e) {
    return fail(e.mark, e.message);
  } catch (const PolicyFileError& e) {
    *error = e.error;
    return false;
  } catch (const YAML::Exception& e) {
    return fail(e.mark, "YAML syntax: " + e.msg);
  }
  *out = std::move(c);
  return true;
}

bool LoadConfig(const fs::path& file, std::span<const Rule* const> known, Config* out,
                Diagnostic* error, std::span<const std::string> extra_policies, uint64_t max_size,
                const fs::path* root) {
  std::string display = DisplayPath(file);
  std::error_code ec;
  if (root) {
    fs::path canon = fs::weakly_canonical(fs::absolute(file, ec), ec);
    fs::path rel = canon.lexically_relative(fs::weakly_canonical(*root, ec));
    if (ec || rel.empty() || *rel.begin() == "..") {
      *error = Diagnostic{
          display, 0, 0,
          "the configuration file leads outside the project root " + root->string() + "; not read"};
      return false;
    }
  }
  uintmax_t size = fs::file_size(file, ec);
  if (!ec && size > max_size) {
    *error = Diagnostic{display, 0, 0,
                        "the configuration file is " + std::to_string(size) +
                            " bytes, over the limit of " + std::to_string(max_size) +
                            " bytes (--max-file-size); not read"};
    return false;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    *error = Diagnostic{display, 0, 0, "cannot read the configuration file"};
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  fs::path dir = fs::weakly_canonical(fs::absolute(file), ec).parent_path();
  return ParseConfig(ss.str(), display, dir, known, out, error, extra_policies);
}

bool LoadPolicies(std::span<const std::string> paths, std::span<const Rule* const> known,
                  Config* out, Diagnostic* error) {
  PolicyLoader loader(known);
  for (const std::string& p : paths) {
    if (!loader.AddPath(p, error)) return false;
  }
  out->policies = loader.Finish();
  return true;
}

void ApplyConfig(const Config& config, const std::string& today, ScanResult& result) {
  for (Finding& f : result.findings) {
    auto it = config.severity.find(f.rule);
    if (it != config.severity.end()) f.severity = it->second;
  }
  std::vector<bool> expired(config.ignores.size(), false);
  for (size_t i = 0; i < config.ignores.size(); ++i) {
    const ConfigIgnore& ig = config.ignores[i];
    if (!ig.until.empty() && today > ig.until) {
      expired[i] = true;
      Diagnostic d{config.path, ig.line, ig.column,
                   "ignore entry expired on " + ig.until + " and no longer applies"};
      d.warning = true;
      result.errors.push_back(std::move(d));
    }
  }
  for (Finding& f : result.findings) {
    if (f.suppressed) continue;
    std::string rel;
    if (f.primary.valid()) {
      rel = fs::path(f.primary.file->real_path()).lexically_relative(config.dir).generic_string();
    }
    for (size_t i = 0; i < config.ignores.size(); ++i) {
      const ConfigIgnore& ig = config.ignores[i];
      if (expired[i]) continue;
      bool rule = false;
      for (const std::string& r : ig.rules) rule = rule || r == "*" || r == f.rule;
      if (!rule) continue;
      if (!ig.environment.empty() && f.environment != ig.environment) continue;
      if (!ig.paths.empty()) {
        bool any = false;
        for (const std::string& p : ig.paths) any = any || PathMatches(p, rel);
        if (!any) continue;
      }
      if (!ig.resources.empty()) {
        bool any = false;
        for (const std::string& r : ig.resources) any = any || GlobMatch(r, f.resource, false);
        if (!any) continue;
      }
      f.suppressed = true;
      f.suppression_kind = SuppressionKind::kConfig;
      f.suppression = ig.reason;
      break;
    }
  }
}

}  // namespace infracheck
