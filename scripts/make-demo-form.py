#!/usr/bin/python3
"""Writes the demo county's official form, a state's "Meldung zur Nutzung der Online-Dienste", as a controller
would get it: fixed layout, named input cells, formulas and a chart (issue 13). Run once; the .xlsx is committed.
    /usr/bin/python3 scripts/make-demo-form.py src/BackOffice/Features/Demo/Forms/OZG-Meldung.xlsx
"""
import sys
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName

wb = Workbook()
ws = wb.active
ws.title = "Meldung"
thin = Side(style="thin", color="808080")
box = Border(left=thin, right=thin, top=thin, bottom=thin)
head = PatternFill("solid", fgColor="DDE7F3")
ws["A1"] = "Meldung zur Nutzung der Online-Dienste (OZG) nach Gemeinden"
ws["A1"].font = Font(bold=True, size=14)
ws.merge_cells("A1:D1")
ws["A2"] = "Landesamt für Statistik · Vordruck OZG-3 · bitte nur die weißen Felder ausfüllen"
ws["A2"].font = Font(italic=True, color="606060")
for row, label in [(4, "Meldende Behörde"), (5, "Berichtszeitraum"), (6, "Organisationseinheiten"), (7, "Stand")]:
    ws.cell(row, 1, label).font = Font(bold=True)
ws["B4"] = "Landkreis Lindenau"
ws["B7"].number_format = "DD.MM.YYYY"
ws["A9"], ws["B9"], ws["C9"], ws["D9"] = "Gemeinde", "Eingänge", "davon online", "Nutzungsquote"
for c in "ABCD":
    ws[f"{c}9"].font = Font(bold=True)
    ws[f"{c}9"].fill = head
    ws[f"{c}9"].border = box
first, last = 10, 29
for r in range(first, last + 1):
    for c in "ABCD":
        ws[f"{c}{r}"].border = box
    ws[f"B{r}"].number_format = "#,##0"
    ws[f"C{r}"].number_format = "#,##0"
    ws[f"D{r}"] = f'=IF(N(B{r})>0,C{r}/B{r},"")'
    ws[f"D{r}"].number_format = "0.0%"
    ws[f"D{r}"].fill = head
total = last + 1
ws[f"A{total}"] = "Summe"
ws[f"B{total}"] = f"=SUM(B{first}:B{last})"
ws[f"C{total}"] = f"=SUM(C{first}:C{last})"
ws[f"D{total}"] = f'=IF(B{total}>0,C{total}/B{total},"")'
for c in "ABCD":
    ws[f"{c}{total}"].font = Font(bold=True)
    ws[f"{c}{total}"].border = box
ws[f"B{total}"].number_format = ws[f"C{total}"].number_format = "#,##0"
ws[f"D{total}"].number_format = "0.0%"
ws[f"A{total + 2}"] = "Kontrollsumme Eingänge (Fachverfahren)"
ws[f"B{total + 2}"].number_format = "#,##0"
ws[f"A{total + 3}"] = "Abweichung"
ws[f"B{total + 3}"] = f"=B{total}-B{total + 2}"
ws[f"A{total + 4}"] = "davon Kreisstadt Lindenau, online"
ws[f"B{total + 4}"].number_format = "#,##0"
ws.column_dimensions["A"].width = 38
for c in "BCD":
    ws.column_dimensions[c].width = 16

chart = BarChart()
chart.type = "bar"
chart.title = "Eingänge und Online-Anträge je Gemeinde"
chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=9, max_row=last), titles_from_data=True)
chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
chart.height, chart.width = 12, 18
ws.add_chart(chart, "F4")

for name, ref in [("Zeitraum", "$B$5"), ("Einheiten", "$B$6"), ("Stand", "$B$7"), ("Gemeinden", f"$A${first}:$C${last}"),
                  ("Kontrollsumme", f"$B${total + 2}"), ("Kreisstadt_online", f"$B${total + 4}")]:
    wb.defined_names.append(DefinedName(name, attr_text=f"Meldung!{ref}"))
wb.save(sys.argv[1])
