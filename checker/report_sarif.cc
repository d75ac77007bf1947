// SARIF 2.1.0, as GitHub code scanning reads it: one run, every rule that ran
// as a descriptor, results with stable partial fingerprints, related
// locations, suppressions, and at most kMaxSarifResults results.
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "checker/report.h"
#include "checker/rule_docs.h"

namespace infracheck {

namespace fs = std::filesystem;

namespace {

using Json = nlohmann::ordered_json;

constexpr char kSchema[] =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr char kSrcRoot[] = "%SRCROOT%";

// RFC 3986: everything but unreserved characters and '/' is percent-encoded.
std::string UriEncode(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string_view Level(Severity s) {
  switch (s) {
    case Severity::kCritical:
    case Severity::kHigh:
      return "error";
    case Severity::kMedium:
      return "warning";
    case Severity::kLow:
      return "note";
  }
  return "note";
}

std::string_view SecuritySeverity(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "9.5";
    case Severity::kHigh:
      return "8.0";
    case Severity::kMedium:
      return "5.5";
    case Severity::kLow:
      return "3.0";
  }
  return "3.0";
}

// "aws-rds-multi-az" -> "AwsRdsMultiAz" (SARIF's friendly rule name).
std::string PascalCase(std::string_view id) {
  std::string out;
  bool up = true;
  for (char c : id) {
    if (c == '-' || c == '_' || c == '.') {
      up = true;
    } else {
      out.push_back(up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
      up = false;
    }
  }
  return out;
}

std::string Sentence(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
  if (text.empty()) return "(no message).";
  char last = text.back();
  if (last != '.' && last != '!' && last != '?') text.push_back('.');
  return text;
}

Json Region(Span s) {
  Position a = s.start(), b = s.stop();
  if (b.line < a.line || (b.line == a.line && b.column <= a.column)) b = {a.line, a.column + 1};
  return Json{{"startLine", a.line},
              {"startColumn", a.column},
              {"endLine", b.line},
              {"endColumn", b.column}};
}

// A physical location, or null when the span is not in a file under the root
// (the <command line> pseudo-file of --var values).
Json Physical(const ReportContext& ctx, Span s) {
  if (!s.valid() || s.file->real_path().empty()) return nullptr;
  return Json{{"artifactLocation",
               {{"uri", UriEncode(RootRelative(ctx, *s.file))}, {"uriBaseId", kSrcRoot}}},
              {"region", Region(s)}};
}

Json Descriptor(const ReportContext& ctx, const Rule& r) {
  Json tags = Json::array({"security", "aws"});
  std::string id(r.id);
  if (r.team()) {
    tags.push_back("team-policy");
  } else {
    // The service is the ID's second word: aws-rds-multi-az -> rds.
    size_t a = id.find('-'), b = a == std::string::npos ? a : id.find('-', a + 1);
    if (b != std::string::npos) tags.push_back(id.substr(a + 1, b - a - 1));
  }
  if (r.scope == Scope::kProd) tags.push_back("production");
  Severity sev = RuleSeverity(ctx, r);
  Json d;
  d["id"] = id;
  d["name"] = PascalCase(r.id);
  d["shortDescription"] = {{"text", Sentence(std::string(r.title))}};
  d["fullDescription"] = {
      {"text", Sentence(std::string(r.rationale.empty() ? r.title : r.rationale))}};
  d["help"] = {{"text", ExplainText(r)}, {"markdown", RuleHelpMarkdown(r)}};
  // A team rule links to its team's page, when the policy names one.
  if (std::string uri = HelpUri(r); !uri.empty()) d["helpUri"] = uri;
  d["defaultConfiguration"] = {{"level", std::string(Level(sev))}};
  d["properties"] = {{"tags", std::move(tags)},
                     {"security-severity", std::string(SecuritySeverity(sev))},
                     {"precision", "high"}};
  return d;
}

Json Result(const ReportContext& ctx, const Finding& f, size_t rule_index) {
  Json r;
  r["ruleId"] = f.rule;
  r["ruleIndex"] = rule_index;
  r["level"] = std::string(Level(f.severity));
  std::string context = "resource " + f.resource;
  if (f.environment) context += ", environment " + *f.environment;
  r["message"] = {{"text", Sentence(f.message + " (" + context + ")")}};
  Json loc;
  Json phys = Physical(ctx, f.primary);
  if (!phys.is_null()) loc["physicalLocation"] = std::move(phys);
  loc["logicalLocations"] =
      Json::array({{{"fullyQualifiedName", f.resource}, {"kind", "resource"}}});
  r["locations"] = Json::array({std::move(loc)});
  // Rule, resource, environment and attribute: stable when lines move.
  r["partialFingerprints"] = {{"infracheckFingerprint/v1", f.fingerprint}};
  Json related = Json::array();
  for (const RelatedSpan& rel : f.related) {
    Json l;
    l["id"] = related.size() + 1;
    Json p = Physical(ctx, rel.span);
    if (!p.is_null()) l["physicalLocation"] = std::move(p);
    l["message"] = {{"text", Sentence(rel.message)}};
    related.push_back(std::move(l));
  }
  if (!related.empty()) r["relatedLocations"] = std::move(related);
  if (f.suppressed) {
    Json s;
    s["kind"] = f.suppression_kind == SuppressionKind::kInline ? "inSource" : "external";
    s["status"] = "accepted";
    s["justification"] = f.suppression;
    if (f.suppression_kind == SuppressionKind::kInline) {
      Json p = Physical(ctx, f.suppression_span);
      if (!p.is_null()) s["location"] = {{"physicalLocation", std::move(p)}};
    }
    r["suppressions"] = Json::array({std::move(s)});
  }
  Json props = {{"severity", std::string(SeverityName(f.severity))}, {"resource", f.resource}};
  if (f.environment) props["environment"] = *f.environment;
  r["properties"] = std::move(props);
  return r;
}

Json Notification(const ReportContext& ctx, const Diagnostic& d) {
  Json n;
  n["level"] = d.warning ? "warning" : "error";
  n["message"] = {{"text", Sentence(d.message)}};
  if (d.file.empty() || d.file.front() == '<' || !ctx.result.project) return n;
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(d.file), ec);
  fs::path rel = p.lexically_relative(ctx.result.project->files().root());
  if (ec || rel.empty() || *rel.begin() == "..") return n;
  Json phys = {
      {"artifactLocation", {{"uri", UriEncode(rel.generic_string())}, {"uriBaseId", kSrcRoot}}}};
  if (d.line) {
    phys["region"] = {{"startLine", d.line}, {"startColumn", std::max<uint32_t>(1, d.column)}};
  }
  n["locations"] = Json::array({{{"physicalLocation", std::move(phys)}}});
  return n;
}

}  // namespace

Severity RuleSeverity(const ReportContext& ctx, const Rule& rule) {
  auto it = ctx.severity.find(rule.id);
  return it == ctx.severity.end() ? rule.severity : it->second;
}

std::string RootRelative(const ReportContext& ctx, const SourceFile& file) {
  if (!ctx.result.project) return file.path();
  const fs::path& root = ctx.result.project->files().root();
  fs::path rel = fs::path(file.real_path()).lexically_relative(root);
  if (file.real_path().empty() || rel.empty() || *rel.begin() == "..") return file.path();
  return rel.generic_string();
}

std::string RootRelative(const ReportContext& ctx, const std::string& display_path) {
  if (!ctx.result.project || display_path.empty() || display_path.front() == '<')
    return display_path;
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(display_path), ec);
  fs::path rel = p.lexically_relative(ctx.result.project->files().root());
  if (ec || rel.empty() || *rel.begin() == "..") return display_path;
  return rel.generic_string();
}

void WriteSarif(std::ostream& out, const ReportContext& ctx) {
  // Descriptors: every rule that ran, then any other rule a finding names.
  std::vector<const Rule*> rules(ctx.rules.begin(), ctx.rules.end());
  for (const Finding* f : ctx.findings) {
    bool listed =
        std::any_of(rules.begin(), rules.end(), [&](const Rule* r) { return r->id == f->rule; });
    const Rule* r = listed ? nullptr : FindRule(f->rule);
    if (r) rules.push_back(r);
  }
  Json descriptors = Json::array();
  std::map<std::string_view, size_t> index;
  for (const Rule* r : rules) {
    if (index.count(r->id)) continue;
    index[r->id] = descriptors.size();
    descriptors.push_back(Descriptor(ctx, *r));
  }
  // Over the limit, keep what matters most: unsuppressed, then most severe.
  std::vector<size_t> keep(ctx.findings.size());
  for (size_t i = 0; i < keep.size(); ++i) keep[i] = i;
  bool truncated = keep.size() > kMaxSarifResults;
  if (truncated) {
    auto rank = [&](size_t i) {
      const Finding& f = *ctx.findings[i];
      return std::make_tuple(f.suppressed, -static_cast<int>(f.severity), i);
    };
    std::stable_sort(keep.begin(), keep.end(),
                     [&](size_t a, size_t b) { return rank(a) < rank(b); });
    keep.resize(kMaxSarifResults);
    std::sort(keep.begin(), keep.end());
  }
  Json results = Json::array();
  for (size_t i : keep) {
    const Finding& f = *ctx.findings[i];
    auto it = index.find(f.rule);
    results.push_back(Result(ctx, f, it == index.end() ? 0 : it->second));
  }
  Json notifications = Json::array();
  for (const Diagnostic& d : ctx.result.errors) notifications.push_back(Notification(ctx, d));
  if (truncated) {
    notifications.push_back(
        {{"level", "warning"},
         {"message",
          {{"text", "Results truncated: " + std::to_string(kMaxSarifResults) + " of " +
                        std::to_string(ctx.findings.size()) +
                        " findings are included (code scanning accepts at most " +
                        std::to_string(kMaxSarifResults) +
                        " per run); unsuppressed and more severe findings were kept."}}},
         {"descriptor", {{"id", "results-truncated"}}}});
  }
  Json invocation;
  invocation["executionSuccessful"] = !ctx.result.input_error;
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

  Json driver;
  driver["name"] = "infracheck";
  driver["version"] = std::string(Version());
  driver["semanticVersion"] = std::string(Version());
  driver["informationUri"] = InformationUri();
  driver["rules"] = std::move(descriptors);

  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["invocations"] = Json::array({std::move(invocation)});
  std::string category = ctx.sarif_category.empty() ? "infracheck" : ctx.sarif_category;
  if (category.back() != '/') category += "/";
  run["automationDetails"] = {{"id", category}};
  if (ctx.result.project) {
    std::string root = ctx.result.project->files().root().generic_string();
    if (root.empty() || root.back() != '/') root += "/";
    run["originalUriBaseIds"] = {
        {kSrcRoot,
         {{"uri", "file://" + UriEncode(root)},
          {"description",
           {{"text", "The project root: the git work tree holding the scanned paths."}}}}}};
  }
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  if (truncated) {
    run["properties"] = {{"resultsTruncated", true}, {"totalResults", ctx.findings.size()}};
  }
  Json log;
  log["$schema"] = kSchema;
  log["version"] = "2.1.0";
  log["runs"] = Json::array({std::move(run)});
  out << log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace infracheck
