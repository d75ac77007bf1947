// Policy files: one policy per YAML document, or a list under `policies:`;
// directories are read in path order. Each policy is checked key by key and
// compiled into a Rule.
#include "checker/policies/loader.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "checker/policies/parse.h"
#include "checker/yaml_documents.h"

namespace infracheck {

namespace fs = std::filesystem;

namespace {

using policy::Describe;
using policy::Fail;
using policy::ParseError;
using policy::Scalar;

constexpr uintmax_t kMaxFileSize = 1 << 20;

constexpr std::string_view kReservedPrefixes[] = {"aws-", "tf-", "sst-", "secrets-"};

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '-' || id.back() == '-') return false;
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && id[i + 1] == '-')) return false;
  }
  return true;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) out.push_back(text.substr(start));
      break;
    }
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// The policy as written: from its first key to the last line indented at
// least as deep, without trailing blank or comment lines.
std::string SourceText(const std::string& text, const YAML::Mark& mark) {
  if (mark.is_null()) return "";
  auto lines = Lines(text);
  auto line = static_cast<size_t>(mark.line);
  auto col = static_cast<size_t>(mark.column);
  if (line >= lines.size()) return "";
  std::vector<std::string> out;
  out.emplace_back(lines[line].substr(std::min(col, lines[line].size())));
  for (size_t i = line + 1; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    size_t indent = l.find_first_not_of(' ');
    if (l.rfind("---", 0) == 0 || l.rfind("...", 0) == 0) break;
    if (indent != std::string_view::npos && indent < col) break;
    out.emplace_back(indent == std::string_view::npos ? "" : l.substr(col));
  }
  while (!out.empty()) {
    size_t first = out.back().find_first_not_of(' ');
    if (first != std::string::npos && out.back()[first] != '#') break;
    out.pop_back();
  }
  std::string joined;
  for (const std::string& l : out) joined += l + "\n";
  return joined;
}

class Reader {
 public:
  Reader(std::span<const Rule* const> builtin, std::map<std::string, std::string, std::less<>>& ids,
         PolicySet& set, const std::string& display, const std::string& text)
      : builtin_(builtin), ids_(ids), set_(set), display_(display), text_(text) {}

  void Document(const YAML::Node& doc) {
    if (doc.IsNull()) return;
    if (doc.IsSequence()) {
      for (const YAML::Node& item : doc) Policy(item);
      return;
    }
    if (!doc.IsMap()) {
      Fail(doc,
           "a policy file holds a policy (a mapping with id:), a list of them, or "
           "policies: with a list, not " +
               Describe(doc));
    }
    if (doc["policies"] && !doc["id"]) {
      policy::Keys(doc, "a policy file", {"version", "policies"});
      if (doc["version"] && Scalar(doc["version"], "version") != "1") {
        Fail(doc["version"], "version must be 1");
      }
      const YAML::Node list = doc["policies"];
      if (list.IsNull()) return;
      if (!list.IsSequence())
        Fail(list, "policies: takes a list of policies, not " + Describe(list));
      for (const YAML::Node& item : list) Policy(item);
      return;
    }
    Policy(doc);
  }

  void Policy(const YAML::Node& n) {
    policy::Keys(n, "a policy",
                 {"id", "title", "severity", "scope", "kinds", "description", "remediation",
                  "message", "help_uri", "where", "require", "forbid"});
    auto p = std::make_unique<infracheck::Policy>();
    if (!n["id"]) Fail(n, "a policy needs an id:");
    const YAML::Node id = n["id"];
    p->id = Scalar(id, "id");
    CheckId(id, p->id);
    p->source = display_ + ":" + std::to_string(n.Mark().line + 1);
    if (!n["title"])
      Fail(n, "policy " + p->id + " needs a title: (one line saying what it requires)");
    p->title = Scalar(n["title"], "title");
    if (p->title.empty()) Fail(n["title"], "the title must not be empty");
    if (!n["severity"])
      Fail(n, "policy " + p->id + " needs a severity: (low, medium, high, critical)");
    std::string sev = Scalar(n["severity"], "severity");
    auto severity = ParseSeverity(sev);
    if (!severity) {
      Fail(n["severity"], "severity must be low, medium, high or critical, not '" + sev + "'");
    }
    p->severity = *severity;
    if (const YAML::Node s = n["scope"]) {
      std::string scope = Scalar(s, "scope");
      if (scope != "all" && scope != "prod") {
        Fail(s, "scope must be all or prod, not '" + scope + "'");
      }
      p->scope = scope == "prod" ? Scope::kProd : Scope::kAll;
    }
    if (!n["kinds"]) {
      Fail(n,
           "policy " + p->id + " needs kinds: (the resource kinds it checks, aws_db_instance...)");
    }
    p->kinds = policy::KindsOf(n["kinds"], "kinds");
    for (const char* key : {"description", "remediation", "message", "help_uri"}) {
      if (!n[key]) continue;
      std::string v = Scalar(n[key], key);
      while (!v.empty() && (v.back() == '\n' || v.back() == ' ')) v.pop_back();
      (key == std::string("description")   ? p->description
       : key == std::string("remediation") ? p->remediation
       : key == std::string("message")     ? p->message
                                           : p->help_uri) = v;
    }
    if (n["require"] && n["forbid"]) {
      Fail(n["forbid"],
           "a policy has require: or forbid:, not both (forbid: X is require: {not: X})");
    }
    if (!n["require"] && !n["forbid"]) {
      Fail(n, "policy " + p->id + " needs require: (what must hold) or forbid: (what must not)");
    }
    p->forbid = static_cast<bool>(n["forbid"]);
    p->check = policy::ConditionOf(n[p->forbid ? "forbid" : "require"], 0, false);
    if (const YAML::Node w = n["where"]) p->where = policy::ConditionOf(w, 0, false);
    p->text = SourceText(text_, n.Mark());
    p->Seal();
    set_.policies.push_back(std::move(p));
  }

 private:
  void CheckId(const YAML::Node& n, const std::string& id) {
    if (!ValidId(id)) {
      Fail(n, "policy id '" + id +
                  "' must be lower-case letters, digits and single hyphens (at most 64)");
    }
    for (const Rule* r : builtin_) {
      if (r->id == id) Fail(n, "policy id '" + id + "' is a built-in rule's ID; choose another");
    }
    for (std::string_view prefix : kReservedPrefixes) {
      if (id.rfind(prefix, 0) == 0) {
        Fail(n,
             "policy id '" + id +
                 "': IDs starting with aws-, tf-, sst- or secrets- are "
                 "reserved for built-in rules; start yours with your team's name (platform-...)");
      }
    }
    std::string here = display_ + ":" + std::to_string(n.Mark().line + 1) + ":" +
                       std::to_string(n.Mark().column + 1);
    auto [it, fresh] = ids_.emplace(id, here);
    if (!fresh) Fail(n, "duplicate policy id '" + id + "' (first defined at " + it->second + ")");
  }

  std::span<const Rule* const> builtin_;
  std::map<std::string, std::string, std::less<>>& ids_;
  PolicySet& set_;
  const std::string& display_;
  const std::string& text_;
};

Diagnostic At(const std::string& display, const YAML::Mark& m, const std::string& message) {
  Diagnostic d;
  d.file = display;
  d.line = m.is_null() ? 1 : static_cast<uint32_t>(m.line + 1);
  d.column = m.is_null() ? 1 : static_cast<uint32_t>(m.column + 1);
  d.message = message;
  return d;
}

}  // namespace

std::string DisplayPathOf(const fs::path& p) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  fs::path abs = fs::absolute(p, ec).lexically_normal();
  fs::path rel = abs.lexically_relative(cwd);
  if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return abs.generic_string();
}

PolicyLoader::PolicyLoader(std::span<const Rule* const> builtin) : builtin_(builtin) {}

bool PolicyLoader::AddPath(const fs::path& path, Diagnostic* error) {
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      std::string ext = it->path().extension().string();
      if (it->is_regular_file(ec) && (ext == ".yml" || ext == ".yaml")) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
      return a.generic_string() < b.generic_string();
    });
  } else if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
  } else {
    *error = Diagnostic{DisplayPathOf(path), 0, 0, "no such policy file or directory"};
    return false;
  }
  for (const fs::path& f : files) {
    std::error_code canonical_ec;
    fs::path key = fs::weakly_canonical(f, canonical_ec);
    if (canonical_ec) key = fs::absolute(f, canonical_ec).lexically_normal();
    if (!read_.insert(key).second) continue;
    std::string display = DisplayPathOf(f);
    if (fs::file_size(f, ec) > kMaxFileSize) {
      *error = Diagnostic{display, 0, 0, "policy file larger than 1 MiB"};
      return false;
    }
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      *error = Diagnostic{display, 0, 0, "cannot read the policy file"};
      return false;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    if (!AddText(ss.str(), display, error)) return false;
  }
  return true;
}

bool PolicyLoader::AddText(const std::string& text, const std::string& display, Diagnostic* error) {
  try {
    Reader reader(builtin_, ids_, *set_, display, text);
    for (const YAML::Node& doc : LoadYamlDocuments(text)) reader.Document(doc);
  } catch (const ParseError& e) {
    *error = At(display, e.mark, e.message);
    return false;
  } catch (const YAML::Exception& e) {
    *error = At(display, e.mark, "YAML syntax: " + e.msg);
    return false;
  }
  return true;
}

bool PolicyLoader::AddNode(const YAML::Node& node, const std::string& display,
                           const std::string& text, Diagnostic* error) {
  try {
    Reader(builtin_, ids_, *set_, display, text).Policy(node);
  } catch (const ParseError& e) {
    *error = At(display, e.mark, e.message);
    return false;
  } catch (const YAML::Exception& e) {
    *error = At(display, e.mark, "YAML: " + e.msg);
    return false;
  }
  return true;
}

std::shared_ptr<const PolicySet> PolicyLoader::Finish() {
  for (const auto& p : set_->policies) set_->rules.push_back(&p->rule);
  std::sort(set_->rules.begin(), set_->rules.end(),
            [](const Rule* a, const Rule* b) { return a->id < b->id; });
  auto out = std::move(set_);
  set_ = std::make_shared<PolicySet>();
  ids_.clear();
  read_.clear();
  return out;
}

}  // namespace infracheck
