using FsCheck;
using FsCheck.Fluent;
using SensorChain.Web.Accounts;

namespace SensorChain.Web.Tests;

public sealed class SecurityPrimitivesTests
{
    [Fact]
    public void Password_hash_verifies_the_right_password_and_rejects_others()
    {
        var hash = PasswordHashing.Hash("correct horse battery", 100_000);
        Assert.StartsWith("pbkdf2-sha256$100000$", hash);
        Assert.True(PasswordHashing.Verify("correct horse battery", hash));
        Assert.False(PasswordHashing.Verify("correct horse batterY", hash));
        Assert.NotEqual(hash, PasswordHashing.Hash("correct horse battery", 100_000));
    }

    [Fact]
    public void Password_hashing_refuses_fewer_than_100k_iterations()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordHashing.Hash("password1", 99_999));
        var weak = "pbkdf2-sha256$1000$" + Convert.ToBase64String(new byte[16]) + "$" + Convert.ToBase64String(new byte[32]);
        Assert.False(PasswordHashing.Verify("password1", weak));
    }

    [Fact]
    public void Garbage_stored_hashes_never_throw()
    {
        Prop.ForAll<string>(stored => !PasswordHashing.Verify("x", stored ?? string.Empty)).QuickCheckThrowOnFailure();
        Prop.ForAll<string>(s => PasswordHashing.Verify("x", "pbkdf2-sha256$100000$" + s + "$" + s) == false).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Patient_scopes_apply_only_to_the_own_record()
    {
        var scopes = ScopeSet.Parse("patient/Observation.read");
        Assert.True(scopes.Allows("Observation", write: false, ownRecord: true));
        Assert.False(scopes.Allows("Observation", write: false, ownRecord: false));
        Assert.False(scopes.Allows("Observation", write: true, ownRecord: true));
        Assert.False(scopes.Allows("Consent", write: false, ownRecord: true));
    }

    [Fact]
    public void User_wildcard_scope_reads_every_type_but_does_not_write()
    {
        var scopes = ScopeSet.Parse("user/*.read launch openid");
        Assert.Equal(["user/*.read"], scopes.Values);
        Assert.True(scopes.Allows("AuditEvent", write: false, ownRecord: false));
        Assert.False(scopes.Allows("Consent", write: true, ownRecord: false));
    }

    [Fact]
    public void Malformed_scope_strings_never_throw_and_grant_nothing_unexpected()
    {
        Prop.ForAll<string>(raw =>
        {
            var scopes = ScopeSet.Parse(raw);
            return scopes.Values.All(v => v.StartsWith("patient/", StringComparison.Ordinal) || v.StartsWith("user/", StringComparison.Ordinal));
        }).QuickCheckThrowOnFailure();
    }
}
