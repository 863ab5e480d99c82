using System.Globalization;
using System.Text;
using SensorChain.Ledger.Merkle;
using SensorChain.Ledger.Notes;

namespace SensorChain.Ledger.Log;

/// <summary>
/// A C2SP tlog-proof: <c>c2sp.org/tlog-proof@v1</c>, optional <c>extra</c> line, <c>index</c> line, the inclusion
/// proof hashes (base64, one per line), a blank line, then the cosigned checkpoint.
/// </summary>
/// <param name="Index">Leaf index.</param>
/// <param name="Hashes">Inclusion proof.</param>
/// <param name="Checkpoint">The cosigned checkpoint.</param>
/// <param name="Extra">Application data (here: the evidence that links an Observation to the leaf), or null.</param>
public sealed record TlogProof(long Index, IReadOnlyList<byte[]> Hashes, SignedNote Checkpoint, byte[]? Extra)
{
    /// <summary>The header line.</summary>
    public const string Header = "c2sp.org/tlog-proof@v1";

    /// <summary>The file text.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Header).Append('\n');
        if (Extra is not null)
        {
            builder.Append("extra ").Append(Convert.ToBase64String(Extra)).Append('\n');
        }

        builder.Append("index ").Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Hashes)
        {
            builder.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        builder.Append('\n').Append(Checkpoint.ToString());
        return builder.ToString();
    }

    /// <summary>Parses a proof file strictly.</summary>
    public static TlogProof Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 4 * SignedNote.MaxLength + (1 << 20))
        {
            throw new NoteFormatException("Proof file is too large.");
        }

        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new NoteFormatException("Proof has no blank line before its checkpoint.");
        }

        var lines = text[..split].Split('\n');
        if (lines[0] != Header)
        {
            throw new NoteFormatException($"Proof does not start with '{Header}'.");
        }

        var at = 1;
        byte[]? extra = null;
        if (at < lines.Length && lines[at].StartsWith("extra ", StringComparison.Ordinal))
        {
            extra = Base64(lines[at][6..], "extra data");
            at++;
        }

        if (at >= lines.Length || !lines[at].StartsWith("index ", StringComparison.Ordinal)
            || !long.TryParse(lines[at][6..], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new NoteFormatException("Proof has no valid 'index N' line.");
        }

        var hashes = new List<byte[]>();
        for (at++; at < lines.Length; at++)
        {
            var hash = Base64(lines[at], "proof hash");
            if (hash.Length != MerkleHash.Size)
            {
                throw new NoteFormatException($"Proof hash {hashes.Count} is not 32 bytes.");
            }

            hashes.Add(hash);
        }

        if (hashes.Count > 63)
        {
            throw new NoteFormatException("Proof has more hashes than any tree needs.");
        }

        return new TlogProof(index, hashes, SignedNote.Parse(text[(split + 2)..]), extra);
    }

    /// <summary>Checks the checkpoint against the policy, then the inclusion of <paramref name="leafHash"/>.</summary>
    public CheckpointVerdict Verify(LedgerPolicy policy, ReadOnlySpan<byte> leafHash)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var verdict = policy.Verify(Checkpoint);
        if (!verdict.Ok)
        {
            return verdict;
        }

        var checkpoint = verdict.Checkpoint!;
        return MerkleVerifier.VerifyInclusion(leafHash, Index, checkpoint.Size, Hashes, checkpoint.Root)
            ? verdict
            : verdict with { Ok = false, Error = $"inclusion proof: leaf {Index} does not lead to the root of tree size {checkpoint.Size}" };
    }

    private static byte[] Base64(string text, string what)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new NoteFormatException($"Proof {what} is not base64.", e);
        }
    }
}
