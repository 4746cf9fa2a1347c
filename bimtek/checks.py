from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def secret_key_given(app_configs, **kwargs):
    if settings.SECRET_KEY_MISSING:
        return [Error("DJANGO_SECRET_KEY is not set.", hint="Set a long random DJANGO_SECRET_KEY.",
                      id="bimtek.E001")]
    return []
