#include "checker/terraform/template_json.h"

#include <vector>

#include "parsers/json/json_parser.h"

namespace infracheck::tf {

namespace {

class Mapper {
 public:
  explicit Mapper(std::vector<RenderedSegment> segments) : segments_(std::move(segments)) {}

  Span Map(Span s) const {
    uint32_t b = Point(s.begin, false), e = Point(s.end, true);
    if (e < b) e = b;
    return Span{file(), b, e};
  }

  Value Rebuild(const Value& v, int depth) const {
    Span at = Map(v.origin());
    if (depth > 256) return v.WithOrigin(at);
    if (v.is_list()) {
      std::vector<Value> items;
      for (const Value& item : v.items()) items.push_back(Rebuild(item, depth + 1));
      return Value::List(std::move(items), at);
    }
    if (v.is_object()) {
      std::vector<Field> fields;
      for (const Field& f : v.fields()) {
        fields.push_back(Field{f.key, Rebuild(f.value, depth + 1), Map(f.key_span)});
      }
      return Value::Object(std::move(fields), at);
    }
    return v.WithOrigin(at);
  }

 private:
  const SourceFile* file() const { return segments_.front().source.file; }

  // Maps an offset of the rendered text to one in the template file.
  uint32_t Point(uint32_t x, bool is_end) const {
    for (const RenderedSegment& s : segments_) {
      bool inside =
          is_end ? (x > s.out_begin && x <= s.out_end) : (x >= s.out_begin && x < s.out_end);
      if (!inside) continue;
      if (s.exact) return s.source.begin + (x - s.out_begin);
      return is_end ? s.source.end : s.source.begin;
    }
    return is_end ? segments_.back().source.end : segments_.front().source.begin;
  }

  std::vector<RenderedSegment> segments_;
};

}  // namespace

std::optional<Value> LocateTemplateJson(const hcl::File& templ, const std::string& rendered) {
  if (!templ.templ || templ.templ->parts.empty() || rendered.empty()) return std::nullopt;
  // Align the template's parts with the rendered text: literal text appears
  // verbatim, an interpolation fills the gap up to the next literal.
  std::vector<RenderedSegment> segments;
  const auto& parts = templ.templ->parts;
  uint32_t pos = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    const hcl::TemplatePart& p = parts[i];
    if (p.kind == hcl::TemplatePart::Kind::kLiteral) {
      if (rendered.compare(pos, p.text.size(), p.text) != 0) return std::nullopt;
      RenderedSegment s{pos, pos + static_cast<uint32_t>(p.text.size()), p.span, false};
      s.exact = p.span.text() == p.text;
      segments.push_back(s);
      pos = s.out_end;
      continue;
    }
    if (p.kind != hcl::TemplatePart::Kind::kInterpolation) return std::nullopt;
    uint32_t end = static_cast<uint32_t>(rendered.size());
    if (i + 1 < parts.size()) {
      const hcl::TemplatePart& next = parts[i + 1];
      if (next.kind != hcl::TemplatePart::Kind::kLiteral) return std::nullopt;
      // The rendered value cannot be told from the next literal if it
      // contains it; JSON values rarely do, and a wrong guess fails below.
      size_t at = next.text.empty() ? std::string::npos : rendered.find(next.text, pos);
      if (at == std::string::npos) return std::nullopt;
      end = static_cast<uint32_t>(at);
    }
    segments.push_back(RenderedSegment{pos, end, p.span, false});
    pos = end;
  }
  if (pos != rendered.size()) return std::nullopt;
  return LocateRenderedJson(rendered, std::move(segments));
}

std::optional<Value> LocateRenderedJson(std::string_view rendered,
                                        std::vector<RenderedSegment> segments) {
  if (segments.empty() || !segments.front().source.valid()) return std::nullopt;
  // Parse with offsets of the rendered text, then move them to the file.
  json::ParseResult r = json::ParseAt(rendered, segments.front().source.file, 0);
  if (!r.value) return std::nullopt;
  return Mapper(std::move(segments)).Rebuild(*r.value, 0);
}

}  // namespace infracheck::tf
