// Per-thread memos for pure predicates on strings that rules ask again and
// again: attribute names and policy actions repeat across resources and
// across environments.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace infracheck::rules {

/// Hashes std::string keys and std::string_view lookups alike. (At namespace
/// scope: GCC takes a local class's is_transparent for unused.)
struct MemoHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// Compute(key), remembered by the calling thread (each instantiation has
/// its own memo), up to kMaxEntries answers; the memo starts over when full.
template <bool (*Compute)(std::string_view), size_t kMaxEntries>
bool MemoizedPerThread(std::string_view key) {
  thread_local std::unordered_map<std::string, bool, MemoHash, std::equal_to<>> memo;
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  bool answer = Compute(key);
  if (memo.size() >= kMaxEntries) memo.clear();
  memo.emplace(std::string(key), answer);
  return answer;
}

}  // namespace infracheck::rules
