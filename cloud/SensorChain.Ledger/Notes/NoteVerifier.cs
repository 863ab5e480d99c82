using System.Buffers.Binary;
using System.Text;

namespace SensorChain.Ledger.Notes;

/// <summary>A trusted public key from a vkey: verifies note signatures (0x01) or cosignatures (0x04).</summary>
/// <param name="Name">Key name.</param>
/// <param name="Type">0x01 or 0x04.</param>
/// <param name="PublicKey">32-byte Ed25519 key.</param>
public sealed record NoteVerifier(string Name, byte Type, byte[] PublicKey)
{
    /// <summary>The key ID.</summary>
    public uint KeyId { get; } = NoteKeys.KeyId(Name, Type, PublicKey);

    /// <summary>The vkey text.</summary>
    public string VerifierKey => NoteKeys.FormatVerifierKey(Name, Type, PublicKey);

    /// <summary>True for a witness cosignature key.</summary>
    public bool IsCosigner => Type == NoteKeys.CosignatureV1Type;

    /// <summary>Parses a vkey.</summary>
    public static NoteVerifier Parse(string vkey)
    {
        var (name, type, key) = NoteKeys.ParseVerifierKey(vkey);
        return new NoteVerifier(name, type, key);
    }

    /// <summary>True when <paramref name="signature"/> names this key.</summary>
    public bool Matches(NoteSignature signature) => signature.KeyName == Name && signature.KeyId == KeyId;

    /// <summary>Verifies one signature line over <paramref name="text"/>; for cosignatures also returns the timestamp.</summary>
    public bool Verify(string text, NoteSignature signature, out ulong timestamp)
    {
        timestamp = 0;
        if (!Matches(signature))
        {
            return false;
        }

        if (Type == NoteKeys.Ed25519Type)
        {
            return signature.Signature.Length == 64 && Ed25519Key.Verify(PublicKey, Encoding.UTF8.GetBytes(text), signature.Signature);
        }

        if (signature.Signature.Length != 72)
        {
            return false;
        }

        timestamp = BinaryPrimitives.ReadUInt64BigEndian(signature.Signature);
        if (timestamp > long.MaxValue)
        {
            return false;
        }

        return Ed25519Key.Verify(PublicKey, CosignatureSigner.Message(text, timestamp), signature.Signature.AsSpan(8));
    }
}
