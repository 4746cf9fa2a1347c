from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bimtek.formats import size_text, zone_label
from bimtek.forms import LocalDateTimeField, ModelMultipleChoiceField, UploadFormMixin
from bimtek.uploads import KIND_LABELS, kinds_label
from materials.models import DEFAULT_FILE_KINDS, Assignment, Feedback, FileKind
from materials.services.publishing import ASSIGNMENT_MAX_SIZE_MB, MATERIAL_KINDS, MATERIAL_MAX_BYTES
from materials.services.workflow import MARKUP_KINDS
from participants.selectors import staff_label
from sessions.models import TrainingSession


def zone_help(text):
    return f"{text} ({zone_label(timezone.get_current_timezone())})"


class FileFieldForm(UploadFormMixin, forms.Form):
    """A form with a ``file`` (an upload, see bimtek.filestore), required unless ``file_required`` is False."""

    file_required = True

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if self.file_required and not file:
            raise forms.ValidationError(_("Choose the file to upload."))
        return file


def file_help(kinds, max_bytes):
    return _("%(kinds)s; at most %(limit)s. The file is checked by its content, not its name.") % {
        "kinds": kinds_label(kinds), "limit": size_text(max_bytes)}


class MaterialForm(FileFieldForm):
    stage = forms.ModelChoiceField(label=_("Stage"), queryset=None)
    session = forms.ModelChoiceField(label=_("Session (optional)"), queryset=None, required=False,
                                     help_text=_("Leave empty to hand it out for the whole stage."))
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https",
                         help_text=_("A link instead of a file, e.g. a shared folder or a video."))
    file = forms.FileField(label=_("File"), required=False,
                           help_text=file_help(MATERIAL_KINDS, MATERIAL_MAX_BYTES))
    file_required = False

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **{"max_bytes": MATERIAL_MAX_BYTES, **kwargs})

        self.fields["stage"].queryset = program.stages.all()
        self.fields["session"].queryset = (TrainingSession.objects.filter(stage__program=program)
                                           .select_related("stage").order_by("stage__ordinal", "starts_at"))
        self.fields["session"].label_from_instance = lambda s: f"{s.stage.roman} · {s.title}"

    def clean(self):
        data = super().clean()
        if not self.oversized and bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Give either a file or a link, not both."))
        return data


class AssignmentForm(forms.ModelForm):
    due_at = LocalDateTimeField(label=_("Due"))  # in the viewer's zone (the middleware activates it)
    allowed_kinds = forms.MultipleChoiceField(label=_("Allowed file kinds"), choices=FileKind.choices,
                                              widget=forms.CheckboxSelectMultiple, initial=DEFAULT_FILE_KINDS)
    max_size_mb = forms.IntegerField(label=_("Size limit (MB)"), min_value=1, max_value=ASSIGNMENT_MAX_SIZE_MB,
                                     initial=100)

    class Meta:
        model = Assignment
        fields = ["stage", "title", "instructions", "dimension", "due_at", "allowed_kinds", "max_size_mb"]
        widgets = {"instructions": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = program.stages.all()
        self.fields["dimension"].queryset = program.dimensions.all()
        self.fields["due_at"].help_text = zone_help(_("In your time zone"))


class DraftUploadForm(FileFieldForm):
    note = forms.CharField(label=_("Note for the mentors (optional)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("What changed in this version, or what you want them to look at."))
    addressed = ModelMultipleChoiceField(
        label=_("Feedback this version addresses"), queryset=Feedback.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the comments you have worked into this version; your mentor sees which ones."))
    file = forms.FileField(label=_("File"), required=False)

    def __init__(self, *args, assignment, open_feedback, **kwargs):
        super().__init__(*args, **{"max_bytes": assignment.max_bytes, **kwargs})
        self.fields["file"].help_text = file_help(assignment.allowed_kinds, assignment.max_bytes)
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{k}" for k in assignment.allowed_kinds)
        self.fields["addressed"].queryset = Feedback.objects.filter(pk__in=[f.pk for f in open_feedback])
        labels = {f.pk: f for f in open_feedback}
        self.fields["addressed"].label_from_instance = lambda f: _("v%(number)s · %(mentor)s: %(comment)s") % {
            "number": labels[f.pk].version.number,
            "mentor": staff_label(labels[f.pk].mentor) if labels[f.pk].mentor else "–",
            "comment": labels[f.pk].comment[:160]}
        if not open_feedback:
            del self.fields["addressed"]


class FeedbackForm(FileFieldForm):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        (Feedback.Decision.REVISION, _("Request a revision")),
        (Feedback.Decision.APPROVE, _("Approve this version")),
        (Feedback.Decision.COMMENT, _("Comment only (keep reviewing)")),
    ])
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)
    file = forms.FileField(label=_("Marked-up file (optional)"), required=False,
                           help_text=_("For example the draft with your comments in it."))
    file_required = False

    def __init__(self, *args, latest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = file_help(MARKUP_KINDS, self.max_bytes)
        if not latest:
            # A decision is taken on the latest version; older ones only get comments.
            self.fields["decision"].choices = [(Feedback.Decision.COMMENT, _("Comment only"))]
            self.fields["decision"].initial = Feedback.Decision.COMMENT


class ExtensionForm(forms.Form):
    due_at = LocalDateTimeField(label=_("New due time"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_at"].help_text = zone_help(_("In your time zone"))


class CompareForm(forms.Form):
    old = forms.TypedChoiceField(label=_("Compare"), coerce=int)
    new = forms.TypedChoiceField(label=_("with"), coerce=int)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.number, f"v{v.number} · {KIND_LABELS.get(v.kind, v.kind)}") for v in versions]
        self.fields["old"].choices = self.fields["new"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("old") is not None and data.get("old") == data.get("new"):
            raise forms.ValidationError(_("Choose two different versions."))
        return data
