#!/usr/bin/env python3
"""Writes the adversarial workbooks of tests/data/bad (run from this folder).

Minimal .xlsx files built with the standard library, so that each case holds exactly
the fault it is named for:
- dense-range-bomb: cells A1 and XFD1048576 (a dense range of 17 billion cells);
- shared-string-bomb: one 200 MB shared string (about 200 KB compressed);
- lying-zip-sizes: the same, its zip headers declaring 1000 bytes;
"""
import os
import zipfile

CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WB = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="6月" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""


def sheet(rows):
    """rows: list of (ref, xml of the cell's content, type or None)."""
    cells = "".join(
        f'<row r="{"".join(ch for ch in ref if ch.isdigit())}"><c r="{ref}"{f" t={chr(34)}{t}{chr(34)}" if t else ""}>{v}</c></row>'
        for ref, v, t in rows
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{cells}</sheetData></worksheet>"
    )


def strings(items):
    si = "".join(f"<si><t>{s}</t></si>" for s in items)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(items)}" uniqueCount="{len(items)}">{si}</sst>'
    )


def write(path, sheet_xml, sst_xml):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        z.writestr("xl/sharedStrings.xml", sst_xml)


# A header in row 1 and a value far away.
header = [("A1", "<v>0</v>", "s"), ("B1", "<v>1</v>", "s"), ("C1", "<v>2</v>", "s")]
sst = strings(["月份", "项目", "数值", "2026-06", "基本支出"])
write(
    "dense-range-bomb/actuals/2026-06.xlsx",
    sheet(header + [("XFD1048576", "<v>1</v>", None)]),
    sst,
)
write(
    "shared-string-bomb/actuals/2026-06.xlsx",
    sheet(header + [("A2", "<v>5</v>", "s")]),
    strings(["月份", "项目", "数值", "2026-06", "基本支出", "x" * 200_000_000]),
)

# The same shared-string bomb with its sizes in the zip headers lowered to 1000 bytes:
# a workbook that lies about how large it inflates.
src = "shared-string-bomb/actuals/2026-06.xlsx"
data = open(src, "rb").read()
with zipfile.ZipFile(src) as z:
    real = next(i for i in z.infolist() if "sharedStrings" in i.filename).file_size
data = data.replace(real.to_bytes(4, "little"), (1000).to_bytes(4, "little"))
os.makedirs("lying-zip-sizes/actuals", exist_ok=True)
open("lying-zip-sizes/actuals/2026-06.xlsx", "wb").write(data)
