// The human report: one block per finding, ninja/clang style.
//
//   modules/rds/main.tf:20:3: high aws-rds-multi-az: RDS instance is not Multi-AZ
//       20 |   multi_az = var.multi_az
//          |   ^^^^^^^^^^^^^^^^^^^^^^^
//     module.rds.aws_db_instance.main, environment prod
//     environments/prod/prod.tfvars:3:12: value set here
#include <algorithm>
#include <map>

#include "checker/report.h"

namespace infracheck {

namespace {

struct Style {
  bool on;
  std::string_view Bold() const { return on ? "\033[1m" : ""; }
  std::string_view Dim() const { return on ? "\033[2m" : ""; }
  std::string_view Reset() const { return on ? "\033[0m" : ""; }
  std::string_view For(Severity s) const {
    if (!on) return "";
    switch (s) {
      case Severity::kCritical:
        return "\033[1;35m";
      case Severity::kHigh:
        return "\033[1;31m";
      case Severity::kMedium:
        return "\033[1;33m";
      case Severity::kLow:
        return "\033[1;36m";
    }
    return "";
  }
};

std::string Where(Span s) {
  if (!s.valid()) return "<unknown>";
  Position p = s.start();
  return s.file->path() + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

// The source line of a span with a caret underline, tabs shown as spaces.
void CodeFrame(std::ostream& out, Span s, const Style& st) {
  if (!s.valid()) return;
  Position a = s.start(), b = s.stop();
  std::string line(s.file->Line(a.line));
  std::replace(line.begin(), line.end(), '\t', ' ');
  if (line.size() > 200) line = line.substr(0, 200) + "...";
  std::string num = std::to_string(a.line);
  std::string pad(num.size(), ' ');
  out << "    " << st.Dim() << num << " |" << st.Reset() << " " << line << "\n";
  // Count code points up to the caret (columns are code points).
  size_t chars = 0;
  for (unsigned char c : line) chars += (c & 0xC0) != 0x80;
  uint32_t start = a.column;
  uint32_t end = b.line == a.line ? b.column : static_cast<uint32_t>(chars + 1);
  if (end <= start) end = start + 1;
  if (start > chars + 1) return;
  end = std::min<uint32_t>(end, static_cast<uint32_t>(chars + 1));
  out << "    " << st.Dim() << pad << " |" << st.Reset() << " " << std::string(start - 1, ' ')
      << st.Bold() << std::string(std::max<uint32_t>(1, end - start), '^') << st.Reset() << "\n";
}

}  // namespace

void WriteText(std::ostream& out, const ReportContext& ctx) {
  Style st{ctx.color};
  for (const Diagnostic& d : ctx.result.errors) {
    out << (d.file.empty() ? "infracheck" : d.file);
    if (d.line) out << ":" << d.line << ":" << d.column;
    out << ": " << st.Bold() << (d.warning ? "warning:" : "error:") << st.Reset() << " "
        << d.message << "\n";
  }
  if (!ctx.result.errors.empty() && !ctx.findings.empty()) out << "\n";
  std::map<Severity, size_t> counts;
  size_t shown = 0, suppressed = 0;
  for (const Finding* f : ctx.findings) {
    if (f->suppressed) {
      ++suppressed;
      continue;
    }
    ++shown;
    ++counts[f->severity];
    out << st.Bold() << Where(f->primary) << ":" << st.Reset() << " " << st.For(f->severity)
        << SeverityName(f->severity) << st.Reset() << " " << st.Bold() << f->rule << st.Reset()
        << ": " << f->message << "\n";
    CodeFrame(out, f->primary, st);
    out << "  " << st.Dim() << f->resource;
    if (f->environment) out << ", environment " << *f->environment;
    out << st.Reset() << "\n";
    for (const RelatedSpan& r : f->related) {
      out << "  " << Where(r.span) << ": " << r.message << "\n";
    }
    out << "\n";
  }
  const ScanResult& res = ctx.result;
  std::string where =
      std::to_string(res.files) + (res.files == 1 ? " file, " : " files, ") +
      std::to_string(res.resources) + (res.resources == 1 ? " resource, " : " resources, ") +
      std::to_string(res.environments) + (res.environments == 1 ? " environment" : " environments");
  if (shown == 0) {
    out << "No findings in " << where << ".";
  } else {
    out << st.Bold() << shown << (shown == 1 ? " finding" : " findings") << st.Reset() << " (";
    bool first = true;
    for (Severity s : {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow}) {
      if (!counts[s]) continue;
      out << (first ? "" : ", ") << counts[s] << " " << SeverityName(s);
      first = false;
    }
    out << ") in " << where << ".";
  }
  if (suppressed) out << " " << suppressed << " suppressed.";
  size_t warnings = 0;
  for (const Diagnostic& d : res.errors) warnings += d.warning;
  size_t errors = res.errors.size() - warnings;
  if (errors) out << " " << errors << (errors == 1 ? " error." : " errors.");
  if (warnings) out << " " << warnings << (warnings == 1 ? " warning." : " warnings.");
  out << "\n";
}

}  // namespace infracheck
