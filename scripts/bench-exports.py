#!/usr/bin/python3
"""Writes the rows of a TSV file (the export's rows, as BackOffice read them) to .xlsx with Python's xlsxwriter
(constant_memory) or openpyxl (write-only), as make bench-exports compares them. Prints rows;seconds;peak KB."""
import resource, sys, time

kind, tsv, out = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
rows = 0
with open(tsv, encoding="utf-8") as f:
    header = f.readline().rstrip("\n").split("\t")
    if kind == "xlsxwriter":
        import xlsxwriter
        book = xlsxwriter.Workbook(out, {"constant_memory": True})
        sheet = book.add_worksheet("Bericht")
        bold = book.add_format({"bold": True})
        sheet.write_row(0, 0, header, bold)
        sheet.freeze_panes(1, 0)
        for line in f:
            rows += 1
            sheet.write_row(rows, 0, [float(v) if v.replace(".", "", 1).isdigit() else v for v in line.rstrip("\n").split("\t")])
        sheet.autofilter(0, 0, rows, len(header) - 1)
        book.close()
    else:
        import openpyxl
        from openpyxl.styles import Font
        from openpyxl.cell import WriteOnlyCell
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Bericht")
        sheet.freeze_panes = "A2"
        cells = []
        for h in header:
            c = WriteOnlyCell(sheet, value=h)
            c.font = Font(bold=True)
            cells.append(c)
        sheet.append(cells)
        for line in f:
            rows += 1
            sheet.append([float(v) if v.replace(".", "", 1).isdigit() else v for v in line.rstrip("\n").split("\t")])
        book.save(out)
seconds = time.perf_counter() - start
print(f"{rows};{seconds:.3f};{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
