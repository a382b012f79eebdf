using System.Text.Json;
using System.Text.RegularExpressions;
using BackOffice.Data;
using BackOffice.Features.Audit;
using BackOffice.Tests.Support;

namespace BackOffice.Tests.Audit;

/// <summary>
/// The Protokoll of a case or file speaks German only: every field of the records it covers has a German name, and
/// every event any code writes about them reads as a German sentence, never as "read-denied (CaseFile)".
/// </summary>
public class HistoryWordingTests
{
    private static readonly Type[] Covered = [typeof(Case), typeof(CaseFile), typeof(Document), typeof(DocumentVersion), typeof(CaseNote), typeof(CaseStatusChange)];

    [Fact]
    public void Every_field_of_the_records_a_history_covers_has_a_german_name()
    {
        using var database = new TestDatabase();
        using var db = database.CreateDbContext();
        var missing = Covered.SelectMany(t => db.Model.FindEntityType(t)!.GetProperties()
                .Where(p => !p.IsPrimaryKey() && !AuditHistory.FieldNames.ContainsKey(p.Name)).Select(p => $"{t.Name}.{p.Name}"))
            .ToList();
        Assert.True(missing.Count == 0, "no German name for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_event_written_about_those_records_reads_as_german()
    {
        // Every action the code writes (LogEvent("…") and the change audit's own), on each record type.
        var source = Directory.EnumerateFiles(Path.Combine(RunningApp.RepoRoot, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".razor")).Select(File.ReadAllText);
        var actions = source.SelectMany(text => Regex.Matches(text, "\"([a-z]+(?:-[a-z]+)+|read|created|changed|deleted)\"").Select(m => m.Groups[1].Value))
            .Concat(["read", "created", "changed", "deleted", "read-denied"]).Distinct().ToList();
        Assert.Contains("case-assigned", actions);
        var changed = JsonSerializer.Serialize(new Dictionary<string, object?> { ["RetainUntil"] = "2030-01-01", ["ProcessingHours"] = 4, ["StatusChangedAt"] = "x", ["Status"] = 2 });
        foreach (var type in Covered)
            foreach (var action in actions)
            {
                var text = AuditHistory.Describe(new AuditEvent { Action = action, EntityType = type.Name, EntityId = "1", Actor = "clerk", Details = action == "changed" ? changed : "Anna Becker", Hash = "", PreviousHash = "" }, "Bescheid");
                Assert.DoesNotContain(type.Name, text);
                if (action.Contains('-')) Assert.DoesNotContain(action, text);
                Assert.DoesNotMatch("RetainUntil|ProcessingHours|StatusChangedAt", text);
            }
        var sample = AuditHistory.Describe(new AuditEvent { Action = "changed", EntityType = nameof(Case), EntityId = "1", Actor = "clerk", Details = changed, Hash = "", PreviousHash = "" }, "");
        Assert.Equal("hat Aufbewahrungsfrist, Entscheidung, Status geändert", sample);

        // A use case's own event and the row change it caused are one line, not two.
        var at = DateTime.UtcNow;
        AuditEvent Event(long id, string action, string details) => new() { Id = id, At = at, Action = action, EntityType = nameof(Case), EntityId = "7", Actor = "clerk", Details = details, Hash = "", PreviousHash = "" };
        var shown = AuditHistory.WithoutEchoes([Event(2, "case-deadline", "15.01.2027: Unterlagen nachgefordert"), Event(1, "changed", "{\"DueAt\":\"2027-01-15\"}")]);
        Assert.Equal(["case-deadline"], shown.Select(e => e.Action));
    }
}
