// Message digests for md5(), sha1(), sha256(), sha512(), uuidv5() and the
// file hash functions. Small self-contained implementations of the
// published algorithms (RFC 1321, FIPS 180-4); each returns the raw digest.
#pragma once

#include <string>
#include <string_view>

namespace infracheck::tf::hash {

std::string Md5(std::string_view data);
std::string Sha1(std::string_view data);
std::string Sha256(std::string_view data);
std::string Sha512(std::string_view data);

}  // namespace infracheck::tf::hash
