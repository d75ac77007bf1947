// Message digests for md5(), sha1(), sha256(), sha512(), uuidv5() and the
// file hash functions. Small self-contained implementations of the
// published algorithms (RFC 1321, FIPS 180-4); each returns the raw digest.
// Not OpenSSL's libcrypto: loading it adds 0.9 ms and 1.5 MB of RSS to every
// run (2.1 ms for an empty directory without it), for functions few
// configurations call; the oracle tests check these against Terraform.
#pragma once

#include <string>
#include <string_view>

namespace infracheck::tf::hash {

std::string Md5(std::string_view data);
std::string Sha1(std::string_view data);
std::string Sha256(std::string_view data);
std::string Sha512(std::string_view data);

}  // namespace infracheck::tf::hash
