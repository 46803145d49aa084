"""Translations: every zh_CN string translated, no new untranslated strings in the code, .qm files
built from the current .ts files, placeholders kept, and the translator switching texts."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication

from app.i18n import Translations, qm_path
from app.paths import resource_path

TS_DIR = resource_path("translations")


def load_build():
    spec = importlib.util.spec_from_file_location("translations_build", TS_DIR / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = load_build()


def _listing(todo: list[tuple[str, str]]) -> str:
    return "\n".join(f"[{ctx}] {source}" for ctx, source in todo[:40])


def test_every_zh_cn_entry_is_translated():
    todo = build.untranslated(TS_DIR / "fujiang_zh_CN.ts")
    assert not todo, (
        f"{len(todo)} unfinished zh_CN entries; run resources/translations/build.py:\n{_listing(todo)}"
    )


def test_lupdate_finds_no_new_untranslated_strings(tmp_path):
    """Strings added to the code since the .ts was updated show up here as unfinished."""
    for name, language in (("fujiang_zh_CN.ts", "zh_CN"), ("fujiang_en.ts", "en")):
        copy = tmp_path / name
        shutil.copy(TS_DIR / name, copy)
        build.lupdate(copy, language=language)
        build.keep_plural_flips(copy)
        if language == "zh_CN":
            todo = build.untranslated(copy)
            assert not todo, (
                f"strings not yet in {name}; run resources/translations/build.py:\n{_listing(todo)}"
            )
        else:
            before = {(c, m.findtext("source")) for c, m in build.messages(ET.parse(TS_DIR / name))}
            after = {(c, m.findtext("source")) for c, m in build.messages(ET.parse(copy))}
            after = {(c, source) for c, source in after if "%n" in source}
            assert after <= before, f"new plural strings not in {name}: {sorted(after - before)[:10]}"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_qm_is_built_from_the_current_ts(tmp_path, language):
    ts = TS_DIR / f"fujiang_{language}.ts"
    fresh = tmp_path / f"fujiang_{language}.qm"
    build.lrelease(ts, fresh)
    assert qm_path(language).exists()
    assert fresh.read_bytes() == qm_path(language).read_bytes(), (
        f"{qm_path(language).name} is stale; run resources/translations/build.py"
    )


def test_english_plural_forms_are_filled():
    tree = ET.parse(TS_DIR / "fujiang_en.ts")
    found = 0
    for _ctx, message in build.messages(tree):
        forms = [f.text for f in message.iter("numerusform")]
        assert len(forms) == 2 and all(forms), message.findtext("source")
        assert "(s)" not in forms[0] + forms[1]
        found += 1
    assert found >= 5
    assert build.english_plural("Add %n record(s)") == ("Add %Ln record", "Add %Ln records")


_PLACEHOLDER = re.compile(r"%L?(?:n|\d)|\{[a-z_]+\}")


def _placeholders(text: str) -> set[str]:
    """Placeholders of a text; %Ln (the count with thousands separators) stands for %n."""
    return {p.replace("%L", "%") for p in _PLACEHOLDER.findall(text)}


def test_translations_keep_their_placeholders():
    tree = ET.parse(TS_DIR / "fujiang_zh_CN.ts")
    wrong = []
    for ctx, message in build.messages(tree):
        source = message.findtext("source", "")
        translation = message.find("translation")
        texts = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for text in texts:
            if text and _placeholders(source) != _placeholders(text):
                wrong.append((ctx, source, text))
    assert not wrong, wrong[:10]


def test_menu_mnemonics_survive_translation():
    tree = ET.parse(TS_DIR / "fujiang_zh_CN.ts")
    for ctx, message in build.messages(tree):
        source = message.findtext("source", "")
        text = message.findtext("translation") or ""
        if ctx in ("MainWindow", "WindowActions") and re.search(r"&\w", source) and text:
            assert re.search(r"\(&\w\)", text), (source, text)


def test_switching_the_translator(qapp):
    translations = Translations(qapp)
    try:
        translations.set_language("zh_CN")
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert QCoreApplication.translate("commands", "Add %n record(s)", "", 3) == "添加 3 条记录"
        translations.set_language("en")
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
        assert QCoreApplication.translate("commands", "Add %n record(s)", "", 1) == "Add 1 record"
        assert QCoreApplication.translate("commands", "Add %n record(s)", "", 2) == "Add 2 records"
    finally:
        translations.uninstall()


def test_db_messages_are_translated_with_their_values(qapp):
    from app.i18n import tr_message
    from db.i18n import Text

    message = Text("weight {value} is not positive", {"value": "-3斤"})
    assert tr_message(message) == "weight -3斤 is not positive"
    assert tr_message("plain text") == "plain text"
