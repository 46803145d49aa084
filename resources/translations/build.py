"""Update the translation sources from the code and build the .qm files the program loads.

    .venv/bin/python resources/translations/build.py            # lupdate + fill English plurals + lrelease
    .venv/bin/python resources/translations/build.py --export todo.json   # untranslated zh_CN → JSON
    .venv/bin/python resources/translations/build.py --import todo.json   # JSON translations → .ts, rebuild

Steps: pyside6-lupdate scans app/ and db/ (`-extensions py`; without it lupdate silently finds
nothing) into fujiang_zh_CN.ts (every string) and fujiang_en.ts (plural messages only: the English
source strings are the English texts, but "%n record(s)" needs its singular and plural). English
plural forms are filled in automatically from the "(s)" in the source; pyside6-lupdate marks a
message plural only when its count is a number literal, so every %n message is made plural here. Then pyside6-lrelease
builds fujiang_zh_CN.qm and fujiang_en.qm. At the end every zh_CN string still untranslated is
printed (context, then source); fill them in Qt Linguist (pyside6-linguist), or export them to JSON
with --export, write the translations into the "translation" fields, and --import it.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SOURCES = ["app", "db"]
ZH_TS = HERE / "fujiang_zh_CN.ts"
EN_TS = HERE / "fujiang_en.ts"


def tool(name: str) -> str:
    """A PySide6 tool from the same environment as this Python, else from PATH."""
    candidate = Path(sys.executable).with_name(name)
    found = str(candidate) if candidate.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; install PySide6 (pip install -e '.[test]')")
    return found


def lupdate(ts: Path, *, plural_only: bool = False, language: str, root: Path = REPO) -> None:
    args = [tool("pyside6-lupdate"), "-extensions", "py", "-locations", "none", "-no-obsolete"]
    if plural_only:
        args.append("-pluralonly")
    args += [*[s for s in SOURCES if (root / s).is_dir()], "-target-language", language, "-ts", str(ts)]
    subprocess.run(args, cwd=root, check=True, capture_output=True, text=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
        text=True,
    )


def messages(tree: ET.ElementTree):
    """(context name, message element) of every live message."""
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            yield name, message


def is_unfinished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None:
        return True
    kind = translation.get("type", "")
    if kind in ("obsolete", "vanished"):
        return False
    if kind == "unfinished":
        return True
    forms = translation.findall("numerusform")
    if message.get("numerus") == "yes":
        return not forms or any(not (f.text or "").strip() for f in forms)
    return not (translation.text or "").strip()


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every zh_CN message without a finished translation."""
    tree = ET.parse(ts)
    return [(ctx, m.findtext("source", "")) for ctx, m in messages(tree) if is_unfinished(m)]


def english_plural(source: str) -> tuple[str, str]:
    """'Add %n record(s)' → ('Add %Ln record', 'Add %Ln records') (%Ln: the count with thousands
    separators, 57,244)."""
    source = localized_count(source)
    return source.replace("(s)", "").replace("(es)", ""), source.replace("(s)", "s").replace("(es)", "es")


def localized_count(text: str) -> str:
    """%n → %Ln: Qt writes the count of a translated message in the interface's locale, with
    thousands separators ("57,244 张合格证", not "57244"). Source strings keep %n (lupdate's form)."""
    return re.sub(r"%(?!L)n", "%Ln", text)


def localize_counts(ts: Path) -> None:
    """Every translation of a %n message shows its count with thousands separators."""
    tree = ET.parse(ts)
    changed = False
    for _ctx, message in messages(tree):
        translation = message.find("translation")
        if translation is None:
            continue
        for element in [translation, *translation.findall("numerusform")]:
            if element.text and localized_count(element.text) != element.text:
                element.text = localized_count(element.text)
                changed = True
    if changed:
        write_ts(tree, ts)


def needs_english_plural(message: ET.Element) -> bool:
    """A message whose English needs a singular and a plural: %n, or a plural "(s)" message."""
    source = message.findtext("source", "")
    marked = message.get("numerus") == "yes" and ("(s)" in source or "(es)" in source)
    return "%n" in source or marked


def fill_english_plurals(ts: Path) -> None:
    """Keep only the messages needing plural forms and give each its English singular and plural.

    pyside6-lupdate marks a message as plural only when the count is a number literal, so every
    message with %n is made plural here, whatever lupdate decided. A plural message that shows its
    count through %1 (to format it, e.g. "%1 row(s)" with 1,234) is kept too.
    """
    tree = ET.parse(ts)
    for context in list(tree.getroot().iter("context")):
        for message in list(context.iter("message")):
            if not needs_english_plural(message):
                context.remove(message)
        if context.find("message") is None:
            tree.getroot().remove(context)
    for _ctx, message in messages(tree):
        message.set("numerus", "yes")
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        translation.attrib.pop("type", None)
        for text in english_plural(message.findtext("source", "")):
            ET.SubElement(translation, "numerusform").text = text
    write_ts(tree, ts)


def write_ts(tree: ET.ElementTree, ts: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def export_untranslated(ts: Path, out: Path) -> int:
    tree = ET.parse(ts)
    todo = []
    for ctx, message in messages(tree):
        if is_unfinished(message):
            entry = {"context": ctx, "source": message.findtext("source", ""), "translation": ""}
            if message.find("comment") is not None:
                entry["comment"] = message.findtext("comment", "")
            if message.get("numerus") == "yes":
                entry["numerus"] = True
            todo.append(entry)
    out.write_text(json.dumps(todo, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(todo)


def import_translations(ts: Path, source: Path) -> int:
    """Write translations from JSON ([{context, source, translation}]) into the .ts; returns how many.

    An entry may carry the message's "comment" (its disambiguation, as --export writes it): two
    messages with one source and different comments are different messages.
    """
    entries = json.loads(source.read_text(encoding="utf-8"))
    wanted = {
        (e["context"], e["source"], e.get("comment", "")): e["translation"]
        for e in entries
        if e.get("translation")
    }
    tree = ET.parse(ts)
    done = 0
    for ctx, message in messages(tree):
        key = (ctx, message.findtext("source", ""), message.findtext("comment", ""))
        if key not in wanted:
            continue
        set_translation(message, wanted[key])
        done += 1
    write_ts(tree, ts)
    return done


def set_translation(message: ET.Element, text: str) -> None:
    translation = message.find("translation")
    if translation is None:
        translation = ET.SubElement(message, "translation")
    translation.attrib.pop("type", None)
    for child in list(translation):
        translation.remove(child)
    if message.get("numerus") == "yes":
        translation.text = None
        ET.SubElement(translation, "numerusform").text = text  # Chinese has one plural form
    else:
        translation.text = text


def keep_plural_flips(ts: Path) -> None:
    """lupdate marks a %n message unfinished whenever it changes its mind about the message being
    plural (see fill_english_plurals); the translation it kept is still right, so keep it finished."""
    tree = ET.parse(ts)
    changed = False
    for _ctx, message in messages(tree):
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        texts = [f.text for f in translation.findall("numerusform")] or [translation.text]
        if "%n" in message.findtext("source", "") and all(t and t.strip() for t in texts):
            del translation.attrib["type"]
            changed = True
    if changed:
        write_ts(tree, ts)


def build(root: Path = REPO, out_dir: Path = HERE) -> list[tuple[str, str]]:
    """Update both .ts files from the sources under `root` and build the .qm files into `out_dir`."""
    zh_ts, en_ts = out_dir / ZH_TS.name, out_dir / EN_TS.name
    lupdate(zh_ts, language="zh_CN", root=root)
    keep_plural_flips(zh_ts)
    localize_counts(zh_ts)
    lupdate(en_ts, language="en", root=root)
    fill_english_plurals(en_ts)
    lrelease(zh_ts, zh_ts.with_suffix(".qm"))
    lrelease(en_ts, en_ts.with_suffix(".qm"))
    return untranslated(zh_ts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, help="write untranslated zh_CN strings to this JSON file")
    parser.add_argument("--import", dest="import_", type=Path, help="read translations from this JSON file")
    args = parser.parse_args(argv)
    if args.import_:
        print(f"imported {import_translations(ZH_TS, args.import_)} translations")
    todo = build()
    if args.export:
        print(f"{export_untranslated(ZH_TS, args.export)} untranslated strings written to {args.export}")
    if todo:
        print(f"{len(todo)} zh_CN strings are not translated yet:")
        for ctx, source in todo:
            print(f"  [{ctx}] {source}")
        return 1
    print("zh_CN: every string translated; .qm files built")
    return 0


if __name__ == "__main__":
    sys.exit(main())
