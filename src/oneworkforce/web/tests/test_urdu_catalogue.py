"""The Urdu catalogue is complete: every string marked for translation is in it, translated,
none fuzzy, its placeholders match, and the compiled catalogue the server reads is the same.

These tests use gettext's own tools (``bin/setup --dev`` installs them) and fail, rather than
skip, when they are missing, so a green run always means the catalogue was checked.
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

SOURCE = Path(settings.BASE_DIR)
CATALOGUE = SOURCE / "locale" / "ur" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
# The same places bin/messages leaves out: they hold no text a candidate reads.
IGNORED = ("tests", "engines", "migrations", "demo", "static", "__pycache__")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: install gettext (bin/setup --dev does).", pytrace=False)
    return found


def _entries(arguments: list[str]) -> list[str]:
    """The msgids msgattrib selects from the catalogue, without the header."""
    output = subprocess.run(  # noqa: S603 (gettext's own tool on our own file)
        [_tool("msgattrib"), "--no-wrap", *arguments, str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        line for line in output.splitlines() if line.startswith("msgid ") and line != 'msgid ""'
    ]


def _read_mo(file) -> dict:
    return gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]


def test_no_entry_is_untranslated():
    assert _entries(["--untranslated"]) == []


def test_no_entry_is_fuzzy():
    assert _entries(["--only-fuzzy"]) == []


def test_every_translation_keeps_the_placeholders_of_its_english(tmp_path):
    # --check makes msgfmt compare python-format placeholders between msgid and msgstr.
    result = subprocess.run(  # noqa: S603 (gettext's own tool on our own file)
        [_tool("msgfmt"), "--check", "-o", str(tmp_path / "checked.mo"), str(CATALOGUE)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr


def test_the_compiled_catalogue_is_the_catalogue_compiled(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run([_tool("msgfmt"), "-o", str(fresh), str(CATALOGUE)], check=True)  # noqa: S603

    with COMPILED.open("rb") as committed, fresh.open("rb") as compiled:
        assert _read_mo(committed) == _read_mo(compiled), "run bin/messages and commit the .mo"


@pytest.mark.slow
def test_every_string_marked_for_translation_is_in_the_catalogue(tmp_path, settings):
    _tool("xgettext")
    sources = tmp_path / "oneworkforce"
    shutil.copytree(
        SOURCE,
        sources,
        ignore=lambda directory, names: [
            name
            for name in names
            if name in IGNORED
            or name == "locale"
            or (Path(directory, name).is_file() and not name.endswith((".py", ".html", ".txt")))
        ],
    )
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    (tmp_path / "locale").mkdir()

    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(sources)
        call_command("makemessages", locale=["ur"], verbosity=0, no_obsolete=True)
    marked = tmp_path / "locale" / "ur" / "LC_MESSAGES" / "django.po"
    new = sorted(_msgids_of_po(marked) - _msgids_of_po(CATALOGUE))

    assert new == [], "run bin/messages and translate these in the Urdu catalogue"


def _msgids_of_po(catalogue: Path) -> set[str]:
    output = subprocess.run(  # noqa: S603 (gettext's own tool on our own file)
        [_tool("msgattrib"), "--no-wrap", "--no-obsolete", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {line for line in output.splitlines() if line.startswith(("msgid ", "msgid_plural "))}


def test_pages_in_urdu_use_the_catalogue():
    with translation.override("ur"):
        assert translation.gettext("Check your answers") == "اپنے جوابات دیکھ لیں"
