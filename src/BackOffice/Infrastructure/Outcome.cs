namespace BackOffice.Infrastructure;

/// <summary>
/// What a use case answers, in German for the person who asked: done, refused (and why), or stale (someone else
/// changed the record meanwhile). OutcomeMessage (Components/Shared) shows it. A use case that makes something (a
/// PDF, a filled form, a registered number) answers <see cref="Outcome{T}"/>: the thing, or the refusal.
/// </summary>
public abstract record Outcome(string Message)
{
    public static Outcome Done(string message) => new DoneOutcome(message);
    public static Outcome<T> Made<T>(T value, string message = "") => new(value, new DoneOutcome(message));
    public static Outcome Refused(string message) => new RefusedOutcome(message);
    public static Outcome Stale(string message) => new StaleOutcome(message);
    public bool IsDone => this is DoneOutcome;
}

public sealed record DoneOutcome(string Message) : Outcome(Message);
public sealed record RefusedOutcome(string Message) : Outcome(Message);
/// <summary>Someone else changed the record meanwhile; a use case may say what it looks like now (a derived record).</summary>
public record StaleOutcome(string Message) : Outcome(Message);

/// <summary>What a use case that makes something answers: the thing when done, else the outcome that says why not.</summary>
public sealed record Outcome<T>
{
    public Outcome(T? value, Outcome status) => (Value, Status) = (value, status);

    /// <summary>What was made; the type's default when refused.</summary>
    public T? Value { get; }
    /// <summary>Done (with a message, maybe empty) or refused (and why): what OutcomeMessage shows.</summary>
    public Outcome Status { get; }
    public bool IsDone => Status.IsDone;
    public string Message => Status.Message;
    /// <summary>Why not, in German; null when done.</summary>
    public string? Problem => IsDone ? null : Status.Message;

    /// <summary>A refusal answers any use case: <c>return Outcome.Refused("…")</c>.</summary>
    public static implicit operator Outcome<T>(Outcome status) => new(default, status);

    /// <summary><c>var (pdf, problem) = await …</c>: the thing, or why not.</summary>
    public void Deconstruct(out T? value, out string? problem) => (value, problem) = (Value, Problem);
}
