// libFuzzer entry point for one target, chosen at compile time.
#include "tests/fuzz/targets.h"

#ifndef INFRACHECK_FUZZ_TARGET
#error "INFRACHECK_FUZZ_TARGET must name a function of tests/fuzz/targets.h"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return infracheck::fuzz::INFRACHECK_FUZZ_TARGET(
      std::string_view(reinterpret_cast<const char*>(data), size));
}
