import openpyxl
from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def secret_key_given(app_configs, **kwargs):
    if settings.SECRET_KEY_MISSING:
        return [Error("DJANGO_SECRET_KEY is not set.", hint="Set a long random DJANGO_SECRET_KEY.",
                      id="bimtek.E001")]
    return []


@register(Tags.security)
def spreadsheets_parsed_safely(app_configs, **kwargs):
    """Imported XLSX files are XML: openpyxl must parse them with defusedxml (no entity expansion)."""
    if not openpyxl.DEFUSEDXML:
        return [Error("openpyxl does not use defusedxml.", id="bimtek.E002",
                      hint="Install defusedxml (requirements.txt) and do not set OPENPYXL_DEFUSEDXML=False.")]
    return []
