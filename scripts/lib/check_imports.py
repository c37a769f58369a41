"""Checks that every target of Package.swift declares exactly the modules its files import.

Reads `swift package dump-package` (JSON on stdin) and the sources of each target, and reports a
module imported but not declared (it builds today only because another dependency happens to bring
it in) and a dependency declared but imported by no file of the target. Exits 1 when any is found.

Modules the toolchain provides (Foundation, Testing, Glibc...) need no declaration.
"""
import json
import pathlib
import re
import sys

TOOLCHAIN = {"Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Musl", "Darwin", "Testing", "XCTest",
             "Synchronization", "PackageDescription", "PackagePlugin", "_Concurrency", "os"}
IMPORT = re.compile(r"^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*import\s+(?:(?:class|struct|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def declared(target):
    names = set()
    for dependency in target.get("dependencies", []):
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                names.add(dependency[kind][0])
    return names


def main():
    package = json.load(sys.stdin)
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    problems = []
    for target in package["targets"]:
        if target["type"] in ("system", "plugin", "binary"):
            continue
        default = ("Tests/" if target["type"] == "test" else "Sources/") + target["name"]
        folder = root / (target.get("path") or default)
        imported = set()
        for source in folder.rglob("*.swift"):
            imported |= set(IMPORT.findall(source.read_text(encoding="utf-8")))
        imported -= TOOLCHAIN | {target["name"]}
        wanted = declared(target)
        for module in sorted(imported - wanted):
            problems.append(f"{target['name']}: imports {module} but does not declare it")
        for module in sorted(wanted - imported):
            problems.append(f"{target['name']}: declares {module} but no file imports it")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
