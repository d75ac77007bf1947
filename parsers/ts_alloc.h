// Tree-sitter allocates and frees heavily while it parses. Within an
// ArenaScope, the current thread's tree-sitter allocations come from a bump
// arena and frees cost nothing; leaving the scope releases it all at once.
// Everything tree-sitter allocated inside the scope (parser, tree, cursors)
// must be gone before the scope ends.
#pragma once

#include <cstddef>

namespace infracheck::ts {

/// Routes tree-sitter's allocations through our functions. Call once, before
/// any thread parses (InstallAllocator is idempotent and thread-safe).
void InstallAllocator();

class ArenaScope {
 public:
  /// Files larger than this parse on the heap: an arena never frees, and a
  /// huge file would hold on to every intermediate allocation.
  static constexpr size_t kMaxArenaInput = 4u << 20;

  explicit ArenaScope(size_t input_size);
  ~ArenaScope();
  ArenaScope(const ArenaScope&) = delete;
  ArenaScope& operator=(const ArenaScope&) = delete;

  /// Whether the current thread is inside an active arena scope.
  static bool Active();
  /// Whether tree-sitter allocated `p` (a tree, a parser) in an arena: then
  /// deleting it only walks it to free what the arena frees at once anyway.
  static bool Owns(const void* p);

 private:
  bool active_;
};

}  // namespace infracheck::ts
