namespace BackOffice.Infrastructure;

/// <summary>
/// What a use case answers, in German for the person who asked: done, refused (and why), or stale (someone else
/// changed the record meanwhile). OutcomeMessage (Components/Shared) shows it.
/// </summary>
public abstract record Outcome(string Message)
{
    public static Outcome Done(string message) => new DoneOutcome(message);
    public static Outcome Refused(string message) => new RefusedOutcome(message);
    public static Outcome Stale(string message) => new StaleOutcome(message);
    public bool IsDone => this is DoneOutcome;
}

public sealed record DoneOutcome(string Message) : Outcome(Message);
public sealed record RefusedOutcome(string Message) : Outcome(Message);
/// <summary>Someone else changed the record meanwhile; a use case may say what it looks like now (a derived record).</summary>
public record StaleOutcome(string Message) : Outcome(Message);
