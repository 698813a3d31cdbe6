"""The words of the feed files: what each feed is for, and the group names.

Feed files are written by Python, not by templates, but their words are UI
text like any other: English msgids translated in the theme's catalogs
(theme/translations), extracted from this module too (see babel.cfg). The
Feeds page shows the same sentences, so a feed's description and its line on
that page can never disagree.
"""

from __future__ import annotations

from gettext import NullTranslations


def N_(message: str) -> str:
    """Marks a msgid for extraction; translated later, in the feed's language."""
    return message


DESCRIPTIONS = {
    "all": N_("Everything Bishkek City Hall publishes in this language: news, press releases, decisions, "
              "announcements, interviews, explainers, video and audio."),
    "sections": N_("Only the section “%(name)s”."),
    "officials": N_("Stories in which %(name)s takes part: visits, meetings, statements, press conferences "
                    "and signed decisions."),
    "units": N_("Stories that concern %(name)s."),
    "topics": N_("Stories on the topic “%(name)s”."),
    "podcast": N_("The audio library as a podcast: subscribe in a podcast app; every recording comes with "
                  "its text."),
    "video": N_("The video library: every video with its poster and description, for newsrooms and TV."),
    "calendar": N_("Press conferences and briefings for your calendar app, in Bishkek time: cancelled and "
                   "postponed events update themselves."),
    "opml": N_("Import it into a feed reader to subscribe to every feed on this page in one step."),
}

# The feeds that mirror a section beside its own story feeds (the same page): a title of their own, so that
# a feed reader, the OPML file and a page's <link>s never show two feeds under one name.
TITLES = {
    "podcast": N_("%(name)s (podcast)"),
    "video": N_("%(name)s (video files)"),
    "calendar": N_("%(name)s (calendar)"),
}

FEEDS_PAGE = N_("Feeds and calendar")
GROUPS = {
    "all": N_("All stories"),
    "media": N_("Audio, video and the press-conference calendar"),
    "sections": N_("Sections"),
    "officials": N_("Officials"),
    "units": N_("City Hall units"),
    "topics": N_("Topics"),
}


class Texts:
    """The feed words in one language."""

    def __init__(self, translations: NullTranslations) -> None:
        self.gettext = translations.gettext

    def description(self, kind: str, name: str = "") -> str:
        return self.gettext(DESCRIPTIONS[kind]) % {"name": name}

    def title(self, kind: str, name: str) -> str:
        """The name a feed goes by: its entry's (a section, an official…), or for a podcast, video feed
        or calendar, that section's name and what the feed is."""
        return self.gettext(TITLES[kind]) % {"name": name} if kind in TITLES else name

    def group(self, kind: str) -> str:
        return self.gettext(GROUPS[kind])

    def feeds_page(self) -> str:
        return self.gettext(FEEDS_PAGE)
