using System.Security.Cryptography;

namespace SensorChain.Protocol;

/// <summary>
/// A gateway's ECDSA P-256 signing key. Signatures are IEEE P1363 (r‖s, 64 bytes) over SHA-256 and are
/// normalised to low-S, so each signed batch has exactly one valid encoding.
/// </summary>
public sealed class DeviceKey : IDisposable
{
    private readonly ECDsa _key;

    private DeviceKey(ECDsa key)
    {
        _key = key;
        PublicKeySpki = key.ExportSubjectPublicKeyInfo();
        Id = DeviceId.FromPublicKey(PublicKeySpki);
    }

    /// <summary>The device id derived from the public key.</summary>
    public DeviceId Id { get; }

    /// <summary>The public key as SubjectPublicKeyInfo DER: what the cloud enrols.</summary>
    public byte[] PublicKeySpki { get; }

    /// <summary>The underlying key, e.g. to build an X.509 request that certifies this very key.</summary>
    public ECDsa Key => _key;

    /// <summary>Creates a new random P-256 key.</summary>
    public static DeviceKey Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Loads a key from PKCS#8 PEM text.</summary>
    public static DeviceKey FromPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new CryptographicException("The device key must be an ECDSA P-256 key.");
        }

        return new DeviceKey(key);
    }

    /// <summary>
    /// Loads the key stored at <paramref name="path"/>, or creates one there (PKCS#8 PEM, mode 0600: owner only).
    /// </summary>
    public static DeviceKey LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return FromPem(File.ReadAllText(path));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var created = Create();
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(created.ExportPkcs8Pem());
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: false);
        return created;
    }

    /// <summary>The private key as PKCS#8 PEM.</summary>
    public string ExportPkcs8Pem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>Signs <paramref name="data"/> into <paramref name="signature"/> (64 bytes, low-S).</summary>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature)
    {
        if (!_key.TrySignData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written)
            || written != BatchFormat.SignatureSize)
        {
            throw new CryptographicException("ECDSA signing failed.");
        }

        P256.NormalizeLowS(signature);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
