"""Media monitoring: what outside media write about Bishkek City Hall, as a daily digest for the Mayor.

An internal tool (the department's duties 2, 3 and 12), not part of the
public site and not a Pelican plugin: `make monitor` (tasks.py) reads the
outlets' feeds named in data/outlets.yml, stores their items once in SQLite,
finds which officials, units and topics of data/ they mention, and writes a
bilingual digest to monitoring/output/{ky,ru}/ (marked noindex, never
published). The database and the digest are generated: never committed.

    outlets.py    data/outlets.yml, read and checked
    fetching.py   polite, concurrent HTTP (conditional GET), or saved files (FROM=DIR)
    parsing.py    a feed's bytes → items (RSS or Atom), or why it is not a feed
    store.py      the SQLite database: items once each, their revisions, mentions, feed validators
    words.py      words and their forms: Russian through pymorphy3, Kyrgyz through portal.kyrgyz
    vocabulary.py titles, the city and other cities: the context that tells whose name it is
    mentions.py   which registry entries an item names, in any grammatical form
    similarity.py items about the same event: stories of the day, releases picked up
    digest.py     a day's or a week's numbers, lists and groups
    charts.py     30-day trend charts per official (matplotlib, SVG)
    site.py       the HTML digest, written with the theme's look and catalogs
    languages.py  the digest's languages and their short dates (words: the editors' catalogs, editor.po)
    run.py        `make monitor` from start to end

The department's guide is docs/monitoring.md; the design, docs/architecture.md.
"""
