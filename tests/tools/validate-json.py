#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""validate-json.py - check the tools' JSON output against schemas/ (JSON Schema 2020-12)

  validate-json.py COMMAND... <OUTPUT     one command's standard output, e.g.
                                         validate-json.py smcr -j linkgroup <out
  validate-json.py --expected FILE...    every command in tests/replay/*.expected (or
                                         *.live) whose output is JSON

Which schema a command's output follows is decided from its words the way the tools
read them (object names may be abbreviated). A JSON output no schema covers is an error
too, so a new command cannot print undocumented JSON. Exit 0 if all is valid, 1 with one
line per problem on stderr, 2 for usage errors.
"""
import json
import os
import sys

import jsonschema

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "schemas")

# smcr/smcd objects, as smcr(8) lists them; a word selects the first one it begins
OBJECTS = ["info", "linkgroup", "device", "stats", "ueid", "seid", "hslimit", "explain"]
# options of smcr/smcd that take a value (the value is not the object)
VALUE_OPTIONS = {"-n", "--netns"}


def schema_for(words):
    """The schema name for a command line, or None if it prints no JSON we know."""
    tool = os.path.basename(words[0])
    if tool == "smcss" and any(
            w == "--summary" or (w.startswith("-") and not w.startswith("--") and "s" in w)
            for w in words[1:]):
        return "smcss-summary"
    if tool in ("smcss", "smc_pnet", "smc_chk", "smc_rnics"):
        return tool
    if tool not in ("smcr", "smcd"):
        return None
    args, skip = [], False
    for w in words[1:]:
        if skip:
            skip = False
        elif w in VALUE_OPTIONS:
            skip = True
        elif not w.startswith("-"):
            args.append(w)
    json_opt = any(w in ("-j", "--json", "-p", "--pretty") or
                   (w.startswith("-") and not w.startswith("--") and
                    ("j" in w or "p" in w)) for w in words[1:] if w not in VALUE_OPTIONS)
    if not args:
        return None
    obj = next((o for o in OBJECTS if o.startswith(args[0])), None)
    rest = args[1:]
    if obj == "linkgroup":
        return "smc-linkgroup-links" if any(a.startswith("link") for a in rest) \
            else "smc-linkgroup"
    if obj == "stats":
        # the json command word alone prints smc-tools' line
        if rest and rest[0] == "json" and not json_opt:
            return "smc-stats-smctools"
        return "smc-stats"
    return "smc-" + obj if obj else None


def load(name, cache={}):
    if name not in cache:
        with open(os.path.join(SCHEMAS, name + ".json")) as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        cache[name] = jsonschema.Draft202012Validator(schema)
    return cache[name]


def check(words, text, where):
    """Problems (strings) of one command's standard output."""
    text = text.strip()
    if not text or text[0] not in "[{":
        return []
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        return ["%s: %s: not one JSON document: %s" % (where, " ".join(words), e)]
    name = schema_for(words)
    if name is None:
        return ["%s: %s: prints JSON no schema describes" % (where, " ".join(words))]
    return ["%s: %s: %s.json: %s at /%s" % (where, " ".join(words), name, e.message,
                                             "/".join(str(p) for p in e.absolute_path))
            for e in load(name).iter_errors(doc)]


def expected_blocks(path):
    """(command words, standard output) of each "$ COMMAND" block of a replay file."""
    cmd, out = None, []
    with open(path) as f:
        for line in f.read().split("\n"):
            if line.startswith("$ "):
                if cmd is not None:
                    yield cmd, "\n".join(out)
                cmd, out = line[2:].split(), []
            elif cmd is not None and not line.startswith("stderr: ") and \
                    not line.startswith("exit "):
                out.append(line)
    if cmd is not None:
        yield cmd, "\n".join(out)


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems, checked = [], 0
    if argv[0] == "--expected":
        for path in argv[1:]:
            for words, text in expected_blocks(path):
                found = check(words, text, path)
                checked += text.strip()[:1] in ("[", "{")
                problems += found
    else:
        text = sys.stdin.read()
        problems = check(argv, text, "stdin")
        checked = 1
    for p in problems:
        print("validate-json: " + p, file=sys.stderr)
    if not problems and argv[0] == "--expected":
        print("validate-json: %d JSON outputs valid" % checked)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
