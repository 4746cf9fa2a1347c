"""The site's URLs plus one baseline page: a template of a given size, rendered by a view that runs no query.

A benchmark that sets ROOT_URLCONF to this module compares every page with this one
in the same run, through the same middleware (session, user, language), so what a
page costs beyond writing its bytes shows as the ratio.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

PAGE = engines["django"].from_string(
    "<!doctype html><html><body><main>{% for line in lines %}<p>{{ line }}</p>\n{% endfor %}</main></body></html>")


def baseline_page(request, size):
    return HttpResponse(PAGE.render({"lines": ["x" * 93] * max(1, size // 101)}))


urlpatterns = [
    path("__baseline__/<int:size>/", baseline_page, name="bench_baseline"),
    path("", include("bimtek.urls")),
]
