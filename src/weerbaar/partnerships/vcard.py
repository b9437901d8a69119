# SPDX-License-Identifier: EUPL-1.2
"""vCard 3.0 (RFC 2426) of directory cards, so partners can put each other in their phone.

Built from :class:`selectors.DirectoryCard`, so contact details appear only for entries whose author
consented; an entry without consent gives a card with the organisation and what it offers, nothing more.
"""

from weerbaar.partnerships.selectors import DirectoryCard


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 2425 §5.8.1), never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def vcard(card: DirectoryCard, *, partnership_name: str) -> str:
    contact = card.contact
    name = contact.name if contact is not None and contact.name else card.organisation
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_escape(name)}",
        f"N:{_escape(name)};;;;",
        f"ORG:{_escape(card.organisation)}",
        f"CATEGORIES:{_escape(partnership_name)}",
    ]
    if contact is not None and contact.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_escape(contact.phone)}")
    if contact is not None and contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{_escape(contact.email)}")
    note = " · ".join(part for part in (card.offers, card.reachability) if part)
    if note:
        lines.append(f"NOTE:{_escape(note)}")
    lines.append(f"UID:urn:uuid:{card.uuid}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def vcards(cards: list[DirectoryCard], *, partnership_name: str) -> str:
    return "".join(vcard(card, partnership_name=partnership_name) for card in cards)
