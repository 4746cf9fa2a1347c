from .audit import AuditAction, AuditEvent
from .files import UploadedFile, checked_field_names, uploaded_file_model
from .job import BackgroundJob
from .program import DEFAULT_DIMENSIONS, Dimension, Program, Stage
from .reminder import ReminderSent
from .schedule import ScheduleClaim
from .user import TIME_ZONE_LABELS, User

__all__ = ["AuditAction", "AuditEvent", "BackgroundJob", "DEFAULT_DIMENSIONS", "Dimension", "Program", "ReminderSent",
           "ScheduleClaim", "Stage", "TIME_ZONE_LABELS", "UploadedFile", "User", "checked_field_names",
           "uploaded_file_model"]
