"""The participant list as a django-import-export resource: one row per person on a team of one program.

The import runs in two passes through ``ParticipantResource.import_data``: a
dry run for the preview (nothing written, every row classified as new,
update, unchanged or error) and the confirmed run, which writes in bulk.
People are matched by e-mail address, else by NIP, against everything read
up front in a fixed number of queries (``ProgramParticipantLoader``); new
accounts are created in bulk with no usable password (hashing one per row
would cost about half a second each). Empty cells never erase what is
stored.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader

from bimtek.accounts import accounts_by_login, login_confirmed
from participants import services
from participants.columns import (
    COLUMNS,
    GROUP_LABELS,
    TEAM_ROLE_LABELS,
    TEAM_ROLE_WORDS,
    group_for_text,
    province_of,
    region_parse,
)
from participants.models import Participant, ProgramRole, Region, Team
from participants.normalize import (
    NormalizeError,
    email_normalize,
    name_clean,
    nip_normalize,
    phone_normalize,
    text_clean,
)
from participants.provinces import province_time_zone
from participants.widgets import NormalizedWidget, RegionWidget, TextWidget, WordsWidget
from participants.zones import person_time_zone

User = get_user_model()

# Fields an import may change, in the order a preview lists the changes.
TRACKED = ("full_name", "nip", "position", "agency", "phone", "team_role", "group", "team_id")
LOOKUP_BATCH = 2000


def _region_key(name: str) -> str:
    return " ".join(name.lower().split())


class ProgramParticipantLoader(BaseInstanceLoader):
    """Finds the participant a row means among the program's people: by e-mail address, else by NIP.

    Reads everything up front: the program's participants with their accounts
    (one query) and the accounts of the file's other addresses (one query per
    2,000 addresses), so matching costs no query per row.
    """

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.by_email, self.by_nip = {}, {}
        for participant in (Participant.objects.filter(team__program=resource.program).select_related(
                "user", "team__region").annotate(login_confirmed=login_confirmed("user"))):
            if participant.login_confirmed:  # else the address identifies nobody: refused below
                self.by_email[participant.user.email.lower()] = participant
            if participant.nip:
                self.by_nip.setdefault(participant.nip, participant)
        self.emails = {}  # raw cell -> (address or "", problem or None); each address is cleaned once
        wanted = set()
        if dataset is not None and "email" in (dataset.headers or []):
            for value in dataset["email"]:
                email = self.email(value)[0]
                if email and email not in self.by_email:
                    wanted.add(email)
        # Organizers, mentors and evaluators of the program cannot also be imported as its participants.
        self.staff = {email.lower(): ProgramRole.Role(role).label for email, role in ProgramRole.objects.filter(
            program=resource.program).values_list("user__email", "role")}
        # Only a confirmed address finds an account; one that is a login without being confirmed is refused.
        self.accounts, self.unconfirmed = {}, set()
        wanted = sorted(wanted)
        for start in range(0, len(wanted), LOOKUP_BATCH):
            found, unconfirmed = accounts_by_login(wanted[start:start + LOOKUP_BATCH])
            self.accounts.update(found)
            self.unconfirmed |= unconfirmed

    def email(self, value):
        """(the cleaned address or "", the problem with it or None), for one e-mail cell."""
        key = value if isinstance(value, str) or value is None else str(value)
        if key not in self.emails:
            try:
                self.emails[key] = (email_normalize(value), None)
            except NormalizeError as error:
                self.emails[key] = ("", str(error.message))
        return self.emails[key]

    def get_instance(self, row):
        email = self.email(row.get("email"))[0]
        if email and email in self.by_email:
            return self.by_email[email]
        try:
            nip = nip_normalize(row.get("nip"))
        except NormalizeError:
            return None
        return self.by_nip.get(nip) if nip else None


class ParticipantResource(resources.ModelResource):
    full_name = Field(attribute="full_name", column_name="full_name", widget=TextWidget(200, clean=name_clean))
    nip = Field(attribute="nip", column_name="nip", widget=NormalizedWidget(nip_normalize))
    position = Field(attribute="position", column_name="position", widget=TextWidget(200))
    agency = Field(attribute="agency", column_name="agency", widget=TextWidget(200))
    email = Field(attribute="user__email", column_name="email", readonly=True)
    phone = Field(attribute="phone", column_name="phone", widget=NormalizedWidget(phone_normalize))
    region = Field(attribute="team__region", column_name="region", readonly=True, widget=RegionWidget())
    province = Field(attribute="team__region__province", column_name="province", readonly=True)
    team_role = Field(attribute="team_role", column_name="team_role", widget=WordsWidget(
        parse=lambda text: TEAM_ROLE_WORDS.get(text.lower()), labels=TEAM_ROLE_LABELS, default="member"))
    group = Field(attribute="group", column_name="group", widget=WordsWidget(
        parse=group_for_text, labels=GROUP_LABELS, default=""))

    class Meta:
        model = Participant
        fields = tuple(COLUMNS)
        import_order = export_order = tuple(COLUMNS)
        import_id_fields = []
        instance_loader_class = ProgramParticipantLoader
        use_bulk = True
        batch_size = 1000
        skip_unchanged = True
        report_skipped = True
        skip_diff = True  # changes are computed below, without deep-copying every row
        clean_model_instances = False  # full_clean() would query the team and account of every row
        use_transactions = True

    def __init__(self, *, program, default_team=None, row_labels=None):
        super().__init__()
        self.program = program
        self.default_team = default_team
        self.row_labels = row_labels or {}  # dataset row number -> the row as the user names it
        self.row_info = {}  # dataset row number -> what the preview shows beyond the row result
        self.new_participants = []
        self.created_user_ids = []
        self.new_teams, self.new_regions = {}, {}
        self._seen_email, self._seen_nip = {}, {}
        self.zone_changes = []  # existing accounts that take their new team's zone

    # Reading the program once ------------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        self.regions, self.regions_by_name = {}, {}
        for region in Region.objects.all():
            self.regions[(region.kind, _region_key(region.name))] = region
            self.regions_by_name.setdefault(_region_key(region.name), []).append(region)
        self.teams = {team.region_id: team for team in Team.objects.filter(program=self.program)}

    def get_queryset(self):
        return Participant.objects.filter(team__program=self.program).select_related("user", "team__region")

    # One row ---------------------------------------------------------------------------------------------

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._import_before = None if new else {name: getattr(instance, name) for name in TRACKED}
        instance._import_team_before = None if new else instance.team

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # An empty cell leaves what is stored: a list that omits a phone number does not erase it.
        if instance.pk is not None and field.column_name in row and not text_clean(row[field.column_name]):
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        number = kwargs.get("row_number")
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = {field: [message for item in items for message in item.messages]
                      for field, items in error.error_dict.items()}
        new = instance.pk is None
        if new and not instance.full_name and "full_name" not in errors:
            errors.setdefault("full_name", []).append(_("The name is missing."))
        email = self._check_email(instance, row, number, errors)
        self._check_nip(instance, number, errors)
        team = self._team(row, instance, errors, dry_run=kwargs.get("dry_run", False))
        if errors:
            raise ValidationError(errors)
        if team is not None:
            instance.team = team
        if new:
            instance.user = self.loader.accounts.get(email) or self._new_account(email, instance)
            zone = person_time_zone(user=instance.user, team=instance.team)
            if instance.user.pk is not None and instance.user.time_zone != zone:
                instance.user.time_zone = zone
                self.zone_changes.append(instance.user)
            self.new_participants.append(instance)
        self.row_info[number] = {"email": email or instance.user.email, "team": str(instance.team.region),
                                 "new_team": instance.team.pk is None, "new_account": instance.user.pk is None,
                                 "changes": self._changes(instance), "stored": self._stored(instance) if new else ""}

    def _check_email(self, instance, row, number, errors) -> str:
        """The row's clean address; problems go to ``errors``: missing, invalid, repeated, someone else's."""
        add = errors.setdefault
        email, problem = self._email(row)
        if problem:
            add("email", []).append(problem)
        elif instance.pk is None and not email:
            add("email", []).append(_("A new participant needs an e-mail address: it becomes their login."))
        elif email in self.loader.unconfirmed:
            add("email", []).append(str(services.UNCONFIRMED_LOGIN % {"email": email}))
        elif instance.pk is None and email in self.loader.staff:
            add("email", []).append(_("%(email)s is %(role)s of this program, not a participant.")
                                    % {"email": email, "role": self.loader.staff[email]})
        elif instance.pk is not None and email and email != instance.user.email.lower():
            add("nip", []).append(_("This NIP belongs to %(name)s, registered with %(email)s. Use that e-mail "
                                    "address or correct the NIP.") % {"name": instance._import_before["full_name"],
                                                                      "email": instance.user.email})
        if email:
            first = self._seen_email.setdefault(email, number)
            if first != number:
                add("email", []).append(_("The same e-mail address is already on row %(row)s.")
                                        % {"row": self.row_label(first)})
        return email

    def _check_nip(self, instance, number, errors):
        if not instance.nip or "nip" in errors:
            return
        owner = self.loader.by_nip.get(instance.nip)
        if owner is not None and owner.pk != instance.pk:
            errors.setdefault("nip", []).append(_("This NIP belongs to %(name)s (%(email)s) in this program.")
                                                % {"name": owner.full_name, "email": owner.user.email})
        first = self._seen_nip.setdefault(instance.nip, number)
        if first != number:
            errors.setdefault("nip", []).append(_("The same NIP is already on row %(row)s.")
                                                % {"row": self.row_label(first)})

    def _stored(self, instance) -> str:
        """What a new row stores besides name and e-mail, as the preview shows it: NIP · position · …"""
        values = [instance.nip, instance.position, instance.agency, instance.phone,
                  TEAM_ROLE_LABELS.get(instance.team_role, ""), GROUP_LABELS.get(instance.group, "")]
        return " · ".join(value for value in values if value)

    def _email(self, row):
        return self.loader.email(row["email"]) if "email" in row else ("", None)

    def _team(self, row, instance, errors, *, dry_run):
        """The team the row puts the person in (a new region and team if needed), or None to keep theirs."""
        text = text_clean(row.get("region"))
        if not text:
            if self.default_team is not None:
                return self.default_team
            if instance.pk is None:
                errors.setdefault("region", []).append(
                    _("The region (Kabupaten/Kota) is missing. Add it, or choose the team for this file."))
            return None
        kind, name = region_parse(text)
        key = _region_key(name)
        if kind:
            region = self.regions.get((kind, key))
        else:
            same_name = self.regions_by_name.get(key, [])
            if len(same_name) != 1:
                errors.setdefault("region", []).append(
                    _("Write Kabupaten or Kota before the name (e.g. \"Kabupaten %(name)s\").") % {"name": name})
                return None
            region, kind = same_name[0], same_name[0].kind
        if region is None:
            region = self._new_region(kind, name, row, errors, dry_run=dry_run)
            if region is None:
                return None
        team = self.teams.get(region.pk) if region.pk else None
        if team is None:
            team = self.new_teams.get((kind, key))
        if team is None:
            team = Team(program=self.program, region=region) if dry_run else services.team_create(
                program=self.program, region=region)
            self.new_teams[(kind, key)] = team
        return team

    def _new_region(self, kind, name, row, errors, *, dry_run):
        key = (kind, _region_key(name))
        if key in self.new_regions:
            return self.new_regions[key]
        province = province_of(row.get("province"))
        if province is None:
            text = text_clean(row.get("province"))
            errors.setdefault("province", []).append(
                _("\"%(province)s\" is not a province of Indonesia.") % {"province": text} if text else
                _("%(region)s is new to bimtek: give its province, so its time zone is known.")
                % {"region": f"{Region.Kind(kind).label} {name}"})
            return None
        if name.isupper():
            name = name.title()
        fields = dict(kind=kind, name=name, province=province, time_zone=province_time_zone(province))
        region = Region(**fields) if dry_run else services.region_create(**fields)
        self.new_regions[key] = region
        return region

    def _new_account(self, email, instance):
        user = User(email=email, full_name=instance.full_name, time_zone=person_time_zone(team=instance.team))
        user.set_unusable_password()  # they choose one from the invitation; nothing is hashed per row
        return user

    def _changes(self, instance):
        before = instance._import_before
        if before is None:
            return []
        changes = []
        for name in TRACKED:
            old, new = before[name], getattr(instance, name)
            if old == new:
                continue
            if name == "team_id":
                changes.append(["region", str(instance._import_team_before.region), str(instance.team.region)])
            else:
                field = self.fields[name]
                changes.append([name, field.widget.render(old), field.widget.render(new)])
        return changes

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """A known person whose row changes nothing is 'unchanged' and is not written again."""
        if import_validation_errors or instance.pk is None:
            return False
        return not self.row_info.get(self._current_number, {}).get("changes")

    def import_row(self, row, instance_loader, **kwargs):
        self.loader = instance_loader
        self._current_number = kwargs.get("row_number")
        return super().import_row(row, instance_loader, **kwargs)

    def row_label(self, number):
        """The spreadsheet row (with its sheet, when there are several) of dataset row ``number``."""
        return self.row_labels.get(number, str(number))

    # Writing in bulk -------------------------------------------------------------------------------------

    def get_bulk_update_fields(self):
        return ["full_name", "nip", "position", "agency", "phone", "team_role", "group", "team"]

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:  # the preview writes nothing
            self.create_instances.clear()
            return
        accounts = [participant.user for participant in self.create_instances if participant.user.pk is None]
        try:
            User.objects.bulk_create(accounts, batch_size=batch_size)
        except Exception as error:
            self.create_instances.clear()
            self.handle_import_error(result, error, raise_errors)
            return
        # Their addresses come from the organizer's list: confirmed, as for accounts made one by one.
        EmailAddress.objects.bulk_create([EmailAddress(user=user, email=user.email, verified=True, primary=True)
                                          for user in accounts], batch_size=batch_size)
        self.created_user_ids.extend(user.pk for user in accounts)
        User.objects.bulk_update(self.zone_changes, ["time_zone"], batch_size=batch_size)
        self.zone_changes.clear()
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size=batch_size, result=result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:
            self.update_instances.clear()
            return
        super().bulk_update(using_transactions, dry_run, raise_errors, batch_size=batch_size, result=result)

    def after_import(self, dataset, result, **kwargs):
        # ModelResource resets the table's id sequence here, for imports that write their own ids. This one
        # never does, and on PostgreSQL the reset could hand out an id a concurrent transaction already took.
        pass
