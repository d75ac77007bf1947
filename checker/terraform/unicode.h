// UTF-8 and the bits of Unicode the string functions need, as Go and
// go-textseg (Unicode 15.0) implement them for Terraform.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace infracheck::tf::unicode {

/// Decodes the code point at `pos` and advances past it; an invalid byte
/// decodes as U+FFFD and advances by one, as Go does.
char32_t Decode(std::string_view s, size_t& pos);
/// Appends the UTF-8 encoding of `cp`.
void Append(std::string& out, char32_t cp);
bool IsValidUtf8(std::string_view s);
/// Number of code points.
size_t CodePointCount(std::string_view s);

/// Simple case mappings (Go's unicode.ToUpper, ToLower, ToTitle).
char32_t ToUpper(char32_t cp);
char32_t ToLower(char32_t cp);
char32_t ToTitle(char32_t cp);
/// Go's unicode.IsSpace.
bool IsSpace(char32_t cp);

/// Go's strings.ToUpper / ToLower / Title.
std::string Upper(std::string_view s);
std::string Lower(std::string_view s);
std::string Title(std::string_view s);

/// Byte offsets where the extended grapheme clusters of `s` start, followed
/// by s.size(); {0} for an empty string.
std::vector<size_t> GraphemeBounds(std::string_view s);
size_t GraphemeCount(std::string_view s);

/// True when NFC leaves `s` unchanged for certain (Terraform normalizes every
/// string to NFC; a string that fails this might not be normalized).
bool IsSurelyNfc(std::string_view s);

}  // namespace infracheck::tf::unicode
