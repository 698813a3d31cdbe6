"""Feeds and data files in the output must parse: a broken feed is dropped silently by readers.

The checker is given broken files of its own (the site's own feeds are checked
by `check` on the sample site, see test_check.py).
"""

from __future__ import annotations

from workflow import wellformed

GOOD_ATOM = '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'
GOOD_ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"


def findings(tmp_path, files: dict[str, str | bytes]) -> dict[str, str]:
    for name, body in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return {f.file: str(f.message) for f in wellformed.check(tmp_path, lambda relative: relative)}


def test_well_formed_files_pass(tmp_path):
    assert findings(tmp_path, {"ky/feed.atom": GOOD_ATOM, "search.json": '{"a": [1]}', "ky/events.ics": GOOD_ICS,
                               "ky/index.html": "<p>Кыргызча</p>"}) == {}


def test_each_kind_of_broken_file_is_reported(tmp_path):
    found = findings(tmp_path, {
        "ky/feed.atom": GOOD_ATOM.replace("</title>", "</titel>"),
        "search.json": '{"a": [1,]}',
        "ky/events.ics": GOOD_ICS.replace("END:VEVENT\r\n", ""),
        "ru/events.ics": GOOD_ICS.replace("\r\n", "\n"),
        "ru/index.html": "<p>Русский</p>".encode("cp1251"),
    })
    assert "not well-formed XML" in found["ky/feed.atom"]
    assert "not valid JSON" in found["search.json"]
    assert "not valid iCalendar" in found["ky/events.ics"]
    assert "CRLF" in found["ru/events.ics"]
    assert "not UTF-8" in found["ru/index.html"]
