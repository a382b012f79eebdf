#!/usr/bin/env bash
# Installs the Debian tools the app calls as processes, and nothing when they are already there.
# poppler-utils: pdftotext reads the text layer of PDFs for the inbox search.
# img2pdf: turns TIFF documents into PDFs for the preview (browsers cannot show TIFF).
set -euo pipefail
missing=()
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v img2pdf >/dev/null || missing+=(img2pdf)
if [ ${#missing[@]} -gt 0 ]; then "$(dirname "$0")/apt-install.sh" "${missing[@]}"; fi
