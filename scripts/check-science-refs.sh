#!/usr/bin/env bash
# Checks that every docs/science.md section cited from the code, specs, migrations and docs exists:
# "§B.4" needs a heading "B.4 ..."; "§D.5 item 2 (c)" also needs item 2 and the label "(c)" inside
# §D.5; "§E.1 G14" / "§E.2 F3" need that check or finding in §E.1 / §E.2. Prints the ids cited and the
# ids defined, then every unresolved citation with its file and line; exits 1 if there is one.
# The unit test ScienceReferencesTest applies the same rules on every build.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 - "$@" <<'PY'
import pathlib, re, sys

doc = pathlib.Path("docs/science.md")
ID = re.compile(r"§([A-Z0-9](?:\.?[A-Za-z0-9])*)")
TAIL = re.compile(r"\s*(?:,\s*)?(items?\s+(\d+)(?:\s*[–-]\s*(\d+))?|and|[–-]?\s*\(([ivx]+|[a-d])\))")

sections, current = {}, None
for line in doc.read_text(encoding="utf-8").splitlines():
    m = re.match(r"#+\s+([A-Z0-9](?:\.[0-9]+)*)\.?\s", line)
    if m:
        current = m.group(1)
        sections[current] = []
    elif current:
        sections[current].append(line)

def body(sid):
    return "\n".join(sections.get(sid, []))

def has_item(sid, n):
    return re.search(rf"^\s*(?:{n}\.\s|- \*\*Item {n}\*\*)", body(sid), re.M) is not None

sources = [p for root in ("src", "jobs", "db", "docs") for p in pathlib.Path(root).rglob("*")
           if p.is_file() and p.suffix in (".java", ".yaml", ".sql", ".md", ".sh") and p != doc]
sources += [pathlib.Path("README.md")]
cited, problems = set(), []
for path in sources:
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path}:{no}"
        for m in ID.finditer(line):
            sid = m.group(1).rstrip(".")
            cited.add(sid)
            if sid not in sections:
                problems.append(f"{where}: §{sid} is not a heading of {doc}")
                continue
            pos = m.end()
            while (t := TAIL.match(line, pos)):
                pos = t.end()
                if t.group(2):
                    for n in range(int(t.group(2)), int(t.group(3) or t.group(2)) + 1):
                        if not has_item(sid, n):
                            problems.append(f"{where}: §{sid} has no item {n}")
                if t.group(4) and f"({t.group(4)})" not in body(sid):
                    problems.append(f"{where}: §{sid} has no label ({t.group(4)})")
        for sid, kind in (("E.1", "G"), ("E.2", "F")):
            if f"§{sid}" in line:
                for code in re.findall(rf"\b{kind}\d+\b", line):
                    if not re.search(rf"^\|\s*{code}\s*\|", body(sid), re.M):
                        problems.append(f"{where}: {code} is not a row of §{sid}")

print("cited :", " ".join(sorted(cited)))
print("headed:", " ".join(sorted(sections)))
print("headed, not cited:", " ".join(sorted(set(sections) - cited)) or "-")
for p in problems:
    print("UNRESOLVED", p)
print(f"{len(cited)} ids cited, {len(sections)} headings, {len(problems)} unresolved")
sys.exit(1 if problems else 0)
PY
