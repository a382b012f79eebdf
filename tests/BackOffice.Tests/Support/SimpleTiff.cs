namespace BackOffice.Tests.Support;

/// <summary>Writes small, valid multi-page TIFF files (8-bit grey, uncompressed, 200 dpi), as fax servers and scanners deliver them.</summary>
public static class SimpleTiff
{
    public static byte[] Create(int pages, int width = 64, int height = 48)
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("II"u8);
        w.Write((ushort)42);
        var nextIfdAt = stream.Position;
        w.Write(0u); // patched with each page's IFD offset
        for (var page = 0; page < pages; page++)
        {
            var pixelsAt = (uint)stream.Position;
            for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                    w.Write((byte)((x + y * (page + 1)) % 2 == 0 ? 0 : 255)); // a pattern that differs per page
            var resolutionAt = (uint)stream.Position;
            w.Write(200u); w.Write(1u); // 200/1 dpi, for both directions

            var ifdAt = (uint)stream.Position;
            Patch(stream, nextIfdAt, ifdAt);
            (ushort Tag, ushort Type, uint Value)[] entries =
            [
                (256, 4, (uint)width), (257, 4, (uint)height), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, pixelsAt),
                (277, 3, 1), (278, 4, (uint)height), (279, 4, (uint)(width * height)), (282, 5, resolutionAt), (283, 5, resolutionAt), (296, 3, 2),
            ];
            w.Write((ushort)entries.Length);
            foreach (var (tag, type, value) in entries)
            {
                w.Write(tag); w.Write(type); w.Write(1u);
                if (type == 3) { w.Write((ushort)value); w.Write((ushort)0); } // SHORT: left-aligned in the value field
                else w.Write(value);
            }
            nextIfdAt = stream.Position;
            w.Write(0u); // no next page, unless patched
        }
        w.Flush();
        return stream.ToArray();
    }

    private static void Patch(MemoryStream stream, long at, uint value)
    {
        var end = stream.Position;
        stream.Position = at;
        stream.Write(BitConverter.GetBytes(value));
        stream.Position = end;
    }
}
