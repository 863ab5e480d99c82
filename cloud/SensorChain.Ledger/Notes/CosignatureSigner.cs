using System.Buffers.Binary;
using System.Text;

namespace SensorChain.Ledger.Notes;

/// <summary>Makes C2SP tlog-cosignature (cosignature/v1, type 0x04) timestamped Ed25519 cosignatures.</summary>
public sealed class CosignatureSigner
{
    private readonly Ed25519Key _key;

    /// <summary>Creates a cosigner.</summary>
    public CosignatureSigner(string name, Ed25519Key key)
    {
        if (!NoteKeys.IsValidKeyName(name))
        {
            throw new ArgumentException("Invalid key name.", nameof(name));
        }

        Name = name;
        _key = key;
        KeyId = NoteKeys.KeyId(name, NoteKeys.CosignatureV1Type, key.PublicKey);
    }

    /// <summary>The cosigner (witness) name.</summary>
    public string Name { get; }

    /// <summary>The key ID.</summary>
    public uint KeyId { get; }

    /// <summary>The verifier key text (type 0x04).</summary>
    public string VerifierKey => NoteKeys.FormatVerifierKey(Name, NoteKeys.CosignatureV1Type, _key.PublicKey);

    /// <summary>The signed message: <c>cosignature/v1\ntime T\n</c> followed by the checkpoint text.</summary>
    public static byte[] Message(string checkpointText, ulong timestamp) =>
        Encoding.UTF8.GetBytes("cosignature/v1\ntime " + timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + checkpointText);

    /// <summary>Cosigns a checkpoint's text at <paramref name="timestamp"/> (POSIX seconds).</summary>
    public NoteSignature Cosign(string checkpointText, ulong timestamp)
    {
        var signature = _key.Sign(Message(checkpointText, timestamp));
        var bytes = new byte[8 + signature.Length];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, timestamp);
        signature.CopyTo(bytes, 8);
        return new NoteSignature(Name, KeyId, bytes);
    }
}
