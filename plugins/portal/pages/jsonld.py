"""schema.org structured data: City Hall, news articles, photos, events, decisions, videos and recordings."""

from __future__ import annotations

from .views import DecisionView, EventView, ImageView, MediaView, StoryView

EVENT_STATUS = {"scheduled": "https://schema.org/EventScheduled",
                "cancelled": "https://schema.org/EventCancelled",
                "postponed": "https://schema.org/EventPostponed"}
LEGAL_FORCE = {"in-force": "https://schema.org/InForce",
               "amended": "https://schema.org/PartiallyInForce",
               "repealed": "https://schema.org/NotInForce"}


def organization(name: str, url: str, logo: str | None = None) -> dict:
    data = {"@context": "https://schema.org", "@type": "GovernmentOrganization", "name": name, "url": url,
            "address": {"@type": "PostalAddress", "addressLocality": "Bishkek", "addressCountry": "KG"}}
    if logo:
        data["logo"] = logo
    return data


def _person(entry) -> dict:
    return {"@type": "Person", "name": entry.name, "jobTitle": entry.role} if entry.role else \
        {"@type": "Person", "name": entry.name}


def article(story: StoryView, publisher: dict, absolute) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "description": story.summary,
        "inLanguage": story.lang,
        "datePublished": story.date.isoformat(),
        "dateModified": story.updated.isoformat(),
        "mainEntityOfPage": story.abs_url,
        "url": story.abs_url,
        "articleSection": story.section.name,
        "author": {k: v for k, v in publisher.items() if k != "@context"},
        "publisher": {k: v for k, v in publisher.items() if k != "@context"},
        "about": [_person(o) for o in story.officials],
    }
    if story.image:
        data["image"] = [absolute(story.image.url)]
    return data


def event(story: StoryView, e: EventView, organizer: dict) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": story.title,
        "description": story.summary,
        "inLanguage": story.lang,
        "url": story.abs_url,
        "startDate": e.when.isoformat(),
        "eventStatus": EVENT_STATUS[e.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": e.venue,
                     "address": {"@type": "PostalAddress", "addressLocality": "Bishkek", "addressCountry": "KG"}},
        "organizer": {k: v for k, v in organizer.items() if k != "@context"},
        "performer": [_person(s) for s in e.speakers],
    }
    if e.status == "postponed" and e.postponed_to:
        data["previousStartDate"] = e.starts.isoformat()
        data["eventStatus"] = "https://schema.org/EventRescheduled"
    if e.ends and not e.postponed_to:
        data["endDate"] = e.ends.isoformat()
    return data


def legislation(story: StoryView, d: DecisionView, absolute) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": story.title,
        "legislationIdentifier": d.number,
        "legislationDate": d.signed.isoformat(),
        "legislationLegalForce": LEGAL_FORCE[d.legal_status],
        "legislationPassedBy": _person(d.signatory),
        "inLanguage": story.lang,
        "encoding": {"@type": "MediaObject", "contentUrl": absolute(d.document.url),
                     "encodingFormat": d.document.mime, "contentSize": str(d.document.size)},
    }


def image_object(photo: ImageView, story: StoryView, absolute) -> dict:
    """A photo with its licence metadata (what image search shows as "Licensable")."""
    data = {
        "@context": "https://schema.org",
        "@type": "ImageObject",
        "contentUrl": absolute(photo.original.url if photo.original else photo.url),
        "thumbnailUrl": absolute(photo.url),
        "description": photo.alt,
        "inLanguage": story.lang,
        "creditText": photo.credit,
        "copyrightNotice": photo.copyright,
        "acquireLicensePage": f"{story.abs_url}#press-kit",
    }
    if photo.caption:
        data["caption"] = photo.caption
    if photo.licence:
        data["license"] = photo.licence.url
    if photo.taken:
        data["dateCreated"] = photo.taken.isoformat()
    return data


def media_object(story: StoryView, media: MediaView, absolute) -> dict:
    """A video (VideoObject, with what Google's video results require: name, thumbnailUrl, uploadDate)
    or a recording (AudioObject): its file, length and captions. A video on another site gets no
    contentUrl (that is a file) nor embedUrl (a player): we never embed; `url` says where it is."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "VideoObject" if media.kind == "video" else "AudioObject",
        "name": story.title,
        "description": story.summary or story.title,
        "inLanguage": story.lang,
        "uploadDate": story.date.isoformat(),
        "url": media.external_url or story.abs_url,
    }
    if media.poster:
        data["thumbnailUrl"] = [absolute(media.poster.url)]
    if media.file:
        data.update(contentUrl=absolute(media.file.url), encodingFormat=media.file.mime,
                    contentSize=str(media.file.size))
    if media.iso_duration:
        data["duration"] = media.iso_duration
    if media.captions:
        data["caption"] = [{"@type": "MediaObject", "contentUrl": absolute(track.url), "encodingFormat": "text/vtt",
                            "inLanguage": track.lang} for track in media.captions]
    return data


def for_story(story: StoryView, publisher: dict, absolute) -> list[dict]:
    blocks = [article(story, publisher, absolute)]
    blocks += [image_object(photo, story, absolute) for photo in story.photos]
    if story.event:
        blocks.append(event(story, story.event, publisher))
    if story.decision:
        blocks.append(legislation(story, story.decision, absolute))
    if story.media:
        blocks.append(media_object(story, story.media, absolute))
    return blocks
