import functools

from django import template
from django.template.loader import get_template
from django.urls import get_script_prefix, reverse
from django.utils import formats, timezone
from django.utils.translation import get_language

from bimtek.formats import nip_grouped, percent_text, size_text, zone_label
from bimtek.forms import escaped

register = template.Library()


def link_by_id(url_name: str, *args):
    """A function from an object's id to its address ``url_name`` (with ``args``, then the id), escaped for HTML:
    reversed once for a page of rows, where reversing each row's took a good share of the page."""
    marker = "2147483647"  # an id no object reaches, cut out of the one reversed address
    head, _marker, tail = escaped(reverse(url_name, args=[*args, marker])).rpartition(marker)
    return lambda pk: f"{head}{pk}{tail}"


@register.filter
def when(value):
    """A moment in the viewer's zone with the zone named: '27 Nov 2026 09.00 WIB'."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{_day(local.date(), get_language())} {local:%H.%M} {zone_label(timezone.get_current_timezone())}"


@functools.lru_cache(maxsize=512)
def _day(day, language):
    """'27 Nov 2026' in the language: made once per day and language, as a roster shows a time on each row."""
    return formats.date_format(day, "j M Y")


@register.filter
def clock(value):
    """Only the time of day with the zone: '09.00 WITA'."""
    if not value:
        return ""
    return f"{timezone.localtime(value):%H.%M} {zone_label(timezone.get_current_timezone())}"


@register.simple_tag
def shown_zone():
    """The label of the zone this page's times are in ('WIT'): the viewer's, or the room's on the check-in screen."""
    return zone_label(timezone.get_current_timezone())


@register.filter
def long_date(value):
    """'Kamis, 27 November 2026' in the active language."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return formats.date_format(value, "l, j F Y")


@register.filter
def percent(value):
    """A share (0..1) as the language writes it: '66,7%' in Indonesian."""
    return percent_text(value)


@register.filter
def size(value):
    """A file size in bytes: '100 MB', '1,5 KB' in Indonesian."""
    return size_text(value or 0)


@register.filter
def nip(value):
    """A NIP in its usual grouped form: '19750312 200003 1 001'."""
    return nip_grouped(value) if value else ""


# The program menu's links that show only to some (includes/program_nav.html): flag -> the permission asked.
MENU_PERMISSIONS = (
    ("can_dashboard", "bimtek.view_dashboard"), ("can_people", "participants.manage_people"),
    ("can_recap", "training.view_recap"), ("can_own_attendance", "training.view_own_attendance"),
    ("can_review", "materials.view_review_queue"), ("can_certificates", "certificates.manage_certificates"),
    ("can_export", "bimtek.export_program"), ("can_evaluation", "evaluation.view_rounds"),
)


@register.simple_tag(takes_context=True)
def program_menu(context):
    """The program's menu (includes/program_nav.html) on every page inside a program. The rules are asked each
    time; the menu itself is written once per program name, page, answers and language in each process (it is
    a dozen links and conditions, some 2,000 calls), since nothing else changes it."""
    user, program, request = context["user"], context["program"], context["request"]
    allowed = tuple(user.has_perm(permission, program) for _flag, permission in MENU_PERMISSIONS)
    url_name = request.resolver_match.url_name if request.resolver_match else ""
    return _program_menu(program.pk, program.name, url_name, allowed, get_language(), get_script_prefix())


@functools.lru_cache(maxsize=4096)
def _program_menu(program_id, name, url_name, allowed, language, script_prefix):
    flags = {flag: answer for (flag, _permission), answer in zip(MENU_PERMISSIONS, allowed, strict=True)}
    return get_template("includes/program_nav.html").render(
        {"program": {"pk": program_id, "name": name}, "url_name": url_name, **flags})
