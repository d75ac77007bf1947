// Fuzz targets: one function per loader, each taking arbitrary bytes through
// the same code the scanner runs on a file of that kind. libFuzzer harnesses
// (tests/fuzz/CMakeLists.txt, built with INFRACHECK_FUZZ) call one each; the
// unit tests replay tests/fuzz_regressions/<target>/ through all of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace infracheck::fuzz {

/// A target returns 0, or -1 for an input the scanner would never parse
/// (not UTF-8, say), which libFuzzer then keeps out of the corpus.
using Target = int (*)(std::string_view input);

/// HCL native syntax and template files (.tf, .tfvars, templatefile()).
int Hcl(std::string_view input);
/// A Terraform module from one .tf file: parse, evaluate (functions,
/// file()/templatefile() of itself), build the graph, run every rule, print
/// the resources as inspect does.
int Terraform(std::string_view input);
/// An SST config (sst.config.ts): parse, evaluate both stages, translate,
/// run every rule.
int Sst(std::string_view input);
/// JSON documents: the JSON parser, format recognition, the translation of
/// task definitions, IAM policies and plans, jsondecode().
int Json(std::string_view input);
/// .infracheck.yml, and the globs its ignores use.
int Config(std::string_view input);
/// Suppression comments: parsing, and placement in an HCL file and in a
/// line-based (TypeScript) file.
int Suppression(std::string_view input);
/// A team policy file, then its rules run on a module's graph and reported.
int Policy(std::string_view input);

struct NamedTarget {
  std::string_view name;  ///< as tools/fuzz and tests/fuzz_regressions/ name it
  Target fn;
};

/// Every target, by name.
std::span<const NamedTarget> Targets();

}  // namespace infracheck::fuzz
