"""What the portal's plugins share and no single capability owns.

Here, not inside one plugin, so that a maintainer looking for how caches are
written or how work is shared between cores finds it in one place, and no
plugin imports another merely for its tools:

- atomic.py: files that appear complete or not at all (every build cache);
- parallel.py: independent jobs shared between the machine's cores;
- stamped.py: facts measured from files, kept while each file stays the same;
- output.py: the site folder, updated in place and only if the build succeeds;
- render_cache.py: pages and feed files kept, not rendered, while their inputs are unchanged;
- problems.py: editors' mistakes, collected and reported together;
- context_keys.py: the names under which plugins share objects in Pelican's context.
"""
