"""How pages name the people of a program."""

from django import template

from participants.selectors import staff_label as label_of

register = template.Library()


@register.filter
def staff_label(user) -> str:
    """A staff member read with ``listed_name`` (``program_mentors``, ``listed_users``) as the program lists them;
    nothing for no one."""
    return label_of(user) if user is not None else ""
