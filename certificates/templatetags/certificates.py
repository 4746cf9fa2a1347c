from django import template

from certificates.selectors import holder_certificates

register = template.Library()


@register.simple_tag(takes_context=True)
def held_certificates(context, program, kind):
    """The valid certificates of one kind that the page's user holds in the program (one query)."""
    return holder_certificates(context["user"], program, kind)
