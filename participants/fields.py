"""Form fields for the data every app records about people."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participants.normalize import NormalizeError, nip_normalize


class NipField(forms.CharField):
    """A NIP as people type it: 18 digits, grouped by spaces, dots or dashes ("19750312 200003 1 001").

    Cleans to the 18 digits (participants.normalize.nip_normalize, the one rule for every NIP field).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("NIP"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", _("18 digits, with or without spaces, e.g. 19750312 200003 1 001."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return nip_normalize(value)
        except NormalizeError as error:
            raise forms.ValidationError(error.message) from None
