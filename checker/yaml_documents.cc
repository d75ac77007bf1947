#include "checker/yaml_documents.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <optional>
#include <sstream>

namespace infracheck {

namespace {

// Notes where each document starts, and nothing else.
class DocumentStarts : public YAML::EventHandler {
 public:
  YAML::Mark start;

  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

}  // namespace

std::vector<YAML::Node> LoadYamlDocuments(const std::string& text) {
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentStarts starts;
    std::optional<int> previous;
    while (parser.HandleNextDocument(starts)) {
      if (previous && starts.start.pos == *previous) {
        auto at = static_cast<size_t>(starts.start.pos);
        std::string what = at < text.size() ? "'" + text.substr(at, 1) + "'" : "end of file";
        throw YAML::ParserException(starts.start, "unexpected " + what);
      }
      previous = starts.start.pos;
    }
    return YAML::LoadAll(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own message for it is "bad file".
    throw YAML::ParserException(e.mark, "nested too deeply");
  }
}

}  // namespace infracheck
