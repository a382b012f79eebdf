using BackOffice.Tests.Support;
using Xunit.Abstractions;

namespace BackOffice.Tests.Architecture;

/// <summary>
/// Features depend one way. The allowed directions are data here; a type of one area that uses a type of an area it
/// may not use fails the test, naming both types, so a new cycle cannot come back unnoticed.
/// </summary>
public class FeatureDirectionTests(ITestOutputHelper output)
{
    /// <summary>What every area may use: the shared vocabulary, the technical helpers and the shared UI parts.</summary>
    private static readonly string[] Base = ["UiParts", "Shared", "Infrastructure"];

    /// <summary>
    /// Area → the areas its types may use, besides <see cref="Base"/>. Data (the entities) and the framework are open to
    /// all. Master data (Administration) sits below the e-file that uses it; Inbox and Intake both build on Files and not
    /// on each other; the statistics (Reports) read the database alone.
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Infrastructure"] = [],
        ["Shared"] = ["Infrastructure"],
        ["UiParts"] = ["Shared", "Infrastructure"],
        ["Access"] = [.. Base],
        ["Audit"] = ["Access", .. Base],
        ["Administration"] = ["Access", "Audit", .. Base],
        ["Documents"] = ["Access", "Audit", .. Base],
        ["Files"] = ["Administration", "Documents", "Access", "Audit", .. Base],
        ["Intake"] = ["Files", "Administration", "Documents", "Access", "Audit", .. Base],
        ["Inbox"] = ["Files", "Administration", "Documents", "Access", "Audit", .. Base],
        ["Scanning"] = ["Inbox", "Intake", "Files", "Administration", "Documents", "Access", "Audit", .. Base],
        ["Dashboards"] = ["Files", "Administration", "Documents", "Access", "Audit", .. Base], // heads hand cases over from there
        ["Reports"] = ["Access", "Audit", .. Base],
        ["Demo"] = ["Scanning", "Inbox", "Intake", "Files", "Administration", "Documents", "Dashboards", "Reports", "Access", "Audit", .. Base],
        // The shell (layout, navigation, start page, routes) shows every feature; the host (Program.cs) registers them.
        ["Shell"] = ["Demo", "Scanning", "Inbox", "Intake", "Files", "Administration", "Documents", "Dashboards", "Reports", "Access", "Audit", .. Base],
        ["Host"] = ["Shell", "Demo", "Scanning", "Inbox", "Intake", "Files", "Administration", "Documents", "Dashboards", "Reports", "Access", "Audit", .. Base],
    };

    private static string? AreaOf(Type type)
    {
        if (type.Assembly != typeof(BackOffice.Infrastructure.Outcome).Assembly) return null;
        // Razor's generic type-inference helpers live in "__Blazor." + the component's namespace.
        var ns = (OutermostOf(type).Namespace ?? "").Replace("__Blazor.", "");
        if (ns != "BackOffice" && !ns.StartsWith("BackOffice.")) return null; // generated helpers (regular expressions)
        var parts = ns.Split('.');
        if (parts.Length == 1) return parts[0] == "BackOffice" ? "Host" : null;
        return parts[1] switch
        {
            "Features" => parts.Length > 2 ? parts[2] : "Shell",
            "Components" => parts.Length > 2 && parts[2] == "Shared" ? "UiParts" : "Shell",
            var area => area,
        };
    }

    private static Type OutermostOf(Type type) => type.DeclaringType is { } outer ? OutermostOf(outer) : type;

    [Fact]
    public void Every_area_uses_only_the_areas_it_may_use()
    {
        var assembly = typeof(BackOffice.Infrastructure.Outcome).Assembly;
        var wrong = new SortedSet<string>();
        var edges = new SortedSet<string>();
        foreach (var type in assembly.GetTypes())
        {
            var from = AreaOf(type);
            if (from is null) continue;
            Assert.True(Allowed.ContainsKey(from), $"The area {from} ({type.FullName}) has no line in Allowed.");
            foreach (var used in TypeReferences.Of(type))
            {
                var to = AreaOf(used);
                if (to is null || to == from) continue;
                edges.Add($"{from} -> {to}");
                if (!Allowed[from].Contains(to))
                    wrong.Add($"{from} -> {to}: {OutermostOf(type).FullName} uses {OutermostOf(used).FullName}");
            }
        }
        output.WriteLine(string.Join("\n", edges));
        Assert.True(wrong.Count == 0, $"{wrong.Count} uses against the allowed directions:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void The_allowed_directions_have_no_cycle()
    {
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();
        void Visit(string area, string path)
        {
            Assert.False(visiting.Contains(area), $"Cycle in Allowed: {path}");
            if (done.Contains(area)) return;
            visiting.Add(area);
            foreach (var next in Allowed[area]) Visit(next, path + " -> " + next);
            visiting.Remove(area);
            done.Add(area);
        }
        foreach (var area in Allowed.Keys) Visit(area, area);
    }
}
