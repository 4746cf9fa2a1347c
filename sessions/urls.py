from django.urls import path

from sessions.views import attendance, calendar, checkin, documents, letters, schedule

SESSION = "programs/<int:program>/sessions/<int:session>/"

urlpatterns = [
    path("programs/<int:program>/schedule/", schedule.ScheduleView.as_view(), name="session_list"),
    path("programs/<int:program>/schedule/calendar/", schedule.CalendarView.as_view(), name="session_calendar"),
    path("programs/<int:program>/schedule/new/", schedule.SessionCreateView.as_view(), name="session_create"),
    path(SESSION, schedule.SessionDetailView.as_view(), name="session_detail"),
    path(SESSION + "edit/", schedule.SessionUpdateView.as_view(), name="session_update"),
    path(SESSION + "cancel/", schedule.SessionCancelView.as_view(), name="session_cancel"),
    path(SESSION + "attendance/", attendance.AttendanceMarkView.as_view(), name="attendance_mark"),
    path(SESSION + "check-in/", checkin.CheckInView.as_view(), name="checkin"),
    path(SESSION + "check-in/screen/", checkin.CheckInDisplayView.as_view(), name="checkin_display"),
    path(SESSION + "daftar-hadir.pdf", documents.AttendanceSheetView.as_view(), name="attendance_sheet"),
    path(SESSION + "scans/", documents.SignedSheetUploadView.as_view(), name="signed_sheet_upload"),
    path(SESSION + "scans/<int:sheet>/", documents.SignedSheetDownloadView.as_view(), name="signed_sheet_download"),
    path(SESSION + "scans/<int:sheet>/remove/", documents.SignedSheetRemoveView.as_view(),
         name="signed_sheet_remove"),
    path(SESSION + "meeting-report/", documents.MeetingReportView.as_view(), name="meeting_report"),
    path(SESSION + "meeting-report/<int:row>/", documents.ReportRowMatchView.as_view(), name="meeting_report_match"),
    path("programs/<int:program>/attendance/", attendance.RecapView.as_view(), name="attendance_recap"),
    path("programs/<int:program>/attendance/mine/", attendance.MyAttendanceView.as_view(), name="attendance_mine"),
    path("programs/<int:program>/attendance/export/", documents.RecapExportView.as_view(),
         name="attendance_recap_export"),
    path("programs/<int:program>/attendance/settings/", attendance.PolicyView.as_view(), name="attendance_settings"),
    path("programs/<int:program>/letters/settings/", letters.LetterSettingsView.as_view(), name="letter_settings"),
    path("programs/<int:program>/stages/<int:ordinal>/surat-undangan.pdf", letters.InvitationLettersView.as_view(),
         name="invitation_letters"),
    path("programs/<int:program>/stages/<int:ordinal>/surat-undangan/<int:team>.pdf",
         letters.InvitationLettersView.as_view(), name="invitation_letter"),
    path("check-in/", checkin.CheckInCodeView.as_view(), name="checkin_code"),
    path("calendar/", calendar.CalendarSettingsView.as_view(), name="calendar_settings"),
    path("calendar/<str:token>.ics", calendar.CalendarFeedView.as_view(), name="calendar_feed"),
]
