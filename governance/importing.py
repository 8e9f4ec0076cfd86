"""The CSV import pages' one flow (staffing's posts, procurement's contracts, finance's budget, forecast and
actuals). A GET shows the form. A POST is first checked by `require(request)` (PermissionDenied for who may
not import), then a valid form goes to `run(cleaned_data)`, which calls the service and returns the message to
show; the page then redirects to `done`. A file with any bad row imports nothing: the service raises its
`rejected` exception listing (row number, reason), the header being row 1, and the page shows them with the
form (`on_rejected(errors, cleaned_data)` may add to what the page shows). A POST not imported is a 400."""

from django.contrib import messages
from django.shortcuts import redirect, render

ERROR_NOT_UTF8 = "The file is not UTF-8 text."


class NotText(ValueError):
    """An upload that is not UTF-8 text: one error, on the header row."""

    def __init__(self):
        self.errors = [(1, ERROR_NOT_UTF8)]
        super().__init__(ERROR_NOT_UTF8)


def upload_text(upload):
    """An uploaded file's text, a spreadsheet's byte-order mark dropped; NotText when it is not UTF-8."""
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotText() from None


def import_page(request, *, form, template, context, run, rejected, done, require=None, on_rejected=None):
    errors = []
    context = dict(context)
    if request.method == "POST":
        if require is not None:
            require(request)
        if form.is_valid():
            try:
                message = run(form.cleaned_data)
            except (rejected, NotText) as exc:
                errors = exc.errors
                if on_rejected is not None:
                    context.update(on_rejected(errors, form.cleaned_data))
            else:
                messages.success(request, message)
                return redirect(done)
    context.setdefault("row_errors", errors)
    context.update(form=form, error_count=len(errors))
    return render(request, template, context, status=400 if request.method == "POST" else 200)
