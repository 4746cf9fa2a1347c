"""How pages name the people of a program, and the team page's rows of members."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from bimtek.formats import nip_grouped
from bimtek.forms import escaped
from bimtek.templatetags.bimtek import link_by_id
from participants.selectors import staff_label as label_of

register = template.Library()


@register.filter
def staff_label(user) -> str:
    """A staff member read with ``listed_name`` (``program_mentors``, ``listed_users``) as the program lists them;
    nothing for no one."""
    return label_of(user) if user is not None else ""


@register.simple_tag(takes_context=True)
def team_member_rows(context, members, can_change):
    """The team page's rows of members in one pass: per-row template tags and filters cost a team of 80 some
    ten milliseconds. NIP and phone only where the view found ``personal_data_shown``; with ``can_change``, the
    e-mail and the buttons to edit, invite and remove."""
    labels = {key: escaped(gettext(msgid)) for key, msgid in (
        ("name", "Name"), ("position", "Position"), ("agency", "Agency"), ("role", "Role in team"),
        ("email", "E-mail"))}
    phone, edit, invite, remove = (escaped(gettext(msgid)) for msgid in (
        "Phone", "Edit", "Send invitation", "Remove"))
    confirm = gettext("Remove %(name)s from the team?")
    csrf_token = context.get("csrf_token")
    csrf = (f'<input type="hidden" name="csrfmiddlewaretoken" value="{escaped(csrf_token)}">'
            if csrf_token and csrf_token != "NOTPROVIDED" else "")
    next_path = escaped(context["request"].path) if can_change else ""
    if can_change and members:  # each address reversed once for the page (a team has eighty members)
        program_id, team_id = members[0].team.program_id, members[0].team_id
        edit_link = link_by_id("participant_update", program_id, team_id)
        remove_link = link_by_id("participant_remove", program_id, team_id)
        invite_link = link_by_id("invitation_send", program_id)
    rows, role_labels = [], {}
    for member in members:
        if member.team_role not in role_labels:
            role_labels[member.team_role] = escaped(member.get_team_role_display())
        name = escaped(member.full_name)
        personal = ""
        if member.personal_data_shown:
            if member.nip:
                personal += f'<br><span class="small muted">NIP {escaped(nip_grouped(member.nip))}</span>'
            if member.phone:
                personal += f'<br><span class="small muted">{phone} {escaped(member.phone)}</span>'
        actions = ""
        if can_change:
            actions = (
                f'<td data-label="{labels["email"]}">{escaped(member.user.email)}</td>\n'
                f'    <td><a class="button secondary" href="{edit_link(member.pk)}">'
                f'{edit}<span class="visually-hidden"> {name}</span></a>\n'
                f'      <form class="inline-form" method="post" action="'
                f'{invite_link(member.user_id)}">{csrf}\n'
                f'        <input type="hidden" name="next" value="{next_path}">\n'
                f'        <button type="submit" class="secondary">{invite}<span class="visually-hidden"> {name}</span>'
                f'</button></form>\n'
                f'      <form class="inline-form" method="post" action="'
                f'{remove_link(member.pk)}" data-confirm="{confirm % {"name": name}}">{csrf}\n'
                f'        <button type="submit" class="danger">{remove}<span class="visually-hidden"> {name}</span>'
                f'</button></form></td>')
        rows.append(
            f'\n  <tr><td data-label="{labels["name"]}">{name}{personal}</td>\n'
            f'    <td data-label="{labels["position"]}">{escaped(member.position)}</td>\n'
            f'    <td data-label="{labels["agency"]}">{escaped(member.agency)}</td>\n'
            f'    <td data-label="{labels["role"]}">{role_labels[member.team_role]}</td>\n'
            f'    {actions}</tr>\n  ')
    return mark_safe("".join(rows))  # every name, label and address escaped above
