// Eight bytes at a time: counting and scanning the text of every file read
// (each file's lines and code points are indexed, and its UTF-8 checked).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace infracheck::bytes {

inline constexpr uint64_t kHighBits = 0x8080808080808080ull;
inline constexpr uint64_t kLowBits = 0x7F7F7F7F7F7F7F7Full;

inline uint64_t Load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

/// The high bit of each byte of `w` that is zero, and no other bit.
inline uint64_t ZeroBytes(uint64_t w) { return ~(((w & kLowBits) + kLowBits) | w | kLowBits); }

/// How many bytes of `m` have their high bit set, for an `m` with no other
/// bits: the bits moved to each byte's low bit, summed into the top byte by
/// one multiplication (std::popcount is a library call without -mpopcnt).
inline size_t CountHighBits(uint64_t m) {
  return static_cast<size_t>(((m >> 7) * 0x0101010101010101ull) >> 56);
}

/// How many of the `n` bytes at `p` are `c`.
inline size_t Count(const char* p, size_t n, char c) {
  const uint64_t pattern = 0x0101010101010101ull * static_cast<unsigned char>(c);
  size_t count = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) count += CountHighBits(ZeroBytes(Load8(p + i) ^ pattern));
  for (; i < n; ++i) count += p[i] == c;
  return count;
}

/// How many UTF-8 code points start in the `n` bytes at `p` (every byte
/// that is not a continuation byte, 10xxxxxx).
inline size_t CodePoints(const char* p, size_t n) {
  size_t continuation = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w = Load8(p + i);
    // Bit 7 set and bit 6 clear: shifting left by one brings each byte's
    // bit 6 to its bit 7.
    continuation += CountHighBits(w & ~(w << 1) & kHighBits);
  }
  for (; i < n; ++i) continuation += (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80;
  return n - continuation;
}

/// Whether the 8 bytes at `p` are all ASCII and none is NUL.
inline bool PlainAscii8(const char* p) {
  uint64_t w = Load8(p);
  return (w & kHighBits) == 0 && ZeroBytes(w) == 0;
}

/// `a < b` as std::string orders them (bytes compared unsigned), deciding on
/// the first byte inline when it differs: names kept sorted (object keys,
/// variables) mostly differ there, and memcmp is a call.
inline bool Less(std::string_view a, std::string_view b) {
  if (!a.empty() && !b.empty() && a[0] != b[0]) {
    return static_cast<unsigned char>(a[0]) < static_cast<unsigned char>(b[0]);
  }
  return a < b;
}

}  // namespace infracheck::bytes
