#include <nlohmann/json.hpp>

#include "checker/report.h"

namespace infracheck {

#ifndef INFRACHECK_VERSION
#define INFRACHECK_VERSION "0.0.0"
#endif

std::string_view Version() { return INFRACHECK_VERSION; }

namespace {

using Json = nlohmann::ordered_json;

Json Location(Span s) {
  Json j;
  Position a = s.start(), b = s.stop();
  j["file"] = s.file ? s.file->path() : "";
  j["line"] = a.line;
  j["column"] = a.column;
  j["end_line"] = b.line;
  j["end_column"] = b.column;
  return j;
}

}  // namespace

void WriteJson(std::ostream& out, const ReportContext& ctx) {
  Json root;
  root["tool"] = {{"name", "infracheck"}, {"version", std::string(Version())}};
  Json findings = Json::array();
  Json by_severity = {{"critical", 0}, {"high", 0}, {"medium", 0}, {"low", 0}};
  size_t counted = 0;
  for (const Finding* f : ctx.findings) {
    Json j;
    j["rule"] = f->rule;
    j["severity"] = std::string(SeverityName(f->severity));
    j["title"] = f->title;
    j["message"] = f->message;
    j["resource"] = f->resource;
    j["environment"] = f->environment ? Json(*f->environment) : Json(nullptr);
    j["location"] = Location(f->primary);
    Json related = Json::array();
    for (const RelatedSpan& r : f->related) {
      Position p = r.span.start();
      related.push_back({{"file", r.span.file ? r.span.file->path() : ""},
                         {"line", p.line},
                         {"column", p.column},
                         {"message", r.message}});
    }
    j["related"] = std::move(related);
    j["fingerprint"] = f->fingerprint;
    j["suppressed"] = f->suppressed;
    if (f->suppressed) {
      // Why, and by what: an inline comment (with its place), the
      // configuration, or the baseline.
      Json s;
      s["kind"] = f->suppression_kind == SuppressionKind::kInline   ? "inline"
                  : f->suppression_kind == SuppressionKind::kConfig ? "config"
                                                                    : "baseline";
      s["reason"] = f->suppression;
      if (f->suppression_kind == SuppressionKind::kInline && f->suppression_span.valid()) {
        Position p = f->suppression_span.start();
        s["file"] = f->suppression_span.file->path();
        s["line"] = p.line;
      }
      j["suppression"] = std::move(s);
    }
    findings.push_back(std::move(j));
    if (!f->suppressed) {
      by_severity[std::string(SeverityName(f->severity))] =
          by_severity[std::string(SeverityName(f->severity))].get<int>() + 1;
      ++counted;
    }
  }
  root["findings"] = std::move(findings);
  Json errors = Json::array();
  for (const Diagnostic& d : ctx.result.errors) {
    Json e = {{"file", d.file}, {"line", d.line}, {"column", d.column}, {"message", d.message}};
    // A compatible extension: warnings say so; errors stay as they were.
    if (d.warning) e["level"] = "warning";
    errors.push_back(std::move(e));
  }
  root["errors"] = std::move(errors);
  root["summary"] = {{"files", ctx.result.files},
                     {"resources", ctx.result.resources},
                     {"environments", ctx.result.environments},
                     {"findings", counted},
                     {"by_severity", std::move(by_severity)}};
  out << root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace infracheck
