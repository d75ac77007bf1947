#include <exception>
#include <iostream>
#include <new>

#include "checker/cli.h"

// The last line of defence: whatever escapes is reported as an internal
// error with exit code 2 (the scan could not be completed), never an abort.
int main(int argc, char** argv) {
  try {
    return infracheck::RunCli(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "infracheck: internal error: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "infracheck: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "infracheck: internal error\n";
  }
  return 2;
}
