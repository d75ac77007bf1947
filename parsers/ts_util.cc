#include "parsers/ts_util.h"

#include <map>

#include "parsers/ts_alloc.h"

namespace infracheck::ts {

Tree Parse(const TSLanguage* language, std::string_view text) {
  InstallAllocator();
  if (ArenaScope::Active()) {
    // Inside an arena the parser must not outlive the file: a fresh one each
    // time (it is cheap), gone before the arena is released.
    Parser p(ts_parser_new());
    ts_parser_set_language(p.get(), language);
    return Tree(
        ts_parser_parse_string(p.get(), nullptr, text.data(), static_cast<uint32_t>(text.size())));
  }
  thread_local std::map<const TSLanguage*, Parser> parsers;
  Parser& p = parsers[language];
  if (!p) {
    p.reset(ts_parser_new());
    ts_parser_set_language(p.get(), language);
  }
  return Tree(
      ts_parser_parse_string(p.get(), nullptr, text.data(), static_cast<uint32_t>(text.size())));
}

TSNode FirstError(TSNode node) {
  if (!ts_node_has_error(node)) return TSNode{};
  if (ts_node_is_error(node) || ts_node_is_missing(node)) return node;
  uint32_t n = ts_node_child_count(node);
  for (uint32_t i = 0; i < n; ++i) {
    TSNode child = ts_node_child(node, i);
    if (ts_node_is_error(child) || ts_node_is_missing(child)) return child;
    if (ts_node_has_error(child)) {
      TSNode e = FirstError(child);
      if (!ts_node_is_null(e)) return e;
    }
  }
  return node;
}

TSSymbol Symbol(const TSLanguage* language, std::string_view name, bool named) {
  return ts_language_symbol_for_name(language, name.data(), static_cast<uint32_t>(name.size()),
                                     named);
}

}  // namespace infracheck::ts
