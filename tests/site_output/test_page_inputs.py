"""Every page depends on the settings and on the context values plugins declare as page inputs
(portal.core.context_keys); anything else in the context stops the build instead of being guessed at."""

from __future__ import annotations

import pytest

from portal.core.context_keys import FEEDS_KEY, SITE_KEY
from portal.core.fingerprints import Unfingerprintable, of_page_inputs

SETTINGS = {"SITEURL": "https://meria.kg", "OUTPUT_PATH": "/tmp/site"}


class Catalog:
    def __init__(self, pages: list[str]) -> None:
        self.pages = pages

    def fingerprint(self) -> bytes:
        return repr(self.pages).encode()


def test_declared_inputs_and_settings_count_and_nothing_else():
    context = {**SETTINGS, FEEDS_KEY: Catalog(["/ky/feeds/"]), SITE_KEY: object(), "generated_content": {}}
    same = of_page_inputs(context, SETTINGS)
    assert of_page_inputs({**context, SITE_KEY: object()}, SETTINGS) == same, "not a page input"
    assert of_page_inputs({**context, "OUTPUT_PATH": "/elsewhere"}, {**SETTINGS, "OUTPUT_PATH": "/elsewhere"}) == same
    assert of_page_inputs({**context, FEEDS_KEY: Catalog(["/ru/feeds/"])}, SETTINGS) != same
    assert of_page_inputs(context, {**SETTINGS, "SITEURL": "https://bishkek.kg"}) != same


def test_an_undeclared_or_unfingerprintable_value_is_an_error():
    with pytest.raises(Unfingerprintable, match="not declared"):
        of_page_inputs({**SETTINGS, "PORTAL_SOMETHING": 1}, SETTINGS)
    with pytest.raises(Unfingerprintable, match="cannot be fingerprinted"):
        of_page_inputs({**SETTINGS, FEEDS_KEY: lambda path: []}, SETTINGS)
