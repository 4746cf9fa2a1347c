"""When things happen in the demo programs: weekdays only, relative to today.

A stage is one online plenary on its first day and a clinic per region on
the next weekdays, one region a day per mentor (mentors travel). The current
program is in mid-course: stages I and II lie behind, stage III is under way
(two days of clinics held, two ahead), stage IV is still to come.
"""

import datetime
from dataclasses import dataclass

SATURDAY = 5
# National holidays with a fixed date (New Year, Labour Day, Pancasila Day, Independence Day, Christmas); the
# moving ones (Idul Fitri, Nyepi, …) are left out of a demo.
FIXED_HOLIDAYS = {(1, 1), (5, 1), (6, 1), (8, 17), (12, 25)}


def is_weekday(day: datetime.date) -> bool:
    """A working day: Monday to Friday, not a fixed-date national holiday."""
    return day.weekday() < SATURDAY and (day.month, day.day) not in FIXED_HOLIDAYS


def weekday_on_or_after(day: datetime.date) -> datetime.date:
    while not is_weekday(day):
        day += datetime.timedelta(days=1)
    return day


def weekdays_after(day: datetime.date, count: int) -> list[datetime.date]:
    """The ``count`` weekdays following ``day``."""
    days = []
    while len(days) < count:
        day += datetime.timedelta(days=1)
        if is_weekday(day):
            days.append(day)
    return days


def weekdays_before(day: datetime.date, count: int) -> list[datetime.date]:
    """The ``count`` weekdays before ``day``, earliest first."""
    days = []
    while len(days) < count:
        day -= datetime.timedelta(days=1)
        if is_weekday(day):
            days.append(day)
    return days[::-1]


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class StagePlan:
    plenary: datetime.date  # the stage's first day
    clinic_days: list  # a mentor's k-th region is visited on clinic_days[k]

    @property
    def start(self):
        return self.plenary

    @property
    def end(self):
        return self.clinic_days[-1]


def week_plan(monday: datetime.date, clinics: int = 4) -> StagePlan:
    """A stage of one week: the plenary on Monday (or the next working day), clinics on the working days after."""
    plenary = weekday_on_or_after(monday)
    return StagePlan(plenary=plenary, clinic_days=weekdays_after(plenary, clinics))


def current_program_plan(today: datetime.date) -> dict[int, StagePlan]:
    """Stages I and II done (twelve and seven weeks ago), III under way around today, IV in five weeks."""
    this_monday = monday_of(today)
    held = weekdays_before(today, 3)  # the plenary, then two days of clinics, before today
    ahead = weekdays_after(today, 2)
    return {
        1: week_plan(this_monday - datetime.timedelta(weeks=12)),
        2: week_plan(this_monday - datetime.timedelta(weeks=7)),
        3: StagePlan(plenary=held[0], clinic_days=[*held[1:], *ahead]),
        4: week_plan(this_monday + datetime.timedelta(weeks=5)),
    }


def previous_program_plan(today: datetime.date) -> dict[int, StagePlan]:
    """Last year's program: four stages a month apart, from about a year and a quarter ago."""
    first = monday_of(today - datetime.timedelta(weeks=64))
    return {ordinal: week_plan(first + datetime.timedelta(weeks=5 * (ordinal - 1))) for ordinal in range(1, 5)}
