using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Org.BouncyCastle.Security;

namespace SensorChain.Ledger.Notes;

/// <summary>An Ed25519 key pair (BouncyCastle), with file persistence as a C2SP private key string.</summary>
public sealed class Ed25519Key
{
    private readonly Ed25519PrivateKeyParameters _private;

    private Ed25519Key(byte[] seed)
    {
        _private = new Ed25519PrivateKeyParameters(seed, 0);
        PublicKey = _private.GeneratePublicKey().GetEncoded();
    }

    /// <summary>The 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>A new random key.</summary>
    public static Ed25519Key Create()
    {
        var seed = new byte[32];
        new SecureRandom().NextBytes(seed);
        return new Ed25519Key(seed);
    }

    /// <summary>A key from its 32-byte seed.</summary>
    public static Ed25519Key FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        return new Ed25519Key(seed.ToArray());
    }

    /// <summary>The 32-byte seed.</summary>
    public byte[] Seed => _private.GetEncoded();

    /// <summary>Loads the seed stored (base64) at <paramref name="path"/>, or creates a key there (mode 0600).</summary>
    public static Ed25519Key LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return FromSeed(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var key = Create();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key.Seed));
        }

        return key;
    }

    /// <summary>Signs <paramref name="message"/> (64-byte signature).</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[Ed25519.SignatureSize];
        var data = message.ToArray();
        _private.Sign(Ed25519.Algorithm.Ed25519, null, data, 0, data.Length, signature, 0);
        return signature;
    }

    /// <summary>Verifies a 64-byte Ed25519 signature.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != Ed25519.PublicKeySize || signature.Length != Ed25519.SignatureSize)
        {
            return false;
        }

        try
        {
            var data = message.ToArray();
            return Ed25519.Verify(signature.ToArray(), 0, publicKey.ToArray(), 0, data, 0, data.Length);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
