namespace BackOffice.Data;

/// <summary>A municipality (Gemeinde) of the county with its official key (AGS).</summary>
public class Municipality
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
}

/// <summary>A service (Leistung) the county offers, keyed LeiKa-style.</summary>
public class Service
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }
    public string LegalBasis { get; set; } = "";
    /// <summary>Where the files of this service's cases are kept.</summary>
    public int? FilePlanEntryId { get; set; }
    public FilePlanEntry? FilePlanEntry { get; set; }
    /// <summary>Days from receipt to the decision on jurisdiction (SGB IX § 14: 14), if the law sets one.</summary>
    public int? JurisdictionDeadlineDays { get; set; }
    /// <summary>Days from receipt to the decision.</summary>
    public int? DecisionDeadlineDays { get; set; }
    /// <summary>Rechtsbehelfsbelehrung under this service's Bescheide; empty: the Bescheid template's.</summary>
    public string? RemedyNotice { get; set; }
    /// <summary>Schlusszeichnung: a Bescheid of this service goes only after the head or a co-signer of the unit signed it off.</summary>
    public bool RequiresCoSignature { get; set; }
}

/// <summary>An entry of the file plan (Aktenplan) with its retention rule.</summary>
public class FilePlanEntry
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public int? ParentId { get; set; }
    public FilePlanEntry? Parent { get; set; }
    /// <summary>Years to keep a closed file; counted from <see cref="RetentionTrigger"/>.</summary>
    public int RetentionYears { get; set; }
    public string RetentionTrigger { get; set; } = "Abschluss";
    /// <summary>The unit whose files go here; null: any unit may file here.</summary>
    public int? ResponsibleUnitId { get; set; }
    public OrgUnit? ResponsibleUnit { get; set; }
}
