"""The meeting page and minutes editor, reports, agenda packs and the PDFs of single documents, included by
governance/urls.py at /<partnership>/ in the governance namespace (so names read governance:meeting,
governance:papers …)."""

from django.urls import path

from . import meeting_views as m
from . import views as r
from . import withdrawal_views as wv

urlpatterns = [
    # The meeting with its papers (meeting_views.py says why these are papers' pages).
    path("meetings/<int:meeting>/", m.meeting_detail, name="meeting"),
    path("meetings/<int:meeting>/minutes/edit/", m.minutes_edit, name="minutes_edit"),
    # Reports, agenda packs and the PDFs of single documents.
    path("meetings/<int:meeting>/papers/", r.papers, name="papers"),
    path("meetings/<int:meeting>/papers/build/", r.pack_build, name="pack_build"),
    path("meetings/<int:meeting>/papers/packs/<int:pack>/", r.pack_download, name="pack_download"),
    path("meetings/<int:meeting>/agenda.pdf", r.front_sheet_pdf, name="front_sheet_pdf"),
    path("meetings/<int:meeting>/supplements/<int:number>.pdf", wv.supplement_pdf, name="supplement_pdf"),
    path(
        "meetings/<int:meeting>/withdraw/<slug:kind>/<int:target>/",
        wv.withdraw_confirm,
        name="withdraw_confirm",
    ),
    path("meetings/<int:meeting>/minutes.pdf", r.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:meeting>/items/<int:item>/report/", r.report_detail, name="report_detail"),
    path("meetings/<int:meeting>/items/<int:item>/report.pdf", r.report_pdf, name="report_pdf"),
    path("meetings/<int:meeting>/items/<int:item>/report/edit/", r.report_edit, name="report_edit"),
    path(
        "meetings/<int:meeting>/items/<int:item>/report/sign-off/", r.report_sign_off, name="report_sign_off"
    ),
    path("meetings/<int:meeting>/items/<int:item>/report/appendices/", r.appendix_add, name="appendix_add"),
    path(
        "meetings/<int:meeting>/items/<int:item>/report/appendices/<int:appendix>/",
        r.appendix_file,
        name="appendix_file",
    ),
    path(
        "meetings/<int:meeting>/items/<int:item>/report/appendices/<int:appendix>/remove/",
        r.appendix_remove,
        name="appendix_remove",
    ),
    path(
        "meetings/<int:meeting>/items/<int:item>/decision.pdf",
        r.decision_notice_pdf,
        name="decision_notice_pdf",
    ),
]
