from django.urls import path, register_converter

from . import views
from .converters import FinancialYearConverter

register_converter(FinancialYearConverter, "fy")

app_name = "finance"

# Mounted by the project under /<partnership slug>/finance/.
urlpatterns = [
    path("", views.finance_home, name="home"),
    path("<fy:year>/budget/", views.budget, name="budget"),
    path("<fy:year>/forecast/", views.forecast, name="forecast"),
    path("<fy:year>/savings/", views.savings, name="savings"),
    path("<fy:year>/reconciliation/staff/", views.reconciliation_staff, name="reconciliation_staff"),
    path("<fy:year>/reconciliation/contracts/", views.reconciliation_contracts, name="reconciliation_contracts"),
    path("import/", views.import_file, name="import"),
    path("settlement/", views.settlement, name="settlement"),
    path("invoicing/", views.invoicing, name="invoicing"),
    path("invoicing/edit/", views.invoicing_edit, name="invoicing_edit"),
    path("invoicing/councils/<str:council_code>/", views.billing_profile, name="billing_profile"),
    path("statements/", views.statement_list, name="statements"),
    path("aged-debt/", views.aged_debt, name="aged_debt"),
    path("statements/run/", views.statements_run, name="statements_run"),
    path("statements/zip/", views.statements_zip, name="statements_zip"),
    path("statements/<int:statement_id>/", views.statement_detail, name="statement"),
    path("statements/<int:statement_id>/pdf/", views.statement_pdf, name="statement_pdf"),
    path("statements/<int:statement_id>/csv/", views.statement_csv, name="statement_csv"),
    path("statements/<int:statement_id>/e-invoice/", views.statement_ubl, name="statement_ubl"),
    path("statements/<int:statement_id>/payments/", views.statement_payment, name="statement_payment"),
    path(
        "statements/<int:statement_id>/payments/<int:payment>/reverse/",
        views.payment_reverse,
        name="payment_reverse",
    ),
]
