"""Contact: the link on each indicator page by which a reader suggests a source or reports an error, filled in with
the indicator and the page's address where the site's contact allows it (an e-mail, or a form's {subject}, {body})."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from site_builder.i18n import Gettext
from site_builder.model.entities import Indicator
from site_builder.pages.contexts import ContactView


def contact_view(contact: str, indicator: Indicator, lang: str, page_url: str, _: Gettext) -> ContactView:
    """The reader's way back to the publisher about `indicator`, whose page is at `page_url` (absolute)."""
    name = indicator.name.get(lang)
    subject = _("Indicator %(number)s, %(name)s: a source or a correction") % {"number": indicator.number, "name": name}
    body = "\n".join(
        (
            _("Page: %(url)s") % {"url": page_url},
            _("Indicator: %(number)s %(name)s (%(id)s)")
            % {"number": indicator.number, "name": name, "id": indicator.id},
            "",
            _("A published source (title, publisher, address, date), or what is wrong:"),
            "",
        )
    )
    return ContactView(*contact_link(contact, subject, body), f"{subject}\n\n{body}")


def contact_link(contact: str, subject: str, body: str) -> tuple[str, str, str]:
    """(kind, address, label) of the link: "mail" with the subject and text in it, "form" with its {subject} and
    {body} filled in (URL-encoded), "page" (a page without places to fill in: the reader quotes the text), or
    ("", "", "") when the site lists no contact. `contact` is as site.toml's check let it through."""
    if not contact:
        return "", "", ""
    if contact.startswith("mailto:"):
        query = f"subject={_encoded(subject)}&body={_encoded(body)}"
        return "mail", f"{contact}?{query}", contact.removeprefix("mailto:")
    if "{subject}" in contact or "{body}" in contact:
        filled = contact.replace("{subject}", _encoded(subject)).replace("{body}", _encoded(body))
        return "form", filled, urlsplit(contact).hostname or contact
    return "page", contact, urlsplit(contact).hostname or contact


def _encoded(text: str) -> str:
    """Every character but letters, digits and -._~ percent-encoded as UTF-8, line breaks as CRLF (RFC 6068)."""
    return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")
