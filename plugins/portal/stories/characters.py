"""Characters that no text should contain, found before anything parses it.

Control characters (all but tab and line ends) and Unicode's noncharacters
come into a file with text pasted from Word or a PDF, and nobody sees them.
YAML refuses them with an error of its own, lxml refuses them in the search
record, and a page or feed that carries them is invalid. Each file an
editor writes (a story, photos.yml, a registry) is checked for them first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.localization.editor import Message, _

_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
HINT = _("Delete it: retype the words around it (such characters come with text pasted from Word or a PDF).")


@dataclass(frozen=True)
class Invisible:
    line: int  # 1-based
    message: Message
    hint: Message = HINT


def invisible(text: str) -> Invisible | None:
    """The first character of `text` that no text should contain, and its line."""
    found = _INVISIBLE.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    code = f"U+{ord(found.group()):04X}"
    return Invisible(line, _("the file contains an invisible character (%(code)s) that pages and feeds cannot carry",
                             code=code))
