using BackOffice.Data;

namespace BackOffice.Features.Inbox;

/// <summary>How a row of the Posteingang words its times: plain functions of the row and the moment, tested without a page.</summary>
public static class InboxRowText
{
    /// <summary>The case's deadline and, for open items, their Wiedervorlage, in words.</summary>
    public static string Deadline(InboxList.Row row, DateTime nowUtc)
    {
        var deadline = row.CaseStatus is { } s ? Labels.Deadline(row.DueAt, s, nowUtc) : "–";
        return row.ResubmitAt is { } r && row.State != InboxState.Erledigt ? $"{deadline}; Wiedervorlage {Labels.Date(r)}" : deadline;
    }

    /// <summary>Today's items by their time, older ones by their day (the whole time is in the cell's title).</summary>
    public static string Received(DateTime receivedAt, DateTime nowUtc) =>
        Labels.Local(receivedAt).Date == Labels.Local(nowUtc).Date ? $"heute {Labels.DateTime(receivedAt)[11..]}" : Labels.Date(receivedAt);

    public static string Age(DateTime receivedAt, DateTime nowUtc)
    {
        var age = nowUtc - receivedAt;
        return age.TotalHours < 1 ? "unter 1 Std." : age.TotalDays < 1 ? $"{(int)age.TotalHours} Std." : $"{(int)age.TotalDays} {((int)age.TotalDays == 1 ? "Tag" : "Tage")}";
    }
}
