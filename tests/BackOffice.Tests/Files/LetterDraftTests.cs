using BackOffice.Data;
using BackOffice.Features.Audit;
using BackOffice.Features.Files;
using BackOffice.Infrastructure;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Files;

public class LetterDraftTestsOnSqlite(SeededCounty county) : LetterDraftTests<SeededCounty>(county);

public class LetterDraftTestsOnMariaDb(SeededMariaDbCounty county) : LetterDraftTests<SeededMariaDbCounty>(county);

/// <summary>Letter drafts and the Schlusszeichnung, on both engines: the rules without a browser.</summary>
public abstract class LetterDraftTests<TCounty>(TCounty county) : IClassFixture<TCounty> where TCounty : SeededCounty
{
    /// <summary>
    /// A case of 50.1 not from the portal, whose service asks (or does not ask) for a Schlusszeichnung, without letters or
    /// drafts, put back to "in Bearbeitung" (a small county has few open cases).
    /// </summary>
    private async Task<int> CaseAsync(bool coSigned)
    {
        await using var db = county.Db.Open(UnitScope.System);
        var @case = await db.Cases.Where(c => c.Unit!.Key == "50.1" && c.Channel != Channel.Portal && c.Service != null && c.Service.RequiresCoSignature == coSigned
                && !db.LetterDrafts.Any(d => d.CaseId == c.Id) && !db.Letters.Any(l => l.CaseId == c.Id))
            .OrderByDescending(c => c.Id).FirstAsync();
        (@case.Status, @case.ClosedAt) = (CaseStatus.InBearbeitung, null);
        await db.SaveChangesAsync();
        return @case.Id;
    }

    private async Task<LetterOut.Writer> WriterAsync(string userName)
    {
        await using var db = county.Db.Open(UnitScope.System);
        var user = await db.Users.Where(u => u.UserName == userName).Select(u => new { u.Id, u.DisplayName }).SingleAsync();
        return new LetterOut.Writer(user.Id, user.DisplayName);
    }

    /// <summary>A context as the user with this login sees the data: the units' scope, and the user named in the audit trail.</summary>
    private async Task<BackOfficeDb> AsAsync(string userName, params string[] unitKeys)
    {
        var ids = new List<int>();
        foreach (var key in unitKeys) ids.Add(await county.UnitIdAsync(key));
        var db = county.Db.Open(UnitScope.Of(ids));
        db.Actor = userName;
        return db;
    }

    [Fact]
    public async Task A_draft_keeps_what_was_typed_without_filling_the_audit_trail_and_goes_only_when_discarded()
    {
        var caseId = await CaseAsync(coSigned: false);
        var clerk = await WriterAsync("clerk");
        await using var db = await AsAsync("clerk", "50.1");
        var events = await db.AuditEvents.CountAsync();
        Assert.True((await LetterDrafts.SaveAsync(db, caseId, clerk, LetterKind.Nachforderung, "Unterlagen", "Erster Stand")).IsDone);
        Assert.True((await LetterDrafts.SaveAsync(db, caseId, clerk, LetterKind.Nachforderung, "Unterlagen", "Zweiter Stand, Ελένη")).IsDone);
        await using (var other = await AsAsync("clerk", "50.1"))
        {
            var draft = await LetterDrafts.FindAsync(other, caseId, clerk.UserId!);
            Assert.Equal((LetterKind.Nachforderung, "Unterlagen", "Zweiter Stand, Ελένη", LetterDraftState.Draft), (draft!.Kind, draft.Subject, draft.Body, draft.State));
            Assert.Equal(events, await other.AuditEvents.CountAsync()); // typing is no event
        }
        Assert.Null(await LetterDrafts.FindAsync(db, caseId, (await WriterAsync("clerk3")).UserId!)); // each writer has their own
        // A letter that needs no Schlusszeichnung cannot be submitted for one.
        Assert.Contains("braucht keine Schlusszeichnung", (await LetterDrafts.SubmitAsync(db, caseId, clerk, new LetterOut.Draft(LetterKind.Bescheid, "B", "T"))).Message);
        Assert.True((await LetterDrafts.DiscardAsync(db, caseId, clerk.UserId!)).IsDone);
        Assert.Null(await LetterDrafts.FindAsync(db, caseId, clerk.UserId!));
        // Oversized input is refused, not cut.
        Assert.IsType<RefusedOutcome>(await LetterDrafts.SaveAsync(db, caseId, clerk, LetterKind.Nachforderung, "U", new string('x', LetterTemplateConfiguration.MaxBody + 1)));
    }

    [Fact]
    public async Task A_bescheid_needing_a_schlusszeichnung_goes_only_when_someone_else_of_the_unit_signs_it_off()
    {
        var caseId = await CaseAsync(coSigned: true);
        var (clerk, coSigner, head, head2, clerk2) = (await WriterAsync("clerk"), await WriterAsync("clerk3"), await WriterAsync("head"), await WriterAsync("head2"), await WriterAsync("clerk2"));
        var letter = new LetterOut.Draft(LetterKind.Bescheid, "Bescheid über Ihren Antrag: Schulbegleitung", "Die Schulbegleitung wird bewilligt.");
        var letters = new LetterOut(county.Store, new Shared.InboxEvents());
        int draftId;
        await using (var db = await AsAsync("clerk", "50.1"))
        {
            // Sent directly, it is refused; submitted, it waits.
            var status = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync();
            Assert.Contains("erst nach der Schlusszeichnung", (await letters.SendAsync(db, caseId, status, letter, clerk)).Message);
            Assert.Contains("eigene PDF-Datei", (await LetterDrafts.SubmitAsync(db, caseId, clerk, letter with { OwnPdf = [1], OwnFileName = "x.pdf" })).Message);
            Assert.True((await LetterDrafts.SubmitAsync(db, caseId, clerk, letter)).IsDone);
            draftId = (await LetterDrafts.FindAsync(db, caseId, clerk.UserId!))!.Id;
            Assert.IsType<StaleOutcome>(await LetterDrafts.SaveAsync(db, caseId, clerk, LetterKind.Bescheid, "Anders", "Anders")); // frozen while submitted
        }
        // Who sees it: the head and the named co-signer of the unit; not its writer, not a clerk of another unit, not another Fachbereich's head.
        await using (var db = await AsAsync("head", "50", "50.1", "50.2", "50.3")) Assert.Contains(await LetterDrafts.QueueAsync(db, head.UserId!), w => w.Id == draftId);
        await using (var db = await AsAsync("clerk3", "50.1"))
        {
            Assert.Contains(await LetterDrafts.QueueAsync(db, coSigner.UserId!), w => w.Id == draftId);
            Assert.Empty(await LetterDrafts.QueueAsync(db, clerk.UserId!));
            Assert.Equal(LetterDrafts.NotFound, (await LetterDrafts.ApproveAsync(db, letters, draftId, clerk)).Message); // a clerk who is no co-signer
        }
        await using (var db = await AsAsync("clerk2", "50.2")) Assert.Empty(await LetterDrafts.QueueAsync(db, clerk2.UserId!));
        await using (var db = await AsAsync("head2", "51", "51.1", "51.2")) Assert.Equal(LetterDrafts.NotFound, (await LetterDrafts.ApproveAsync(db, letters, draftId, head2)).Message);

        // The co-signer returns it with a note; the writer changes and submits again; the head signs it off.
        await using (var db = await AsAsync("clerk3", "50.1"))
        {
            Assert.Contains("was geändert werden soll", (await LetterDrafts.ReturnAsync(db, draftId, coSigner.UserId!, "  ")).Message);
            Assert.True((await LetterDrafts.ReturnAsync(db, draftId, coSigner.UserId!, "Bitte den Zeitraum nennen.")).IsDone);
            var returned = await LetterDrafts.FindAsync(db, caseId, clerk.UserId!);
            Assert.Equal((LetterDraftState.Returned, "Bitte den Zeitraum nennen."), (returned!.State, returned.ReturnNote));
            Assert.Contains("nicht mehr zur Schlusszeichnung", (await LetterDrafts.ApproveAsync(db, letters, draftId, head)).Message);
        }
        await using (var db = await AsAsync("clerk", "50.1"))
            Assert.True((await LetterDrafts.SubmitAsync(db, caseId, clerk, letter with { Body = "Die Schulbegleitung wird für das Schuljahr 2026/27 bewilligt." })).IsDone);
        await using (var db = await AsAsync("head", "50", "50.1", "50.2", "50.3"))
        {
            var approved = await LetterDrafts.ApproveAsync(db, letters, draftId, head);
            Assert.True(approved.IsDone, approved.Message);
            Assert.IsType<RefusedOutcome>(await LetterDrafts.ApproveAsync(db, letters, draftId, head)); // once only
        }
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var sent = await db.Letters.Include(l => l.Document!).ThenInclude(d => d.Versions).SingleAsync(l => l.CaseId == caseId);
            Assert.Equal(head.UserId, sent.CoSignedById);
            Assert.Equal(CaseStatus.Entschieden, await db.Cases.Where(c => c.Id == caseId).Select(c => c.Status).SingleAsync());
            Assert.False(await db.LetterDrafts.AnyAsync(d => d.CaseId == caseId));
            var text = PdfTools.FlatText(await File.ReadAllBytesAsync(county.Store.PathOf(sent.Document!.Versions.Single().Sha256)));
            Assert.Contains("gez. Anna Becker", text);
            Assert.Contains("gez. Dr. Petra Hoffmann", text);
            Assert.Contains("Schuljahr 2026/27", text);
            Assert.Contains("Fachdienst Eingliederungshilfe, Kreishausplatz 1", text); // the service's Rechtsbehelfsbelehrung, filled in
            var history = await AuditHistory.ForAsync(db, new AuditHistory.Subjects().Add(nameof(Case), caseId));
            var said = history.Select(h => $"{h.Who} {h.What}").ToList();
            Assert.Equal(2, said.Count(s => s.StartsWith("Anna Becker hat den Bescheid") && s.Contains("zur Schlusszeichnung vorgelegt")));
            Assert.Contains(said, s => s == "Lena Fischer hat den Bescheid zur Überarbeitung zurückgegeben: Bitte den Zeitraum nennen.");
            Assert.Contains(said, s => s.StartsWith("Dr. Petra Hoffmann hat den Bescheid") && s.EndsWith("schlussgezeichnet; er ist gesendet"));
        }
    }

    [Fact]
    public async Task The_writer_who_co_signs_cannot_sign_off_their_own_letter()
    {
        var caseId = await CaseAsync(coSigned: true);
        var coSigner = await WriterAsync("clerk3");
        await using var db = await AsAsync("clerk3", "50.1");
        Assert.True((await LetterDrafts.SubmitAsync(db, caseId, coSigner, new LetterOut.Draft(LetterKind.Bescheid, "Bescheid", "Bewilligt."))).IsDone);
        var draftId = (await LetterDrafts.FindAsync(db, caseId, coSigner.UserId!))!.Id;
        Assert.Empty(await LetterDrafts.QueueAsync(db, coSigner.UserId!));
        Assert.Contains("Ihren eigenen Brief", (await LetterDrafts.ApproveAsync(db, new LetterOut(county.Store, new Shared.InboxEvents()), draftId, coSigner)).Message);
        Assert.Contains("Ihren eigenen Brief", (await LetterDrafts.ReturnAsync(db, draftId, coSigner.UserId!, "Selbst")).Message);
        Assert.True((await LetterDrafts.WithdrawAsync(db, caseId, coSigner.UserId!)).IsDone);
        Assert.Equal(LetterDraftState.Draft, (await LetterDrafts.FindAsync(db, caseId, coSigner.UserId!))!.State);
    }

    [Fact]
    public async Task A_letter_changed_while_the_signer_reads_it_is_not_signed_off_unseen()
    {
        var caseId = await CaseAsync(coSigned: true);
        var (clerk, head) = (await WriterAsync("clerk"), await WriterAsync("head"));
        DateTime read;
        int draftId;
        await using (var db = await AsAsync("clerk", "50.1"))
        {
            Assert.True((await LetterDrafts.SubmitAsync(db, caseId, clerk, new LetterOut.Draft(LetterKind.Bescheid, "Bescheid", "Fassung A"))).IsDone);
            var draft = (await LetterDrafts.FindAsync(db, caseId, clerk.UserId!))!;
            (draftId, read) = (draft.Id, draft.SubmittedAt!.Value); // what the head opens
            await Task.Delay(20);
            Assert.True((await LetterDrafts.WithdrawAsync(db, caseId, clerk.UserId!)).IsDone);
            Assert.True((await LetterDrafts.SubmitAsync(db, caseId, clerk, new LetterOut.Draft(LetterKind.Bescheid, "Bescheid", "Fassung B"))).IsDone);
        }
        var letters = new LetterOut(county.Store, new Shared.InboxEvents());
        await using (var db = await AsAsync("head", "50", "50.1"))
        {
            Assert.Equal(LetterDrafts.Changed, (await LetterDrafts.ApproveAsync(db, letters, draftId, head, read)).Message);
            Assert.Equal(LetterDrafts.Changed, (await LetterDrafts.ReturnAsync(db, draftId, head.UserId!, "Bitte ändern.", read)).Message);
            Assert.False(await db.Letters.AnyAsync(l => l.CaseId == caseId));
            var now = (await LetterDrafts.FindAsync(db, caseId, clerk.UserId!))!.SubmittedAt;
            Assert.True((await LetterDrafts.ApproveAsync(db, letters, draftId, head, now)).IsDone); // read anew, signed off
        }
        await using (var db = county.Db.Open(UnitScope.System))
        {
            var sent = await db.Letters.Include(l => l.Document!).ThenInclude(d => d.Versions).SingleAsync(l => l.CaseId == caseId);
            Assert.Contains("Fassung B", PdfTools.FlatText(await File.ReadAllBytesAsync(county.Store.PathOf(sent.Document!.Versions.Single().Sha256))));
            // The decision is the signer's.
            Assert.Equal(head.UserId, await db.CaseStatusChanges.Where(s => s.CaseId == caseId).OrderByDescending(s => s.Id).Select(s => s.UserId).FirstAsync());
        }
    }
}
