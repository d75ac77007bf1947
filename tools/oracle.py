#!/usr/bin/env python3
"""Compares infracheck's Terraform evaluation with Terraform's own plan.

Run through tools/oracle (which skips cleanly when terraform is missing).

What is compared. For every root module and environment infracheck finds under
the given paths, Terraform plans the fixture offline and every managed
resource instance it plans must be one infracheck reports, and the other way
round (data sources are not compared). For each pair, every attribute value
infracheck reports that is not {"__unknown__": true} must equal Terraform's
planned value, recursively. Attributes Terraform has and infracheck does not
(provider defaults, computed attributes) are ignored, as are values Terraform
itself marks unknown (resource_changes[].change.after_unknown).

What counts as equal, and why (each tolerance is tallied in the report):
  * schema conversion: infracheck has no provider schema, so it reports values
    as written; Terraform converts them to the attribute's type. "443" equals
    443 and "true" equals true where one side is a string and the other the
    number or bool it converts to.
  * sets: a list compares as a multiset where the provider schema says the
    attribute or block is a set (and where the schema is unknown).
  * single blocks: infracheck prints every nested block as a list of objects;
    Terraform prints a block with nesting mode "single" as one object.
  * null = unset: infracheck reports `x = null` as null, which means "not set";
    Terraform then plans the provider's default ("", [], false, ...).
  * empty collection vs null: the provider may plan an empty list/map as null.
  * JSON strings (policy, assume_role_policy, container_definitions, ...):
    compared as parsed JSON, since the provider re-serializes them (sorted
    keys, no whitespace). For container_definitions the provider also drops
    null-valued fields and sorts `environment`/`secrets` by name; so a null
    field missing on Terraform's side and an array that differs only in order
    are tolerated.
  * lowercased strings: the provider stores some arguments lowercased
    (aws_db_instance.maintenance_window "Mon:04:00-Mon:05:00" is planned as
    "mon:04:00-mon:05:00"); a string equal to ours lowercased is accepted.
  * unknown instance counts: when count/for_each is unknown to infracheck, it
    reports one instance without a key (`aws_subnet.public`); it is compared
    with every instance Terraform plans for that resource (`[0]`, `[1]`...),
    and when Terraform plans none, that is accepted if the declaration really
    has a count or for_each.

Values Terraform knows and infracheck reports unknown are not differences
(unknown means "cannot tell"); the report counts them, to show what is not
yet compared.

A fixture case directory holding a file named .oracle-skip (its first line
says why) is left out: cases that are deliberately unparsable or not
plannable offline.

Fixtures leave some variables unset on purpose (the value must be unknown to
infracheck). Terraform needs a value to plan: a root's .oracle-vars file
(tfvars syntax; infracheck never reads it) gives them, and any still unset
get a placeholder of their declared type.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import traceback

OVERRIDE_PROVIDER_SETTINGS = """  access_key                  = "oracle"
  secret_key                  = "oracle"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
"""
TF_TIMEOUT = 900
# Concurrent inits may both update the shared plugin cache entry; an init
# takes a second, so they run one at a time.
INIT_LOCK = threading.Lock()


def log(*args):
    print(*args, flush=True)


# ---------------------------------------------------------------------------
# HCL scanning, just enough to find provider/backend blocks and module sources


def strip_hcl_comments_and_strings(text):
    """Blanks comments and string contents (keeping quotes and newlines) so
    braces and keywords can be found with regexes."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#" or text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join("\n" if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            depth = 0
            while j < n:
                if text[j] == "\\":
                    j += 2
                    continue
                if text.startswith("${", j) or text.startswith("%{", j):
                    depth += 1
                    j += 2
                    continue
                if text[j] == "}" and depth > 0:
                    depth -= 1
                elif text[j] == '"' and depth == 0:
                    break
                j += 1
            out.append('"' + "".join("\n" if ch == "\n" else " " for ch in text[i + 1:j]) + '"')
            i = j + 1
        elif text.startswith("<<", i):
            m = re.match(r"<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\n", text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = re.compile(r"^[ \t]*" + re.escape(m.group(1)) + r"[ \t]*$", re.M)
            e = end.search(text, i + m.end())
            j = n if not e else e.end()
            out.append("".join("\n" if ch == "\n" else " " for ch in text[i:j]))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def find_blocks(clean, header_re):
    """(match, body) for each top-level-ish block whose header matches."""
    result = []
    for m in re.finditer(header_re, clean, re.M):
        start = m.end()  # just after "{"
        depth, j = 1, start
        while j < len(clean) and depth:
            if clean[j] == "{":
                depth += 1
            elif clean[j] == "}":
                depth -= 1
            j += 1
        result.append((m, start, j - 1))
    return result


def tf_files(d):
    try:
        return sorted(os.path.join(d, f) for f in os.listdir(d)
                      if f.endswith(".tf") and os.path.isfile(os.path.join(d, f)))
    except OSError:
        return []


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def local_module_dirs(d, seen=None):
    """Directories of the local modules d calls, transitively."""
    seen = set() if seen is None else seen
    for f in tf_files(d):
        text = read(f)
        for m in re.finditer(r'^[ \t]*source\s*=\s*"(\.\.?/[^"]*)"', text, re.M):
            target = os.path.normpath(os.path.join(d, m.group(1)))
            if target not in seen and os.path.isdir(target):
                seen.add(target)
                local_module_dirs(target, seen)
    return seen


def provider_blocks(root_dir):
    """[(alias or None, has_region)] for each provider "aws" block."""
    found = []
    for f in tf_files(root_dir):
        text = read(f)
        clean = strip_hcl_comments_and_strings(text)
        for m, s, e in find_blocks(clean, r'^[ \t]*provider\s+"[^"]*"\s*\{'):
            if not re.match(r'[ \t]*provider\s+"aws"', text[m.start():m.end()]):
                continue
            body_clean = clean[s:e]
            body = text[s:e]
            alias = None
            am = re.search(r'^[ \t]*alias\s*=\s*"([^"]*)"', body, re.M)
            if am and re.search(r"^[ \t]*alias\s*=", body_clean, re.M):
                alias = am.group(1)
            has_region = re.search(r"^[ \t]*region\s*=", body_clean, re.M) is not None
            found.append((alias, has_region))
    return found


def has_backend(root_dir):
    for f in tf_files(root_dir):
        clean = strip_hcl_comments_and_strings(read(f))
        for _m, s, e in find_blocks(clean, r"^[ \t]*terraform\s*\{"):
            if re.search(r'^[ \t]*backend\s+"', clean[s:e], re.M):  # labels are blanked
                return True
    return False


def declares_expansion(path, line):
    """Whether the block starting at path:line has count or for_each."""
    try:
        text = read(path)
    except OSError:
        return False
    lines = text.split("\n")
    clean = strip_hcl_comments_and_strings("\n".join(lines[line - 1:]))
    brace = clean.find("{")
    if brace < 0:
        return False
    body, depth = [], 1
    for c in clean[brace + 1:]:
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                break
        body.append(c if depth == 1 or c == "\n" else " ")
    return re.search(r"^[ \t]*(count|for_each)\s*=", "".join(body), re.M) is not None


# ---------------------------------------------------------------------------
# Addresses


def parse_address(addr):
    """'module.a["x"].aws_s3_bucket.b[0]' -> [('module.a', 'x'), ('aws_s3_bucket.b', 0)]"""
    toks, i, n = [], 0, len(addr)
    while i < n:
        m = re.match(r"[A-Za-z0-9_-]+", addr[i:])
        if not m:
            raise ValueError("bad address " + addr)
        name, key = m.group(0), None
        i += m.end()
        if i < n and addr[i] == "[":
            if addr[i + 1] == '"':
                j, s = i + 2, ""
                while addr[j] != '"':
                    if addr[j] == "\\":
                        j += 1
                    s += addr[j]
                    j += 1
                key, i = s, j + 2
            else:
                k = addr.index("]", i)
                key, i = int(addr[i + 1:k]), k + 1
        toks.append((name, key))
        if i < n and addr[i] == ".":
            i += 1
    segs, t = [], 0
    while t < len(toks):
        if toks[t][0] == "module":
            segs.append(("module." + toks[t + 1][0], toks[t + 1][1]))
            t += 2
        elif toks[t][0] == "data":
            segs.append(("data." + toks[t + 1][0] + "." + toks[t + 2][0], toks[t + 2][1]))
            t += 3
        else:
            segs.append((toks[t][0] + "." + toks[t + 1][0], toks[t + 1][1]))
            t += 2
    return segs


def wildcard_match(ours, theirs):
    """An address infracheck reports without a key (unknown count/for_each)
    stands for every instance Terraform plans there."""
    a, b = parse_address(ours), parse_address(theirs)
    if len(a) != len(b):
        return False
    for (an, ak), (bn, bk) in zip(a, b):
        if an != bn:
            return False
        if ak is None:
            continue
        if ak != bk:
            return False
    return True


def wildcard_segments(ours, theirs):
    """Names of the segments where ours has no key and theirs has one."""
    return [an for (an, ak), (_bn, bk) in zip(parse_address(ours), parse_address(theirs))
            if ak is None and bk is not None]


# ---------------------------------------------------------------------------
# Provider schema: which lists are sets, which objects are maps, which types


class Schema:
    def __init__(self, data):
        self.resources = {}
        for key, ps in (data or {}).get("provider_schemas", {}).items():
            self.resources.update(ps.get("resource_schemas", {}))

    def resource(self, kind):
        s = self.resources.get(kind)
        return ("block", s["block"]) if s else None


def child_type(ty, key):
    """The type of attribute/block `key` inside an object-ish type."""
    if ty is None:
        return None
    if ty[0] == "block":
        blk = ty[1]
        attr = blk.get("attributes", {}).get(key)
        if attr is not None:
            if "nested_type" in attr:
                return ("nested", attr["nested_type"])
            return ("cty", attr.get("type"))
        bt = blk.get("block_types", {}).get(key)
        if bt is not None:
            return ("blocks", bt["nesting_mode"], bt["block"])
        return None
    if ty[0] == "nested":
        nt = ty[1]
        if nt.get("nesting_mode") in ("single",):
            return child_type(("block", {"attributes": nt.get("attributes", {})}), key)
        return None
    if ty[0] == "nested_obj":
        return child_type(("block", {"attributes": ty[1].get("attributes", {})}), key)
    if ty[0] == "cty":
        t = ty[1]
        if isinstance(t, list) and t[0] == "object":
            return ("cty", t[1].get(key))
        if isinstance(t, list) and t[0] == "map":
            return ("cty", t[1])
        return None
    return None


def elem_type(ty):
    if ty is None:
        return None
    if ty[0] == "blocks":
        return ("block", ty[2])
    if ty[0] == "nested":
        return ("nested_obj", ty[1])
    if ty[0] == "cty":
        t = ty[1]
        if isinstance(t, list) and t[0] in ("list", "set", "map"):
            return ("cty", t[1])
    return None


def tuple_elem_type(ty, i):
    if ty and ty[0] == "cty" and isinstance(ty[1], list) and ty[1][0] == "tuple":
        elems = ty[1][1]
        return ("cty", elems[i]) if i < len(elems) else None
    return elem_type(ty)


def kind_of(ty):
    """'set', 'list', 'map', 'single', 'object', 'string', 'number', 'bool' or None."""
    if ty is None:
        return None
    if ty[0] == "block" or ty[0] == "nested_obj":
        return "object"
    if ty[0] == "blocks":
        mode = ty[1]
        return {"list": "list", "set": "set", "single": "single", "group": "single",
                "map": "map"}.get(mode)
    if ty[0] == "nested":
        mode = ty[1].get("nesting_mode")
        return {"list": "list", "set": "set", "single": "object", "map": "map"}.get(mode)
    t = ty[1]
    if isinstance(t, str):
        return t if t in ("string", "number", "bool") else None
    if isinstance(t, list):
        return {"list": "list", "set": "set", "map": "map", "object": "object",
                "tuple": "list"}.get(t[0])
    return None


# ---------------------------------------------------------------------------
# Comparison


def is_unknown(v):
    return isinstance(v, dict) and len(v) == 1 and v.get("__unknown__") is True


def has_unknown(mask):
    """Whether an after_unknown mask marks anything unknown (Terraform then
    leaves the attribute out of the planned values)."""
    if mask is True:
        return True
    if isinstance(mask, list):
        return any(has_unknown(m) for m in mask)
    if isinstance(mask, dict):
        return any(has_unknown(m) for m in mask.values())
    return False


def show(v):
    s = json.dumps(v, sort_keys=True)
    return s if len(s) <= 240 else s[:237] + "..."


def path_str(path):
    out = ""
    for p in path:
        if isinstance(p, int):
            out += "[%d]" % p
        elif re.match(r"^[A-Za-z_][A-Za-z0-9_-]*$", p):
            out += ("." if out else "") + p
        else:
            out += "[%s]" % json.dumps(p)
    return out


def num(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        try:
            if re.match(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$", v.strip()):
                return float(v)
        except ValueError:
            return None
    return None


class Ctx:
    """Counts and differences of one comparison (or a trial one, for sets)."""

    def __init__(self):
        self.compared = 0
        self.unknown = 0  # values Terraform knows and infracheck reports unknown
        self.diffs = []  # (path, ours, theirs, note)
        self.tolerated = {}
        self.details = []  # (path, what, ours, theirs) for --verbose

    def tolerate(self, what, path=None, ours=None, theirs=None):
        self.tolerated[what] = self.tolerated.get(what, 0) + 1
        self.details.append((path or [], what, ours, theirs))

    def merge(self, other):
        self.compared += other.compared
        self.unknown += other.unknown
        self.diffs.extend(other.diffs)
        for k, v in other.tolerated.items():
            self.tolerated[k] = self.tolerated.get(k, 0) + v
        self.details.extend(other.details)


def prim_equal(o, t, ctx, path=None):
    if type(o) is type(t) or (isinstance(o, (int, float)) and isinstance(t, (int, float))
                               and not isinstance(o, bool) and not isinstance(t, bool)):
        if isinstance(o, (int, float)) and not isinstance(o, bool):
            return float(o) == float(t)
        return o == t
    # Schema conversion: string <-> number, string <-> bool.
    if isinstance(o, bool) or isinstance(t, bool):
        b = o if isinstance(o, bool) else t
        s = t if isinstance(o, bool) else o
        if isinstance(s, str) and s in ("true", "false") and (s == "true") == b:
            ctx.tolerate("schema conversion (string/bool)", path, o, t)
            return True
        return False
    if isinstance(o, str) or isinstance(t, str):
        a, b = num(o), num(t)
        if a is not None and b is not None and a == b:
            ctx.tolerate("schema conversion (string/number)", path, o, t)
            return True
    return False


def json_container(s):
    if not isinstance(s, str):
        return None
    st = s.strip()
    if not st or st[0] not in "[{":
        return None
    try:
        return json.loads(st)
    except ValueError:
        return None


def json_compare(o, t, path, ctx):
    """Parsed-JSON comparison with the provider's normalizations tolerated."""
    if isinstance(o, dict) and isinstance(t, dict):
        for k, v in o.items():
            if k not in t:
                if v is None:
                    ctx.tolerate("JSON: null field dropped by the provider", path + [k], v, None)
                    continue
                ctx.diffs.append((path + [k], v, None, "JSON field missing in Terraform's value"))
                continue
            json_compare(v, t[k], path + [k], ctx)
        for k in t:
            if k not in o:
                ctx.diffs.append((path + [k], None, t[k], "JSON field missing in ours"))
        return
    if isinstance(o, list) and isinstance(t, list):
        if len(o) != len(t):
            ctx.diffs.append((path, o, t, "JSON arrays differ in length"))
            return
        trial = Ctx()
        for i, (a, b) in enumerate(zip(o, t)):
            json_compare(a, b, path + [i], trial)
        if not trial.diffs:
            ctx.merge(trial)
            return
        # The provider sorts some arrays (container environment/secrets by name).
        key = lambda v: json.dumps(v, sort_keys=True)
        if sorted(map(key, o)) == sorted(map(key, t)):
            ctx.compared += trial.compared
            ctx.tolerate("JSON: array order normalized by the provider", path, o, t)
            return
        ctx.merge(trial)
        return
    ctx.compared += 1
    if o != t or type(o) is not type(t):
        if not isinstance(o, (dict, list)) and prim_equal(o, t, ctx, path):
            return
        ctx.diffs.append((path, o, t, "JSON value"))


def max_matching(compat, n_ours, n_theirs):
    """Maximum bipartite matching; returns match_of_ours (list of index or None)."""
    match_t = [None] * n_theirs

    def augment(i, seen):
        for j in range(n_theirs):
            if compat[i][j] and not seen[j]:
                seen[j] = True
                if match_t[j] is None or augment(match_t[j], seen):
                    match_t[j] = i
                    return True
        return False

    for i in range(n_ours):
        augment(i, [False] * n_theirs)
    match_o = [None] * n_ours
    for j, i in enumerate(match_t):
        if i is not None:
            match_o[i] = j
    return match_o


def compare(o, t, unk, ty, path, ctx):
    if unk is True:
        return
    if is_unknown(o):
        ctx.unknown += 1
        return
    k = kind_of(ty)
    if o is None:
        ctx.compared += 1
        if t is None:
            return
        ctx.tolerate("null = unset (provider default planned)", path, o, t)
        return
    if t is None:
        if o == [] or o == {}:
            ctx.compared += 1
            ctx.tolerate("empty collection planned as null", path, o, t)
            return
        if isinstance(o, list) and k == "single" and len(o) == 0:
            return
        ctx.compared += 1
        ctx.diffs.append((path, o, t, None))
        return
    if isinstance(o, list):
        if k == "single" and isinstance(t, dict):
            ctx.tolerate("single nested block printed as an object", path)
            if len(o) != 1:
                ctx.compared += 1
                ctx.diffs.append((path, o, t, "several blocks where the schema allows one"))
                return
            compare(o[0], t, unk, ("block", ty[2]), path, ctx)
            return
        if not isinstance(t, list):
            ctx.compared += 1
            ctx.diffs.append((path, o, t, "list vs non-list"))
            return
        et = elem_type(ty)
        unks = unk if isinstance(unk, list) else [None] * len(t)
        if k in ("list",) or (ty and ty[0] == "cty" and isinstance(ty[1], list)
                              and ty[1][0] == "tuple"):
            if len(o) != len(t):
                ctx.compared += 1
                ctx.diffs.append((path, o, t, "lists differ in length"))
                return
            for i in range(len(o)):
                compare(o[i], t[i], unks[i] if i < len(unks) else None,
                        tuple_elem_type(ty, i), path + [i], ctx)
            return
        if k is None and len(o) == len(t):
            # No schema (a dynamic value, or an unknown resource type): in
            # order if that matches, else as a multiset below.
            trial = Ctx()
            for i in range(len(o)):
                compare(o[i], t[i], unks[i] if i < len(unks) else None, et, path + [i], trial)
            if not trial.diffs:
                ctx.merge(trial)
                return
        # A set (or no schema): compare as a multiset.
        ours = []
        seen = set()
        for v in o:
            key = json.dumps(v, sort_keys=True)
            if k == "set" and "__unknown__" not in key and key in seen:
                ctx.tolerate("duplicate set element", path, v)
                continue
            seen.add(key)
            ours.append(v)
        compat = []
        for v in ours:
            row = []
            for j, w in enumerate(t):
                trial = Ctx()
                compare(v, w, unks[j] if j < len(unks) else None, et, path + ["*"], trial)
                row.append(not trial.diffs)
            compat.append(row)
        match = max_matching(compat, len(ours), len(t))
        unmatched_o = [ours[i] for i, j in enumerate(match) if j is None]
        matched_t = {j for j in match if j is not None}
        unmatched_t = [t[j] for j in range(len(t)) if j not in matched_t]
        if unmatched_o or unmatched_t:
            ctx.compared += 1
            ctx.diffs.append((path, unmatched_o, unmatched_t,
                              "set elements differ (unmatched ours vs unmatched terraform)"))
            return
        if k is None and [json.dumps(x, sort_keys=True) for x in ours] != \
                [json.dumps(x, sort_keys=True) for x in t]:
            ctx.tolerate("list compared as a multiset (no schema)", path, o, t)
        elif k == "set" and match != list(range(len(match))):
            ctx.tolerate("set order", path)
        for i, j in enumerate(match):
            compare(ours[i], t[j], unks[j] if j < len(unks) else None, et, path + [i], ctx)
        return
    if isinstance(o, dict):
        if not isinstance(t, dict):
            ctx.compared += 1
            ctx.diffs.append((path, o, t, "object vs non-object"))
            return
        unkd = unk if isinstance(unk, dict) else {}
        if k == "map":
            et = elem_type(ty)
            for key in sorted(set(o) | set(t)):
                if key not in t:
                    if is_unknown(o[key]) or has_unknown(unkd.get(key)):
                        continue
                    ctx.compared += 1
                    ctx.diffs.append((path + [key], o[key], None, "map key missing in Terraform"))
                elif key not in o:
                    ctx.compared += 1
                    ctx.diffs.append((path + [key], None, t[key], "map key missing in ours"))
                else:
                    compare(o[key], t[key], unkd.get(key), et, path + [key], ctx)
            return
        for key in o:
            if key not in t:
                if is_unknown(o[key]) or has_unknown(unkd.get(key)):
                    continue
                ctx.compared += 1
                ctx.diffs.append((path + [key], o[key], None, "not in Terraform's planned value"))
                continue
            compare(o[key], t[key], unkd.get(key), child_type(ty, key), path + [key], ctx)
        return
    # Primitive.
    if isinstance(t, (dict, list)):
        ctx.compared += 1
        ctx.diffs.append((path, o, t, "primitive vs collection"))
        return
    if prim_equal(o, t, ctx, path):
        ctx.compared += 1
        return
    jo, jt = json_container(o), json_container(t)
    if jo is not None and jt is not None:
        trial = Ctx()
        json_compare(jo, jt, [], trial)
        ctx.compared += max(trial.compared, 1)
        for kk, v in trial.tolerated.items():
            ctx.tolerated[kk] = ctx.tolerated.get(kk, 0) + v
        for p, a, b, note in trial.diffs:
            ctx.diffs.append((path + ["<json>"] + p, a, b, note))
        if not trial.diffs:
            ctx.tolerate("JSON string compared as parsed JSON", path)
        return
    if isinstance(o, str) and isinstance(t, str) and t == o.lower():
        # Some arguments are stored lowercased (maintenance_window, ...).
        ctx.compared += 1
        ctx.tolerate("string lowercased by the provider", path, o, t)
        return
    ctx.compared += 1
    ctx.diffs.append((path, o, t, None))


# ---------------------------------------------------------------------------
# Terraform


class Terraform:
    def __init__(self, work, cache):
        self.env = dict(os.environ)
        self.env.update({
            "CHECKPOINT_DISABLE": "1",
            "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0",
            "AWS_EC2_METADATA_DISABLED": "true",
            "TF_PLUGIN_CACHE_DIR": os.environ.get("TF_PLUGIN_CACHE_DIR",
                                                  os.path.join(cache, "plugin-cache")),
        })
        for k in ("AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                  "AWS_SESSION_TOKEN", "TF_WORKSPACE", "TF_DATA_DIR"):
            self.env.pop(k, None)
        for k in list(self.env):
            if k.startswith("TF_VAR_") or k.startswith("TF_CLI_ARGS"):
                del self.env[k]
        os.makedirs(self.env["TF_PLUGIN_CACHE_DIR"], exist_ok=True)
        mirror = os.environ.get("ORACLE_TF_MIRROR",
                                "/opt/tf-plugins" if os.path.isdir("/opt/tf-plugins") else "")
        if mirror:
            cfg = os.path.join(work, "oracle.tfrc")
            with open(cfg, "w") as f:
                f.write('provider_installation {\n'
                        '  filesystem_mirror {\n'
                        '    path    = %s\n'
                        '    include = ["registry.terraform.io/*/*"]\n'
                        '  }\n'
                        '  direct {\n'
                        '    exclude = ["registry.terraform.io/*/*"]\n'
                        '  }\n'
                        '}\n' % json.dumps(mirror))
            self.env["TF_CLI_CONFIG_FILE"] = cfg

    def run(self, args, cwd):
        try:
            p = subprocess.run(["terraform"] + args, cwd=cwd, env=self.env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=TF_TIMEOUT)
        except subprocess.TimeoutExpired:
            return 124, b"", ("terraform %s timed out" % args[0]).encode()
        return p.returncode, p.stdout, p.stderr


def tail(b, n=40):
    lines = b.decode("utf-8", "replace").rstrip().split("\n")
    return "\n".join("    " + l for l in lines[-n:])


def warm_up(tf, work, cache):
    """Installs the provider into the plugin cache once (so parallel inits
    only link it) and returns its schema (cached by lock file)."""
    d = os.path.join(work, "warm-up")
    os.makedirs(d)
    with open(os.path.join(d, "main.tf"), "w") as f:
        f.write('terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n'
                '  }\n}\n')
    # The lock file an earlier run left keeps this init from installing the
    # provider into the cache again under another process's plans.
    kept = os.path.join(cache, "warm-up.terraform.lock.hcl")
    if os.path.exists(kept):
        shutil.copyfile(kept, os.path.join(d, ".terraform.lock.hcl"))
    rc, out, err = tf.run(["init", "-input=false", "-no-color", "-backend=false"], d)
    if rc != 0:
        return None, "SKIPPED (the AWS provider cannot be installed here):\n" + tail(out + err)
    lock = read(os.path.join(d, ".terraform.lock.hcl"))
    tmp = kept + ".%d.tmp" % os.getpid()
    with open(tmp, "w") as f:
        f.write(lock)
    os.replace(tmp, kept)
    digest = hashlib.sha1(lock.encode()).hexdigest()[:16]
    cached = os.path.join(cache, "aws-schema-%s.json" % digest)
    if os.path.exists(cached):
        try:
            with open(cached) as f:
                return Schema(json.load(f)), None
        except ValueError:
            pass
    rc, out, err = tf.run(["providers", "schema", "-json"], d)
    if rc != 0:
        return None, "terraform providers schema failed:\n" + tail(err)
    data = json.loads(out)
    tmp = cached + ".%d.tmp" % os.getpid()
    with open(tmp, "w") as f:
        json.dump(data, f)
    os.replace(tmp, cached)
    return Schema(data), None


def case_dir_of(repo, root_dir):
    """The directory copied for a root: the common ancestor of the root and the
    local modules it calls, and at least the fixture case (fixtures/GROUP/CASE)."""
    dirs = [root_dir] + sorted(local_module_dirs(root_dir))
    common = os.path.commonpath(dirs)
    rel = os.path.relpath(common, repo).split(os.sep)
    if len(rel) > 3 and rel[0] == "fixtures":
        common = os.path.join(repo, *rel[:3])
    return common


def prepare_copy(case_dir, root_dir, dest):
    def ignore(d, names):
        return [n for n in names if n in (".terraform", ".terraform.lock.hcl")
                or n.endswith(".tfstate") or n.endswith(".tfplan")]
    shutil.copytree(case_dir, dest, ignore=ignore, symlinks=True)
    root_copy = os.path.join(dest, os.path.relpath(root_dir, case_dir))
    blocks = provider_blocks(root_dir)
    notes = []
    if blocks:
        text = ""
        for alias, has_region in blocks:
            text += 'provider "aws" {\n'
            if alias:
                text += "  alias = %s\n" % json.dumps(alias)
            text += OVERRIDE_PROVIDER_SETTINGS
            if not has_region:
                text += '  region                      = "us-east-1"\n'
            text += "}\n\n"
        with open(os.path.join(root_copy, "zz_oracle_override.tf"), "w") as f:
            f.write(text)
    else:
        notes.append("no provider \"aws\" block: added one")
        with open(os.path.join(root_copy, "zz_oracle_provider.tf"), "w") as f:
            f.write('provider "aws" {\n' + OVERRIDE_PROVIDER_SETTINGS +
                    '  region                      = "us-east-1"\n}\n')
    if has_backend(root_dir):
        with open(os.path.join(root_copy, "zz_oracle_backend_override.tf"), "w") as f:
            f.write('terraform {\n  backend "local" {}\n}\n')
    return root_copy, notes


def collect_planned(plan):
    """address -> (values, after_unknown, type) for managed resources."""
    out = {}

    def walk(mod):
        for r in mod.get("resources", []):
            if r.get("mode") != "managed":
                continue
            out[r["address"]] = [r.get("values", {}), {}, r["type"]]
        for c in mod.get("child_modules", []):
            walk(c)

    walk(plan.get("planned_values", {}).get("root_module", {}))
    for rc in plan.get("resource_changes", []):
        if rc.get("mode") == "managed" and rc["address"] in out:
            out[rc["address"]][1] = rc.get("change", {}).get("after_unknown") or {}
    return out


# ---------------------------------------------------------------------------
# One root


class RootJob:
    def __init__(self, root, envs, case_dir):
        self.root = root  # as infracheck prints it (relative to the repo)
        self.envs = envs  # environment names
        self.case_dir = case_dir
        self.failures = []  # messages
        self.notes = []
        self.plans = {}  # env -> plan json
        self.ours = {}  # env -> inspect json


def var_file_for(root_dir, env):
    for ext in (".tfvars", ".tfvars.json"):
        name = env + ext
        if os.path.isfile(os.path.join(root_dir, name)):
            return name
    return None


def placeholder_for(root_dir, name):
    """A value of the right shape for an unset variable, from its declared type."""
    for path in tf_files(root_dir):
        text = read(path)
        m = re.search(r'variable\s+"%s"\s*\{' % re.escape(name), text)
        if not m:
            continue
        body = text[m.end():]
        end = body.find("\n}")
        t = re.search(r'^\s*type\s*=\s*([A-Za-z]+)', body, re.M)
        ty = t.group(1) if t and (end < 0 or t.start() < end) else ""
        if ty == "string" or not ty:
            # A documentation range (RFC 5737) where a CIDR is expected.
            return "192.0.2.0/24" if "cidr" in name.lower() else "oracle-placeholder"
        return {"bool": "false", "number": "1", "list": "[]", "set": "[]", "tuple": "[]",
                "map": "{}", "object": "{}"}.get(ty, "oracle-placeholder")
    return "oracle-placeholder"


def run_root(job, repo, work, tf, infracheck, index):
    root_dir = os.path.join(repo, job.root)
    dest = os.path.join(work, "root-%03d" % index)
    root_copy, notes = prepare_copy(job.case_dir, root_dir, dest)
    job.notes.extend(notes)
    # Without a lock file, init does not trust the plugin cache: it installs
    # the provider into it again, replacing the directory other roots' plans
    # are running from ("could not read package directory"). The warm-up's
    # lock file lets it link the cached provider as it is.
    warm_lock = os.path.join(work, "warm-up", ".terraform.lock.hcl")
    root_lock = os.path.join(root_copy, ".terraform.lock.hcl")
    if os.path.exists(warm_lock) and not os.path.exists(root_lock):
        shutil.copyfile(warm_lock, root_lock)
    with INIT_LOCK:
        rc, out, err = tf.run(["init", "-input=false", "-no-color", "-lock=false"], root_copy)
    if rc != 0:
        job.failures.append("terraform init failed:\n" + tail(out + err))
        return job
    rc, out, err = tf.run(["validate", "-no-color"], root_copy)
    if rc != 0:
        job.failures.append("terraform validate failed:\n" + tail(out + err))
        return job
    for env in job.envs:
        p = subprocess.run([infracheck, "inspect", "--format", "json", "--env", env,
                            os.path.relpath(job.case_dir, repo)],
                           cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode not in (0, 1):
            job.failures.append("[%s] infracheck inspect exited %d:\n%s" %
                                (env, p.returncode, tail(p.stderr)))
            continue
        try:
            job.ours[env] = json.loads(p.stdout)
        except ValueError:
            job.failures.append("[%s] infracheck inspect printed invalid JSON" % env)
    for env in job.envs:
        # Terraform plans in the workspace infracheck evaluated the environment
        # in (prod.tfvars is applied in workspace "prod"), so that
        # terraform.workspace agrees.
        workspace = "default"
        for r in job.ours.get(env, {}).get("resources", []):
            if r.get("root") == job.root and r.get("environment") == env and r.get("workspace"):
                workspace = r["workspace"]
                break
        rc, out, err = tf.run(["workspace", "select", "-or-create", "-no-color", workspace],
                              root_copy)
        if rc != 0:
            job.failures.append("[%s] terraform workspace select %s failed:\n%s" %
                                (env, workspace, tail(out + err)))
            continue
        args = ["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color",
                "-out=oracle-%s.tfplan" % env]
        vf = var_file_for(root_dir, env)
        if vf:
            args.append("-var-file=" + vf)
        # Values a fixture gives Terraform (only) for variables it leaves
        # unknown on purpose: infracheck does not read this file.
        oracle_vars = os.path.join(root_dir, ".oracle-vars")
        if os.path.isfile(oracle_vars):
            shutil.copy(oracle_vars, os.path.join(root_copy, "zz_oracle_vars.tfvars"))
            args.append("-var-file=zz_oracle_vars.tfvars")
        rc, out, err = tf.run(args, root_copy)
        text = (out + err).decode("utf-8", "replace")
        if rc != 0 and "No value for required variable" in text:
            # Fixtures leave some variables unset on purpose: infracheck must
            # treat them as unknown. Terraform needs a value to plan; any value
            # will do, since an unknown on our side matches whatever it plans.
            names = sorted(set(re.findall(r'variable "([^"]+)"', text)))
            extra = ["-var=%s=%s" % (n, placeholder_for(root_copy, n)) for n in names]
            job.notes.append("[%s] placeholder values for unset variables: %s" %
                             (env, ", ".join(names)))
            rc, out, err = tf.run(args + extra, root_copy)
        if rc != 0 and "request send failed" in (out + err).decode("utf-8", "replace"):
            # A data source that reads from AWS cannot be planned offline.
            job.notes.append("[%s] SKIPPED: a data source needs AWS to plan" % env)
            continue
        if rc != 0:
            job.failures.append("[%s] terraform plan failed:\n%s" % (env, tail(out + err)))
            continue
        rc, out, err = tf.run(["show", "-json", "oracle-%s.tfplan" % env], root_copy)
        if rc != 0:
            job.failures.append("[%s] terraform show failed:\n%s" % (env, tail(err)))
            continue
        job.plans[env] = json.loads(out)
    return job


class Totals:
    def __init__(self):
        self.roots = 0
        self.envs = 0
        self.resources = 0
        self.compared = 0
        self.unknown = 0
        self.diffs = 0
        self.failures = 0
        self.tolerated = {}


def provider_rewrites(kind, attrs, ctx):
    """Values the provider replaces at plan time, whatever the configuration says.

    aws_lb: with access_logs not enabled, the provider plans bucket "" and no
    prefix (its schema's DiffSuppressFunc keeps them out of the diff).
    """
    if kind in ("aws_lb", "aws_alb") and isinstance(attrs.get("access_logs"), list):
        logs = []
        for block in attrs["access_logs"]:
            if isinstance(block, dict) and block.get("enabled") is not True:
                block = {k: v for k, v in block.items() if k not in ("bucket", "prefix")}
                ctx.tolerate("access_logs bucket/prefix dropped by the provider when disabled")
            logs.append(block)
        attrs = dict(attrs, access_logs=logs)
    return attrs


def compare_env(job, env, schema, repo, verbose, totals):
    plan = job.plans[env]
    report = job.ours[env]
    theirs = collect_planned(plan)
    ours = {}
    for r in report.get("resources", []):
        if r.get("root") != job.root or r.get("mode") != "managed":
            continue
        if r.get("format") not in (None, "terraform"):
            continue
        ours[r["address"]] = r
    case_rel = os.path.relpath(job.case_dir, repo) + os.sep
    # Warnings say something about the configuration that Terraform accepts
    # too (a tfvars value for an undeclared variable): not a disagreement.
    errors = [e for e in report.get("errors", [])
              if os.path.normpath(e.get("file", "")).startswith(case_rel)
              and e.get("level") != "warning"]
    ctx = Ctx()
    lines = []
    missing_ours, extra_ours = [], []
    wildcard = 0
    pairs = []
    matched_t = set()
    for addr in sorted(ours):
        if addr in theirs:
            pairs.append((addr, addr))
            matched_t.add(addr)
    for addr in sorted(ours):
        if addr in theirs:
            continue
        hits = [t for t in sorted(theirs) if t not in ours and wildcard_match(addr, t)]
        if hits:
            for t in hits:
                pairs.append((addr, t))
                matched_t.add(t)
            wildcard += 1
            continue
        # No instance planned: fine only when the expansion really is unknown
        # to infracheck (a count/for_each that Terraform resolved to nothing).
        r = ours[addr]
        if parse_address(addr)[-1][1] is None and declares_expansion(
                os.path.join(repo, r.get("file", "")), r.get("line", 0)):
            ctx.tolerate("unknown count matched no planned instance", [addr])
            continue
        extra_ours.append(addr)
    for t in sorted(theirs):
        if t not in matched_t:
            missing_ours.append(t)
    for o_addr, t_addr in pairs:
        values, unk, kind = theirs[t_addr]
        ty = schema.resource(kind) if schema else None
        rctx = Ctx()
        attrs = provider_rewrites(kind, ours[o_addr]["attributes"], rctx)
        compare(attrs, values, unk, ty, [], rctx)
        ctx.compared += rctx.compared
        ctx.unknown += rctx.unknown
        for k, v in rctx.tolerated.items():
            ctx.tolerated[k] = ctx.tolerated.get(k, 0) + v
        for p, a, b, note in rctx.diffs:
            ctx.diffs.append((t_addr, p, a, b, note))
        for p, what, a, b in rctx.details:
            ctx.details.append((t_addr, p, what, a, b))
    n_diffs = len(ctx.diffs) + len(missing_ours) + len(extra_ours) + len(errors)
    head = "%s [%s]: %d resources, %d values compared, %d differences" % (
        job.root, env, len(theirs), ctx.compared, n_diffs)
    head += " (%d values Terraform knows are unknown to infracheck" % ctx.unknown
    if wildcard:
        head += "; %d resources with an unknown count matched by name" % wildcard
    head += ")"
    lines.append(head)
    for t in missing_ours:
        lines.append("  MISSING %s: planned by Terraform, not reported by infracheck" % t)
    for o in extra_ours:
        lines.append("  EXTRA   %s: reported by infracheck, not planned by Terraform" % o)
    for e in errors:
        lines.append("  ERROR   %s:%s:%s: infracheck: %s" % (e.get("file"), e.get("line"),
                                                               e.get("column"), e.get("message")))
    for addr, p, a, b, note in ctx.diffs:
        lines.append("  DIFF    %s %s: ours %s, terraform %s%s" % (
            addr, path_str(p) or "(attributes)", show(a), show(b),
            " (" + note + ")" if note else ""))
    if verbose:
        for d in ctx.details:
            if len(d) == 5:
                addr, p, what, a, b = d
            else:
                (p, what, a, b), addr = d, ""
            extra = "" if a is None and b is None else ": ours %s, terraform %s" % (show(a), show(b))
            lines.append("  tolerated %s %s: %s%s" % (addr, path_str(p), what, extra))
    totals.envs += 1
    totals.resources += len(theirs)
    totals.compared += ctx.compared
    totals.unknown += ctx.unknown
    totals.diffs += n_diffs
    for k, v in ctx.tolerated.items():
        totals.tolerated[k] = totals.tolerated.get(k, 0) + v
    return lines


def self_test():
    """The comparator's rules on small cases, each as Terraform 5.100 plans it."""
    failures = []

    def check(name, ours, theirs, unknown, kind, want_diffs, want_tolerated=()):
        schema = Schema({"provider_schemas": {"aws": {"resource_schemas": SELF_TEST_SCHEMAS}}})
        ctx = Ctx()
        compare(ours, theirs, unknown, schema.resource(kind), [], ctx)
        got = [path_str(p) for p, _a, _b, _n in ctx.diffs]
        if got != want_diffs:
            failures.append("%s: differences %s, want %s" % (name, got, want_diffs))
        for t in want_tolerated:
            if t not in ctx.tolerated:
                failures.append("%s: %r not tolerated (%s)" % (name, t, sorted(ctx.tolerated)))

    sg = {"name": "a", "ingress": [
        {"from_port": "443", "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
        {"from_port": 80, "to_port": 80, "protocol": "tcp", "security_groups": [{"__unknown__": True}]}]}
    sg_plan = {"name": "a", "description": "Managed by Terraform", "ingress": [
        {"from_port": 80, "to_port": 80, "protocol": "tcp", "cidr_blocks": [], "self": False},
        {"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"],
         "self": False, "security_groups": []}]}
    sg_unknown = {"ingress": [{"security_groups": True}, {}], "id": True}
    check("set of blocks, conversions, unknowns", sg, sg_plan, sg_unknown, "aws_security_group", [],
          ["set order", "schema conversion (string/number)"])
    bad = json.loads(json.dumps(sg))
    bad["ingress"][0]["to_port"] = 444
    check("a wrong port", bad, sg_plan, sg_unknown, "aws_security_group", ["ingress"])
    containers = ('[{"name": "app", "image": "x", "cpu": null, "environment": '
                  '[{"name":"B","value":"1"},{"name":"A","value":"2"}], "mountPoints": []}]')
    planned = ('[{"environment":[{"name":"A","value":"2"},{"name":"B","value":"1"}],'
               '"image":"x","mountPoints":[],"name":"app"}]')
    check("container definitions", {"family": "x", "container_definitions": containers},
          {"family": "x", "container_definitions": planned}, {}, "aws_ecs_task_definition", [],
          ["JSON: null field dropped by the provider",
           "JSON: array order normalized by the provider"])
    check("a wrong container image",
          {"container_definitions": containers.replace('"x"', '"y"')},
          {"container_definitions": planned}, {}, "aws_ecs_task_definition",
          ["container_definitions[\"<json>\"][0].image"])
    check("map keys are compared both ways", {"tags": {"A": "1"}}, {"tags": {"A": "1", "B": "2"}},
          {}, "aws_security_group", ["tags.B"])
    check("null = unset", {"description": None}, {"description": "Managed by Terraform"}, {},
          "aws_security_group", [], ["null = unset (provider default planned)"])
    check("lowercased by the provider", {"maintenance_window": "Mon:04:00-Mon:05:00"},
          {"maintenance_window": "mon:04:00-mon:05:00"}, {}, "aws_db_instance", [],
          ["string lowercased by the provider"])
    check("set order does not matter", {"enabled_cloudwatch_logs_exports": ["a", "b"]},
          {"enabled_cloudwatch_logs_exports": ["b", "a"]}, {}, "aws_db_instance", [],
          ["set order"])  # a set in the provider schema
    check("list order matters in lists", {"cidr_blocks": ["a", "b"]},
          {"cidr_blocks": ["b", "a"]}, {}, "aws_security_group_rule", ["cidr_blocks[0]",
                                                                       "cidr_blocks[1]"])
    if parse_address('module.a["x.y"].aws_s3_bucket.b[0]') != [("module.a", "x.y"),
                                                                ("aws_s3_bucket.b", 0)]:
        failures.append("parse_address")
    if not wildcard_match("module.v.aws_subnet.s", "module.v.aws_subnet.s[1]") or \
            wildcard_match("module.v.aws_subnet.s[0]", "module.v.aws_subnet.s[1]"):
        failures.append("wildcard_match")
    text = 'a = "x # y" # c\nb = <<EOT\n}\nEOT\n'
    if len(strip_hcl_comments_and_strings(text)) != len(text):
        failures.append("strip_hcl_comments_and_strings changes offsets")
    for f in failures:
        log("oracle self-test: FAILED " + f)
    log("oracle self-test: %s" % ("FAILED" if failures else "passed"))
    return 1 if failures else 0


# Just the parts of the provider schema the self-test needs.
SELF_TEST_SCHEMAS = {
    "aws_security_group": {"block": {"attributes": {
        "name": {"type": "string"}, "description": {"type": "string"},
        "tags": {"type": ["map", "string"]},
        "ingress": {"type": ["set", ["object", {
            "cidr_blocks": ["list", "string"], "from_port": "number", "to_port": "number",
            "protocol": "string", "security_groups": ["set", "string"], "self": "bool"}]]}}}},
    "aws_security_group_rule": {"block": {"attributes": {
        "cidr_blocks": {"type": ["list", "string"]}}}},
    "aws_ecs_task_definition": {"block": {"attributes": {
        "family": {"type": "string"}, "container_definitions": {"type": "string"}}}},
    "aws_db_instance": {"block": {"attributes": {
        "maintenance_window": {"type": "string"},
        "enabled_cloudwatch_logs_exports": {"type": ["set", "string"]}}}},
}


def main():
    ap = argparse.ArgumentParser(prog="tools/oracle", description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", default=["fixtures"])
    ap.add_argument("--infracheck", default=None, help="binary (default build/infracheck)")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--verbose", "-v", action="store_true", help="list tolerated differences")
    ap.add_argument("--self-test", action="store_true",
                    help="check the comparator on built-in cases (needs no terraform)")
    args = ap.parse_args()
    if args.self_test:
        return self_test()

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    infracheck = os.path.abspath(args.infracheck or os.path.join(repo, "build", "infracheck"))
    if not os.access(infracheck, os.X_OK):
        log("oracle: %s is not built (run tools/build)" % infracheck)
        return 1
    paths = [os.path.relpath(os.path.abspath(p), repo) for p in args.paths]
    for p in paths:
        if not os.path.exists(os.path.join(repo, p)):
            log("oracle: no such path: %s" % p)
            return 2

    # Roots and environments, as infracheck sees them.
    roots = {}
    for p in paths:
        proc = subprocess.run([infracheck, "inspect", "--format", "json", p], cwd=repo,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            report = json.loads(proc.stdout)
        except ValueError:
            log("oracle: infracheck inspect %s failed:\n%s" % (p, tail(proc.stderr)))
            return 1
        for r in report.get("resources", []):
            if r.get("format") not in (None, "terraform") or r.get("environment") is None:
                continue
            roots.setdefault(r["root"], set()).add(r["environment"])
    if not roots:
        log("oracle: no Terraform roots under %s" % " ".join(paths))
        return 1

    cache = os.path.join(tempfile.gettempdir(), "infracheck-oracle")
    os.makedirs(cache, exist_ok=True)
    work = tempfile.mkdtemp(prefix="infracheck-oracle-")
    totals = Totals()
    try:
        tf = Terraform(work, cache)
        schema, err = warm_up(tf, work, cache)
        if err:
            log("oracle: " + err)
            return 77 if err.startswith("SKIPPED") else 1
        jobs = []
        for root in sorted(roots):
            root_dir = os.path.join(repo, root)
            case = case_dir_of(repo, root_dir)
            skip = [os.path.join(d, ".oracle-skip") for d in (case, root_dir)]
            skip = [f for f in skip if os.path.isfile(f)]
            if skip:
                reason = (read(skip[0]).strip().split("\n") or [""])[0]
                log("%s: skipped (%s: %s)" % (root, os.path.relpath(skip[0], repo), reason))
                continue
            jobs.append(RootJob(root, sorted(roots[root]), case))
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = [pool.submit(run_root, j, repo, work, tf, infracheck, i)
                       for i, j in enumerate(jobs)]
            for f, j in zip(futures, jobs):
                try:
                    f.result()
                except Exception:  # report and go on with the other roots
                    j.failures.append("oracle error:\n" + traceback.format_exc())
        for j in jobs:
            totals.roots += 1
            for n in j.notes:
                log("%s: note: %s" % (j.root, n))
            for env in j.envs:
                if env in j.plans and env in j.ours:
                    for line in compare_env(j, env, schema, repo, args.verbose, totals):
                        log(line)
            for msg in j.failures:
                totals.failures += 1
                log("%s: FAILED %s" % (j.root, msg))
    finally:
        if args.keep:
            log("oracle: kept %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if totals.tolerated:
        log("tolerated: " + "; ".join("%s %d" % (k, v) for k, v in sorted(totals.tolerated.items())))
    log("oracle: %d roots, %d environments, %d resources, %d values compared, %d differences, "
        "%d failures (%d values Terraform knows are unknown to infracheck)" % (
            totals.roots, totals.envs, totals.resources, totals.compared, totals.diffs,
            totals.failures, totals.unknown))
    return 1 if totals.diffs or totals.failures else 0


if __name__ == "__main__":
    sys.exit(main())
