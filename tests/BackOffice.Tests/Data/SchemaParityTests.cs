using BackOffice.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Data;

/// <summary>
/// Each engine's migrations build exactly its model: no model change without a migration (EF's own check, on both
/// engines), and one database built by the migrations and one by EnsureCreated (from the model) have the same
/// tables, columns (type, nullability, collation, key), indexes and foreign keys, on SQLite and on MariaDB. What
/// lives outside the model (SQLite's FTS5 index, the audit triggers) is checked by the search and audit tests.
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
    public void Every_model_change_has_its_migration_on_both_engines()
    {
        using (var sqlite = new BackOffice.Migrations.Sqlite.DesignTimeFactory().CreateDbContext([]))
            Assert.False(sqlite.Database.HasPendingModelChanges(), "The model changed without a SQLite migration (README: adding a migration).");
        using (var mariaDb = new BackOffice.Migrations.MariaDb.DesignTimeFactory().CreateDbContext([]))
            Assert.False(mariaDb.Database.HasPendingModelChanges(), "The model changed without a MariaDB migration (README: adding a migration).");
    }

    [Fact]
    public void MariaDb_migrations_build_exactly_the_schema_of_the_model()
    {
        using var migrated = new TestDatabase(migrate: true, provider: BackOffice.Data.DatabaseProviders.MariaDb);
        using var created = new TestDatabase(migrate: false, provider: BackOffice.Data.DatabaseProviders.MariaDb);
        using (var db = created.CreateDbContext()) db.Database.EnsureCreated();

        var expected = DescribeMariaDb(created.Options.Database.ConnectionString!);
        var actual = DescribeMariaDb(migrated.Options.Database.ConnectionString!);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Schema drift on MariaDB.\nIn the model but not the migrations:\n  {string.Join("\n  ", missing)}\nIn the migrations but not the model:\n  {string.Join("\n  ", extra)}");
        // German, case-insensitive text and the full-text indexes of the search.
        Assert.Contains("Cases|column|ApplicantName|varchar(200)|NO|utf8mb4_german2_ci", actual.Single(l => l.StartsWith("Cases|column|ApplicantName|")));
        Assert.Contains(actual, l => l.StartsWith("InboxItems|index|IX_InboxItems_Subject_Sender|1|FULLTEXT"));
        Assert.True(actual.Count > 200, $"only {actual.Count} schema lines: the description reads nothing?");
    }

    /// <summary>Columns, indexes and foreign keys of a MariaDB database, one sorted line each.</summary>
    private static SortedSet<string> DescribeMariaDb(string connectionString)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        using var c = new MySqlConnector.MySqlConnection(connectionString);
        c.Open();
        void Read(string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            while (r.Read()) lines.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "NULL" : Convert.ToString(r.GetValue(i)))));
        }
        const string own = "TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT LIKE '\\_\\_EF%'";
        Read($"SELECT TABLE_NAME, 'column', COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLLATION_NAME, COLUMN_KEY, COLUMN_DEFAULT, EXTRA FROM information_schema.COLUMNS WHERE {own}");
        Read($"SELECT TABLE_NAME, 'index', INDEX_NAME, NON_UNIQUE, INDEX_TYPE, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) FROM information_schema.STATISTICS WHERE {own} GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE");
        Read($"SELECT k.TABLE_NAME, 'fk', k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k " +
             "JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.TABLE_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME " +
             "WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME NOT LIKE '\\_\\_EF%'");
        return lines;
    }

    [Fact]
    public void DescribeMariaDb_sees_a_changed_column_and_index()
    {
        using var a = new TestDatabase(migrate: true, provider: BackOffice.Data.DatabaseProviders.MariaDb);
        var cs = a.Options.Database.ConnectionString!;
        var before = DescribeMariaDb(cs);
        using (var c = new MySqlConnector.MySqlConnection(cs))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "ALTER TABLE Municipalities MODIFY Name varchar(200) NULL; CREATE INDEX IX_Extra ON Municipalities (Name);";
            cmd.ExecuteNonQuery();
        }
        Assert.Equal(2, DescribeMariaDb(cs).Except(before).Count());
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
            cmd.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock') AND tbl_name NOT LIKE 'InboxSearch%' AND tbl_name NOT LIKE 'DocumentSearch%' AND type IN ('table', 'index')";
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
