"""Credit, copyright and licence written into every published photo file.

EXIF text is ASCII in practice (Pillow writes Cyrillic EXIF text as `?`),
so EXIF gets the romanized credit; XMP is UTF-8 and gets the full credit,
copyright, licence and, for originals, the captions and alt texts in each
language, where newsroom software (Photo Mechanic, Lightroom, Photoshop)
shows them as the IPTC fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from PIL import Image

from portal.stories.slugs import romanize

ARTIST, COPYRIGHT, ORIENTATION = 0x013B, 0x8298, 0x0112


@dataclass(frozen=True)
class Rights:
    """What a published file says about the photo, in every published language."""

    credit: dict[str, str]  # lang -> credit line
    licence_name: str
    licence_url: str
    year: int
    taken: date | None = None
    caption: dict[str, str] = field(default_factory=dict)  # originals only
    alt: dict[str, str] = field(default_factory=dict)  # originals only

    @property
    def first_credit(self) -> str:
        return next(iter(self.credit.values()))

    def copyright(self, lang: str) -> str:
        return f"© {self.year} {self.credit[lang]}"

    def exif(self, orientation: int | None = None) -> bytes:
        exif = Image.Exif()
        exif[ARTIST] = romanize(self.first_credit)
        exif[COPYRIGHT] = f"(c) {self.year} {romanize(self.first_credit)}, {self.licence_name}"
        if orientation and orientation != 1:
            exif[ORIENTATION] = orientation
        return exif.tobytes()

    def xmp(self) -> bytes:
        def alternatives(texts: dict[str, str]) -> str:
            first = next(iter(texts.values()))
            items = [f'<rdf:li xml:lang="x-default">{escape(first)}</rdf:li>']
            items += [f"<rdf:li xml:lang={quoteattr(lang)}>{escape(text)}</rdf:li>"
                      for lang, text in texts.items() if lang != "x-default"]
            return f"<rdf:Alt>{''.join(items)}</rdf:Alt>"

        rights = {lang: self.copyright(lang) for lang in self.credit}
        properties = [
            f"<dc:creator><rdf:Seq><rdf:li>{escape(self.first_credit)}</rdf:li></rdf:Seq></dc:creator>",
            f"<dc:rights>{alternatives(rights)}</dc:rights>",
            f"<xmpRights:UsageTerms>{alternatives({'x-default': self.licence_name})}</xmpRights:UsageTerms>",
        ]
        if self.caption:
            properties.append(f"<dc:description>{alternatives(self.caption)}</dc:description>")
        if self.alt:
            properties.append(f"<Iptc4xmpCore:AltTextAccessibility>{alternatives(self.alt)}"
                              "</Iptc4xmpCore:AltTextAccessibility>")
        taken = f" photoshop:DateCreated={quoteattr(self.taken.isoformat())}" if self.taken else ""
        packet = (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
            ' xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"'
            ' xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"'
            f' photoshop:Credit={quoteattr(self.first_credit)} xmpRights:Marked="True"'
            f" xmpRights:WebStatement={quoteattr(self.licence_url)}{taken}>"
            + "".join(properties)
            + '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
        )
        return packet.encode("utf-8")

    def for_renditions(self) -> Rights:
        """Renditions carry credit, copyright and licence, not the texts: fixing a
        caption's typo then does not re-encode every rendition of the photo."""
        return Rights(self.credit, self.licence_name, self.licence_url, self.year, self.taken)
