#!/usr/bin/env bash
# Installs the Debian tools the app calls as processes, and nothing when they are already there.
# poppler-utils: pdftotext reads the text layer of PDFs for the inbox search.
# img2pdf: turns TIFF documents into PDFs for the preview (browsers cannot show TIFF).
# ocrmypdf with tesseract-ocr-deu: the Scanstelle's text recognition into PDF/A (poppler-utils' pdfinfo counts pages).
set -euo pipefail
missing=()
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v img2pdf >/dev/null || missing+=(img2pdf)
command -v ocrmypdf >/dev/null || missing+=(ocrmypdf)
[ -f /usr/share/tesseract-ocr/5/tessdata/deu.traineddata ] || ls /usr/share/tesseract-ocr/*/tessdata/deu.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-deu)
if [ ${#missing[@]} -gt 0 ]; then "$(dirname "$0")/apt-install.sh" "${missing[@]}"; fi
