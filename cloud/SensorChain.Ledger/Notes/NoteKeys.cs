using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SensorChain.Ledger.Notes;

/// <summary>Key names, key IDs and the vkey / private key text encodings of C2SP signed-note.</summary>
public static class NoteKeys
{
    /// <summary>Signature type of an Ed25519 note signature.</summary>
    public const byte Ed25519Type = 0x01;

    /// <summary>Signature type of an Ed25519 tlog cosignature (cosignature/v1).</summary>
    public const byte CosignatureV1Type = 0x04;

    /// <summary>SHA-256(name ‖ "\n" ‖ type ‖ public key)[:4].</summary>
    public static uint KeyId(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(buffer, 0);
        buffer[nameBytes.Length] = (byte)'\n';
        buffer[nameBytes.Length + 1] = type;
        publicKey.CopyTo(buffer.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(buffer));
    }

    /// <summary>A key name is non-empty UTF-8 without spaces, plus signs or control characters.</summary>
    public static bool IsValidKeyName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 256 && !name.Any(c => c == '+' || char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>Formats a verifier key: <c>name+hex(keyID)+base64(type ‖ public key)</c>.</summary>
    public static string FormatVerifierKey(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        var material = new byte[1 + publicKey.Length];
        material[0] = type;
        publicKey.CopyTo(material.AsSpan(1));
        return $"{name}+{KeyId(name, type, publicKey):x8}+{Convert.ToBase64String(material)}";
    }

    /// <summary>Parses a verifier key; checks the key ID and that the key is a 32-byte Ed25519 key of type 0x01 or 0x04.</summary>
    public static (string Name, byte Type, byte[] PublicKey) ParseVerifierKey(string vkey)
    {
        ArgumentNullException.ThrowIfNull(vkey);
        var parts = vkey.Trim().Split('+', 3);
        if (parts.Length != 3)
        {
            throw new NoteFormatException("A verifier key has the form name+keyid+base64key.");
        }

        if (!IsValidKeyName(parts[0]))
        {
            throw new NoteFormatException("The verifier key's name is invalid.");
        }

        if (parts[1].Length != 8 || !uint.TryParse(parts[1], System.Globalization.NumberStyles.HexNumber, null, out var id))
        {
            throw new NoteFormatException("The verifier key's key ID is not 8 hex digits.");
        }

        byte[] material;
        try
        {
            material = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException e)
        {
            throw new NoteFormatException("The verifier key's key material is not base64.", e);
        }

        if (material.Length != 33 || (material[0] != Ed25519Type && material[0] != CosignatureV1Type))
        {
            throw new NoteFormatException("The verifier key is not an Ed25519 (0x01) or cosignature/v1 (0x04) key.");
        }

        var publicKey = material[1..];
        if (KeyId(parts[0], material[0], publicKey) != id)
        {
            throw new NoteFormatException("The verifier key's key ID does not match its name and key.");
        }

        return (parts[0], material[0], publicKey);
    }
}
