namespace SensorChain.Ledger.Notes;

/// <summary>One signature line of a signed note: <c>— name base64(keyID ‖ signature)</c>.</summary>
/// <param name="KeyName">The signer's key name.</param>
/// <param name="KeyId">The 32-bit key ID.</param>
/// <param name="Signature">The bytes after the key ID (for cosignatures: timestamp ‖ signature).</param>
public sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature)
{
    /// <summary>The line, with its newline.</summary>
    public string ToLine()
    {
        var bytes = new byte[4 + Signature.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
        Signature.CopyTo(bytes, 4);
        return "\u2014 " + KeyName + " " + Convert.ToBase64String(bytes) + "\n";
    }
}
