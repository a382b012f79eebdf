using System.Collections.Concurrent;
using BackOffice.Data;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Features.Access;

/// <summary>
/// Slows down password guessing. Per account, Identity's lockout applies (five failures, 15 minutes). Per client
/// address, at most <see cref="FailuresPerAddress"/> failed sign-ins in <see cref="Window"/>: enough for a terminal
/// server where many clerks share one address, far too few for guessing across accounts. An unknown user name costs
/// the same password hashing as a known one, so the answer time does not tell whether an account exists.
/// </summary>
public sealed class SignInThrottle
{
    // The same hasher (and work factor) as Identity's default for real accounts.
    private readonly PasswordHasher<AppUser> hasher = new();
    public const int FailuresPerAddress = 30;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    /// <summary>Longest user name and password the sign-in form takes; longer input is refused before it reaches the database.</summary>
    public const int MaxUserNameLength = 256, MaxPasswordLength = 512;

    private readonly ConcurrentDictionary<string, Queue<DateTime>> _failures = new();
    private readonly Lazy<string> _dummyHash;

    public SignInThrottle() => _dummyHash = new(() => hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    /// <summary>When the address may try again, or null when it may now.</summary>
    public TimeSpan? BlockedFor(string address)
    {
        if (!_failures.TryGetValue(address, out var times)) return null;
        lock (times)
        {
            Prune(times);
            return times.Count >= FailuresPerAddress ? times.Peek() + Window - DateTime.UtcNow : null;
        }
    }

    public void RecordFailure(string address)
    {
        var times = _failures.GetOrAdd(address, _ => new Queue<DateTime>());
        lock (times)
        {
            Prune(times);
            times.Enqueue(DateTime.UtcNow);
        }
    }

    /// <summary>Spends the time a password check of an existing account takes.</summary>
    public void SpendHashingTime(string password) =>
        hasher.VerifyHashedPassword(new AppUser(), _dummyHash.Value, password);

    private static void Prune(Queue<DateTime> times)
    {
        while (times.Count > 0 && times.Peek() < DateTime.UtcNow - Window) times.Dequeue();
    }
}
