// A parallel for-each over indexes: the work of a scan is a list of
// independent items (files to parse, environments to evaluate).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace infracheck {

/// Number of workers for `jobs` (0 = one per core).
inline int Workers(int jobs) {
  if (jobs > 0) return jobs;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

/// Calls fn(i) for i in [0, n) on up to `jobs` threads. Items are taken in
/// order; results must be written to per-index slots to stay deterministic.
inline void ParallelFor(size_t n, int jobs, const std::function<void(size_t)>& fn) {
  int workers = std::min<int>(Workers(jobs), static_cast<int>(n));
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i = next++; i < n; i = next++) fn(i);
  };
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(workers - 1));
  for (int t = 1; t < workers; ++t) threads.emplace_back(run);
  run();
  for (auto& t : threads) t.join();
}

}  // namespace infracheck
