"""The layout at the widths readers use (a wide screen, a laptop, a tablet, a phone), in both
languages: Kyrgyz words are long, and what fits in Russian may not fit in Kyrgyz."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helpers import LANGS

WIDTHS = (1280, 1024, 768, 360)
BAR = 1152  # 72em: from here the sections are a bar (site.css, site.js); narrower, a disclosure

# Each filter of the search form: its width, what its first choice ("All sections"…) needs to be read
# whole, what its widest choice needs, and the room the form has. A probe, a copy of the select holding
# one choice at its natural width, measures what a choice needs as Chromium draws it.
SELECTS = """() => [...document.querySelectorAll('.search-form select')].map(select => {
  const need = option => {
    const probe = select.cloneNode(false);
    probe.removeAttribute('id');
    probe.style.width = 'max-content';
    probe.append(new Option(option.text));
    select.after(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  };
  const box = select.closest('fieldset'), style = getComputedStyle(box);
  return {name: select.name, width: select.getBoundingClientRect().width, first: need(select.options[0]),
          widest: Math.max(...[...select.options].map(need)),
          room: box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)};
})"""
CLIPPED_LABELS = """() => [...document.querySelectorAll('.search-form label, .search-form legend')]
  .filter(label => label.scrollWidth > label.clientWidth + 1).map(label => label.textContent.trim())"""
MENU_ROWS = """() => new Set([...document.querySelectorAll('.site-nav__list > li')]
  .map(item => Math.round(item.getBoundingClientRect().top))).size"""
WIDER_THAN_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth"


def at_every_width(new_page, url: str) -> Iterator[tuple]:
    """(page, width): the page at `url` at each of WIDTHS in turn, loaded once."""
    page = new_page()
    page.goto(url)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        yield page, width


@pytest.mark.parametrize("lang", LANGS)
def test_search_filters_show_their_choices_whole_at_every_width(site, new_page, lang):
    cut = []
    for page, width in at_every_width(new_page, site.url(f"/{lang}/search/")):
        for select in page.evaluate(SELECTS):
            if select["width"] + 0.5 < max(select["first"], min(select["widest"], select["room"])):
                cut.append(f"{width} px: {select['name']} is {select['width']:.0f} px wide, its choices need "
                           f"{select['first']:.0f} (the first) to {select['widest']:.0f}, "
                           f"the form has {select['room']:.0f}")
        cut += [f"{width} px: label {label!r}" for label in page.evaluate(CLIPPED_LABELS)]
    assert not cut, "cut off:\n" + "\n".join(cut)


@pytest.mark.parametrize("lang", LANGS)
def test_the_sections_menu_is_one_row_or_a_disclosure_never_a_row_and_a_straggler(site, new_page, lang):
    wrong = []
    for page, width in at_every_width(new_page, site.url(f"/{lang}/")):
        disclosure = page.locator(".site-nav__toggle").is_visible()
        if width >= BAR and (disclosure or page.evaluate(MENU_ROWS) != 1):
            wrong.append(f"{width} px: the bar takes {page.evaluate(MENU_ROWS)} rows")
        elif width < BAR and not disclosure:
            wrong.append(f"{width} px: no disclosure")
        if page.evaluate(WIDER_THAN_SCREEN):
            wrong.append(f"{width} px: the page is wider than the screen")
    assert not wrong, "\n".join(wrong)
