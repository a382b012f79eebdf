namespace BackOffice.Features.Scanning;

/// <summary>
/// Separator sheets: a page whose barcode says so ends one document and starts the next, and is dropped. The
/// Scanstelle prints them with a QR code: a plain one, or one naming a unit or a service, which routes the documents
/// after it. A PATCH-T sheet (a barcode reading "PATCHT", as many scanners' sheets do) is a plain separator too.
/// </summary>
public static class ScanSeparators
{
    public const string Prefix = "BACKOFFICE-TRENNBLATT";

    /// <summary>Where a separator sends the documents after it: a unit key or a service key, or neither.</summary>
    public sealed record Target(string? UnitKey, string? ServiceKey);

    /// <summary>The barcode's text for a sheet ("BACKOFFICE-TRENNBLATT", "…;OE=50.1", "…;LEISTUNG=99050012104000").</summary>
    public static string Code(string? unitKey = null, string? serviceKey = null) =>
        Prefix + (serviceKey is not null ? $";LEISTUNG={serviceKey}" : unitKey is not null ? $";OE={unitKey}" : "");

    /// <summary>The target of a separator's barcode; null when the page is no separator.</summary>
    public static Target? Read(string? code)
    {
        if (code is null) return null;
        code = code.Trim();
        if (code.Equals("PATCHT", StringComparison.OrdinalIgnoreCase) || code.Equals("PATCH T", StringComparison.OrdinalIgnoreCase)) return new(null, null);
        if (!code.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        string? unit = null, service = null;
        foreach (var part in code[Prefix.Length..].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = part.IndexOf('=') is var i and > 0 ? (part[..i], part[(i + 1)..].Trim()) : (part, "");
            if (name == "OE" && value.Length > 0) unit = value;
            else if (name == "LEISTUNG" && value.Length > 0) service = value;
        }
        return new(unit, service);
    }

    /// <summary>One document of a batch: its pages (1-based, in order) and the separator before it, if any.</summary>
    public sealed record Part(IReadOnlyList<int> Pages, Target? Separator, int BlankPagesDropped);

    /// <summary>
    /// Splits a batch's pages at its separator sheets. Separators are dropped; blank pages too when
    /// <paramref name="maxBlankInk"/> is set (a page with less ink counts as blank). Parts left without pages go.
    /// </summary>
    public static IReadOnlyList<Part> Split(IReadOnlyList<ScanPages.Look> looks, double? maxBlankInk)
    {
        var parts = new List<Part>();
        var pages = new List<int>();
        Target? separator = null;
        var blank = 0;
        void Close()
        {
            if (pages.Count > 0) parts.Add(new Part(pages.ToList(), separator, blank));
            (pages, blank) = ([], 0);
        }
        foreach (var look in looks)
        {
            if (Read(look.Code) is { } target)
            {
                Close();
                separator = target;
            }
            else if (maxBlankInk is { } limit && look.Ink < limit) blank++;
            else pages.Add(look.Page);
        }
        Close();
        return parts;
    }

    /// <summary>Page numbers as ranges, "1-3,5,7-8" (ocrmypdf's --pages and the transfer note read them so).</summary>
    public static string Ranges(IEnumerable<int> pages)
    {
        var ranges = new List<string>();
        int? start = null, end = null;
        foreach (var page in pages)
        {
            if (end is { } e && page == e + 1) { end = page; continue; }
            if (start is { } s) ranges.Add(s == end ? $"{s}" : $"{s}-{end}");
            (start, end) = (page, page);
        }
        if (start is { } last) ranges.Add(last == end ? $"{last}" : $"{last}-{end}");
        return string.Join(',', ranges);
    }

    /// <summary>The pages of a range list, one by one ("2-4,6" → 2, 3, 4, 6); what does not read as a range is skipped.</summary>
    public static List<int> Pages(string ranges)
    {
        var pages = new List<int>();
        foreach (var range in ranges.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = range.Split('-');
            if (!int.TryParse(bounds[0], out var from)) continue;
            var to = bounds.Length > 1 && int.TryParse(bounds[1], out var t) ? t : from;
            for (var p = from; p <= to; p++) pages.Add(p);
        }
        return pages;
    }
}
