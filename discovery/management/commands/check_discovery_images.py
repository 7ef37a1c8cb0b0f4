"""check_discovery_images: check a folder or ZIP of document images against a discovery list
(PN127 Schedule (a)-(b); Technology Check List: TIFF single).

    python manage.py check_discovery_images LIST IMAGES [--pattern REGEX] [--multi-page]
        [--dpi 200] [--json]

Exit status 0 when there is no problem, 1 when there is any (warnings included), 2 when the
list or the images cannot be read.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from discovery.images import (
    ImagesUnreadable,
    check_images,
    expected_images,
    folder_images,
    zip_images,
)
from discovery.readers import ListUnreadable
from practice_directions.rules.discovery import PN127_DEFAULTS


class Command(BaseCommand):
    help = "Check a folder or ZIP of document images against a discovery list (PN127 Sch. (b))."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("list", metavar="LIST")
        parser.add_argument("images", metavar="IMAGES", help="A folder or a .zip of images.")
        parser.add_argument("--pattern", default=PN127_DEFAULTS.document_id_pattern)
        parser.add_argument("--multi-page", action="store_true", help="Allow multi-page TIFFs.")
        parser.add_argument("--dpi", type=int, default=PN127_DEFAULTS.image_dpi)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        conventions = dataclasses.replace(
            PN127_DEFAULTS,
            document_id_pattern=options["pattern"],
            tiff_multi_page=options["multi_page"],
            image_dpi=options["dpi"],
        )
        workdir = tempfile.mkdtemp(prefix="discovery-images-")
        try:
            expected = expected_images(options["list"], conventions)
            source = options["images"]
            images = folder_images(source) if os.path.isdir(source) else zip_images(source, workdir)
            report = check_images(images, expected, conventions)
        except (ListUnreadable, ImagesUnreadable) as error:
            raise CommandError(f"Cannot check the images: {error}", returncode=2) from None
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "images": report.images,
                        "documents": report.expected,
                        "problems": [dataclasses.asdict(p) for p in report.problems],
                    }
                )
            )
        else:
            self.stdout.write(
                f"{report.images} images against {report.expected} documents: "
                f"{report.errors} errors, {report.warnings} warnings"
            )
            for p in report.problems:
                self.stdout.write(
                    f"  {p.name or p.document_id}: {p.severity} {p.code}: {p.message}"
                )
        if report.problems:
            raise CommandError(f"{len(report.problems)} problems.", returncode=1)
