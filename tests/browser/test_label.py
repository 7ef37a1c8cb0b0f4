"""The disc label prints every file name in full (issue 11 section 4; PD16 para 6): as the
browser lays it out, each name's text is all there, nothing scrolls out of its box, and every
line on the label lies inside the disc, however long the names and however many documents.
A list too long to print legibly on a disc says so on the disc and is printed in full on the A4
sheet instead."""

from __future__ import annotations

import pytest

from filings import packaging
from tests.browser.conftest import sign_in
from tests.factories_lodgment import affidavit, lodge

LONG = "Affidavit of Jonathan Alexander Montgomery-Smithers sworn 12 March 2026 and exhibits"
SHORT = "Affidavit of J Smith"
# As long as a title may be (200 characters, the form's limit) with its number.
LONGEST = ("Affidavit of Jonathan Alexander Montgomery-Smithers in reply " * 4)[:196]

# For each line of text on the label: its text, whether it overflows its box, and the corners
# of each rendered line that fall outside the disc's circle (1px allowed for anti-aliasing).
LAYOUT = """
() => {
  const disc = document.getElementById("label").getBoundingClientRect();
  const cx = disc.left + disc.width / 2, cy = disc.top + disc.height / 2, r = disc.width / 2;
  const parts = document.querySelectorAll("#label p, #label .label-doc-title, #label .label-file");
  return {
    round: Math.abs(disc.width - disc.height) <= 1,
    parts: [...parts].map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const outside = [];
      for (const line of range.getClientRects()) {
        for (const [x, y] of [[line.left, line.top], [line.right, line.top],
                              [line.left, line.bottom], [line.right, line.bottom]]) {
          if (Math.hypot(x - cx, y - cy) > r + 1) outside.push([x, y]);
        }
      }
      return {
        text: el.textContent, file: el.classList.contains("label-file"),
        overflows: el.scrollWidth > el.clientWidth + 1, outside,
      };
    }),
  };
}
"""


MID = "Affidavit of Jonathan Alexander Montgomery-Smithers"
CASES = [(n, LONG, "long") for n in (1, 2, 3, 4, 5)]
CASES += [(n, SHORT, "short") for n in (4, 5, 6, 7, 9, 10)]
CASES += [(n, MID, "mid") for n in (2, 3, 5, 6, 7)]
CASES += [(n, LONGEST, "longest") for n in (1, 2, 3, 4)]


@pytest.mark.parametrize(
    ("documents", "title"),
    [pytest.param(n, title, id=f"{n}-{name}") for n, title, name in CASES],
)
def test_the_disc_label_shows_every_file_name_whole_inside_the_disc(
    page, live_server, practitioner, party, urls, documents, title
):
    filing = lodge(
        party, practitioner, *[affidavit(title=f"{title} {n}") for n in range(1, documents + 1)]
    )
    sign_in(page, live_server, practitioner.username)
    page.goto(urls.practitioner("label", party.matter, filing.sequence) + "?variant=disc")
    names = [
        packaging.document_file_name(d, matter_number=party.matter.number)
        for d in filing.documents.order_by("position")
    ]
    layout = page.evaluate(LAYOUT)
    assert layout["round"], "the label grew out of its disc"
    for part in layout["parts"]:
        assert not part["overflows"], part["text"]
        assert part["outside"] == [], part["text"]
    listed = [part["text"] for part in layout["parts"] if part["file"]]
    density = page.get_attribute("#label", "data-density")
    if density == "overflow":
        # Too long for a disc: the disc says where the list is, and the A4 sheet has it whole.
        assert listed == []
        assert f"{documents} documents" in page.inner_text("#label")
        assert "A4 sheet" in page.inner_text("#label")
        page.click("#label-variant-a4")
        sheet = page.locator("#label .label-file").all_inner_texts()
        assert [t.strip() for t in sheet] == names
    else:
        assert listed == names
