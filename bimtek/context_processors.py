from django.utils.functional import SimpleLazyObject

from bimtek.roles import program_roles, user_programs


def navigation(request):
    """The programs the visitor takes part in, with their roles, for the menu."""

    def programs():
        user = request.user
        return [(program, program_roles(user, program.pk)) for program in user_programs(user)]

    return {"nav_programs": SimpleLazyObject(programs) if request.user.is_authenticated else []}
