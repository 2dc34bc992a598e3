#!/usr/bin/env python3
"""Validates JSON files against a JSON Schema (draft 2020-12); exit 1 with every error otherwise.
usage: check_schema.py SCHEMA FILE... [--expect-invalid]"""
import json
import sys

import jsonschema


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--expect-invalid"]
    expect_invalid = "--expect-invalid" in sys.argv
    schema = json.load(open(args[0]))
    validator = jsonschema.Draft202012Validator(schema)
    validator.check_schema(schema)
    failed = False
    for path in args[1:]:
        errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
        for e in errors:
            print(f"{path}: {'.'.join(str(p) for p in e.path) or '(top)'}: {e.message}")
        if bool(errors) != expect_invalid:
            failed = True
            print(f"{path}: {'valid' if not errors else 'invalid'}, expected {'invalid' if expect_invalid else 'valid'}")
        elif not errors:
            print(f"{path}: valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
