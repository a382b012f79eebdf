"""Writes a TrueType font whose composite glyphs are drawn out as simple ones, without hinting.

PDFsharp's font subsetter copies the parts of a composite glyph, but not the parts of those parts: letters built in
two steps (Vietnamese "ễ" is "e" plus a circumflex-and-tilde, itself two marks) would print without their marks. A
font without composites prints every letter whole. Hinting goes with the composites (its instructions address the
parts), which also makes the embedded subsets smaller. Usage: flatten_font.py SOURCE.ttf TARGET.ttf"""
import os
import sys

from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram


def main(source, target):
    font = TTFont(source)
    glyf = font["glyf"]
    glyphs = font.getGlyphSet()
    for name in font.getGlyphOrder():
        if glyf[name].isComposite():
            recording = DecomposingRecordingPen(glyphs)
            glyphs[name].draw(recording)
            pen = TTGlyphPen(glyphs)
            recording.replay(pen)
            glyf[name] = pen.glyph()
    for table in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX"):
        if table in font:
            del font[table]
    for name in font.getGlyphOrder():
        glyph = glyf[name]
        if glyph.numberOfContours > 0 or hasattr(glyph, "program"):
            glyph.program = ttProgram.Program()
            glyph.program.fromBytecode(b"")
    partial = f"{target}.{os.getpid()}.part"
    font.save(partial)
    os.replace(partial, target)  # whole or not at all: another process may read it at once


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
