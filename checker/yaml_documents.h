// Reading a YAML stream's documents with yaml-cpp, without its endless loop.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace infracheck {

/// Every document of a YAML stream, as YAML::LoadAll returns them; throws
/// YAML::Exception (with the position) for a stream that is not YAML.
///
/// yaml-cpp 0.7's LoadAll never returns, and allocates until memory runs out,
/// on a stream its parser cannot advance through: a ',' outside any flow
/// collection makes an empty document that consumes nothing, again and again
/// (jbeder/yaml-cpp#1040, fixed upstream by #1319, after the version Debian
/// ships). So the stream is parsed once first, noting where each document
/// starts: a document that starts where the one before it did is that loop,
/// and a ParserException at the character it is stuck on. Nesting deeper than
/// yaml-cpp's recursion limit (about a thousand levels) is "nested too deeply"
/// where yaml-cpp would say "bad file".
std::vector<YAML::Node> LoadYamlDocuments(const std::string& text);

}  // namespace infracheck
