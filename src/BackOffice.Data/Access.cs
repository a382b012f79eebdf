using Microsoft.AspNetCore.Identity;

namespace BackOffice.Data;

/// <summary>Level of an org unit in the county's hierarchy.</summary>
public enum UnitLevel { Kreis = 0, Fachbereich = 1, Fachdienst = 2, Team = 3 }

/// <summary>An organisational unit (Kreis > Fachbereich > Fachdienst > Team).</summary>
public class OrgUnit
{
    public int Id { get; set; }
    /// <summary>Short key, e.g. "50.2"; the portal addresses units by it.</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public UnitLevel Level { get; set; }
    public int? ParentId { get; set; }
    public OrgUnit? Parent { get; set; }
}

/// <summary>The five roles of the back office; stored as the role name on the user.</summary>
public static class Roles
{
    public const string Clerk = "Sachbearbeitung";
    public const string Head = "Fachbereichsleitung";
    public const string Controlling = "Controlling";
    public const string MailRoom = "Poststelle";
    public const string Admin = "Administration";

    public static readonly string[] All = [Clerk, Head, Controlling, MailRoom, Admin];

    /// <summary>Roles that work on a unit's records and so need at least one unit (Controlling may have units to count; Administration has none).</summary>
    public static bool WorksForUnits(string role) => role is Clerk or Head or MailRoom;

    /// <summary>Roles that work cases (and so have Wiedervorlagen and a deputy).</summary>
    public static bool WorksOnCases(string role) => role is Clerk or Head;
}

public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>One of <see cref="Roles"/>.</summary>
    public string Role { get; set; } = Roles.Clerk;
    public List<UserUnit> Units { get; set; } = [];
    /// <summary>An administrator switched the account off: it cannot sign in, and open sessions end.</summary>
    public bool Disabled { get; set; }
    /// <summary>The Entra ID object id (claim "oid") of a county account; null for local accounts.</summary>
    public string? EntraObjectId { get; set; }
    /// <summary>
    /// The password was set by an administrator (a new account, a reset): the person must choose their own at the next
    /// sign-in before anything else opens, so that nobody but them knows a password in use.
    /// </summary>
    public bool MustChangePassword { get; set; }
    /// <summary>May sign off (Schlusszeichnung) the Bescheide of the units they work for, beside the heads.</summary>
    public bool CoSigns { get; set; }
}

/// <summary>
/// Members of an Entra ID group get <see cref="Role"/> and, where given, work for <see cref="OrgUnitId"/>.
/// A group may have several rows (one per unit). The administration maintains them; nothing else grants access
/// to an Entra ID user.
/// </summary>
public class EntraGroupMapping
{
    public int Id { get; set; }
    /// <summary>The group's object id in Entra ID, as the "groups" claim carries it.</summary>
    public required string GroupId { get; set; }
    /// <summary>What the group is called in Entra ID, for the administrators' eyes only.</summary>
    public string Label { get; set; } = "";
    public required string Role { get; set; }
    public int? OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
}

/// <summary>A user works for (or, for Controlling, is granted) a unit.</summary>
public class UserUnit
{
    public required string UserId { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
}

/// <summary>
/// Vertretung: <see cref="DeputyId"/> stands in for <see cref="UserId"/> from <see cref="From"/> to <see cref="Until"/>
/// (local days, both inclusive): sees their Wiedervorlagen and works their cases, every action saying for whom.
/// </summary>
public class Deputyship
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser? User { get; set; }
    public required string DeputyId { get; set; }
    public AppUser? Deputy { get; set; }
    public DateOnly From { get; set; }
    public DateOnly Until { get; set; }
    public DateTime CreatedAt { get; set; }
}
