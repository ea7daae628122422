"""Official documents (공문서): one content, rendered as PDF and HWPX that say the same things in the same order.

A document is a list of blocks (headings, paragraphs, label/value tables, tables) between a fixed head
(기관명, 제목, 문서번호, 작성일) and a fixed foot (서명란, closing note). It is rendered as

- **PDF** with WeasyPrint (``documents/official.html``, A4, Korean font embedded);
- **HWPX** with python-hwpx, for 한글. LibreOffice (7.4, and every release up to this writing) has no HWPX
  import: only the HWP 97 binary filter. So the HWPX package also carries a WordprocessingML rendition of the
  same blocks (``[Content_Types].xml``, ``_rels/``, ``word/``), which LibreOffice's content-based type
  detection finds and opens; 한글 reads the package through ``mimetype``, ``META-INF/container.xml`` and
  ``Contents/`` and ignores the extra parts. ``Preview/PrvText.txt`` holds the text and
  ``Preview/PrvImage.png`` a picture of the first page's text, so file browsers show the document;
- **plain text** (the preview text, and what tests compare across renderings).

Every rendering walks the same block list, so the PDF and the HWPX cannot drift apart.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from django.template.loader import render_to_string

ORGANIZATION = "관세청"
FONT = "NanumGothic"
# A4 and the margins of the PDF (official.css: 20 mm top/bottom, 18 mm left/right), in twips.
PAGE_W, PAGE_H, MARGIN_TB, MARGIN_LR = 11906, 16838, 1134, 1020
TEXT_WIDTH = PAGE_W - 2 * MARGIN_LR
PDF_STYLESHEET = Path(__file__).with_name("official.css")  # documents/official.html's page and type
LABEL_SHARE = 22  # % of the width for the label column of a label/value table (th { width: 22% })
EMPTY = "-"  # an empty cell says so, in every rendering


def cell_text(value) -> str:
    return str(value) if value not in (None, "") else EMPTY


@dataclass(frozen=True)
class Heading:
    text: str
    kind: str = "heading"


@dataclass(frozen=True)
class Paragraph:
    text: str
    small: bool = False
    kind: str = "paragraph"


@dataclass(frozen=True)
class Fields:
    """Label/value rows (일시, 장소 …)."""

    rows: list[tuple[str, str]]
    kind: str = "fields"

    def cells(self) -> list[list[str]]:
        """The rows as every rendering shows them (an empty value as "-")."""
        return [[label, cell_text(value)] for label, value in self.rows]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths: list[int] | None = None  # % of the width per column; None = equal
    kind: str = "table"

    def cells(self) -> list[list[str]]:
        return [[cell_text(cell) for cell in row] for row in self.rows]

    def column_widths(self) -> list[int]:
        return self.widths or [100 // len(self.headers)] * len(self.headers)


@dataclass(frozen=True)
class Signature:
    role: str  # 위원장, 간사
    position: str
    name: str


@dataclass
class OfficialDocument:
    title: str
    number: str  # 문서번호
    date: str  # 작성일, already formatted
    blocks: list = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    closing: str = ""
    organization: str = ORGANIZATION

    def head(self) -> Fields:
        return Fields([("문서번호", self.number), ("작성일", self.date)])

    def signature_table(self) -> Table:
        rows = [[s.role, s.position, s.name, ""] for s in self.signatures]  # the last cell is signed by hand
        return Table(["구분", "직위", "성명", "서명"], rows, [14, 38, 22, 26])


# --- plain text ---------------------------------------------------------------------------------------------


def plain_text(doc: OfficialDocument) -> str:
    """The document's text in reading order (the HWPX preview text; what the tests compare)."""
    lines = [doc.organization, doc.title]
    for block in [doc.head(), *doc.blocks, *([doc.signature_table()] if doc.signatures else [])]:
        if isinstance(block, Fields):
            lines += [f"{label}: {value}" for label, value in block.cells()]
        elif isinstance(block, Table):
            lines.append(" | ".join(block.headers))
            lines += [" | ".join(row) for row in block.cells()]
        else:
            lines.append(block.text)
    if doc.closing:
        lines.append(doc.closing)
    return "\n".join(lines) + "\n"


# --- PDF ----------------------------------------------------------------------------------------------------


def to_pdf(doc: OfficialDocument) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("documents/official.html", {"doc": doc, "signature_table": doc.signature_table()})
    # The page, fonts and tables from official.css; the column widths from <col width> (presentational hints).
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PDF_STYLESHEET))], presentational_hints=True)


# --- HWPX ---------------------------------------------------------------------------------------------------


def to_hwpx(doc: OfficialDocument) -> bytes:
    from hwpx.document import HwpxDocument

    hwpx = HwpxDocument.new()
    hwpx.page.setup(paper_size="A4", margin_top_mm=20, margin_bottom_mm=20, margin_left_mm=18, margin_right_mm=18)
    styles = {
        "organization": hwpx.styles.ensure_run(bold=True, size=13),
        "title": hwpx.styles.ensure_run(bold=True, size=17),
        "heading": hwpx.styles.ensure_run(bold=True, size=12.5),
        "small": hwpx.styles.ensure_run(size=9, color="#444444"),
    }
    label_fill = "#EEEEEE"

    def paragraph(text: str, style: str | None = None, align: str | None = None, **spacing) -> None:
        hwpx.add_paragraph(text, char_pr_id_ref=styles.get(style) if style else None)
        index = len(hwpx.paragraphs) - 1
        if align or spacing:
            hwpx.styles.apply_paragraph_format(paragraph_index=index, alignment=align, **spacing)

    def table(headers: list[str] | None, rows: list[list[str]], widths: list[int]) -> None:
        body = ([headers] if headers else []) + rows
        grid = hwpx.add_table(len(body), len(widths))
        grid.set_column_widths(widths)
        for r, row in enumerate(body):
            for c, text in enumerate(row):
                grid.set_cell_text(r, c, text)
                if (headers and r == 0) or (not headers and c == 0):
                    grid.set_cell_shading(r, c, label_fill)

    # The template starts with one empty paragraph: use it for the organisation, so nothing precedes it.
    first = hwpx.paragraphs[0]
    first.text = doc.organization
    first.char_pr_id_ref = styles["organization"]
    hwpx.styles.apply_paragraph_format(paragraph_index=0, alignment="CENTER")
    paragraph(doc.title, "title", "CENTER", spacing_after_pt=12)
    for block in [doc.head(), *doc.blocks]:
        if isinstance(block, Heading):
            paragraph(block.text, "heading", spacing_before_pt=14, spacing_after_pt=4, keep_with_next=True)
        elif isinstance(block, Paragraph):
            paragraph(block.text, "small" if block.small else None)
        elif isinstance(block, Fields):
            table(None, block.cells(), [LABEL_SHARE, 100 - LABEL_SHARE])
        elif isinstance(block, Table):
            table(block.headers, block.cells(), block.column_widths())
    if doc.signatures:
        signatures = doc.signature_table()
        paragraph("서명", "heading", spacing_before_pt=14, spacing_after_pt=4, keep_with_next=True)
        table(signatures.headers, signatures.rows, signatures.column_widths())
    if doc.closing:
        paragraph(doc.closing, "small")
    hwpx.page.set_page_number(prefix="- ", suffix=" -")
    buffer = io.BytesIO()
    hwpx.save_to_stream(buffer)
    return _with_preview_and_word_twin(buffer.getvalue(), doc)


def _with_preview_and_word_twin(package: bytes, doc: OfficialDocument) -> bytes:
    """Rewrites the package: real preview text and image, plus the WordprocessingML twin for LibreOffice."""
    replaced = {"Preview/PrvText.txt": plain_text(doc).encode("utf-8")}
    image = _preview_png(doc)
    if image:
        replaced["Preview/PrvImage.png"] = image
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():  # keeps the order: "mimetype" first and stored, as HWPX requires
            data = replaced.get(info.filename, source.read(info.filename))
            target.writestr(info, data, compress_type=info.compress_type)
        for name, data in word_parts(doc).items():
            target.writestr(name, data)
    return out.getvalue()


def _preview_png(doc: OfficialDocument) -> bytes | None:
    """The first page's text on a 724×1024 white page (the size 한글 writes), or None without a Korean font."""
    from PIL import Image, ImageDraw, ImageFont

    try:
        title_font = ImageFont.truetype("NanumGothicBold.ttf", 26)
        font = ImageFont.truetype("NanumGothic.ttf", 15)
    except OSError:
        return None
    image = Image.new("RGB", (724, 1024), "white")
    draw = ImageDraw.Draw(image)
    draw.text((362, 50), doc.organization, font=font, fill="black", anchor="mm")
    draw.text((362, 90), doc.title, font=title_font, fill="black", anchor="mm")
    y = 140
    for line in plain_text(doc).splitlines()[2:]:
        for part in textwrap.wrap(line, 44) or [""]:
            if y > 990:
                break
            draw.text((56, y), part, font=font, fill="#222222")
            y += 24
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# --- WordprocessingML twin (for LibreOffice) -----------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BODY_LINE = 326  # twips: 10.5 pt × 1.55, the PDF's line height (at least: bigger text gets its own)


def _run(text: str, *, bold: bool = False, size: float | None = None, color: str | None = None) -> str:
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if color:
        props += f'<w:color w:val="{color}"/>'
    if size:
        props += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    lines = (text or "").split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{body}</w:r>"


def _para(
    text: str,
    *,
    align: str | None = None,
    before: int = 0,
    after: int = 0,
    keep: bool = False,
    border: bool = False,
    **run,
) -> str:
    props = "<w:keepNext/>" if keep else ""
    if border:
        props += '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="2" w:color="333333"/></w:pBdr>'
    props += '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'  # 제2차, not 제 2 차 (as in the PDF)
    props += f'<w:spacing w:before="{before}" w:after="{after}"/>'
    if align:
        props += f'<w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{props}</w:pPr>{_run(text, **run)}</w:p>"


def _table(headers: list[str] | None, rows: list[list[str]], widths: list[int], tall_last: bool = False) -> str:
    twips = [TEXT_WIDTH * w // 100 for w in widths]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
    out = [
        '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>'
        "<w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="555555"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + '</w:tblBorders><w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
        '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    ]
    body = ([headers] if headers else []) + rows
    for r, row in enumerate(body):
        header_row = bool(headers) and r == 0
        height = '<w:trHeight w:val="800" w:hRule="atLeast"/>' if tall_last and not header_row else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{height}{'<w:tblHeader/>' if header_row else ''}</w:trPr>")
        for c, text in enumerate(row):
            shaded = header_row or (not headers and c == 0)
            shade = '<w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/>' if shaded else ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{twips[c]}" w:type="dxa"/>{shade}</w:tcPr>'
                f"{_para(text, bold=shaded and bool(headers))}</w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _gap(after: int = 120) -> str:
    return f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{after}" w:lineRule="exact"/></w:pPr></w:p>'


def word_document_xml(doc: OfficialDocument) -> str:
    parts = [
        _para(doc.organization, align="center", bold=True, size=13),
        _para(doc.title, align="center", after=240, bold=True, size=17),
    ]
    for block in [doc.head(), *doc.blocks]:
        if isinstance(block, Heading):
            parts.append(_para(block.text, before=280, after=80, keep=True, border=True, bold=True, size=12.5))
        elif isinstance(block, Paragraph):
            options = {"size": 9, "color": "444444"} if block.small else {}
            parts.append(_para(block.text, before=120, after=120, **options))
        elif isinstance(block, Fields):
            parts.append(_table(None, block.cells(), [LABEL_SHARE, 100 - LABEL_SHARE]))
            parts.append(_gap())
        elif isinstance(block, Table):
            parts.append(_table(block.headers, block.cells(), block.column_widths()))
            parts.append(_gap())
    if doc.signatures:
        signatures = doc.signature_table()
        parts.append(_para("서명", before=280, after=80, keep=True, border=True, bold=True, size=12.5))
        parts.append(_table(signatures.headers, signatures.rows, signatures.column_widths(), tall_last=True))
    if doc.closing:
        parts.append(_para(doc.closing, before=120, after=0, size=9, color="444444"))
    section = (
        f'<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>'
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{MARGIN_TB}" w:right="{MARGIN_LR}" w:bottom="{MARGIN_TB}" w:left="{MARGIN_LR}" '
        'w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{"".join(parts)}{section}</w:body></w:document>'
    )


def _styles_xml() -> str:
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>{fonts}'
        '<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="ko-KR" w:eastAsia="ko-KR"/></w:rPr></w:rPrDefault>'
        # no extra space between Hangul and digits (제2차, not 제 2 차): as the PDF sets it
        '<w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{BODY_LINE}" w:lineRule="atLeast"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        "</w:styles>"
    )


def _footer_xml() -> str:
    def field(code: str) -> str:
        return (
            '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>1</w:t></w:r>'
            '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>'
        )

    slash = '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> / </w:t></w:r>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
        f"{field('PAGE')}{slash}{field('NUMPAGES')}</w:p></w:ftr>"
    )


def word_parts(doc: OfficialDocument) -> dict[str, str]:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    return {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/>'
            f'<Override PartName="/word/footer1.xml" ContentType="{main}.footer+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdStyles" Type="{R}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rIdFooter" Type="{R}/footer" Target="footer1.xml"/></Relationships>'
        ),
        "word/document.xml": word_document_xml(doc),
        "word/styles.xml": _styles_xml(),
        "word/footer1.xml": _footer_xml(),
    }
