"""Asset labels: the asset tag as a QR code (what the 실사 checklist reads back, a29.3.2), on standard A4 label sheets.

The QR code holds only the tag, so any scanner — a USB one that types it, a phone camera — gives the checklist
exactly what an officer would type.
"""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string

from .choices import LABEL_SIZES


def qr_svg(text: str) -> str:
    """The QR code of ``text`` as an SVG data URI (medium error correction: a scuffed label still reads)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=1)
    code.add_data(text)
    code.make(fit=True)
    image = code.make_image(image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def sheets(assets: list, size: str) -> tuple[dict, list[list[dict]]]:
    label, columns, rows, width, height, top, left, gap_x, gap_y = LABEL_SIZES[size]
    per_sheet = columns * rows
    cells = []
    for index, asset in enumerate(assets):
        position = index % per_sheet
        row, column = divmod(position, columns)
        cells.append(
            {
                "asset": asset,
                "qr": qr_svg(asset.tag),
                "position": position,
            }
        )
    pages = [cells[i : i + per_sheet] for i in range(0, len(cells), per_sheet)]
    qr = round(min(height - 4, width / 2.2), 1)
    rules = [
        "@page { size: A4; margin: 0; }",
        'body { margin: 0; font-family: "NanumGothic", "Noto Sans CJK KR", sans-serif; }',
        ".sheet { position: relative; width: 210mm; height: 297mm; page-break-after: always; }",
        ".sheet:last-child { page-break-after: auto; }",
        f".label {{ position: absolute; box-sizing: border-box; width: {width}mm; height: {height}mm; "
        "padding: 1.5mm 2mm; overflow: hidden; display: flex; align-items: center; gap: 2mm; }",
        f".label img {{ width: {qr}mm; height: {qr}mm; flex: none; }}",
        ".text { min-width: 0; } .org, .unit { font-size: 6pt; color: #333; }",
        ".tag { font-size: 9pt; font-weight: bold; white-space: nowrap; }",
        ".name { font-size: 7pt; line-height: 1.2; max-height: 2.4em; overflow: hidden; }",
    ]
    for position in range(per_sheet):
        row, column = divmod(position, columns)
        x, y = round(left + column * (width + gap_x), 2), round(top + row * (height + gap_y), 2)
        rules.append(f".p{position} {{ left: {x}mm; top: {y}mm; }}")
    return {"label": label, "css": "\n".join(rules)}, pages


def labels_pdf(assets: list, size: str = "l7160") -> bytes:
    """The labels as a PDF; the layout is a stylesheet of its own (the template carries no styles)."""
    from weasyprint import CSS, HTML

    geometry, pages = sheets(assets, size)
    html = render_to_string("resources/labels.html", {"pages": pages})
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=geometry["css"])])
