from .audit import AuditAction, AuditEvent
from .files import UploadedFile
from .job import BackgroundJob
from .program import DEFAULT_DIMENSIONS, Dimension, Program, Stage
from .reminder import ReminderSent
from .schedule import ScheduleClaim
from .user import TIME_ZONE_LABELS, User

__all__ = ["AuditAction", "AuditEvent", "BackgroundJob", "DEFAULT_DIMENSIONS", "Dimension", "Program", "ReminderSent",
           "ScheduleClaim", "Stage", "TIME_ZONE_LABELS", "UploadedFile", "User"]
