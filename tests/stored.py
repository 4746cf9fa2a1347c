"""What the file storage holds, asked through the storage's own API: the same on the local disk (the suite's
default) and on object storage (the several-machine run, .ci/several_machines.py)."""

from django.core.files.storage import default_storage


def stored_files(folder: str = "") -> list[str]:
    """The storage names of every stored file (under ``folder``), sorted."""
    return sorted(_walk(folder))


def _walk(folder):
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # nothing stored yet
        return
    prefix = f"{folder}/" if folder else ""
    yield from (prefix + name for name in files)
    for inner in folders:
        yield from _walk(prefix + inner)
