"""Posts are imported from CSV all or nothing, every bad row reported by its number; the export neutralises
cells a spreadsheet would run as formulas, and imports again."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.roles import Role
from governance.spreadsheet import neutralise, restore
from staffing import services
from staffing.models import Post

HEADER = (
    "reference,title,grade,fte,team,employing_council,funding_line,reports_to,effective_from,effective_to\n"
)


def test_a_good_file_creates_every_post_with_its_reporting_lines(sd, grade):
    text = HEADER + (
        "SD-002,Head of Operations,PO5,1,Leadership,LBC,bau_staff,SD-001,2017-04-01,\n"
        "SD-001,Chief Digital and Information Officer,PO5,1,Leadership,LBC,bau_staff,,2017-04-01,\n"
        "SD-003,Service Desk Analyst,po5,0.5,Operations,lbh,continuous_improvement,SD-002,2017-04-01,2019-03-31\n"
    )
    made = services.import_posts(partnership=sd, text=text, by=None)
    assert len(made) == 3
    analyst = Post.objects.get(reference="SD-003")
    assert analyst.reports_to.reference == "SD-002" and analyst.reports_to.reports_to.reference == "SD-001"
    assert str(analyst.fte) == "0.50" and analyst.employing_council.code == "LBH"


def test_any_bad_row_imports_nothing_and_every_bad_row_is_numbered(sd, grade):
    text = HEADER + (
        "SD-001,Chief Digital and Information Officer,PO5,1,Leadership,LBC,bau_staff,,2017-04-01,\n"
        "SD-002,Head,XX9,1,Leadership,LBC,bau_staff,SD-001,2017-04-01,\n"
        "SD-003,Analyst,PO5,none,Ops,LBC,bau_staff,SD-001,2017-04-01,\n"
        "SD-004,Analyst,PO5,1,Ops,WCC,bau_staff,SD-001,2017-04-01,\n"
        "SD-005,Analyst,PO5,1,Ops,LBC,salaries,SD-001,2017-04-01,\n"
        "SD-006,Analyst,PO5,1,Ops,LBC,bau_staff,SD-999,1 April 2017,\n"
        "SD-001,Again,PO5,1,Ops,LBC,bau_staff,,2017-04-01,\n"
        "SD-007,Analyst,PO5,1,Ops,LBC,bau_staff,SD-999,2017-04-01,\n"
    )
    with pytest.raises(services.ImportRejected) as exc:
        services.import_posts(partnership=sd, text=text, by=None)
    assert exc.value.errors == [
        (3, "There is no grade “XX9” in this partnership."),
        (4, "The FTE “none” must be a number above 0, like 1 or 0.5."),
        (5, "“WCC” is not a council of this partnership."),
        (6, "“salaries” is not a funding line (bau_staff, continuous_improvement, one_off_transformation)."),
        (7, "The date “1 April 2017” must be written as 2018-04-30."),
        (8, "This row repeats the reference of row 2."),
        (9, "There is no post “SD-999” to report to (in the file or the establishment)."),
    ]
    assert not Post.objects.filter(partnership=sd).exists()


def test_a_reporting_loop_in_the_file_is_refused(sd, grade):
    text = HEADER + ("A,One,PO5,1,T,LBC,bau_staff,B,2017-04-01,\nB,Two,PO5,1,T,LBC,bau_staff,A,2017-04-01,\n")
    with pytest.raises(services.ImportRejected) as exc:
        services.import_posts(partnership=sd, text=text, by=None)
    assert [n for n, _ in exc.value.errors] == [2, 3]
    assert "loop" in exc.value.errors[0][1]
    assert not Post.objects.filter(partnership=sd).exists()


def test_a_wrong_header_is_refused(sd):
    with pytest.raises(services.ImportRejected) as exc:
        services.import_posts(partnership=sd, text="title,grade\nA,B\n", by=None)
    assert exc.value.errors[0][0] == 1


@pytest.mark.parametrize("value", ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised_and_restored(value):
    assert neutralise(value) == "'" + value
    assert restore(neutralise(value)) == value
    assert neutralise("Head of Operations") == "Head of Operations"


def test_the_export_neutralises_formulas_and_imports_again(client, make_user, sd, post_factory, grade):
    post_factory(reference="X1", title='=HYPERLINK("http://evil")', team="@Team")
    client.force_login(make_user(Role.STAFFING_OFFICER, sd, None))
    response = client.get(reverse("staffing:export", kwargs={"partnership": "shared-digital"}))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][1] == '\'=HYPERLINK("http://evil")' and rows[1][4] == "'@Team"
    Post.objects.filter(reference="X1").delete()
    out = io.StringIO()
    csv.writer(out).writerows(r[:10] for r in rows)  # the file as saved again, without the status column
    text = out.getvalue()
    services.import_posts(partnership=sd, text=text, by=None)
    assert Post.objects.get(reference="X1").title == '=HYPERLINK("http://evil")'


def test_the_import_page_lists_every_bad_row(client, make_user, sd, grade):
    client.force_login(make_user(Role.STAFFING_OFFICER, sd, None))
    text = HEADER + "A,One,PO5,1,T,LBC,bau_staff,,2017-04-01,\nB,Two,ZZ,1,T,LBC,bau_staff,,2017-04-01,\n"
    upload = SimpleUploadedFile("posts.csv", text.encode(), content_type="text/csv")
    response = client.post(
        reverse("staffing:import", kwargs={"partnership": "shared-digital"}), {"file": upload}
    )
    assert response.status_code == 400
    assert "Row 3: There is no grade “ZZ” in this partnership." in response.content.decode()
    assert not Post.objects.filter(partnership=sd).exists()


def test_the_import_command_reports_every_bad_row_and_imports_nothing(sd, grade, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    path = tmp_path / "posts.csv"
    path.write_text(HEADER + "A,One,PO5,1,T,LBC,bau_staff,,2017-04-01,\nB,Two,ZZ,1,T,LBC,,,2017-04-01,\n")
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 bad row"):
        call_command("import_posts", str(path), partnership="shared-digital", stderr=err)
    assert "Row 3: There is no grade “ZZ” in this partnership." in err.getvalue()
    assert not Post.objects.filter(partnership=sd).exists()
    path.write_text(HEADER + "A,One,PO5,1,T,LBC,bau_staff,,2017-04-01,\n")
    out = StringIO()
    call_command("import_posts", str(path), partnership="shared-digital", stdout=out)
    assert "Imported 1 posts" in out.getvalue()
