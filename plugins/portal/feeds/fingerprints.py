"""Feed files whose inputs did not change are kept as they are in the site, not built.

The render cache (portal.core.render_cache) does this for pages, and for feed files
with its own file in the cache folder (FEED_CACHE). A file's
fingerprint hashes the build's salt (Pelican's context with the settings,
the theme's files, the plugins' code: `RenderCache.salt_for`) and its job,
in which each story it carries counts by its digest, in order
(`RenderCache.fingerprint` pickles a story view as its digest). So
editing a story re-renders only the files that carry it, and a story
entering or leaving a feed's top changes that feed's list; a changed
template, setting or line of code changes every fingerprint.

A story's digest is its view's (`ViewDigests`), computed once per build
however many feeds carry it. Everything a feed shows of a story comes from
its view (an enclosure's length is the size of a published file that the
view names by a content-keyed URL or gives the size of); the digest leaves
out the translation, which no feed shows, so editing one language leaves
the other language's feeds alone.
"""

FEED_CACHE = "portal-feeds.pickle"  # the feeds' fingerprints, beside the pages' in the cache folder
