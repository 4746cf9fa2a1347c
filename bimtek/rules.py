"""Who may do what with the base's own objects (programs' rules live with the roles, in participants)."""

import rules


@rules.predicate
def requested_job(user, job):
    return job is not None and job.owner_id == user.pk


# A background job's page and file: only the person who asked for it.
rules.add_perm("bimtek.view_job", requested_job)
