#!/usr/bin/env python3
"""Fails when an #include points the wrong way between mesomap's layers.

Top level: core <- render <- app; the CLI may use all three; core sees no GL, GLFW or ImGui.
Inside src/core, concept folders stack in ranks: a unit may include its own folder and any
folder of a lower rank, never a sibling of the same rank or anything above.
The app's models (src/app/model) are its logic apart from any window: like core they see no
GL, GLFW or ImGui, and of the app only other models.
"""
import os
import re
import sys

CORE_RANKS = {
    "base": 0,
    "geometry": 1,
    "import": 2, "body": 2,
    "patient": 3,
    "protocol": 4,
    "editing": 5, "scoring": 5,
    "view": 6, "classroom": 6,
}
TOP_ALLOWED = {  # which top-level folders each may include
    "core": {"core"},
    "render": {"core", "render"},
    "app": {"core", "render", "app"},
    "cli": {"core", "render", "app", "cli"},
    "bench": {"core", "render", "app", "bench"},
}
FORBIDDEN_IN_CORE = re.compile(r'#include\s*[<"](glad/|GL/|GLES|EGL/|GLFW/|imgui|backends/imgui)')
PROJECT_INCLUDE = re.compile(r'#include\s*"((core|render|app|cli|bench)/[^"]+)"')


def check(src_root):
    problems = []
    for dirpath, _, files in os.walk(src_root):
        for name in sorted(files):
            if not name.endswith((".h", ".cpp")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, src_root).replace(os.sep, "/")
            parts = rel.split("/")
            top = parts[0]
            windowless = top == "core" or parts[:2] == ["app", "model"]
            if top == "core" and len(parts) < 3:
                problems.append(f"src/{rel}: core units live in a concept folder ({', '.join(CORE_RANKS)})")
                continue
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    where = f"src/{rel}:{number}"
                    if windowless and FORBIDDEN_IN_CORE.search(line):
                        problems.append(f"{where}: {'/'.join(parts[:2]) if top == 'app' else 'core'} "
                                        f"includes a GL/GLFW/ImGui header: {line.strip()}")
                    m = PROJECT_INCLUDE.search(line)
                    if not m:
                        continue
                    target = m.group(1).split("/")
                    if target[0] not in TOP_ALLOWED.get(top, {top}):
                        problems.append(f"{where}: {top} may not include {m.group(1)}")
                        continue
                    if parts[:2] == ["app", "model"] and target[0] != "core" and target[:2] != ["app", "model"]:
                        problems.append(f"{where}: an app model may include only core and app/model: {m.group(1)}")
                        continue
                    if top == "core" and target[0] == "core":
                        own, other = parts[1], target[1] if len(target) > 2 else None
                        if other not in CORE_RANKS:
                            problems.append(f"{where}: {m.group(1)} is not in a core concept folder")
                        elif other != own and CORE_RANKS[other] >= CORE_RANKS[own]:
                            problems.append(
                                f"{where}: core/{own} (rank {CORE_RANKS[own]}) may not include "
                                f"core/{other} (rank {CORE_RANKS[other]}): {m.group(1)}")
    return problems


def self_test():
    """The check must catch what it exists for: a wrong-way include, GL in core, a flat unit."""
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        files = {
            "core/base/a.h": '#include "core/view/b.h"\n',
            "core/view/b.h": '#include "core/base/a.h"\n#include <GLFW/glfw3.h>\n',
            "core/flat.h": "",
            "render/r.cpp": '#include "app/x.h"\n',
            "app/model/m.h": '#include <imgui.h>\n#include "app/panel.h"\n#include "app/model/n.h"\n',
        }
        for rel, text in files.items():
            os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w") as f:
                f.write(text)
        found = check(root)
    expected = ["core/base (rank 0) may not include core/view", "core includes a GL/GLFW/ImGui header",
                "core units live in a concept folder", "render may not include app/x.h",
                "app/model includes a GL/GLFW/ImGui header", "an app model may include only core and app/model"]
    missing = [e for e in expected if not any(e in p for p in found)]
    if missing or len(found) != len(expected):
        print("self-test failed: expected", expected, "got", found)
        sys.exit(1)


if __name__ == "__main__":
    self_test()
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "src")
    found = check(root)
    for p in found:
        print(p)
    if found:
        print(f"{len(found)} include(s) point the wrong way")
        sys.exit(1)
    print("layers: every include points the right way")
