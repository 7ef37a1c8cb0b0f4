"""The demo image annexures (PD16 para 4: TIFF, GIF and JPEG only for annexures), drawn with
Pillow as pages scanned at 200 dpi (PN127, Image Resolution: "around 200 dpi").
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .content import BELIZE, NABIS, SampleTexts

DPI = 200
A4_MM = (210, 297)
A5_LANDSCAPE_MM = (210, 148)
FONT_NAMES = {
    False: ("LiberationSerif-Regular.ttf", "DejaVuSerif.ttf"),
    True: ("LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"),
}


def mm(value: float) -> int:
    return round(value / 25.4 * DPI)


def font(points: float, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A serif font found by name among the system's fonts, else Pillow's own."""
    size = round(points / 72 * DPI)
    for name in FONT_NAMES[bold]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


class Page:
    """A sheet of paper with a cursor: text is set top-down and wrapped to the margins."""

    def __init__(self, size_mm: tuple[int, int], *, margin_mm: int = 25) -> None:
        self.image = Image.new("L", (mm(size_mm[0]), mm(size_mm[1])), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.left, self.right = mm(margin_mm), self.image.width - mm(margin_mm)
        self.bottom = self.image.height - mm(margin_mm)
        self.y = mm(margin_mm)

    def line(self, text: str, *, points: float = 11, bold: bool = False, align: str = "left"):
        face = font(points, bold=bold)
        width = self.draw.textlength(text, font=face)
        x = {"left": self.left, "centre": (self.left + self.right - width) / 2}.get(
            align, self.right - width
        )
        self.draw.text((x, self.y), text, font=face, fill=25)
        self.y += round(points * 1.45 / 72 * DPI)

    def paragraph(self, text: str, *, points: float = 11, indent_mm: int = 0) -> bool:
        """Set a wrapped paragraph; False (and nothing drawn) when it does not fit."""
        face = font(points)
        left = self.left + mm(indent_mm)
        lines, current = [], ""
        for word in text.split():
            candidate = f"{current} {word}".strip()
            if self.draw.textlength(candidate, font=face) > self.right - left and current:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
        step = round(points * 1.35 / 72 * DPI)
        if self.y + step * len(lines) > self.bottom:
            return False
        for text_line in lines:
            self.draw.text((left, self.y), text_line, font=face, fill=25)
            self.y += step
        self.y += step // 2
        return True

    def space(self, millimetres: float) -> None:
        self.y += mm(millimetres)


def scanned(image: Image.Image, *, seed: int, skew: float = 0.35) -> Image.Image:
    """A slight skew and a few specks of dust, as a flatbed scanner leaves them."""
    rng = random.Random(seed)
    paper = image.getpixel((0, 0))
    rotated = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=paper)
    draw = ImageDraw.Draw(rotated)
    speck = tuple(v * 40 // 100 for v in paper) if isinstance(paper, tuple) else 90
    for _ in range(25):
        x, y = rng.randrange(rotated.width), rng.randrange(rotated.height)
        draw.ellipse((x, y, x + rng.randint(1, 3), y + rng.randint(1, 3)), fill=speck)
    return rotated


def signature(page: Page, name: str) -> None:
    """A looping pen stroke above the signatory's name."""
    x, y = page.left + mm(4), page.y + mm(8)
    steps = 240
    points = [
        (
            x + t * mm(45) / steps + mm(2.5) * math.cos(t / steps * 2 * math.pi * 7),
            y - mm(4) * math.sin(t / steps * 2 * math.pi * 7) * (1 - t / steps / 2),
        )
        for t in range(steps)
    ]
    page.draw.line(points, fill=40, width=3, joint="curve")
    page.y += mm(16)
    page.line(name)


def termination_letter(texts: SampleTexts) -> Image.Image:
    page = Page(A4_MM)
    page.line("HARBOURSIDE LOGISTICS PTY LTD", points=16, bold=True, align="centre")
    page.line("ABN 51 624 118 903   Penrhyn Road, Port Botany NSW 2036", align="centre")
    page.draw.line((page.left, page.y, page.right, page.y), fill=40, width=3)
    page.space(8)
    page.line("19 January 2026")
    page.space(4)
    for line in ("Mr Ahmed Karimi", "7 Percy Street", "AUBURN NSW 2144"):
        page.line(line)
    page.space(6)
    page.line("Dear Mr Karimi,")
    page.line("Termination of employment", bold=True)
    page.paragraph(
        "We write to confirm that your employment with Harbourside Logistics Pty Ltd ends "
        "today. You will be paid four weeks' wages in lieu of notice and your accrued leave."
    )
    for text in texts.take(NABIS, 40, 3):
        page.paragraph(text)
    page.line("Yours faithfully,")
    signature(page, "Terminal Manager")
    return scanned(page.image, seed=1)


def certificate_of_capacity() -> Image.Image:
    page = Page(A4_MM, margin_mm=18)
    page.line("CERTIFICATE OF CAPACITY", points=18, bold=True, align="centre")
    page.line("Workers compensation: treating medical practitioner", align="centre")
    page.space(6)
    fields = [
        ("Worker", "Rosa Lindqvist"),
        ("Date of birth", "17 August 1984"),
        ("Employer", "Western Sydney Freight Services Pty Ltd"),
        ("Date of injury", "9 December 2025"),
        ("Diagnosis", "Lumbar strain: lifting injury at work"),
        ("Capacity", "Fit for suitable duties, no lifting over 5 kg"),
        ("Period", "2 February 2026 to 2 March 2026"),
        ("Review", "On or before 2 March 2026"),
    ]
    label_face, value_face = font(11, bold=True), font(12)
    for label, value in fields:
        top = page.y
        page.draw.rectangle((page.left, top, page.right, top + mm(14)), outline=60, width=2)
        page.draw.text((page.left + mm(3), top + mm(4)), label, font=label_face, fill=40)
        page.draw.text((page.left + mm(55), top + mm(3.5)), value, font=value_face, fill=20)
        page.y = top + mm(14)
    page.space(10)
    page.paragraph(
        "I certify that I examined the worker on the date above and that, in my opinion, the "
        "worker has capacity for suitable employment as described for the period shown."
    )
    signature(page, "Dr Miriam Achebe, MBBS FRACGP, provider no 4471203K")
    # Scanned in colour: warm paper, faded ink.
    rgb = Image.merge(
        "RGB", [page.image.point(lambda v, k=k: v * k // 255) for k in (250, 246, 236)]
    )
    return scanned(rgb, seed=2)


def deed_pages(texts: SampleTexts, *, pages: int = 3) -> list[Image.Image]:
    paragraphs = iter(texts.take(BELIZE, 58, 34))
    sheets: list[Image.Image] = []
    clause = 1
    pending: str | None = None
    for number in range(1, pages + 1):
        page = Page(A4_MM)
        if number == 1:
            page.line("DEED OF ENGAGEMENT", points=16, bold=True, align="centre")
            page.line(
                "Kingsford Property Developments Pty Ltd and Margaret Anne O'Connor", align="centre"
            )
            page.space(6)
        while True:
            text = pending or next(paragraphs)
            if not page.paragraph(f"{clause}.  {text}"):
                pending = text
                break
            pending, clause = None, clause + 1
        page.line(f"Page {number} of {pages}", points=9, align="centre")
        sheets.append(
            scanned(page.image, seed=10 + number).point(lambda v: 255 if v > 150 else 0, "1")
        )
    return sheets


def roster() -> Image.Image:
    """A colour roster table, as a spreadsheet printout scanned to a small palette image."""
    image = Image.new("RGB", (mm(A5_LANDSCAPE_MM[0]), mm(A5_LANDSCAPE_MM[1])), "white")
    draw = ImageDraw.Draw(image)
    draw.text(
        (mm(10), mm(8)),
        "Southern Highlands Hospitality Group: kitchen roster, March 2026",
        font=font(12, bold=True),
        fill="black",
    )
    days = ["Mon 2", "Tue 3", "Wed 4", "Thu 5", "Fri 6", "Sat 7", "Sun 8"]
    staff = {
        "D Papadopoulos": ["07-15", "07-15", "", "15-23", "15-23", "10-18", ""],
        "M Kovac": ["15-23", "", "07-15", "07-15", "", "15-23", "15-23"],
        "S Amari": ["", "15-23", "15-23", "", "07-15", "07-15", "10-18"],
        "L Brennan": ["10-18", "10-18", "10-18", "10-18", "10-18", "", ""],
    }
    # The first column holds the names; the other seven the days.
    names, column, row, left, top = mm(34), mm(22), mm(12), mm(10), mm(20)
    header, cell_face = font(10, bold=True), font(10)
    draw.rectangle((left, top, left + names + column * 7, top + row), fill=(31, 73, 125))
    draw.text((left + mm(2), top + mm(3)), "Staff", font=header, fill="white")
    for index, day in enumerate(days):
        x = left + names + index * column + mm(2)
        draw.text((x, top + mm(3)), day, font=header, fill="white")
    shade = {"07": (226, 239, 218), "15": (252, 228, 214), "10": (221, 235, 247)}
    for r, (name, shifts) in enumerate(staff.items(), 1):
        y = top + r * row
        draw.text((left + mm(2), y + mm(3)), name, font=cell_face, fill="black")
        for c, shift in enumerate(shifts):
            box = (left + names + c * column, y, left + names + (c + 1) * column, y + row)
            draw.rectangle(box, fill=shade.get(shift[:2], "white"), outline=(150, 150, 150))
            draw.text((box[0] + mm(3), y + mm(3)), shift or "off", font=cell_face, fill="black")
    draw.text(
        (mm(10), top + row * 6),
        "Approved: Head Chef, 24 February 2026",
        font=cell_face,
        fill="black",
    )
    return image.quantize(colors=16, dither=Image.Dither.NONE)


def write_images(texts: SampleTexts, out: Path) -> list[Path]:
    """Write the image annexures into out; returns their paths."""
    dpi = (DPI, DPI)
    letter = out / "annexure-ak1-termination-letter.tif"
    # Greyscale, LZW-compressed (lossless), posterised so the scan compresses well.
    termination_letter(texts).point(lambda v: v // 32 * 36).save(
        letter, compression="tiff_lzw", dpi=dpi
    )
    certificate = out / "annexure-rl1-certificate-of-capacity.jpg"
    certificate_of_capacity().save(certificate, quality=70, optimize=True, dpi=dpi)
    deed = out / "annexure-mo1-deed-of-engagement.tif"
    first, *rest = deed_pages(texts)
    # Bilevel CCITT Group 4, one page per image: the usual form of a multi-page scan.
    first.save(deed, compression="group4", dpi=dpi, save_all=True, append_images=rest)
    table = out / "annexure-1-roster-march-2026.gif"
    roster().save(table, optimize=True)  # GIF has no resolution field; 200 dpi by its size
    return [letter, certificate, deed, table]
