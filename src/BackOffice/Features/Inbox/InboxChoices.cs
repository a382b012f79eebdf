using BackOffice.Data;
using BackOffice.Shared;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Features.Inbox;

/// <summary>
/// What the Posteingang offers in its forms, looked up once when it opens: units to forward to (those someone works in,
/// <see cref="Features.Access.UnitScopes.UnitsSomeoneWorksInAsync"/>) and to upload for (the user's own), file plan entries, services to filter by, and who may take each unit's work.
/// </summary>
public sealed record InboxChoices(UnitScope Scope, IReadOnlyList<UploadForm.UnitOption> Units, IReadOnlyList<UploadForm.UnitOption> OwnUnits,
    IReadOnlyList<CreateCaseForm.PlanOption> Plan, IReadOnlyList<InboxFilters.ServiceOption> Services,
    IReadOnlyDictionary<int, IReadOnlyList<Person>> AssigneesByUnit)
{
    public static readonly InboxChoices None = new(UnitScope.Nothing, [], [], [], [], new Dictionary<int, IReadOnlyList<Person>>());

    /// <summary>Who may take work of any of the user's units: the list for a selection across units (the server checks each item).</summary>
    public IReadOnlyList<Person> AnyAssignee { get; } = Assignees.AnyOf(AssigneesByUnit);

    public static async Task<InboxChoices> LoadAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        var scope = db.Scope;
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Key).Select(u => new UploadForm.UnitOption(u.Id, u.Key, u.Name)).ToListAsync(ct);
        var worked = await Features.Access.UnitScopes.UnitsSomeoneWorksInAsync(db, ct);
        var unitIds = scope.UnitIds;
        var plan = await db.FilePlanEntries.AsNoTracking().Where(p => p.ParentId != null).OrderBy(p => p.Code)
            .Select(p => new CreateCaseForm.PlanOption(p.Id, p.Code, p.Title, p.ResponsibleUnitId)).ToListAsync(ct);
        var services = await db.Services.AsNoTracking().Where(x => unitIds.Contains(x.UnitId)).OrderBy(x => x.Name).Select(x => new InboxFilters.ServiceOption(x.Id, x.Name)).ToListAsync(ct);
        if (services.Count == 0) // e.g. the mail room: every service
            services = await db.Services.AsNoTracking().OrderBy(x => x.Name).Select(x => new InboxFilters.ServiceOption(x.Id, x.Name)).ToListAsync(ct);
        return new(scope, units.Where(u => worked.Contains(u.Id)).ToList(), units.Where(u => scope.Contains(u.Id)).ToList(), plan, services, await Assignees.ByUnitAsync(db, unitIds, ct));
    }
}
