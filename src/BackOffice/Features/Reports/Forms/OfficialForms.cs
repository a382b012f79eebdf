using System.Security.Claims;
using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Reports.Forms;

/// <summary>
/// Official forms (issue 13): Controlling uploads a prescribed .xlsx once per report and says which figure goes into
/// which named cell or range; then anyone who may run the report fills it for a period and their units.
/// </summary>
public sealed class OfficialForms(IDbContextFactory<BackOfficeDb> factory, ReportCatalog catalog, ReportUnits reportUnits)
{
    /// <summary>Forms are a few sheets of layout; anything larger is no form.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;
    public static readonly string TooLarge = $"Die Datei ist größer als {MaxBytes / 1024 / 1024} MB; ein Vordruck ist kleiner.";

    public sealed record Item(int Id, string Title, string FileName, string UploadedBy, DateTime UploadedAt, int Cells);

    /// <summary>A form's names, which cannot be used and why, and what each name is filled with.</summary>
    public sealed record Mapping(int Id, string Title, IReadOnlyList<FormName> Names, IReadOnlyList<string> Skipped, IReadOnlyDictionary<string, FormSource> Cells);

    public static bool MayManage(ClaimsPrincipal user) => user.IsInRole(Roles.Controlling);

    public async Task<IReadOnlyList<Item>> ListAsync(string reportId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OfficialForms.AsNoTracking().Where(f => f.ReportId == reportId).OrderBy(f => f.Title)
            .Select(f => new Item(f.Id, f.Title, f.FileName, db.Users.Where(u => u.UserName == f.UploadedBy).Select(u => u.DisplayName).FirstOrDefault() ?? f.UploadedBy,
                f.UploadedAt, f.Cells.Count)).ToListAsync(ct);
    }

    /// <summary>Checks the file and keeps it: the new form's id, with a message that says what comes next.</summary>
    public async Task<Outcome<int>> UploadAsync(ClaimsPrincipal user, string reportId, string title, string fileName, byte[] content, CancellationToken ct = default)
    {
        if (!MayManage(user)) return Outcome.Refused("Vordrucke richtet das Controlling ein.");
        if (catalog.Find(reportId) is null) return Outcome.Refused("Diesen Bericht gibt es nicht.");
        title = title.Trim();
        if (title.Length is 0 or > 200) return Outcome.Refused("Bitte dem Vordruck eine Bezeichnung geben (höchstens 200 Zeichen).");
        var (names, problem) = Check(fileName, content);
        if (problem is not null) return Outcome.Refused(problem);
        var form = new OfficialForm
        {
            ReportId = reportId, Title = title, FileName = Path.GetFileName(fileName), Content = content,
            UploadedBy = PlainText.Fit(user.Identity?.Name ?? "", 200), UploadedAt = DateTime.UtcNow,
        };
        // Its creation is in the audit trail as every record's is, in the uploader's name.
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = form.UploadedBy;
        db.OfficialForms.Add(form);
        await db.SaveChangesAsync(ct);
        return Outcome.Made(form.Id, $"Vordruck „{title}“ gespeichert: {(names.Count == 1 ? "1 benannte Zelle" : $"{names.Count} benannte Zellen oder Bereiche")}. Bitte jetzt zuordnen, was hineingehört.");
    }

    /// <summary>The form's names, or why the file is no form (German).</summary>
    private static (IReadOnlyList<FormName> Names, string? Problem) Check(string fileName, byte[] content)
    {
        if (PlainText.FileNameProblem(fileName) is { } badName) return ([], badName);
        if (Path.GetFileName(fileName).Length > 200) return ([], "Der Dateiname ist länger als 200 Zeichen. Bitte die Datei kürzer benennen.");
        if (!fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) return ([], "Bitte eine Excel-Arbeitsmappe (.xlsx) hochladen.");
        if (content.Length > MaxBytes) return ([], TooLarge);
        var (names, _, problem) = FormTemplate.Read(content);
        return (names, problem);
    }

    /// <summary>
    /// A new version of a form (the state changes its forms now and then): the file is replaced, and each assignment
    /// whose name is still in it, and still fits, is kept. Those that are not are named in the message.
    /// </summary>
    public async Task<Outcome> ReplaceAsync(ClaimsPrincipal user, string reportId, int id, string fileName, byte[] content, CancellationToken ct = default)
    {
        if (!MayManage(user)) return Outcome.Refused("Vordrucke richtet das Controlling ein.");
        var report = catalog.Find(reportId);
        var form = await FormAsync(reportId, id, ct);
        if (report is null || form is null) return Outcome.Refused("Diesen Vordruck gibt es nicht mehr.");
        var (names, problem) = Check(fileName, content);
        if (problem is not null) return Outcome.Refused(problem);
        var dropped = form.Cells.Where(c => names.FirstOrDefault(n => n.Name.Equals(c.Name, StringComparison.OrdinalIgnoreCase)) is not { } name
            || FormSource.Parse(c.Source)?.Problem(report, name) is not null).ToList();
        await InTransactionAsync(user, async db =>
        {
            var stored = await db.OfficialForms.SingleAsync(f => f.Id == id, ct);
            (stored.Content, stored.FileName, stored.UploadedBy, stored.UploadedAt) = (content, Path.GetFileName(fileName), PlainText.Fit(user.Identity?.Name ?? "", 200), DateTime.UtcNow);
            var gone = dropped.Select(c => c.Id).ToList();
            await db.Set<OfficialFormCell>().Where(c => gone.Contains(c.Id)).ExecuteDeleteAsync(ct);
            db.LogEvent("form-replaced", nameof(OfficialForm), id.ToString(), details: string.Join("; ", dropped.Select(c => $"{c.Name} = {c.Source} entfernt")));
        }, ct);
        var kept = form.Cells.Count - dropped.Count;
        return Outcome.Done($"Neue Fassung von „{form.Title}“ gespeichert; {(kept == 1 ? "1 Zuordnung bleibt" : $"{kept} Zuordnungen bleiben")}."
            + (dropped.Count == 0 ? "" : $" Nicht mehr passend und entfernt: {string.Join(", ", dropped.Select(c => $"„{c.Name}“"))}. Bitte prüfen."));
    }

    public async Task<Mapping?> MappingAsync(string reportId, int id, CancellationToken ct = default) =>
        await FormAsync(reportId, id, ct) is { } form ? MappingOf(form) : null;

    private async Task<OfficialForm?> FormAsync(string reportId, int id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OfficialForms.AsNoTracking().Include(f => f.Cells).SingleOrDefaultAsync(f => f.Id == id && f.ReportId == reportId, ct);
    }

    private static Mapping MappingOf(OfficialForm form)
    {
        var (names, skipped, _) = FormTemplate.Read(form.Content);
        var cells = form.Cells.Select(c => (c.Name, Source: FormSource.Parse(c.Source))).Where(c => c.Source is not null)
            .ToDictionary(c => c.Name, c => c.Source!, StringComparer.OrdinalIgnoreCase);
        return new Mapping(form.Id, form.Title, names, skipped, cells);
    }

    /// <summary>Replaces what fills the form's names; refuses all of it when one does not fit, saying which.</summary>
    public async Task<Outcome> SaveMappingAsync(ClaimsPrincipal user, string reportId, int id, IReadOnlyDictionary<string, string> cells, CancellationToken ct = default)
    {
        if (!MayManage(user)) return Outcome.Refused("Vordrucke richtet das Controlling ein.");
        var report = catalog.Find(reportId);
        var mapping = await MappingAsync(reportId, id, ct);
        if (report is null || mapping is null) return Outcome.Refused("Diesen Vordruck gibt es nicht mehr.");
        var chosen = new List<OfficialFormCell>();
        foreach (var (name, text) in cells)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var target = mapping.Names.FirstOrDefault(n => n.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (target is null) return Outcome.Refused($"Der Vordruck hat keinen Namen „{name}“.");
            var source = FormSource.Parse(text);
            if (source is null) return Outcome.Refused($"„{name}“: bitte auswählen, was hineingehört (bei „Wert einer Zeile“ auch die Zeile).");
            if (source.Problem(report, target) is { } problem) return Outcome.Refused(problem);
            if (source.ToString().Length > 500) return Outcome.Refused($"„{name}“: Der Text der Zeile ist zu lang (höchstens 400 Zeichen).");
            chosen.Add(new OfficialFormCell { FormId = id, Name = target.Name, Source = source.ToString() });
        }
        await InTransactionAsync(user, async db =>
        {
            await db.Set<OfficialFormCell>().Where(c => c.FormId == id).ExecuteDeleteAsync(ct);
            db.AddRange(chosen);
            db.LogEvent("form-mapped", nameof(OfficialForm), id.ToString(), details: string.Join("; ", chosen.Select(c => $"{c.Name} = {c.Source}")));
        }, ct);
        return Outcome.Done(chosen.Count == 1 ? "Zuordnung gespeichert: 1 Name wird gefüllt." : $"Zuordnung gespeichert: {chosen.Count} Namen werden gefüllt.");
    }

    public async Task<Outcome> DeleteAsync(ClaimsPrincipal user, string reportId, int id, CancellationToken ct = default)
    {
        if (!MayManage(user)) return Outcome.Refused("Vordrucke richtet das Controlling ein.");
        string? title = null;
        await InTransactionAsync(user, async db =>
        {
            title = await db.OfficialForms.Where(f => f.Id == id && f.ReportId == reportId).Select(f => f.Title).SingleOrDefaultAsync(ct);
            if (title is null) return;
            await db.OfficialForms.Where(f => f.Id == id).ExecuteDeleteAsync(ct);
            db.LogEvent("form-deleted", nameof(OfficialForm), id.ToString(), details: title);
        }, ct);
        if (title is null) return Outcome.Refused("Diesen Vordruck gibt es nicht mehr.");
        return Outcome.Done($"Vordruck „{title}“ gelöscht.");
    }

    /// <summary>A change and its audit event in one transaction, in the user's name.</summary>
    private async Task InTransactionAsync(ClaimsPrincipal user, Func<BackOfficeDb, Task> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = user.Identity?.Name ?? "";
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await change(db);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    /// <summary>The filled form, and what the user should check (a row text that matched no row).</summary>
    public sealed record Filled(byte[] Content, string FileName, IReadOnlyList<string> Notes);

    /// <summary>
    /// Runs the form's report for the user's units (or the chosen one) and fills the form. A German problem instead
    /// when the filters are wrong, nothing is assigned, or the rows do not fit a range: then no file at all.
    /// </summary>
    public async Task<Outcome<Filled>> FillAsync(ClaimsPrincipal user, string reportId, int id, ReportFilters filters, CancellationToken ct = default)
    {
        var report = catalog.Find(reportId);
        var form = await FormAsync(reportId, id, ct);
        if (report is null || form is null) return Outcome.Refused("Diesen Vordruck gibt es nicht mehr.");
        var mapping = MappingOf(form);
        var (prepared, problem) = await ReportForm.PrepareAsync(factory, reportUnits, user, report, filters, ct);
        if (prepared is null) return Outcome.Refused(problem!);
        var (choice, request) = prepared;
        var cells = mapping.Names.Where(n => mapping.Cells.ContainsKey(n.Name)).Select(n => (Name: n, Source: mapping.Cells[n.Name])).ToList();
        if (cells.Count == 0) return Outcome.Refused($"Für „{mapping.Title}“ ist noch nicht zugeordnet, was in die Zellen gehört.");

        var ranges = cells.Where(c => c.Source.Kind == "tabelle").Select(c => c.Name).ToList();
        var room = ranges.Count == 0 ? 0 : ranges.Min(r => r.Rows);
        var figures = new FormFigures(report, cells.Select(c => c.Source).ToList(), room);
        await using (var db = await factory.CreateDbContextAsync(ct))
            await foreach (var row in ReportRunner.RowsAsync(db, report, request, choice.UnitIds, DateTime.UtcNow, ct))
                if (!figures.Add(row))
                {
                    var small = ranges.First(r => r.Rows == room);
                    return Outcome.Refused($"Der Bereich „{small.Name}“ ({small.Reference}) fasst {room} Zeilen, der Bericht liefert mehr. Bitte im Vordruck einen größeren Bereich benennen oder enger filtern.");
                }
        var info = await ReportForm.InfoAsync(factory, report, request, choice, user.Identity?.Name ?? "", ct);
        var values = cells.Select(c => c.Source.Kind == "tabelle" ? new FormValue(c.Name, null, figures.Rows) : new FormValue(c.Name, figures.Value(c.Source, info, request))).ToList();
        // Filling is CPU work on a user's file: off the circuit's thread, with a time limit, and cancelled with the page.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(FormTemplate.FillTimeLimit);
        byte[]? content;
        string? fillProblem;
        try { (content, fillProblem) = await Task.Run(() => FormTemplate.Fill(form.Content, values, limit.Token), limit.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Outcome.Refused($"Das Ausfüllen von „{form.Title}“ dauerte länger als {FormTemplate.FillTimeLimit.TotalSeconds:0} Sekunden und wurde abgebrochen. Bitte den Vordruck prüfen (benannte Bereiche) oder das Controlling fragen.");
        }
        if (content is null) return Outcome.Refused(fillProblem!);
        await ReportAudit.LogAsync(factory, "form-filled", nameof(OfficialForm), id.ToString(), info, form.Title, ct);
        var first = report.Columns[0].Name;
        var notes = cells.Where(c => c.Source.Kind == "wert" && !figures.Seen(c.Source.Key!))
            .Select(c => $"„{c.Source.Key}“ steht im Zeitraum in keiner Zeile des Berichts; in „{c.Name.Name}“ ({c.Name.Reference}) steht deshalb {(figures.Value(c.Source, info, request) is null ? "nichts" : "0")}. Stimmt der Text genau mit der Spalte „{first}“ überein?")
            .ToList();
        return Outcome.Made(new Filled(content, $"{Path.GetFileNameWithoutExtension(form.FileName)}_{request.From:yyyy-MM-dd}_{request.To:yyyy-MM-dd}.xlsx", notes));
    }
}
