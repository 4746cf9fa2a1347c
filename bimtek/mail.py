"""Plain-text e-mails: rendered by the "text" template engine, which does not HTML-escape.

An e-mail's subject and body are not HTML, so "Jum'at & Sabtu" must arrive as
written, not as "Jum&#x27;at &amp; Sabtu". Every e-mail the app writes itself
goes through these two functions.
"""

from django.template import engines


def render_text(template_name: str, context: dict) -> str:
    return engines["text"].get_template(template_name).render(context)


def render_subject(template_name: str, context: dict) -> str:
    """The subject on one line, whatever line breaks the template has."""
    return " ".join(render_text(template_name, context).split())
