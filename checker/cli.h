// The command line entry point.
#pragma once

namespace infracheck {

/// Runs infracheck with these arguments; returns the process exit code.
int RunCli(int argc, char** argv);

}  // namespace infracheck
