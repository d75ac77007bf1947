// GitHub Actions workflow commands: one annotation per finding on the pull
// request's diff (`::error file=…,line=…::message`), then a summary line.
#include <map>

#include "checker/report.h"

namespace infracheck {

namespace {

// Workflow command data: %, CR and LF are percent-encoded.
std::string Data(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// Property values also encode the separators ':' and ','.
std::string Property(std::string_view s) {
  std::string out;
  for (char c : Data(s)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string_view Command(Severity s) {
  switch (s) {
    case Severity::kCritical:
    case Severity::kHigh:
      return "error";
    case Severity::kMedium:
      return "warning";
    case Severity::kLow:
      return "notice";
  }
  return "notice";
}

}  // namespace

void WriteGithub(std::ostream& out, const ReportContext& ctx) {
  for (const Diagnostic& d : ctx.result.errors) {
    out << "::" << (d.warning ? "warning" : "error");
    if (!d.file.empty()) {
      out << " file=" << Property(RootRelative(ctx, d.file));
      if (d.line) out << ",line=" << d.line << ",col=" << d.column;
    }
    out << "::" << Data(d.message) << "\n";
  }
  std::map<Severity, size_t> counts;
  size_t shown = 0, suppressed = 0;
  for (const Finding* f : ctx.findings) {
    if (f->suppressed) {
      ++suppressed;
      continue;
    }
    ++shown;
    ++counts[f->severity];
    out << "::" << Command(f->severity);
    std::string props;
    if (f->primary.valid()) {
      Position a = f->primary.start(), b = f->primary.stop();
      props += "file=" + Property(RootRelative(ctx, *f->primary.file)) +
               ",line=" + std::to_string(a.line) + ",col=" + std::to_string(a.column) +
               ",endLine=" + std::to_string(b.line) + ",endColumn=" + std::to_string(b.column) +
               ",";
    }
    props += "title=" +
             Property(std::string(SeverityName(f->severity)) + " " + f->rule + ": " + f->title);
    out << " " << props << "::";
    std::string message = f->message + "\n" + f->resource;
    if (f->environment) message += ", environment " + *f->environment;
    for (const RelatedSpan& r : f->related) {
      if (!r.span.valid()) continue;
      Position p = r.span.start();
      message += "\n" + RootRelative(ctx, *r.span.file) + ":" + std::to_string(p.line) + ":" +
                 std::to_string(p.column) + ": " + r.message;
    }
    out << Data(message) << "\n";
  }
  out << "infracheck: " << shown << (shown == 1 ? " finding" : " findings");
  if (shown) {
    out << " (";
    bool first = true;
    for (Severity s : {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow}) {
      if (!counts[s]) continue;
      out << (first ? "" : ", ") << counts[s] << " " << SeverityName(s);
      first = false;
    }
    out << ")";
  }
  if (suppressed) out << ", " << suppressed << " suppressed";
  out << "\n";
}

}  // namespace infracheck
