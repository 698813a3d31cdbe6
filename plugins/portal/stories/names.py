"""What content/ and data/ hold, listed without leaving the repository, under names that read as they look.

A symbolic link in content/ or data/ would have the build read and publish
whatever it points to: a file anywhere on the machine, another story's
folder. A name that mixes look-alike letters of two alphabets (a Cyrillic
"а" in "bus-lаnes", a Latin "c" in "сцена") looks right to everyone and
gives another address than the one a reader types or a link in the press
carries. Both are problems naming the file or folder; a link is never
followed.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from portal.core.problems import Problems
from portal.localization.editor import Message, _, _n

SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")  # the alphabets whose letters look alike
WORD = re.compile(r"[^\W\d_]+")
LINK = (_("this is a symbolic link: the site does not follow links"),
        _("Put the file or folder itself here (a copy), not a link: a link can publish a file from outside the "
          "repository."))
# Each alphabet's name, as the problem of a name that mixes two says it.
ALPHABETS = {"LATIN": _("Latin"), "CYRILLIC": _("Cyrillic"), "GREEK": _("Greek")}


def list_content(content: Path, problems: Problems) -> dict[Path, list[str]]:
    """Every folder under content/ with the names of its files: one walk (scandir tells a link from a file
    without another system call). Links are reported, not listed; names are checked for mixed letters."""
    folders: dict[Path, list[str]] = {}
    pending = [content]
    while pending:
        folder = pending.pop()
        files = folders[folder] = []
        with os.scandir(folder) as entries:
            for entry in entries:
                path = folder / entry.name
                if entry.is_symlink():
                    problems.add(path, None, *LINK)
                    continue
                if not entry.name.isascii():
                    check_letters(path, problems)
                if entry.is_dir():
                    pending.append(path)
                else:
                    files.append(entry.name)
    return folders


def check_links(folder: Path, problems: Problems) -> None:
    """Every symbolic link under `folder` (data/) is a problem."""
    for root, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            if os.path.islink(os.path.join(root, name)):
                problems.add(Path(root) / name, None, *LINK)


def check_letters(path: Path, problems: Problems) -> None:
    """A word of the name (letters between digits, hyphens, dots) with letters of two alphabets is a problem."""
    for word in WORD.findall(path.name):
        scripts: dict[str, list[str]] = {}
        for letter in word:
            script = unicodedata.name(letter, "").split(" ", 1)[0]
            if script in SCRIPTS:
                scripts.setdefault(script, []).append(letter)
        if len(scripts) > 1:
            first, second = [ALPHABETS[script] for script in SCRIPTS if script in scripts][:2]
            fewest = min(scripts, key=lambda script: len(scripts[script]))
            odd = dict.fromkeys(scripts[fewest])
            problems.add(path, None, mixed(word, first, second, odd, ALPHABETS[fewest]),
                         _("Letters of two alphabets can look alike but make another address: type the name again "
                           "in one alphabet (folder names in Latin letters, like bus-lanes)."))
            return


def mixed(word: str, first: Message, second: Message, odd: dict[str, None], alphabet: Message) -> Message:
    """'the name "bus-lаnes" mixes Latin and Cyrillic letters ("а" is Cyrillic)'."""
    letters = ", ".join(f'"{letter}"' for letter in odd)
    return _n('the name "%(word)s" mixes %(first)s and %(second)s letters (%(letters)s is %(alphabet)s)',
              'the name "%(word)s" mixes %(first)s and %(second)s letters (%(letters)s are %(alphabet)s)',
              len(odd), word=word, first=first, second=second, letters=letters, alphabet=alphabet)
