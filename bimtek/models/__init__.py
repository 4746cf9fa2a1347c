from .files import UploadedFile
from .program import DEFAULT_DIMENSIONS, Dimension, Program, Stage
from .user import TIME_ZONE_LABELS, User

__all__ = ["DEFAULT_DIMENSIONS", "Dimension", "Program", "Stage", "TIME_ZONE_LABELS", "UploadedFile", "User"]
