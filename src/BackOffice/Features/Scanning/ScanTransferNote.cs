using BackOffice.Data;

namespace BackOffice.Features.Scanning;

/// <summary>
/// The transfer note (Transfervermerk) of a scanned document, after TR-RESISCAN: how the paper became this document,
/// who checked it and what was unusual. Written when the document is routed; shown with it and put into the
/// Aussonderung package.
/// </summary>
public static class ScanTransferNote
{
    /// <param name="checkedBy">The person, as the audit trail and the staff know them ("Sabine Koch (mailroom)").</param>
    public static string Write(ScanBatch batch, ScanDocument doc, string checkedBy, DateTime checkedAt)
    {
        var quality = doc.RoutedAutomatically
            ? $"keine: ohne Prüfung weitergeleitet (Vorschlag {doc.Confidence} % sicher, nicht für die Stichprobe gezogen)"
            : doc.QualityCheckedAt is { } at
                ? $"jede Seite mit dem Papier verglichen von {doc.QualityCheckedBy} am {Labels.DateTime(at)}; Ergebnis: vollständig und lesbar"
                : "nicht für die Stichprobe gezogen; Sichtprüfung bei der Zuordnung";
        var unusual = new List<string>();
        if (doc.BlankPagesDropped > 0) unusual.Add($"{Labels.Count(doc.BlankPagesDropped, "leere Seite", "leere Seiten")} entfernt");
        if (batch.DuplicateOfId is not null) unusual.Add("derselbe Inhalt wurde schon einmal gescannt");
        if (doc.Remark is { Length: > 0 } remark) unusual.Add(remark);
        return string.Join('\n',
            "Transfervermerk (ersetzendes Scannen nach TR-RESISCAN)",
            $"Scanner: {batch.Scanner}" + (batch.Profile is null ? "" : $"; Scanprofil: {batch.Profile}"),
            $"Erfasst: {Labels.DateTime(batch.CapturedAt)}; Datei „{batch.FileName}“, {(doc.PageCount == 1 ? "Seite" : "Seiten")} {doc.SourcePages} von {batch.Pages}",
            $"Prüfwert der Erfassung (SHA-256): {batch.Sha256}",
            $"Texterkennung und Umwandlung: ocrmypdf (Deutsch) in PDF/A-2b; Prüfwert (SHA-256): {doc.PdfSha256}",
            $"Bearbeitet von: {checkedBy} am {Labels.DateTime(checkedAt)}",
            $"Qualitätsprüfung: {quality}",
            $"Auffälligkeiten: {(unusual.Count == 0 ? "keine" : string.Join("; ", unusual))}",
            batch.DestroyFrom is { } from ? $"Papieroriginal: darf ab {from.ToString("dd.MM.yyyy", Labels.German)} vernichtet werden" : "Papieroriginal: aufzubewahren");
    }
}
