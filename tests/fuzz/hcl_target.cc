// HCL: any bytes through the native-syntax and template parsers. Not
// filtered for UTF-8: the parser must stand anything tree-sitter gives it.
#include "parsers/hcl/syntax.h"
#include "tests/fuzz/targets.h"

namespace infracheck::fuzz {

int Hcl(std::string_view input) {
  SourceFile source("fuzz.tf", "/fuzz/fuzz.tf", std::string(input));
  auto file = hcl::ParseFile(source);
  if (file->error) (void)file->error->message.size();
  auto templ = hcl::ParseTemplate(source);
  if (templ->error) (void)templ->error->message.size();
  return 0;
}

}  // namespace infracheck::fuzz
