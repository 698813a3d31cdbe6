"""What differs when publishing: the public address."""

import sys

sys.path.append(".")
from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://meria.kg"
DELETE_OUTPUT_DIRECTORY = True
