#include "parsers/ts_util.h"

#include <map>

#include "parsers/ts_alloc.h"

namespace infracheck::ts {

namespace {

// tree-sitter reports progress every 100 parse operations. A parse normally
// takes a few operations per byte; error recovery on hostile input (100,000
// unclosed brackets) can take quadratically many. The budget counts reports,
// so where a parse stops does not depend on the machine's speed.
struct Budget {
  uint64_t reports = 0;
  uint64_t limit = 0;
};

bool OverBudget(TSParseState* state) {
  auto* b = static_cast<Budget*>(state->payload);
  return ++b->reports > b->limit;
}

Tree ParseWithBudget(TSParser* parser, std::string_view text) {
  // 100 operations per report: 20 operations a byte, and a floor for small files.
  Budget budget{0, 100'000 + text.size() / 5};
  TSInput input{};
  struct Text {
    std::string_view text;
  } payload{text};
  input.payload = &payload;
  input.encoding = TSInputEncodingUTF8;
  input.read = [](void* p, uint32_t byte, TSPoint, uint32_t* read) -> const char* {
    std::string_view t = static_cast<Text*>(p)->text;
    if (byte >= t.size()) {
      *read = 0;
      return "";
    }
    *read = static_cast<uint32_t>(t.size() - byte);
    return t.data() + byte;
  };
  TSParseOptions options{&budget, OverBudget};
  Tree tree(ts_parser_parse_with_options(parser, nullptr, input, options));
  // A cancelled parse would resume on the next call: start afresh instead.
  if (!tree) ts_parser_reset(parser);
  return tree;
}

}  // namespace

Tree Parse(const TSLanguage* language, std::string_view text) {
  InstallAllocator();
  if (ArenaScope::Active()) {
    // Inside an arena the parser must not outlive the file: a fresh one each
    // time (it is cheap), gone before the arena is released.
    Parser p(ts_parser_new());
    ts_parser_set_language(p.get(), language);
    return ParseWithBudget(p.get(), text);
  }
  thread_local std::map<const TSLanguage*, Parser> parsers;
  Parser& p = parsers[language];
  if (!p) {
    p.reset(ts_parser_new());
    ts_parser_set_language(p.get(), language);
  }
  return ParseWithBudget(p.get(), text);
}

TSNode FirstErroneousChild(TSNode node) {
  // A cursor, not ts_node_child(i): that walks from the first child each
  // time, and an ERROR node can have 100,000 children.
  TSTreeCursor c = ts_tree_cursor_new(node);
  TSNode found{};
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&c);
      if (ts_node_is_error(child) || ts_node_is_missing(child) || ts_node_has_error(child)) {
        found = child;
        break;
      }
    } while (ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
  return found;
}

TSNode FirstError(TSNode node) {
  // A loop, not recursion: a broken file can nest as deep as it is long.
  if (!ts_node_has_error(node)) return TSNode{};
  while (!ts_node_is_error(node) && !ts_node_is_missing(node)) {
    TSNode next = FirstErroneousChild(node);
    if (ts_node_is_null(next)) return node;
    node = next;
  }
  return node;
}

TSSymbol Symbol(const TSLanguage* language, std::string_view name, bool named) {
  return ts_language_symbol_for_name(language, name.data(), static_cast<uint32_t>(name.size()),
                                     named);
}

}  // namespace infracheck::ts
