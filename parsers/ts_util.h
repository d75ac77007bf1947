// RAII around tree-sitter handles, and the languages we parse.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <memory>
#include <string_view>

#include "parsers/ts_alloc.h"

extern "C" {
const TSLanguage* tree_sitter_hcl(void);
const TSLanguage* tree_sitter_typescript(void);
const TSLanguage* tree_sitter_json(void);
}

namespace infracheck::ts {

// A tree or parser made inside an ArenaScope is not deleted: its memory goes
// with the arena, and ts_tree_delete would only walk every node to free it.
struct TreeDeleter {
  void operator()(TSTree* t) const {
    if (!ArenaScope::Owns(t)) ts_tree_delete(t);
  }
};
struct ParserDeleter {
  void operator()(TSParser* p) const {
    if (!ArenaScope::Owns(p)) ts_parser_delete(p);
  }
};
using Tree = std::unique_ptr<TSTree, TreeDeleter>;
using Parser = std::unique_ptr<TSParser, ParserDeleter>;

/// A cursor that deletes itself.
class Cursor {
 public:
  explicit Cursor(TSNode node) : cursor_(ts_tree_cursor_new(node)) {}
  ~Cursor() { ts_tree_cursor_delete(&cursor_); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  TSTreeCursor* get() { return &cursor_; }

 private:
  TSTreeCursor cursor_;
};

/// A parse's work, in tree-sitter's progress reports (one per 100 operations).
struct ParseWork {
  uint64_t reports = 0;  ///< what the parse used (one over the budget: stopped)
  uint64_t budget = 0;   ///< what it was allowed
};

/// Parses `text` with this thread's parser for `language` (one parser per
/// thread and language, reused across files). Returns null if tree-sitter
/// gave up: it never fails on bad syntax (it marks ERROR nodes), but a parse
/// is stopped after 100,000 operations plus 5 per byte of text, which only
/// error recovery on hostile input ever needs. `work`, when given, says how
/// much it used.
Tree Parse(const TSLanguage* language, std::string_view text, ParseWork* work = nullptr);

/// The first ERROR or MISSING node under `node`, or a null node.
TSNode FirstError(TSNode node);
/// The first child of `node` that is or holds an error, or a null node.
TSNode FirstErroneousChild(TSNode node);

/// Symbol id of a named node type in a language (0 when absent).
TSSymbol Symbol(const TSLanguage* language, std::string_view name, bool named = true);

}  // namespace infracheck::ts
