"""The editors' workflow: new, build, check, preview, publish, links.

tasks.py wires these modules to commands (`make check`, `invoke publish`…);
nothing here is a Pelican plugin. Building runs Pelican in this process
(`building`), so a check sees the editors' problems and the content model
directly instead of parsing printed text.

    scaffold    `new`: a story folder with every key its section needs
    building    one build, in this process: the site changes only if it succeeds
    live        `serve`, `preview`, `edit`: rebuild on every change and reload the browser (live.js)
    editor      `edit`: the browser editor (Decap CMS) beside the live preview (its form: plugins/portal/admin)
    migrate     `migrate`: old story layouts (ky.md, photos.yml) to today's
    progress    the progress display and the closing summary
    check       runs the checks below over a built site → `Report`
    links       internal links and referenced files resolve; nothing loads from another host
    wellformed  feeds and data files parse (XML, JSON, iCalendar)
    nuchecker   the Nu HTML Checker (vnu.jar), once over the whole site
    coverage    stories in one language only; officials and units with no story in a language
    size        the site's size by kind and per month of content, against the host's limits
    sources     which content file a built page comes from
    report      findings grouped by file, for people (in their language) and (JSON) for CI
    github      the report as GitHub Actions annotations and a job summary in Kyrgyz and Russian
    publishing  ghp-import to the gh-pages branch (nothing if unchanged); the addresses committed back
    external    `links`: links in stories to other sites, asked for real
"""
