"""The letterhead settings and the invitation letters (Surat Undangan) of a stage, for organizers."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from bimtek.downloads import bytes_download
from bimtek.selectors import program_stages
from bimtek.views.mixins import ServiceFormMixin
from participants.view_mixins import ProgramMixin
from sessions import selectors, services
from sessions.forms import LetterSettingsForm
from sessions.letters import invitation_letters_pdf


class LetterSettingsView(ServiceFormMixin, ProgramMixin, FormView):
    """The program's letterhead and how its invitation letters are numbered and signed."""

    permission_required = "training.manage_letters"
    template_name = "sessions/letter_settings.html"
    form_class = LetterSettingsForm

    def get_initial(self):
        settings = selectors.letter_settings(self.program)
        return {"letterhead_lines": settings.letterhead_lines, "letterhead_logo": settings.letterhead_logo or None,
                "number_format": settings.number_format, "official_name": settings.official_name,
                "official_position": settings.official_position, "official_nip": settings.official_nip}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "stages": program_stages(self.program)}

    def run_service(self, form):
        services.letter_settings_update(program=self.program, **form.service_fields())
        messages.success(self.request, _("Letterhead and letter settings saved."))
        return redirect("letter_settings", program=self.program.pk)


class InvitationLettersView(ProgramMixin, View):
    """The stage's invitation letters as one PDF: every region's (or ``team``'s alone), numbered once."""

    permission_required = "training.manage_letters"

    @cached_property
    def stage(self):
        stage = get_object_or_404(program_stages(self.program), ordinal=self.kwargs["ordinal"])
        stage.program = self.program  # its letter settings and policy are read once, cached on the program
        return stage

    @cached_property
    def team(self):
        if "team" not in self.kwargs:
            return None
        return get_object_or_404(selectors.program_teams(self.program), pk=self.kwargs["team"])

    def get(self, request, *args, **kwargs):
        """The PDF when every letter has its number; else a page that asks to number them first: a link followed
        by a crawler or a browser's prefetch must not use numbers up."""
        teams = selectors.stage_teams(self.stage, self.team)
        numbers = selectors.numbered_letters(self.stage, teams)
        if len(numbers) == len(teams):
            return self.pdf(teams, numbers)
        return render(request, "sessions/invitation_letters_confirm.html", {
            "program": self.program, "stage": self.stage, "team": self.team,
            "unnumbered": len(teams) - len(numbers), "numbered": len(numbers)})

    def post(self, request, *args, **kwargs):
        teams = selectors.stage_teams(self.stage, self.team)
        return self.pdf(teams, services.invitation_letters_number(stage=self.stage, teams=teams))

    def pdf(self, teams, numbers):
        team = self.team
        letters = selectors.invitation_letters(self.stage, teams, numbers=numbers,
                                               policy=selectors.attendance_policy(self.program))
        name = f"surat-undangan-tahap-{self.stage.roman}" + (f"-{slugify(str(team.region))}" if team else "")
        title = f"Surat Undangan Bimbingan Teknis Tahap {self.stage.roman}" + (f" - {team.region}" if team else "")
        return bytes_download(invitation_letters_pdf(letters, title=title), filename=f"{name}.pdf",
                              content_type="application/pdf")
