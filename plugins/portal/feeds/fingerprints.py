"""Feed files whose inputs did not change are kept as they are in the site, not built.

The render cache (portal.core.render_cache) does this for pages, and for
feed files under its own name in the site folder's state (FEED_CACHE). A
file's key is its job (jobs.py): the feed as it describes itself and each
story it carries, counted by its digest, in order. So editing a story
re-renders only the files that carry it, and a story entering or leaving a
feed's top changes that feed's list; a changed template, setting or line
of code changes the salt of every key.

A story's digest is its view's (`ViewDigests`), kept in its summary
between builds. Everything a feed shows of a story comes from its view (an
enclosure's length is the size of a published file that the view names by
a content-keyed URL or gives the size of); the digest leaves out the
translation, which no feed shows, so editing one language leaves the other
language's feeds alone.
"""

FEED_CACHE = "feeds"  # in the site folder's state, beside the pages' digests
