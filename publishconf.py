"""What differs when publishing: the public address, the real clock, where it goes."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # beside this file, whatever the working folder
from pelicanconf import *  # noqa: F403

SITEURL = "https://meria.kg"
PORTAL_NOW = None        # a public build always uses the real clock: a frozen one could lift an embargo early
PORTAL_PREVIEW = False   # never drafts or embargoed stories
PUBLISH_REMOTE = "origin"
PUBLISH_BRANCH = "gh-pages"
PUBLISH_SOURCE_BRANCH = "main"  # where `make publish` commits the addresses it recorded in data/permalinks.yml
CNAME = "meria.kg"       # written to the branch for the custom domain
# The browser editor at https://meria.kg/admin/, saving to GitHub as pull requests: the repository, its branch
# and the OAuth proxy editors sign in through (docs/publishing.md, "The browser editor in production").
# For example PORTAL_CMS = {"repo": "meria-kg/portal", "branch": "main", "base_url": "https://cms-auth.meria.kg"}
PORTAL_CMS = None
# With PORTAL_MEDIA_URL set (media/ served from object storage or a CDN, not from gh-pages): the command that
# copies the built media/ folder there before the pages go live; {media} is that folder. For example
# "rclone copy --checksum {media} storage:meria-media" (docs/publishing.md, "When the site grows").
PUBLISH_MEDIA_COMMAND = ""
