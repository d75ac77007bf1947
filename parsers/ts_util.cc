#include "parsers/ts_util.h"

#include <map>

#include "parsers/ts_alloc.h"

namespace infracheck::ts {

namespace {

// tree-sitter reports progress every 100 parse operations. A parse normally
// takes about one operation per byte (at most 1.1 on the fixtures and on the
// TypeScript and JSON files of node_modules); error recovery on hostile input
// can take quadratically many (100,000 unclosed brackets), or run through the
// whole budget on 20 bytes (`{[{''(W:[""/}}}}}}` and a backtick: 8.6 seconds
// under the old floor of 10 million operations). The budget counts reports,
// so where a parse stops does not depend on the machine's speed.
struct Budget {
  uint64_t reports = 0;
  uint64_t limit = 0;
};

bool OverBudget(TSParseState* state) {
  auto* b = static_cast<Budget*>(state->payload);
  return ++b->reports > b->limit;
}

Tree ParseWithBudget(TSParser* parser, std::string_view text, ParseWork* work) {
  // 100 operations per report: 5 operations a byte, and 100,000 more for
  // small files (a 15 KB SST config uses 6,900).
  Budget budget{0, 1'000 + text.size() / 20};
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
  if (work) *work = ParseWork{budget.reports, budget.limit};
  return tree;
}

}  // namespace

Tree Parse(const TSLanguage* language, std::string_view text, ParseWork* work) {
  InstallAllocator();
  if (ArenaScope::Active()) {
    // Inside an arena the parser must not outlive the file: a fresh one each
    // time (it is cheap), gone before the arena is released.
    Parser p(ts_parser_new());
    ts_parser_set_language(p.get(), language);
    return ParseWithBudget(p.get(), text, work);
  }
  thread_local std::map<const TSLanguage*, Parser> parsers;
  Parser& p = parsers[language];
  if (!p) {
    p.reset(ts_parser_new());
    ts_parser_set_language(p.get(), language);
  }
  return ParseWithBudget(p.get(), text, work);
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
