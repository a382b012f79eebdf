using BackOffice.Infrastructure;
using BackOffice.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Intake;

/// <summary>
/// Writes checked submissions to the database, several per transaction. SQLite has one writer at a
/// time, so one transaction per submission caps intake at what one commit costs (about 120 a second
/// here); a batch shares the commit, the numbering reads and the audit chain step. All of a batch
/// commits or none of it. When a batch fails (a race on a submission id with another process), each
/// of its submissions is written alone, so one bad item never fails its neighbours.
/// </summary>
public sealed class IntakeWriter(IDbContextFactory<BackOfficeDb> factory, BusySignal busy, ILogger<IntakeWriter> log)
{
    private const int MaxBatch = 32;

    public sealed record Pending(SubmissionIntake.Caller Caller, SubmissionMetadata Meta, string Canonical, string ContentHash,
        OrgUnit Unit, Service Service, Municipality Municipality, Dictionary<string, (string Sha256, long Size)> Stored)
    {
        internal TaskCompletionSource<SubmissionIntake.Reply> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal Guid Id => Meta.SubmissionId!.Value;
    }

    private readonly System.Threading.Channels.Channel<Pending> _queue = System.Threading.Channels.Channel.CreateUnbounded<Pending>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
    private Task? _loop;
    private readonly Lock _start = new();

    public Task<SubmissionIntake.Reply> WriteAsync(Pending pending, CancellationToken ct)
    {
        lock (_start) _loop ??= Task.Run(LoopAsync);
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The intake writer has stopped.");
        // The caller may stop waiting; the write itself goes on, and a retry finds it.
        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            // One transaction per client, so that the audit trail names the client that delivered.
            foreach (var group in batch.GroupBy(p => p.Caller.ClientId).Select(g => g.ToList()))
            {
                try
                {
                    await WriteBatchAsync(group);
                }
                catch (Exception batchError) when (group.Count > 1)
                {
                    log.LogWarning(batchError, "An intake batch of {Count} failed; writing its submissions one by one", group.Count);
                    foreach (var single in group) await WriteAloneAsync(single);
                }
                catch (Exception e)
                {
                    group[0].Done.TrySetException(e);
                }
            }
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try { await WriteBatchAsync([pending]); }
        catch (Exception e) { pending.Done.TrySetException(e); }
    }

    /// <summary>
    /// Written again when MariaDB failed it in passing (a Galera node died, a certification conflict): each attempt
    /// starts anew and first looks for the ids an earlier attempt may have committed, so nothing is written twice.
    /// </summary>
    private Task WriteBatchAsync(IReadOnlyList<Pending> batch) =>
        Retries.RunAsync(factory, async _ => { await WriteOnceAsync(batch); return true; });

    private async Task WriteOnceAsync(IReadOnlyList<Pending> batch)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.Scope = UnitScope.System; // each client's grants were checked before it was queued
        db.Actor = batch[0].Caller.Name;
        // Microsoft.Data.Sqlite begins IMMEDIATE: the numbers read below stay ours until commit.
        await using var tx = await db.Database.BeginTransactionAsync();
        var now = DateTime.UtcNow;

        // Ids that were accepted meanwhile (by an earlier batch or another process) get their earlier answer.
        var ids = batch.Select(p => p.Id).Distinct().ToList();
        var known = await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.SubmissionId)).Select(s => s.SubmissionId).ToListAsync();
        var answers = new List<(Pending Pending, Func<SubmissionIntake.Reply> Answer)>();
        var written = new Dictionary<Guid, (Pending First, Case Case, InboxItem Item)>();

        var nextNumber = await InboxNumbers.NextAsync(db, now);
        var openFiles = new Dictionary<(int Unit, int Plan, string Applicant, DateOnly? Born), (CaseFile File, int Cases)>();

        foreach (var p in batch)
        {
            if (known.Contains(p.Id))
            {
                answers.Add((p, () => throw new RetryAfterCommit()));
                continue;
            }
            if (written.TryGetValue(p.Id, out var twin))
            {
                // The same id twice in one batch: parallel retries of one delivery, or a conflict.
                answers.Add((p, () => twin.First.ContentHash == p.ContentHash
                    ? new SubmissionIntake.Accepted(new SubmissionReceipt(p.Id, twin.Case.Id, twin.Item.Number, "accepted"), Created: false)
                    : new SubmissionIntake.Conflict($"Die submissionId {p.Id} wurde bereits mit anderem Inhalt angenommen.")));
                continue;
            }

            var applicant = p.Meta.Applicant!.Name!.Trim();
            var born = p.Meta.Applicant.BirthDate;
            var planId = p.Service.FilePlanEntryId ?? throw new InvalidOperationException($"Service {p.Service.Key} has no file plan entry.");
            var key = (p.Unit.Id, planId, applicant, born);
            if (!openFiles.TryGetValue(key, out var open))
            {
                // The applicant's open file for this subject, or a new one. Name and birth date: two people of one name
                // get a file each.
                var file = await db.CaseFiles.Where(f => f.UnitId == p.Unit.Id && f.FilePlanEntryId == planId && f.ApplicantName == applicant && f.ApplicantBirthDate == born && f.ClosedAt == null)
                    .OrderByDescending(f => f.Id).FirstOrDefaultAsync();
                if (file is not null) open = (file, await db.Cases.CountAsync(c => c.CaseFileId == file.Id));
                else
                {
                    var plan = await db.FilePlanEntries.AsNoTracking().SingleAsync(e => e.Id == planId);
                    file = await Files.FileNumbers.NewFileAsync(db, plan, p.Unit.Id, applicant, $"{applicant} – {p.Service.Name}", now);
                    (file.ApplicantBirthDate, file.ApplicantAddress) = (born, Files.Parties.Address(p.Meta.Applicant.Street, p.Meta.Applicant.PostalCode, p.Meta.Applicant.City));
                    open = (file, 0);
                }
            }
            openFiles[key] = open = (open.File, open.Cases + 1);

            var @case = Files.NewCases.Create(new(open.File, open.Cases, p.Unit.Id, $"{p.Service.Name}: {applicant}", applicant, Channel.Portal, now,
                p.Service, p.Municipality.Id), now);
            foreach (var a in p.Meta.Attachments!)
            {
                var (sha, size) = p.Stored[a.AttachmentId!];
                var title = a.Purpose switch { "form" => "Antragsformular", "report" => $"Gutachten: {a.FileName}", _ => $"Anlage: {a.FileName}" };
                @case.Documents.Add(new Document
                {
                    UnitId = p.Unit.Id, Title = title, CreatedAt = now, Type = a.Purpose == "form" ? DocumentType.Antrag : DocumentType.Nachweis,
                    Versions = [new DocumentVersion { Number = 1, Sha256 = sha, Size = size, MimeType = a.MimeType!.ToLowerInvariant(), FileName = a.FileName!, CreatedAt = now }],
                });
            }
            var item = new InboxItem
            {
                Number = InboxNumbers.Format(now, nextNumber++), Channel = Channel.Portal, ReceivedAt = now, UnitId = p.Unit.Id, RegisteredUnitId = p.Unit.Id, State = InboxState.Neu,
                Subject = p.Service.Name, ServiceId = p.Service.Id, Sender = applicant, Case = @case,
            };
            db.Cases.Add(@case);
            db.InboxItems.Add(item);
            db.Submissions.Add(new Submission
            {
                SubmissionId = p.Id, PortalClientId = p.Caller.ClientId, UnitId = p.Unit.Id, ContentHash = p.ContentHash, Case = @case,
                InboxItem = item, InboxNumber = item.Number, ReceivedAt = now, ServiceKey = p.Service.Key, MetadataJson = p.Canonical,
            });
            written[p.Id] = (p, @case, item);
            answers.Add((p, () => new SubmissionIntake.Accepted(new SubmissionReceipt(p.Id, @case.Id, item.Number, "accepted"), Created: true)));
        }

        await db.SaveChangesAsync();
        await tx.CommitAsync();
        busy.Touch(); // background text reading waits until the imports pause

        foreach (var (p, answer) in answers)
        {
            try { p.Done.TrySetResult(answer()); }
            catch (RetryAfterCommit)
            {
                db.ChangeTracker.Clear();
                p.Done.TrySetResult(await SubmissionIntake.ExistingAsync(db, p.Caller, p.Id, p.ContentHash, CancellationToken.None)
                    ?? throw new InvalidOperationException("A known submission vanished."));
            }
        }
    }

    private sealed class RetryAfterCommit : Exception;
}
