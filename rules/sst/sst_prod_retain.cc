// sst-prod-retain: the production stage of an SST app keeps its resources
// when they are removed, and refuses `sst remove`.
#include "infracheck/rule.h"

namespace infracheck::rules {

namespace {

constexpr std::string_view kKinds[] = {"sst_app"};

void Check(const Resource& r, RuleContext& ctx) {
  // removal: SST's default is "retain" (the translation writes it in when
  // app() leaves it out); "retain-all" keeps even more.
  const Value* removal = r.Get("removal");
  if (removal && removal->is_string() && removal->str() != "retain" &&
      removal->str() != "retain-all") {
    ctx.Report(r, "removal",
               "removal is \"" + removal->str() +
                   "\" for the production stage: `sst remove`, or a component deleted from the "
                   "config, deletes production databases and buckets with their data",
               removal);
  }
  const Value* protect = r.Get("protect");
  if (Truth(protect) == Tri::kFalse) {
    ctx.Report(r, "protect",
               IsAbsent(protect)
                   ? "protect is not set (SST default false) for the production stage: `sst "
                     "remove --stage production` removes the whole stage"
                   : "protect is false for the production stage: `sst remove --stage "
                     "production` removes the whole stage",
               protect);
  }
}

}  // namespace

extern const Rule kSstProdRetain = {
    .id = "sst-prod-retain",
    .title = "The production stage of an SST app must retain its resources and be protected",
    .severity = Severity::kHigh,
    .scope = Scope::kProd,
    .kinds = kKinds,
    .rationale =
        "The documented SST app (000 \"Stage별 동작\") keeps production safe from deletion: for "
        "the "
        "stage `production`, `app()` returns `removal: \"retain\"` (resources such as databases "
        "and buckets are kept when they are removed, by `sst remove` or by deleting them from "
        "the config) and `protect: true` (`sst remove` refuses to remove the stage). Without "
        "them one command, run against the wrong stage, deletes production data. The config is "
        "evaluated for the stage `production`; `removal` defaults to \"retain\" in SST and "
        "\"retain-all\" also passes; `protect` defaults to false. Values the checker cannot "
        "evaluate (read from `process.env`, say) are not reported.",
    .remediation =
        "Return both from `app()` for the production stage, e.g. `removal: input?.stage === "
        "\"production\" ? \"retain\" : \"remove\"` and `protect: [\"production\"].includes("
        "input?.stage)`.",
    .bad_example = R"(export default $config({
  app(input) {
    return {
      name: "shop",
      removal: "remove",
      home: "aws",
    };
  },
  async run() {},
});)",
    .good_example = R"(export default $config({
  app(input) {
    return {
      name: "shop",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: ["production"].includes(input?.stage),
      home: "aws",
    };
  },
  async run() {},
});)",
    .since = "0.1.0",
    .check = Check,
};

}  // namespace infracheck::rules
