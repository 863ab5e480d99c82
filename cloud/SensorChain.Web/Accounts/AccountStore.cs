using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SensorChain.Web.Storage;

namespace SensorChain.Web.Accounts;

/// <summary>Users (with PBKDF2 password hashes) and opaque bearer tokens (stored as SHA-256 hashes) in web.db.</summary>
public sealed class AccountStore(WebDatabase database, IOptions<SensorChainWebOptions> options, TimeProvider time)
{
    private const string UserColumns = "id, username, display_name, role, organization_id, patient_id, disabled";

    /// <summary>Creates a user; throws <see cref="InvalidOperationException"/> when the username is taken.</summary>
    public UserAccount Create(string username, string password, string displayName, Role role, string? organizationId = null, string? patientId = null)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > 64)
        {
            throw new ArgumentException("A username is 1 to 64 characters.", nameof(username));
        }

        if (password.Length < 8)
        {
            throw new ArgumentException("A password has at least 8 characters.", nameof(password));
        }

        if (role == Role.Patient && string.IsNullOrEmpty(patientId))
        {
            throw new ArgumentException("A patient account needs the patient's FHIR Patient id.", nameof(patientId));
        }

        var user = new UserAccount("u-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), username.Trim(), displayName, role, organizationId, patientId);
        try
        {
            database.Execute(
                "INSERT INTO users(id, username, display_name, role, organization_id, patient_id, password_hash, created_ms) VALUES($id,$u,$d,$r,$o,$p,$h,$t)",
                ("$id", user.Id), ("$u", user.Username), ("$d", displayName), ("$r", role.ToString()), ("$o", organizationId), ("$p", patientId),
                ("$h", PasswordHashing.Hash(password, options.Value.PasswordIterations)), ("$t", time.GetUtcNow().ToUnixTimeMilliseconds()));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new InvalidOperationException($"The username '{username}' is taken.", e);
        }

        return user;
    }

    /// <summary>The user if <paramref name="username"/> and <paramref name="password"/> match, else null.</summary>
    public UserAccount? Authenticate(string username, string password)
    {
        var row = database.Query($"SELECT {UserColumns}, password_hash FROM users WHERE username = $u", r => (User: Map(r), Hash: r.GetString(7)), ("$u", username.Trim()));
        if (row.Count == 0)
        {
            // Same work as a real check, so timing does not reveal which usernames exist.
            PasswordHashing.Verify(password, PasswordHashing.Hash("not-a-user-password", options.Value.PasswordIterations));
            return null;
        }

        return PasswordHashing.Verify(password, row[0].Hash) && !row[0].User.Disabled ? row[0].User : null;
    }

    /// <summary>A user by id, or null.</summary>
    public UserAccount? Find(string id) =>
        database.Query($"SELECT {UserColumns} FROM users WHERE id = $id", Map, ("$id", id)).FirstOrDefault();

    /// <summary>A user by username, or null.</summary>
    public UserAccount? FindByUsername(string username) =>
        database.Query($"SELECT {UserColumns} FROM users WHERE username = $u", Map, ("$u", username)).FirstOrDefault();

    /// <summary>All users.</summary>
    public IReadOnlyList<UserAccount> List() => database.Query($"SELECT {UserColumns} FROM users ORDER BY username", Map);

    /// <summary>Issues an opaque bearer token for <paramref name="user"/> with <paramref name="scopes"/>; returns it (shown once) and its expiry.</summary>
    public (string Token, DateTimeOffset ExpiresAt) IssueToken(UserAccount user, ScopeSet scopes)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = time.GetUtcNow() + options.Value.TokenLifetime;
        database.Execute("INSERT INTO tokens(token_hash, user_id, scopes, expires_ms) VALUES($h,$u,$s,$e)",
            ("$h", HashToken(token)), ("$u", user.Id), ("$s", string.Join(' ', scopes.Values)), ("$e", expires.ToUnixTimeMilliseconds()));
        return (token, expires);
    }

    /// <summary>The user and scopes of a valid, unexpired token, or null.</summary>
    public (UserAccount User, string Scopes)? ValidateToken(string token)
    {
        var rows = database.Query("SELECT user_id, scopes, expires_ms FROM tokens WHERE token_hash = $h",
            r => (UserId: r.GetString(0), Scopes: r.GetString(1), Expires: r.GetInt64(2)), ("$h", HashToken(token)));
        if (rows.Count == 0 || rows[0].Expires <= time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            return null;
        }

        var user = Find(rows[0].UserId);
        return user is null || user.Disabled ? null : (user, rows[0].Scopes);
    }

    /// <summary>Changes a user's display name, role or disabled flag, or sets a new password; returns the updated user, or null when unknown.</summary>
    public UserAccount? Update(string id, string? displayName, Role? role, bool? disabled, string? newPassword)
    {
        var user = Find(id);
        if (user is null)
        {
            return null;
        }

        if (role is { } r && r != user.Role && (r == Role.Patient || user.Role == Role.Patient))
        {
            throw new ArgumentException("A patient account cannot change role, and no account can become a patient.", nameof(role));
        }

        if (displayName is not null && (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 128))
        {
            throw new ArgumentException("A display name is 1 to 128 characters.", nameof(displayName));
        }

        if (newPassword is not null && newPassword.Length < 8)
        {
            throw new ArgumentException("A password has at least 8 characters.", nameof(newPassword));
        }

        var updated = user with { DisplayName = displayName?.Trim() ?? user.DisplayName, Role = role ?? user.Role, Disabled = disabled ?? user.Disabled };
        database.Execute("UPDATE users SET display_name=$d, role=$r, disabled=$x WHERE id=$id",
            ("$id", id), ("$d", updated.DisplayName), ("$r", updated.Role.ToString()), ("$x", updated.Disabled ? 1 : 0));
        if (newPassword is not null)
        {
            database.Execute("UPDATE users SET password_hash=$h WHERE id=$id", ("$id", id), ("$h", PasswordHashing.Hash(newPassword, options.Value.PasswordIterations)));
        }

        if (updated.Disabled || updated.Role != user.Role)
        {
            // Tokens carry the old role's claims: a disabled or re-roled user signs in again.
            RevokeTokens(id, null);
        }

        return updated;
    }

    /// <summary>The unexpired tokens of a user (never the token itself: an id derived from its hash).</summary>
    public IReadOnlyList<TokenInfo> Tokens(string userId) =>
        database.Query("SELECT token_hash, scopes, expires_ms FROM tokens WHERE user_id=$u AND expires_ms > $now ORDER BY expires_ms",
            r => new TokenInfo(r.GetString(0)[..TokenInfo.IdLength], r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))),
            ("$u", userId), ("$now", time.GetUtcNow().ToUnixTimeMilliseconds()));

    /// <summary>Revokes one token of a user (by <see cref="TokenInfo.Id"/>) or, with null, all of them; returns how many. Takes effect at the next request.</summary>
    public int RevokeTokens(string userId, string? tokenId)
    {
        if (tokenId is null)
        {
            return database.Execute("DELETE FROM tokens WHERE user_id=$u", ("$u", userId));
        }

        if (tokenId.Length != TokenInfo.IdLength || !tokenId.All(char.IsAsciiHexDigitLower))
        {
            return 0;
        }

        return database.Execute("DELETE FROM tokens WHERE user_id=$u AND substr(token_hash, 1, $n)=$id", ("$u", userId), ("$n", TokenInfo.IdLength), ("$id", tokenId));
    }

    private static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static UserAccount Map(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<Role>(r.GetString(3)),
        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetInt64(6) != 0);
}
