using BackOffice.Data;

namespace BackOffice.Features.Files;

/// <summary>
/// Which status a case may go to from its status, and which steps need a reason (issue 11). The way forward is
/// eingegangen → in Bearbeitung → Nachforderung → entschieden → abgeschlossen (z.d.A.); steps may be skipped forward,
/// a Nachforderung goes back to work when the papers arrive, and a decided or closed case can be reopened.
/// </summary>
public static class CaseStatusRules
{
    /// <summary>
    /// "Offen", wherever a number or a list says it: not decided yet (eingegangen, in Bearbeitung, Nachforderung). A
    /// decided case that is not yet z.d.A. is "entschieden", not open.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Case, bool>> IsOpen = c => c.Status < CaseStatus.Entschieden;

    public sealed record Step(CaseStatus To, string Label, bool NeedsReason);

    public static IReadOnlyList<Step> From(CaseStatus status) => status switch
    {
        CaseStatus.Eingegangen => [Work("In Bearbeitung nehmen"), Request, Decide, Close],
        CaseStatus.InBearbeitung => [Request, Decide, Close],
        CaseStatus.Nachforderung => [Work("Unterlagen liegen vor: weiter bearbeiten"), Decide, Close],
        CaseStatus.Entschieden => [Close, Reopen],
        CaseStatus.Abgeschlossen => [Reopen],
        _ => [],
    };

    public static Step? Find(CaseStatus from, CaseStatus to) => From(from).FirstOrDefault(s => s.To == to);

    private static Step Work(string label) => new(CaseStatus.InBearbeitung, label, NeedsReason: false);
    private static readonly Step Request = new(CaseStatus.Nachforderung, "Nachforderung vermerken", NeedsReason: false);
    private static readonly Step Decide = new(CaseStatus.Entschieden, "Als entschieden vermerken", NeedsReason: false);
    // Closing and reopening change what the file's retention counts from: the reason stays in the history.
    private static readonly Step Close = new(CaseStatus.Abgeschlossen, "Zu den Akten (z.d.A.)", NeedsReason: true);
    private static readonly Step Reopen = new(CaseStatus.InBearbeitung, "Wieder aufnehmen", NeedsReason: true);

    public const int MaxReasonLength = 1000;
}
