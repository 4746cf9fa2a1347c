"""Which time zone a person sees times in and gets e-mails in: one rule for every way people are added."""

from bimtek.models.user import TimeZone


def person_time_zone(*, user=None, team=None) -> str:
    """The zone for ``user`` (None: an account about to be created) joining ``team`` (None: staff).

    A participant gets the zone of their team's region, wherever they were
    added from (the member form, an imported list, the back office, the demo). Someone who has
    logged in already may have chosen a zone in their preferences: that
    choice stays. Staff belong to no region and keep theirs (WIB for a new
    account).
    """
    chosen = user is not None and user.pk is not None and user.last_login is not None
    if team is not None and not chosen:
        return team.region.time_zone
    return user.time_zone if user is not None else TimeZone.WIB
