"""PDF/A-2b checks of a PDF, made with pikepdf (qpdf) independently of the library that wrote it.

Prints each problem and exits 1, or exits 0. What it checks: the XMP identification (part 2, conformance B); that the
metadata stream is unfiltered and agrees with the document information dictionary (title, author, subject, keywords,
producer, creation date); an output intent GTS_PDFA1 with an RGB ICC profile; a file identifier; no encryption; every
font embedded; no JavaScript or launch actions; with --whole-streams, every deflate stream complete with its check value."""
import re
import sys
import xml.etree.ElementTree as ET

import zlib

import pikepdf

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}


def first(root, path):
    found = root.find(path, NS)
    return None if found is None else (found.text or "").strip()


def pdf_date_to_xmp(value):
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-Z])?(\d{2})?'?(\d{2})?", value)
    if not m:
        return None
    y, mo, d, h, mi, s, sign, tzh, tzm = m.groups()
    zone = "Z" if sign in (None, "Z") else f"{sign}{tzh}:{tzm or '00'}"
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{zone}"


def main(path, whole_streams):
    problems = []
    with open(path, "rb") as f:
        head = f.read(1024)
    if not re.match(rb"%PDF-1\.[4-7]\r?\n%[\x80-\xff]{4}", head):
        problems.append("header: %PDF-1.n followed by a comment of four bytes above 127 is required")
    pdf = pikepdf.open(path)
    if pdf.is_encrypted:
        problems.append("encrypted")
    if "/ID" not in pdf.trailer:
        problems.append("no file identifier (trailer /ID)")
    meta = pdf.Root.get("/Metadata")
    if meta is None:
        problems.append("no XMP metadata")
    else:
        if "/Filter" in meta:
            problems.append("metadata stream is filtered")
        xml = meta.read_bytes().decode("utf-8")
        root = ET.fromstring(xml[xml.index("<x:xmpmeta"):xml.rindex("</x:xmpmeta>") + len("</x:xmpmeta>")])
        if first(root, ".//pdfaid:part") != "2" or first(root, ".//pdfaid:conformance") != "B":
            problems.append(f"identification is part {first(root, './/pdfaid:part')} conformance {first(root, './/pdfaid:conformance')}, not 2B")
        info = pdf.trailer.get("/Info")
        pairs = {
            "/Title": ".//dc:title/rdf:Alt/rdf:li",
            "/Author": ".//dc:creator/rdf:Seq/rdf:li",
            "/Subject": ".//dc:description/rdf:Alt/rdf:li",
            "/Keywords": ".//pdf:Keywords",
            "/Producer": ".//pdf:Producer",
            "/Creator": ".//xmp:CreatorTool",
        }
        for key, xpath in pairs.items():
            if info is not None and key in info and str(info[key]) != first(root, xpath):
                problems.append(f"{key} '{info[key]}' differs from the metadata's '{first(root, xpath)}'")
        if info is not None and "/CreationDate" in info:
            xmp_date = first(root, ".//xmp:CreateDate")
            if (pdf_date_to_xmp(str(info["/CreationDate"])) or "").replace("+00:00", "Z") != (xmp_date or "").replace("+00:00", "Z"):
                problems.append(f"creation date {info['/CreationDate']} differs from the metadata's {xmp_date}")
    intents = pdf.Root.get("/OutputIntents")
    if not intents or not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i and i.DestOutputProfile.get("/N") == 3 for i in intents):
        problems.append("no GTS_PDFA1 output intent with an RGB ICC profile")
    for page_number, page in enumerate(pdf.pages, 1):
        fonts = page.get("/Resources", {}).get("/Font", {})
        for name, font in fonts.items():
            descriptors = [font.get("/FontDescriptor")] + [d.get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
            if not any(d is not None and any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")) for d in descriptors):
                problems.append(f"page {page_number}: font {name} ({font.get('/BaseFont')}) is not embedded")
        if "/AA" in page:
            problems.append(f"page {page_number}: additional actions")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") in ("/JavaScript", "/Launch"):
            problems.append(f"action {obj.get('/S')}")
    if "/Names" in pdf.Root and "/JavaScript" in pdf.Root.Names:
        problems.append("document JavaScript")
    if whole_streams:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Filter") == "/FlateDecode":
                inflate = zlib.decompressobj()
                inflate.decompress(obj.read_raw_bytes())
                if not inflate.eof:
                    problems.append(f"stream {obj.objgen} ends without its zlib check value")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--whole-streams" in sys.argv[2:]))
