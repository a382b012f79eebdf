using BackOffice.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Data;

/// <summary>
/// The migrations are hand-written, so nothing else keeps them in step with the model: one database
/// built by the migrations and one by EnsureCreated (from the model) must have the same tables,
/// columns (type, nullability, collation, key), indexes and foreign keys. The full-text index
/// (InboxSearch, FTS5) lives outside the model and is checked by the inbox search tests.
/// </summary>
public class SchemaParityTests
{
    [Fact]
    public void Migrations_build_exactly_the_schema_of_the_model()
    {
        using var migrated = new TestDatabase(migrate: true);
        using var created = new TestDatabase(migrate: false);
        using (var db = created.CreateDbContext()) db.Database.EnsureCreated();

        var expected = Describe(created.Options.DatabasePath);
        var actual = Describe(migrated.Options.DatabasePath);

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Schema drift.\nIn the model but not the migrations:\n  {string.Join("\n  ", missing)}\nIn the migrations but not the model:\n  {string.Join("\n  ", extra)}");
        Assert.Contains(actual, l => l.StartsWith("Cases|column|\"ApplicantName\" TEXT COLLATE NOCASE NOT NULL"));
    }

    [Fact]
    public void Describe_sees_a_changed_column()
    {
        // The comparison itself must be able to fail: a nullability change shows up.
        using var a = new TestDatabase(migrate: true);
        var before = Describe(a.Options.DatabasePath);
        using (var c = new SqliteConnection($"Data Source={a.Options.DatabasePath}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "ALTER TABLE Municipalities ADD COLUMN Extra TEXT NULL; CREATE INDEX IX_Extra ON Municipalities (Extra);";
            cmd.ExecuteNonQuery();
        }
        var after = Describe(a.Options.DatabasePath);
        Assert.Equal(2, after.Except(before).Count());
    }

    /// <summary>One line per column definition, table constraint, index and foreign key, sorted.</summary>
    private static SortedSet<string> Describe(string path)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        var tables = new List<string>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock') AND tbl_name NOT LIKE 'InboxSearch%' AND type IN ('table', 'index')";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var (type, name, table, sql) = (r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? "" : r.GetString(3));
                if (type == "index") { lines.Add($"{table}|index|{Normalize(sql)}"); continue; }
                tables.Add(name);
                var body = sql[(sql.IndexOf('(') + 1)..sql.LastIndexOf(')')];
                foreach (var part in SplitTopLevel(body).Select(Normalize))
                {
                    // Foreign keys are compared below through pragma_foreign_key_list: a column added later carries
                    // its reference inline (ALTER TABLE … REFERENCES), EnsureCreated writes a table constraint.
                    if (part.StartsWith("CONSTRAINT \"FK_")) continue;
                    var reference = part.IndexOf(" REFERENCES ", StringComparison.Ordinal);
                    lines.Add($"{name}|column|{(reference < 0 ? part : part[..reference])}");
                }
            }
        }
        foreach (var table in tables)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')";
            using var r = cmd.ExecuteReader();
            while (r.Read()) lines.Add($"{table}|fk|{r.GetString(0)}->{r.GetString(1)}.{r.GetString(2)} on delete {r.GetString(3)}");
        }
        return lines;
    }

    private static string Normalize(string s) => string.Join(' ', s.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static IEnumerable<string> SplitTopLevel(string body)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '(') depth++;
            else if (body[i] == ')') depth--;
            else if (body[i] == ',' && depth == 0) { yield return body[start..i]; start = i + 1; }
        }
        yield return body[start..];
    }
}
