"""Record every account's current address as confirmed, unless its holder managed addresses themselves.

Until now anyone could add an address at /accounts/email/ and make it their login without confirming it.
From now on only a confirmed address finds an account (bimtek.accounts). An account whose only address on
record is its login (allauth records it when an invitation is sent) or that has none is confirmed here.
An account with any other address was managed by its holder: its login stays unconfirmed, so it
identifies nobody to an organizer until the back office checks it (Back office → E-mail addresses →
mark verified); its other unconfirmed addresses are deleted.
"""

from django.db import migrations


def confirm(apps, schema_editor):
    User = apps.get_model("bimtek", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.iterator():
        email = user.email.lower()
        others = EmailAddress.objects.filter(user=user).exclude(email=email)
        managed = others.exists()
        # An unconfirmed address that is not the login was added by its holder: it goes, with any
        # confirmation link still pending for it (nobody manages their own addresses any more).
        others.filter(verified=False).delete()
        if managed:
            continue
        if EmailAddress.objects.filter(email=email, verified=True).exclude(user=user).exists():
            continue
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})


class Migration(migrations.Migration):
    dependencies = [
        ("bimtek", "0002_program_stage_session_share"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(confirm, migrations.RunPython.noop)]
