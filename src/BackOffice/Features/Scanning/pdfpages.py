#!/usr/bin/python3
"""Puts pages of PDFs together into one PDF, keeping the PDF/A marks of the first source.

    pdfpages.py OUT SOURCE:PAGES [SOURCE:PAGES ...]

PAGES is a comma list of 1-based page numbers, each optionally turned by a quarter: "3", "4+90", "5+270".
Used by the Scanstelle to split a recognised batch into documents and to split, merge, rotate and remove pages in
the mail room's check. pikepdf (QPDF) comes with ocrmypdf; copying the XMP metadata and output intent keeps a
PDF/A-2b source PDF/A-2b. Writes OUT.part first and renames it, so nothing half-written is left under OUT.
"""
import os
import sys

import pikepdf


def indirect(pdf, obj):
    # copy_foreign takes indirect objects only; direct ones (an inline array) are made indirect first.
    return obj if obj.is_indirect else pdf.make_indirect(obj)


def main(argv):
    if len(argv) < 3:
        print("usage: pdfpages.py OUT SOURCE:PAGES ...", file=sys.stderr)
        return 2
    out_path = argv[1]
    out = pikepdf.new()
    opened = {}
    first = None
    for spec in argv[2:]:
        path, _, pages = spec.rpartition(":")
        if path not in opened:
            opened[path] = pikepdf.open(path)
        source = opened[path]
        first = first or source
        for item in pages.split(","):
            number, _, turn = item.partition("+")
            index = int(number) - 1
            if index < 0 or index >= len(source.pages):
                print(f"page {number} is not in {path}", file=sys.stderr)
                return 3
            out.pages.append(source.pages[index])
            if turn:
                out.pages[-1].rotate(int(turn), relative=True)
    if len(out.pages) == 0:
        print("no pages", file=sys.stderr)
        return 3
    root = first.Root
    for key in ("/Metadata", "/OutputIntents", "/Lang", "/MarkInfo"):
        if key in root:
            out.Root[key] = out.copy_foreign(indirect(first, root[key]))
    if first.trailer.get("/Info") is not None:
        out.trailer.Info = out.copy_foreign(indirect(first, first.trailer.Info))
    part = out_path + ".part"
    out.save(part, min_version=first.pdf_version, fix_metadata_version=False)
    with open(part, "rb") as written:
        os.fsync(written.fileno())
    os.replace(part, out_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
