"""What the evaluation's pages of one round share."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from evaluation.selectors.rounds import program_round_lookup
from participants.view_mixins import ProgramMixin


class RoundMixin(ProgramMixin):
    """A page of the round in the URL, within the program in the URL (another program's round answers 404);
    the round is the object its permission is asked of."""

    @cached_property
    def evaluation_round(self):
        evaluation_round = get_object_or_404(program_round_lookup(self.program), pk=self.kwargs["round"])
        evaluation_round.program = self.program
        return evaluation_round

    def get_permission_object(self):
        return self.evaluation_round
