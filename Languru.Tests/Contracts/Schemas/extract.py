#!/usr/bin/env python3
"""Extracts the schemas the wire-format tests validate against from OpenAI's OpenAPI document.

Usage: python3 extract.py path/to/openai-openapi.yaml > openai-schemas.json
Writes one JSON Schema (2020-12) document whose $defs are the named component schemas and everything they
reference, with "#/components/schemas/X" rewritten to "#/$defs/X". Descriptions and examples are dropped.
"""
import json
import sys

import yaml

ROOTS = ["CreateResponse", "Response", "ResponseStreamEvent", "ResponseItemList", "ErrorResponse",
         "CreateChatCompletionResponse", "CreateChatCompletionStreamResponse"]
DROP = {"description", "example", "examples", "x-oaiMeta", "title", "x-oaiTypeLabel", "x-oaiExpandable"}
PREFIX = "#/components/schemas/"


def main():
    document = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    source = document["components"]["schemas"]
    wanted, pending = {}, list(ROOTS)
    while pending:
        name = pending.pop()
        if name not in wanted:
            wanted[name] = clean(source[name], pending)
    print(json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "x-source": "OpenAI's openapi.yaml (openai/openai-openapi, commit f85dbe2, API version "
                    + document["info"]["version"] + "), component schemas reachable from: " + ", ".join(ROOTS),
        "$defs": dict(sorted(wanted.items())),
    }, separators=(",", ":"), sort_keys=False))


def clean(node, pending, names=False):
    """names: node maps property names to schemas, so its keys are never dropped."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in DROP and not names:
                continue
            if key == "$ref" and isinstance(value, str) and value.startswith(PREFIX):
                pending.append(value[len(PREFIX):])
                value = "#/$defs/" + value[len(PREFIX):]
            out[key] = clean(value, pending, names=key in ("properties", "$defs") and not names)
        return out
    if isinstance(node, list):
        return [clean(item, pending) for item in node]
    return node


if __name__ == "__main__":
    main()
