"""The computer's problems told as the computer's: a full disk is not a damaged photo.

An error of the system (no space left, no permission, a read-only disk, a
file size limit) used to surface wherever it struck: as "the photo is
damaged" when a photo worker could not write a rendition, as "the search
index was not built" from Pagefind's feeder, or as a traceback. Every
generator of the portal runs its two phases inside `guarded`
(`MachineGuard`), so any such error, from this process or sent back by a
worker, stops the build with one message that says what happened, that it
is not the editor's content, and that the site was not changed (a build
changes the site only in its very last step; see output.py). Editors'
mistakes are never OSErrors: they are reported as problems before.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from portal.localization.editor import _

# What happened and what to do, by error number.
FULL = (_("the disk is full"), _("Free some space on the disk, or ask whoever looks after this computer."))
NO_PERMISSION = (_("no permission to use a file or folder"),
                 _("Ask whoever looks after this computer to give you the right to use this folder."))
TOO_MANY_OPEN = (_("too many files are open"), _("Close some programs, or ask whoever looks after this computer."))
WHAT = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EROFS: (_("the disk is read-only"), _("Ask whoever looks after this computer to make it writable.")),
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.EFBIG: (_("a file is larger than this computer allows"),
                  _("Ask whoever looks after this computer to lift the file size limit.")),
    errno.EMFILE: TOO_MANY_OPEN,
    errno.ENFILE: TOO_MANY_OPEN,
    errno.EIO: (_("the disk could not be read or written"),
                _("The disk may be failing: ask whoever looks after this computer.")),
    errno.ENOMEM: (_("the computer ran out of memory"), _("Close some programs and build again.")),
}


class MachineProblem(SystemExit):
    """Stops the build with one clear message and exit status 1 (a SystemExit: no traceback)."""


def is_machine(error: BaseException) -> bool:
    """An error of the computer, never of the editor's content (which `message` can then tell)."""
    return isinstance(error, MemoryError) or (isinstance(error, OSError) and error.errno in WHAT)


def message(error: OSError | MemoryError) -> str:
    what, advice = WHAT[errno.ENOMEM if isinstance(error, MemoryError) else error.errno or 0]
    if isinstance(error, OSError) and error.filename:
        path = Path(os.fspath(error.filename))
        where = path.parent if path.name.startswith(".tmp-") else path  # a file being written: its folder
        stopped = _("The build stopped: %(what)s (%(where)s).", what=what, where=where)
    else:
        stopped = _("The build stopped: %(what)s.", what=what)
    not_yours = _("This is not a problem with your content.")
    unchanged = _("The site was not changed: build again once this is fixed.")
    return f"{stopped}\n{not_yours} {advice}\n{unchanged}"


@contextmanager
def guarded() -> Iterator[None]:
    """Turn the computer's errors into a `MachineProblem`; everything else goes through as it is."""
    try:
        yield
    except (OSError, MemoryError) as error:
        if not is_machine(error):
            raise
        raise MachineProblem(message(error)) from None


def _guard(method: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(method)
    def run(*args: Any, **kwargs: Any) -> Any:
        with guarded():
            return method(*args, **kwargs)

    return run


class MachineGuard(Generator):
    """A Pelican generator whose `generate_context` and `generate_output` run `guarded`."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in ("generate_context", "generate_output"):
            if name in cls.__dict__:
                setattr(cls, name, _guard(cls.__dict__[name]))
