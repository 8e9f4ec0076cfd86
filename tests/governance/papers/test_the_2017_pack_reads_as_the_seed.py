"""The 2017 reports print as the seed prints them (issue 21 §6): a paragraph that carries its own number ("3.2 The
forecast …") is not numbered again ("2.5 3.2 The forecast …"), and appendices are lettered A, B … as the
councils letter them, never "Appendix 1: Appendix A: …"."""

import re

from governance.models import Report
from governance.papers import documents
from governance.papers.markdown import render_markdown
from governance.papers.models import appendix_letter

from ..paper_helpers import pages_text


def test_a_paragraph_with_its_own_number_is_marked_and_others_are_not():
    html = render_markdown(
        "3.2 The forecast revenue outturn.\n\nThe overall forecast.\n\n2017 was a good year."
    )
    assert html.count('<p class="own-number">') == 1 and "<p>The overall forecast.</p>" in html
    assert "<p>2017 was a good year.</p>" in html


def test_appendices_are_lettered():
    assert [appendix_letter(n) for n in (1, 2, 5, 26, 27, 28)] == ["A", "B", "E", "Z", "AA", "AB"]


def test_the_seed_reports_print_their_own_numbers_once_and_letter_their_appendices(demo):
    strategy = Report.objects.get(item__meeting__date="2017-10-30", title__icontains="strategy")
    titles = [str(a) for a in strategy.appendices.order_by("position")]
    assert titles[0] == "Appendix A: Camden Cabinet, ICT Shared Service Programme (FIN/2016/09)"
    assert titles[4] == "Appendix E: Draft Strategy, easy version"
    assert not any("Appendix A: Appendix" in t or re.match(r"Appendix \d", t) for t in titles)

    finance = Report.objects.get(item__meeting__date="2017-10-30", title__icontains="finance")
    text = "\n".join(pages_text(documents.report_pdf(finance)))
    assert "3.2 The forecast revenue outturn position" in text
    doubled = re.findall(r"\b\d+\.\d+\s+\d+\.\d+\s+[A-Z]", text)
    assert not doubled, doubled
