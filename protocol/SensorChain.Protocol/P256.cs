using System.Numerics;
using System.Security.Cryptography;

namespace SensorChain.Protocol;

/// <summary>P-256 helpers: low-S normalisation and verification of P1363 signatures.</summary>
public static class P256
{
    private static readonly BigInteger Order = BigInteger.Parse(
        "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

    private static readonly BigInteger HalfOrder = Order >> 1;

    // n/2 as 32 big-endian bytes: S (also big-endian, fixed width) is low when it compares at most equal, byte-wise.
    private static readonly byte[] HalfOrderBytes = HalfOrder.ToByteArray(isUnsigned: true, isBigEndian: true);

    /// <summary>True when the S half of a 64-byte P1363 signature is at most n/2.</summary>
    public static bool IsLowS(ReadOnlySpan<byte> signature) =>
        signature.Length == BatchFormat.SignatureSize && signature[32..].SequenceCompareTo(HalfOrderBytes) <= 0;

    /// <summary>Replaces S with n − S when S is above n/2 (both are valid; only the low one is canonical).</summary>
    public static void NormalizeLowS(Span<byte> signature)
    {
        var s = ReadS(signature);
        if (s <= HalfOrder)
        {
            return;
        }

        var low = Order - s;
        var target = signature[32..];
        target.Clear();
        var bytes = low.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(target[(32 - bytes.Length)..]);
    }

    /// <summary>Imports a SubjectPublicKeyInfo DER public key, checking that it is P-256.</summary>
    public static ECDsa ImportPublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            if (key.KeySize != 256)
            {
                throw new CryptographicException("Device keys must be ECDSA P-256.");
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Verifies a 64-byte low-S P1363 signature over SHA-256(<paramref name="data"/>).</summary>
    public static bool Verify(ECDsa publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        IsLowS(signature)
        && publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    private static BigInteger ReadS(ReadOnlySpan<byte> signature) =>
        new(signature.Slice(32, 32), isUnsigned: true, isBigEndian: true);
}
