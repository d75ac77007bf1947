#include "checker/rule_docs.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "checker/policies/policy.h"

namespace infracheck {

#ifndef INFRACHECK_DOCS_URL
#define INFRACHECK_DOCS_URL "https://github.com/infracheck/infracheck/blob/main/docs/rules/"
#endif

namespace {

std::string Join(std::span<const std::string_view> items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

// The kinds a rule checks, for people: "*" is every kind.
std::string KindsText(std::span<const std::string_view> kinds) {
  if (kinds.size() == 1 && kinds[0] == "*") {
    return "every kind (resources, data sources, variables, locals, module calls, backend)";
  }
  return Join(kinds, ", ");
}

std::string ScopeText(Scope s) {
  return s == Scope::kProd ? "production environments only" : "every environment";
}

}  // namespace

std::string HelpUri(const Rule& rule) {
  if (rule.team()) return std::string(rule.help_uri);
  return std::string(INFRACHECK_DOCS_URL) + std::string(rule.id) + ".md";
}

namespace {

// A team rule's help: where it is written, why, how to fix, and the policy.
std::string TeamExplainText(const Rule& rule) {
  std::ostringstream out;
  out << rule.id << ": " << rule.title << "\n\n";
  out << "team rule, defined in " << rule.source << "\n";
  out << "severity: " << SeverityName(rule.severity) << "\n";
  out << "scope:    " << ScopeText(rule.scope) << "\n";
  out << "checks:   " << KindsText(rule.kinds) << "\n";
  if (!rule.rationale.empty()) out << "\nWhy\n" << rule.rationale << "\n";
  if (!rule.remediation.empty()) out << "\nFix\n" << rule.remediation << "\n";
  out << "\nPolicy\n" << rule.policy->text;
  if (!rule.help_uri.empty()) out << "\nMore: " << rule.help_uri << "\n";
  return out.str();
}

std::string TeamHelpMarkdown(const Rule& rule) {
  std::ostringstream out;
  out << "**" << rule.title << "**\n\n";
  out << "| | |\n|---|---|\n";
  out << "| Team rule | `" << rule.source << "` |\n";
  out << "| Severity | " << SeverityName(rule.severity) << " |\n";
  out << "| Scope | " << ScopeText(rule.scope) << " |\n";
  out << "| Resource kinds | " << KindsText(rule.kinds) << " |\n\n";
  if (!rule.rationale.empty()) out << "## Why it matters\n\n" << rule.rationale << "\n\n";
  if (!rule.remediation.empty()) out << "## How to fix it\n\n" << rule.remediation << "\n\n";
  out << "## Policy\n\n```yaml\n" << rule.policy->text << "```\n\n";
  out << "## Suppressing\n\n```hcl\n# infracheck:ignore " << rule.id
      << " -- reason the requirement does not apply here\n```\n";
  return out.str();
}

}  // namespace

std::string ExplainText(const Rule& rule) {
  if (rule.team()) return TeamExplainText(rule);
  std::ostringstream out;
  out << rule.id << ": " << rule.title << "\n\n";
  out << "severity: " << SeverityName(rule.severity) << "\n";
  out << "scope:    " << ScopeText(rule.scope) << "\n";
  out << "checks:   " << KindsText(rule.kinds) << "\n";
  if (!rule.checkov.empty() || !rule.trivy.empty()) {
    out << "same as:  ";
    if (!rule.checkov.empty()) out << "Checkov " << Join(rule.checkov, ", ");
    if (!rule.checkov.empty() && !rule.trivy.empty()) out << "; ";
    if (!rule.trivy.empty()) out << "Trivy " << Join(rule.trivy, ", ");
    if (!rule.tfsec.empty()) out << "; tfsec " << Join(rule.tfsec, ", ");
    out << "\n";
  }
  out << "\nWhy\n" << rule.rationale << "\n";
  out << "\nFix\n" << rule.remediation << "\n";
  out << "\nFires on\n" << rule.bad_example << "\n";
  out << "\nPasses\n" << rule.good_example << "\n";
  out << "\nMore: " << HelpUri(rule) << "\n";
  return out.str();
}

std::string RulesText(std::span<const Rule* const> rules) {
  std::ostringstream out;
  for (const Rule* r : rules) {
    std::string id(r->id);
    id.resize(std::max<size_t>(id.size(), 38), ' ');
    std::string sev(SeverityName(r->severity));
    sev.resize(9, ' ');
    std::string scope(ScopeName(r->scope));
    scope.resize(5, ' ');
    out << id << " " << sev << scope << r->title;
    if (r->team()) out << "  [team: " << r->source << "]";
    out << "\n";
  }
  return out.str();
}

std::string RulesJson(std::span<const Rule* const> rules) {
  using Json = nlohmann::ordered_json;
  Json list = Json::array();
  for (const Rule* r : rules) {
    Json j;
    j["id"] = std::string(r->id);
    j["title"] = std::string(r->title);
    j["severity"] = std::string(SeverityName(r->severity));
    j["scope"] = std::string(ScopeName(r->scope));
    Json kinds = Json::array();
    for (std::string_view k : r->kinds) kinds.push_back(std::string(k));
    j["kinds"] = std::move(kinds);
    Json ck = Json::array(), tv = Json::array(), ts = Json::array();
    for (std::string_view k : r->checkov) ck.push_back(std::string(k));
    for (std::string_view k : r->trivy) tv.push_back(std::string(k));
    for (std::string_view k : r->tfsec) ts.push_back(std::string(k));
    j["equivalents"] = {
        {"checkov", std::move(ck)}, {"trivy", std::move(tv)}, {"tfsec", std::move(ts)}};
    std::string uri = HelpUri(*r);
    j["help_uri"] = uri.empty() ? Json(nullptr) : Json(uri);
    j["team"] = r->team();
    if (r->team()) j["source"] = std::string(r->source);
    list.push_back(std::move(j));
  }
  return Json{{"rules", std::move(list)}}.dump(2, ' ', false,
                                               nlohmann::json::error_handler_t::replace);
}

std::string InformationUri() {
  std::string uri = INFRACHECK_DOCS_URL;
  size_t blob = uri.find("/blob/");
  return blob == std::string::npos ? uri : uri.substr(0, blob);
}

std::string RuleHelpMarkdown(const Rule& rule) {
  if (rule.team()) return TeamHelpMarkdown(rule);
  std::ostringstream out;
  out << "**" << rule.title << "**\n\n";
  out << "| | |\n|---|---|\n";
  out << "| Severity | " << SeverityName(rule.severity) << " |\n";
  out << "| Scope | " << ScopeText(rule.scope) << " |\n";
  out << "| Resource kinds | " << KindsText(rule.kinds) << " |\n";
  out << "| Checkov | " << (rule.checkov.empty() ? "–" : Join(rule.checkov, ", ")) << " |\n";
  out << "| Trivy / tfsec | " << (rule.trivy.empty() ? "–" : Join(rule.trivy, ", "));
  if (!rule.tfsec.empty()) out << " (" << Join(rule.tfsec, ", ") << ")";
  out << " |\n";
  out << "| Since | " << rule.since << " |\n\n";
  out << "## Why it matters\n\n" << rule.rationale << "\n\n";
  out << "## How to fix it\n\n" << rule.remediation << "\n\n";
  // Examples are HCL, except for rules about SST configs (TypeScript).
  bool ts = rule.bad_example.find("$config(") != std::string_view::npos;
  std::string_view lang = ts ? "ts" : "hcl";
  out << "## Example that fires\n\n```" << lang << "\n" << rule.bad_example << "\n```\n\n";
  out << "## Example that passes\n\n```" << lang << "\n" << rule.good_example << "\n```\n\n";
  out << "## Suppressing\n\n```" << lang << "\n"
      << (ts ? "//" : "#") << " infracheck:ignore " << rule.id
      << " -- reason the requirement does not apply here\n```\n";
  return out.str();
}

std::string RuleMarkdown(const Rule& rule) {
  std::ostringstream out;
  out << "<!-- Generated from the rule's metadata by `infracheck docs`; do not edit. -->\n";
  out << "# " << rule.id << "\n\n";
  out << RuleHelpMarkdown(rule);
  return out.str();
}

std::string RulesIndexMarkdown(std::span<const Rule* const> rules) {
  std::ostringstream out;
  out << "<!-- Generated from the rules' metadata by `infracheck docs`; do not edit. -->\n";
  out << "# Rules\n\n";
  out << "Every built-in rule, with its default severity and scope (`prod`: production "
         "environments only). IDs are permanent.\n\n";
  out << "| ID | Severity | Scope | Title |\n|---|---|---|---|\n";
  for (const Rule* r : rules) {
    out << "| [" << r->id << "](" << r->id << ".md) | " << SeverityName(r->severity) << " | "
        << ScopeName(r->scope) << " | " << r->title << " |\n";
  }
  return out.str();
}

bool WriteRuleDocs(const std::string& dir, std::span<const Rule* const> rules, std::string* error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream out(std::filesystem::path(dir) / name, std::ios::binary);
    out << text;
    if (!out) *error = "cannot write " + (std::filesystem::path(dir) / name).string();
    return static_cast<bool>(out);
  };
  if (!write("README.md", RulesIndexMarkdown(rules))) return false;
  for (const Rule* r : rules) {
    if (!write(std::string(r->id) + ".md", RuleMarkdown(*r))) return false;
  }
  return true;
}

}  // namespace infracheck
