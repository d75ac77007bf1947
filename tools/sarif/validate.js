#!/usr/bin/env node
// validate.js - check SARIF files against the SARIF 2.1.0 JSON schema (Ajv)
// and with Microsoft's SARIF Multitool (`validate`, SARIF and GitHub rules).
//
// usage: node tools/sarif/validate.js [--strict] [--notes] [--no-multitool] FILE.sarif...
//   --strict        also fail on Multitool warnings
//   --notes         also print the Multitool's notes (suggestions)
//   --no-multitool  schema check only
//
// The validators come from tools/sarif/package.json (pinned, installed by
// tools/bootstrap --test with `npm ci --ignore-scripts`). The schema is the
// one the Multitool package ships. Prints one line per problem and a summary;
// exits 1 when any file is invalid, 77 when the validators are not installed.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

const here = __dirname;
const modules = path.join(here, "node_modules");
const mtDir = path.join(modules, "@microsoft", "sarif-multitool-linux");
const schemaPath = path.join(mtDir, "sarif-2.1.0.json");

const args = process.argv.slice(2);
const strict = args.includes("--strict");
const notes = args.includes("--notes");
const useMultitool = !args.includes("--no-multitool");
const files = args.filter((a) => !a.startsWith("--"));
if (!files.length) {
  console.error("usage: validate.js [--strict] [--no-multitool] FILE.sarif...");
  process.exit(2);
}
if (!fs.existsSync(schemaPath) || !fs.existsSync(path.join(modules, "ajv"))) {
  console.error("validate.js: validators not installed (run tools/bootstrap --test)");
  process.exit(77);
}

const Ajv2020 = require(path.join(modules, "ajv/dist/2020")).default;
const addFormats = require(path.join(modules, "ajv-formats")).default;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf-8")));

let bad = 0;
function problem(file, text) {
  console.log(`${file}: ${text}`);
  bad++;
}

// 1. JSON schema.
for (const file of files) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf-8"));
  } catch (e) {
    problem(file, `not JSON: ${e.message}`);
    continue;
  }
  if (!validate(doc)) {
    for (const e of validate.errors) {
      if (e.keyword === "if") continue;
      problem(file, `schema: ${e.instancePath || "/"} ${e.message}`);
    }
  }
}

// 2. Multitool: one run over all files; its findings are read from its own
// SARIF output (its exit code says nothing about the files).
let multitoolVersion = "Multitool not run";
const counts = {};
if (useMultitool) {
  const exe = path.join(mtDir, "Sarif.Multitool");
  try {
    fs.chmodSync(exe, 0o755); // npm ci --ignore-scripts skips the package's chmod
  } catch (e) {
    // read-only install: try to run it as it is
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "sarif-validate-"));
  const out = path.join(work, "validate.sarif");
  const version = spawnSync(exe, ["--version"], { encoding: "utf-8" });
  multitoolVersion = ((version.stdout || "") + (version.stderr || "")).split("\n")[0].trim() || "unknown";
  const run = spawnSync(
    exe,
    ["validate", ...files.map((f) => path.resolve(f)), "--output", out, "--log", "ForceOverwrite",
     "--level", "Error;Warning;Note", "--rule-kind", "Sarif;Ghas", "--quiet"],
    { encoding: "utf-8", maxBuffer: 64 << 20 });
  let log;
  try {
    log = JSON.parse(fs.readFileSync(out, "utf-8"));
  } catch (e) {
    problem("multitool", `produced no readable output (exit ${run.status}): ${run.stderr || run.stdout}`);
  }
  for (const r of (log && log.runs) || []) {
    for (const res of r.results || []) {
      const level = res.level || "warning";
      const loc = res.locations && res.locations[0] && res.locations[0].physicalLocation;
      const uri = loc && loc.artifactLocation ? decodeURIComponent(loc.artifactLocation.uri) : "?";
      const reg = loc && loc.region ? `(${loc.region.startLine},${loc.region.startColumn})` : "";
      let text = res.message && res.message.text;
      if (!text && res.message && res.message.id) {
        const rule = (r.tool.driver.rules || []).find((x) => x.id === res.ruleId) || {};
        const t = rule.messageStrings && rule.messageStrings[res.message.id];
        text = t ? t.text.replace(/\{(\d+)\}/g, (_, i) => (res.message.arguments || [])[i] ?? "")
                 : JSON.stringify(res.message.arguments || []);
      }
      const line = `multitool ${level} ${res.ruleId}${reg}: ${text}`;
      counts[level] = (counts[level] || 0) + 1;
      if (level === "error" || (strict && level === "warning")) {
        problem(uri.replace(/^file:\/\//, ""), line);
      } else if (level !== "note" || notes) {
        console.log(`${uri.replace(/^file:\/\//, "")}: ${line}`);
      }
    }
    for (const inv of r.invocations || []) {
      for (const n of [...(inv.toolExecutionNotifications || []), ...(inv.toolConfigurationNotifications || [])]) {
        if ((n.level || "") === "error") problem("multitool", (n.message && n.message.text) || JSON.stringify(n));
      }
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
}

const ajvVersion = require(path.join(modules, "ajv/package.json")).version;
const summary = ["error", "warning", "note"].map((l) => `${counts[l] || 0} ${l}(s)`).join(", ");
console.log(`${files.length} file(s); Ajv ${ajvVersion} schema check; ${multitoolVersion} (${summary}): ` +
            (bad ? `${bad} problem(s)` : "all valid"));
process.exit(bad ? 1 : 0);
