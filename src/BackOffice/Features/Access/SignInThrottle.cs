using BackOffice.Data;
using BackOffice.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Features.Access;

/// <summary>
/// Slows down password guessing without locking out the people who know their password. Per account, Identity's
/// lockout applies (five failures, 15 minutes). Per client address, after <see cref="FailuresPerAddress"/> failed
/// sign-ins in the last one to two <see cref="Window"/>s every further failure from it is answered only after <see cref="FailureDelay"/>
/// and audited, which slows guessing across accounts; a right password still signs in at once, so that one person
/// behind the county's proxy or a terminal server cannot lock out everybody else there. An unknown user name costs
/// the same password hashing as a known one, so the answer time does not tell whether an account exists.
/// </summary>
public sealed class SignInThrottle
{
    // The same hasher (and work factor) as Identity's default for real accounts.
    private readonly PasswordHasher<AppUser> hasher = new();
    public const int FailuresPerAddress = 30;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan FailureDelay = TimeSpan.FromSeconds(2);
    /// <summary>Longest user name and password the sign-in form takes; longer input is refused before it reaches the database.</summary>
    public const int MaxUserNameLength = 256, MaxPasswordLength = 512;

    private readonly SharedCounters _counters;
    private readonly Lazy<string> _dummyHash;

    /// <summary>The counts live in <see cref="SharedCounters"/>: with several app instances they count together.</summary>
    public SignInThrottle(SharedCounters counters)
    {
        _counters = counters;
        _dummyHash = new(() => hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString()));
    }

    /// <summary>Whether this address failed so often lately that its failures are slowed down and audited.</summary>
    public async Task<bool> IsThrottledAsync(string address) =>
        await _counters.CurrentAsync("sign-in-failures", address, Window) >= FailuresPerAddress;

    public Task RecordFailureAsync(string address) => _counters.AddAsync("sign-in-failures", address, Window);

    /// <summary>Spends the time a password check of an existing account takes.</summary>
    public void SpendHashingTime(string password) =>
        hasher.VerifyHashedPassword(new AppUser(), _dummyHash.Value, password);
}
