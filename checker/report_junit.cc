// JUnit XML for CI systems that show test results (GitLab, Jenkins): one
// test suite per rule, one test case per resource the rule checked; a finding
// is a failure, a suppressed one a skipped case, an input error an error.
#include <map>
#include <sstream>
#include <tuple>

#include "checker/report.h"

namespace infracheck {

namespace {

// XML 1.0 text: the five entities, newlines kept as character references
// (inside attributes), and characters XML cannot hold replaced with U+FFFD.
std::string Xml(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\'':
        out += attribute ? "&apos;" : "'";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\xEF\xBF\xBD";
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

std::string Where(const ReportContext& ctx, Span s) {
  if (!s.valid()) return "<unknown>";
  Position p = s.start();
  return RootRelative(ctx, *s.file) + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

struct Case {
  std::string resource;
  Span header;
  std::vector<const Finding*> findings;
};

}  // namespace

void WriteJunit(std::ostream& out, const ReportContext& ctx) {
  // rule -> (file, line, resource) -> case
  using CaseKey = std::tuple<std::string, uint32_t, std::string>;
  std::map<std::string, std::map<CaseKey, Case>> suites;
  auto key_of = [&](const std::string& resource, Span header) {
    return CaseKey{header.valid() ? RootRelative(ctx, *header.file) : std::string(),
                   header.start().line, resource};
  };
  // (rule, address) -> its cases (one per declaration with that address).
  std::map<std::pair<std::string_view, std::string_view>, std::vector<Case*>> by_address;
  for (const CheckedPair& p : ctx.result.checked) {
    Case& c = suites[p.rule][key_of(p.resource, p.header)];
    if (c.resource.empty()) by_address[{p.rule, p.resource}].push_back(&c);
    c.resource = p.resource;
    c.header = p.header;
  }
  for (const Finding* f : ctx.findings) {
    Case* match = nullptr;
    auto it = by_address.find({f->rule, f->resource});
    if (it != by_address.end()) {
      for (Case* c : it->second) {
        if (!match || (f->primary.valid() && c->header.file == f->primary.file)) match = c;
      }
    }
    if (!match) {
      match = &suites[f->rule][key_of(f->resource, f->primary)];
      match->resource = f->resource;
      match->header = f->primary;
    }
    match->findings.push_back(f);
  }
  size_t tests = 0, failures = 0, skipped = 0, errors = 0;
  std::ostringstream body;
  for (auto& [rule, cases] : suites) {
    size_t t = 0, fl = 0, sk = 0;
    std::ostringstream suite;
    for (auto& [key, c] : cases) {
      ++t;
      suite << "    <testcase name=\"" << Xml(c.resource, true) << "\" classname=\""
            << Xml(rule, true) << "\"";
      if (c.header.valid()) {
        suite << " file=\"" << Xml(RootRelative(ctx, *c.header.file), true) << "\" line=\""
              << c.header.start().line << "\"";
      }
      std::vector<const Finding*> open;
      for (const Finding* f : c.findings) {
        if (!f->suppressed) open.push_back(f);
      }
      if (open.empty() && c.findings.empty()) {
        suite << "/>\n";
        continue;
      }
      suite << ">\n";
      if (open.empty()) {
        ++sk;
        suite << "      <skipped message=\""
              << Xml("suppressed: " + c.findings.front()->suppression, true) << "\"/>\n";
      } else {
        ++fl;
        const Finding& first = *open.front();
        std::string text;
        for (const Finding* f : open) {
          text += Where(ctx, f->primary) + ": " + std::string(SeverityName(f->severity)) + " " +
                  f->rule + ": " + f->message + "\n";
          if (f->environment) text += "  environment " + *f->environment + "\n";
          for (const RelatedSpan& r : f->related) {
            text += "  " + Where(ctx, r.span) + ": " + r.message + "\n";
          }
        }
        suite << "      <failure message=\"" << Xml(first.message, true) << "\" type=\""
              << SeverityName(first.severity) << "\">" << Xml(text, false) << "</failure>\n";
      }
      suite << "    </testcase>\n";
    }
    tests += t;
    failures += fl;
    skipped += sk;
    body << "  <testsuite name=\"" << Xml(rule, true) << "\" tests=\"" << t << "\" failures=\""
         << fl << "\" errors=\"0\" skipped=\"" << sk << "\">\n"
         << suite.str() << "  </testsuite>\n";
  }
  // Input errors (files that could not be read or parsed) and warnings.
  std::ostringstream input;
  size_t input_tests = 0;
  std::string warnings;
  for (const Diagnostic& d : ctx.result.errors) {
    std::string where = d.file.empty() ? "infracheck" : d.file;
    if (d.line) where += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
    if (d.warning) {
      warnings += where + ": warning: " + d.message + "\n";
      continue;
    }
    ++input_tests;
    input << "    <testcase name=\"" << Xml(where, true) << "\" classname=\"input\">\n"
          << "      <error message=\"" << Xml(d.message, true) << "\" type=\"input\"/>\n"
          << "    </testcase>\n";
  }
  if (input_tests || !warnings.empty()) {
    tests += input_tests;
    errors += input_tests;
    body << "  <testsuite name=\"input\" tests=\"" << input_tests << "\" failures=\"0\" errors=\""
         << input_tests << "\" skipped=\"0\">\n"
         << input.str();
    if (!warnings.empty()) body << "    <system-out>" << Xml(warnings, false) << "</system-out>\n";
    body << "  </testsuite>\n";
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"infracheck\" tests=\"" << tests << "\" failures=\"" << failures
      << "\" errors=\"" << errors << "\" skipped=\"" << skipped << "\">\n"
      << body.str() << "</testsuites>\n";
}

}  // namespace infracheck
