#include "parsers/ts_alloc.h"

#include <tree_sitter/api.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

namespace infracheck::ts {

namespace {

// Every allocation carries a header saying where it came from, so free()
// and realloc() know what to do whichever way it was made.
struct alignas(16) Header {
  size_t size;
  uint64_t from_arena;
};

struct Arena {
  std::vector<std::unique_ptr<char[]>> blocks;
  char* next = nullptr;
  size_t left = 0;
  bool active = false;

  void* Take(size_t total) {
    if (total > left) {
      size_t block = std::max<size_t>(size_t{1} << 20, total);
      blocks.push_back(std::make_unique<char[]>(block));
      next = blocks.back().get();
      left = block;
    }
    void* p = next;
    next += total;
    left -= total;
    return p;
  }

  void Reset() {
    // Keep the first block for the next file; drop the rest.
    if (blocks.size() > 1) blocks.resize(1);
    next = blocks.empty() ? nullptr : blocks[0].get();
    left = blocks.empty() ? 0 : size_t{1} << 20;
  }
};

thread_local Arena t_arena;

size_t Total(size_t size) { return (sizeof(Header) + size + 15) & ~size_t{15}; }

void* Allocate(size_t size) {
  size_t total = Total(size);
  Header* h;
  if (t_arena.active) {
    h = static_cast<Header*>(t_arena.Take(total));
    h->from_arena = 1;
  } else {
    h = static_cast<Header*>(std::malloc(total));
    if (!h) std::abort();
    h->from_arena = 0;
  }
  h->size = size;
  return h + 1;
}

void* Calloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) std::abort();
  void* p = Allocate(count * size);
  std::memset(p, 0, count * size);
  return p;
}

void Free(void* p) {
  if (!p) return;
  Header* h = static_cast<Header*>(p) - 1;
  if (!h->from_arena) std::free(h);
}

void* Realloc(void* p, size_t size) {
  if (!p) return Allocate(size);
  Header* h = static_cast<Header*>(p) - 1;
  if (!h->from_arena) {
    Header* n = static_cast<Header*>(std::realloc(h, Total(size)));
    if (!n) std::abort();
    n->size = size;
    return n + 1;
  }
  if (size <= h->size) return p;
  void* fresh = Allocate(size);
  std::memcpy(fresh, p, h->size);
  return fresh;
}

}  // namespace

void InstallAllocator() {
  static std::once_flag once;
  std::call_once(once, [] { ts_set_allocator(Allocate, Calloc, Realloc, Free); });
}

ArenaScope::ArenaScope(size_t input_size)
    : active_(input_size <= kMaxArenaInput && !t_arena.active) {
  InstallAllocator();
  if (active_) t_arena.active = true;
}

ArenaScope::~ArenaScope() {
  if (!active_) return;
  t_arena.active = false;
  t_arena.Reset();
}

bool ArenaScope::Active() { return t_arena.active; }

bool ArenaScope::Owns(const void* p) {
  return p && (static_cast<const Header*>(p) - 1)->from_arena != 0;
}

}  // namespace infracheck::ts
