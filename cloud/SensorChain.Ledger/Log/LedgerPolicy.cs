using System.Globalization;
using System.Text;
using SensorChain.Ledger.Notes;

namespace SensorChain.Ledger.Log;

/// <summary>
/// Who a verifier trusts: the log key(s) and the witnesses, and how many witnesses must cosign (k of n).
/// Text format, one directive per line, <c>#</c> comments:
/// <code>
/// log &lt;vkey&gt;
/// witness &lt;vkey&gt;
/// quorum &lt;k&gt;
/// </code>
/// </summary>
public sealed class LedgerPolicy
{
    /// <summary>Creates a policy.</summary>
    public LedgerPolicy(IReadOnlyList<NoteVerifier> logs, IReadOnlyList<NoteVerifier> witnesses, int quorum)
    {
        if (logs.Count == 0)
        {
            throw new ArgumentException("A policy needs at least one log key.", nameof(logs));
        }

        if (quorum < 0 || quorum > witnesses.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(quorum), $"Quorum {quorum} is not between 0 and the {witnesses.Count} witnesses.");
        }

        Logs = logs;
        Witnesses = witnesses;
        Quorum = quorum;
    }

    /// <summary>Trusted log keys (type 0x01); the key name is the log origin.</summary>
    public IReadOnlyList<NoteVerifier> Logs { get; }

    /// <summary>Trusted witness keys (type 0x04).</summary>
    public IReadOnlyList<NoteVerifier> Witnesses { get; }

    /// <summary>How many distinct witnesses must have cosigned.</summary>
    public int Quorum { get; }

    /// <summary>The policy file text.</summary>
    public string ToText()
    {
        var builder = new StringBuilder("# SensorChain ledger verifier policy\n");
        foreach (var log in Logs)
        {
            builder.Append("log ").Append(log.VerifierKey).Append('\n');
        }

        foreach (var witness in Witnesses)
        {
            builder.Append("witness ").Append(witness.VerifierKey).Append('\n');
        }

        builder.Append("quorum ").Append(Quorum.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return builder.ToString();
    }

    /// <summary>Reads a policy file.</summary>
    public static LedgerPolicy Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses policy text; errors name the line.</summary>
    public static LedgerPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var logs = new List<NoteVerifier>();
        var witnesses = new List<NoteVerifier>();
        int? quorum = null;
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new NoteFormatException($"Policy line {number}: expected '<directive> <value>'.");
            }

            try
            {
                switch (parts[0])
                {
                    case "log":
                        var log = NoteVerifier.Parse(parts[1]);
                        if (log.Type != NoteKeys.Ed25519Type)
                        {
                            throw new NoteFormatException("a log key must have type 0x01");
                        }

                        logs.Add(log);
                        break;
                    case "witness":
                        var witness = NoteVerifier.Parse(parts[1]);
                        if (witness.Type != NoteKeys.CosignatureV1Type)
                        {
                            throw new NoteFormatException("a witness key must have type 0x04 (cosignature/v1)");
                        }

                        witnesses.Add(witness);
                        break;
                    case "quorum":
                        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var k))
                        {
                            throw new NoteFormatException("quorum is not a number");
                        }

                        quorum = k;
                        break;
                    default:
                        throw new NoteFormatException($"unknown directive '{parts[0]}'");
                }
            }
            catch (NoteFormatException e)
            {
                throw new NoteFormatException($"Policy line {number}: {e.Message}", e);
            }
        }

        if (quorum is null)
        {
            throw new NoteFormatException("Policy has no quorum line.");
        }

        try
        {
            return new LedgerPolicy(logs, witnesses, quorum.Value);
        }
        catch (ArgumentException e)
        {
            throw new NoteFormatException("Policy is inconsistent: " + e.Message, e);
        }
    }

    /// <summary>
    /// Checks a cosigned checkpoint: parses it, requires a valid signature from a trusted log whose name is the origin,
    /// and at least <see cref="Quorum"/> distinct trusted witnesses' valid cosignatures.
    /// </summary>
    /// <param name="note">The cosigned checkpoint.</param>
    /// <param name="exhaustive">Check every witness (to report them all) instead of stopping at the quorum.</param>
    public CheckpointVerdict Verify(SignedNote note, bool exhaustive = true)
    {
        ArgumentNullException.ThrowIfNull(note);
        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Parse(note.Text);
        }
        catch (NoteFormatException e)
        {
            return CheckpointVerdict.Fail("checkpoint format: " + e.Message);
        }

        var logs = Logs.Where(l => l.Name == checkpoint.Origin).ToList();
        if (logs.Count == 0)
        {
            return CheckpointVerdict.Fail($"checkpoint origin '{checkpoint.Origin}' is not a trusted log");
        }

        if (!note.Signatures.Any(s => logs.Any(log => log.Matches(s) && log.Verify(note.Text, s, out _))))
        {
            return CheckpointVerdict.Fail("checkpoint signature: no valid signature by the log key");
        }

        var cosigners = new List<string>();
        foreach (var witness in Witnesses)
        {
            if (cosigners.Count >= Quorum && !exhaustive)
            {
                break;
            }

            if (note.Signatures.Any(s => witness.Matches(s) && witness.Verify(note.Text, s, out _)))
            {
                cosigners.Add(witness.Name);
            }
        }

        return cosigners.Count >= Quorum
            ? new CheckpointVerdict(true, checkpoint, cosigners, null)
            : new CheckpointVerdict(false, checkpoint, cosigners, $"cosignatures: {cosigners.Count} valid of the {Quorum} required");
    }
}
