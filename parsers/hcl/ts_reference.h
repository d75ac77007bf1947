// The tree-sitter HCL parser the native parser replaced, kept as a test
// oracle: hcl_differential_test.cc parses every fixture with both and
// compares the trees. Not linked into the product.
#pragma once

#include <memory>

#include "parsers/hcl/syntax.h"

namespace infracheck::hcl {

/// ParseFile, through tree-sitter-hcl and a converter.
std::unique_ptr<File> ParseFileTreeSitter(const SourceFile& source);
/// ParseTemplate, through tree-sitter-hcl (the file wrapped in a heredoc).
std::unique_ptr<File> ParseTemplateTreeSitter(const SourceFile& source);

}  // namespace infracheck::hcl
