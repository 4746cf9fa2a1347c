"""The start every benchmark shares: Django on a throwaway SQLite database and media folder.

A package, not a module, so that ``make bench`` (which runs bench/*.py) does not run it.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def django_setup(*, prefix: str = "bimtek-bench-") -> Path:
    """Point the settings at a new temporary folder (database, media, upload temp files) and set Django up.

    Mail stays in memory and only warnings are logged. Returns the folder; the
    script runs the migrations itself.
    """
    work = Path(tempfile.mkdtemp(prefix=prefix))
    sys.path.insert(0, str(ROOT))
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "bimtek.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "DJANGO_FILE_UPLOAD_TEMP_DIR": str(work),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
    })
    import django

    django.setup()
    return work
