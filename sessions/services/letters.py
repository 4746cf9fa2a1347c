"""The program's letterhead and its invitation letters' numbers."""

from django.db import transaction
from django.utils import timezone

from bimtek.filestore import clear_upload, delete_after_commit, store_upload
from bimtek.forms import KEEP, REMOVE
from bimtek.images import LOGO_KINDS, LOGO_MAX_BYTES, check_image
from bimtek.numbering import check_number_format, format_number
from sessions.models import InvitationLetter, LetterSettings


@transaction.atomic
def letter_settings_update(*, program, letterhead_lines: str = "", letterhead_logo=KEEP, number_format: str,
                           official_name: str = "", official_position: str = "",
                           official_nip: str = "") -> LetterSettings:
    """Set the letterhead (lines; logo: KEEP, REMOVE or an upload) and how invitation letters are numbered and signed.

    The number format must give every letter its own number (the certificates'
    rule); the logo must be a PNG or JPEG that opens. A replaced logo's file is
    deleted once the change is committed; a new one is stored as every upload is (bimtek.filestore: checked by
    content, a server-chosen name, gone again if the transaction rolls back).
    """
    settings = (LetterSettings.objects.select_for_update().filter(program=program).first()
                or LetterSettings(program=program))
    number_format = number_format.strip()
    check_number_format(number_format)
    settings.letterhead_lines = "\n".join(line.strip() for line in letterhead_lines.splitlines() if line.strip())
    settings.number_format = number_format
    settings.official_name, settings.official_position = official_name.strip(), official_position.strip()
    settings.official_nip = official_nip
    if letterhead_logo is not KEEP:
        old = settings.letterhead_logo
        if letterhead_logo is REMOVE:
            clear_upload(settings, "letterhead_logo")
        else:
            check_image(letterhead_logo, max_bytes=LOGO_MAX_BYTES)
            store_upload(settings, letterhead_logo, kinds=LOGO_KINDS, max_bytes=LOGO_MAX_BYTES,
                         field_name="letterhead_logo")
        delete_after_commit(old)
    settings.full_clean()
    settings.save()
    program._letter_settings = settings
    return settings


@transaction.atomic
def invitation_letters_number(*, stage, teams) -> dict:
    """Each team's invitation letter for the stage, numbered and dated once: printing again keeps both.

    New numbers run on from the program's counter (its row locked, so two
    organizers printing at once never share a number), in the order of ``teams``.
    Returns {team id: InvitationLetter}.
    """
    team_ids = [team.pk for team in teams]
    letters = {letter.team_id: letter for letter in InvitationLetter.objects.filter(stage=stage, team__in=team_ids)}
    if len(letters) == len(team_ids):
        return letters
    settings = LetterSettings.objects.select_for_update().filter(program_id=stage.program_id).first()
    if settings is None:  # the first letters of a program whose settings were never saved
        LetterSettings.objects.get_or_create(program_id=stage.program_id)
        settings = LetterSettings.objects.select_for_update().get(program_id=stage.program_id)
    # Read again under the lock: another request may have numbered some meanwhile.
    letters = {letter.team_id: letter for letter in InvitationLetter.objects.filter(stage=stage, team__in=team_ids)}
    today = timezone.localdate()
    new = []
    for team_id in team_ids:
        if team_id not in letters:
            settings.last_sequence += 1
            new.append(InvitationLetter(stage=stage, team_id=team_id, dated=today, number=format_number(
                settings.number_format, sequence=settings.last_sequence, on=today)))
    InvitationLetter.objects.bulk_create(new)
    settings.save(update_fields=["last_sequence"])
    letters.update({letter.team_id: letter for letter in new})
    return letters
