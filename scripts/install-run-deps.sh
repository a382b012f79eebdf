#!/usr/bin/env bash
# Installs the Debian tools the app calls as processes, and nothing when they are already there.
# poppler-utils: pdftotext reads the text layer of PDFs for the inbox search.
# img2pdf: turns TIFF documents into PDFs for the preview (browsers cannot show TIFF).
# ocrmypdf with tesseract-ocr-deu: the Scanstelle's text recognition into PDF/A (poppler-utils' pdfinfo counts pages,
#   pdftoppm draws pages for separator sheets and thumbnails, pdfimages tells the scan profile); python3-pikepdf, which
#   ocrmypdf brings, splits and rotates the recognised PDFs.
# fonts-dejavu-core: the font the app embeds in the PDFs it writes (letters, separator sheets); python3-fonttools draws its
#   composite glyphs out once (Infrastructure/flatten_font.py), so that PDFsharp's subsets keep every mark; qpdf packs
#   each letter's streams again with their check values (Infrastructure/ArchivePdf).
set -euo pipefail
missing=()
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v img2pdf >/dev/null || missing+=(img2pdf)
command -v ocrmypdf >/dev/null || missing+=(ocrmypdf)
/usr/bin/python3 -c 'import pikepdf' 2>/dev/null || missing+=(python3-pikepdf)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
/usr/bin/python3 -c 'import fontTools' 2>/dev/null || missing+=(python3-fonttools)
command -v qpdf >/dev/null || missing+=(qpdf)
[ -f /usr/share/tesseract-ocr/5/tessdata/deu.traineddata ] || ls /usr/share/tesseract-ocr/*/tessdata/deu.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-deu)
if [ ${#missing[@]} -gt 0 ]; then "$(dirname "$0")/apt-install.sh" "${missing[@]}"; fi
