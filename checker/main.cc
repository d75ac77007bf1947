#include "checker/cli.h"

int main(int argc, char** argv) { return infracheck::RunCli(argc, argv); }
