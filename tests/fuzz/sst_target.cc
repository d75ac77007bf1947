// SST: the input is sst.config.ts, evaluated for both stages; every import
// resolves to the input itself (so import cycles are exercised), then the
// components are translated, checked and reported.
#include "checker/sst/evaluator.h"
#include "checker/sst/translate.h"
#include "parsers/typescript/syntax.h"
#include "tests/fuzz/common.h"
#include "tests/fuzz/targets.h"

namespace infracheck::fuzz {

int Sst(std::string_view input) {
  auto text = Admit(input);
  if (!text) return -1;
  SourceFile source("sst.config.ts", "/fuzz/sst.config.ts", *text);
  auto file = typescript::ParseFile(source);
  if (file->error) return 0;
  sst::ModuleLoader loader = [&](const std::filesystem::path&) -> const typescript::File* {
    return file.get();
  };
  for (bool personal : {false, true}) {
    sst::Stage stage;
    stage.personal = personal;
    if (!personal) stage.name = "production";
    sst::Evaluation ev = sst::Evaluate(*file, stage, loader);
    if (!ev.has_config) continue;
    Environment env = FuzzEnvironment();
    if (personal) {
      env.name = "default";
      env.production = Tri::kFalse;
    }
    CheckResources(env, sst::Translate(ev, source));
  }
  return 0;
}

}  // namespace infracheck::fuzz
