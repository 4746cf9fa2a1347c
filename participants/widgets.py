"""django-import-export widgets for participant lists: tidy text, cleaned NIPs and phones, choices in words."""

from django.utils.translation import gettext as _
from import_export import widgets

from bimtek.xlsx import DANGEROUS_START
from participants.normalize import NormalizeError, text_clean

NEUTRALISED = tuple(start for start in DANGEROUS_START if start.strip())


class TextWidget(widgets.CharWidget):
    """One tidy line of text; refuses more than the model field holds."""

    def __init__(self, max_length, clean=text_clean):
        super().__init__(allow_blank=True)
        self.max_length = max_length
        self.cleaner = clean

    def clean(self, value, row=None, **kwargs):
        text = self.cleaner(value)
        if text[:1] == "'" and text[1:2] in NEUTRALISED:
            text = text[1:]  # bimtek's own exports quote a leading = + - @ so spreadsheets never run it
        if len(text) > self.max_length:
            raise ValueError(_("At most %(limit)s characters (this one has %(length)s).")
                             % {"limit": self.max_length, "length": len(text)})
        return text


class NormalizedWidget(widgets.Widget):
    def __init__(self, normalize):
        super().__init__()
        self.normalize = normalize

    def clean(self, value, row=None, **kwargs):
        try:
            return self.normalize(value)
        except NormalizeError as error:
            raise ValueError(str(error.message)) from None


class WordsWidget(widgets.Widget):
    """A choice written in words ('Ketua', 'Dewan Smart City'); the export writes the first word of each."""

    def __init__(self, *, parse, labels, default):
        super().__init__()
        self.parse, self.labels, self.default = parse, labels, default

    def clean(self, value, row=None, **kwargs):
        text = text_clean(value)
        if not text:
            return self.default
        choice = self.parse(text)
        if not choice:
            raise ValueError(_("Write one of: %(words)s.") % {"words": ", ".join(self.labels.values())})
        return choice

    def render(self, value, obj=None, **kwargs):
        return self.labels.get(value, value or "")


class RegionWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs):
        return str(value) if value else ""
