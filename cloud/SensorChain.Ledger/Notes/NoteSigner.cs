using System.Text;

namespace SensorChain.Ledger.Notes;

/// <summary>Signs notes (e.g. checkpoints) with an Ed25519 key under a key name (signature type 0x01).</summary>
public sealed class NoteSigner
{
    private readonly Ed25519Key _key;

    /// <summary>Creates a signer.</summary>
    public NoteSigner(string name, Ed25519Key key)
    {
        if (!NoteKeys.IsValidKeyName(name))
        {
            throw new ArgumentException("Invalid key name.", nameof(name));
        }

        Name = name;
        _key = key;
        KeyId = NoteKeys.KeyId(name, NoteKeys.Ed25519Type, key.PublicKey);
    }

    /// <summary>The key name (for a log: its origin).</summary>
    public string Name { get; }

    /// <summary>The key ID.</summary>
    public uint KeyId { get; }

    /// <summary>The verifier key text.</summary>
    public string VerifierKey => NoteKeys.FormatVerifierKey(Name, NoteKeys.Ed25519Type, _key.PublicKey);

    /// <summary>The verifier for this key.</summary>
    public NoteVerifier Verifier => NoteVerifier.Parse(VerifierKey);

    /// <summary>Signs the note text.</summary>
    public NoteSignature Sign(string text) => new(Name, KeyId, _key.Sign(Encoding.UTF8.GetBytes(text)));

    /// <summary>A signed note with this key's signature.</summary>
    public SignedNote SignNote(string text) => new(text, [Sign(text)]);
}
