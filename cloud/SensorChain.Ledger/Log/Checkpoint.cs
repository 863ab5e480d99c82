using System.Globalization;
using SensorChain.Ledger.Merkle;
using SensorChain.Ledger.Notes;

namespace SensorChain.Ledger.Log;

/// <summary>A C2SP tlog-checkpoint body: origin line, tree size, base64 root hash (extension lines are kept, not interpreted).</summary>
/// <param name="Origin">The log's unique name.</param>
/// <param name="Size">Number of leaves.</param>
/// <param name="Root">RFC 6962 tree head.</param>
/// <param name="Extensions">Extension lines (without newlines).</param>
public sealed record Checkpoint(string Origin, long Size, byte[] Root, IReadOnlyList<string> Extensions)
{
    /// <summary>A checkpoint without extension lines.</summary>
    public Checkpoint(string origin, long size, byte[] root)
        : this(origin, size, root, [])
    {
    }

    /// <summary>The note text.</summary>
    public string ToText()
    {
        var text = Origin + "\n" + Size.ToString(CultureInfo.InvariantCulture) + "\n" + Convert.ToBase64String(Root) + "\n";
        foreach (var extension in Extensions)
        {
            text += extension + "\n";
        }

        return text;
    }

    /// <summary>Parses a checkpoint body strictly.</summary>
    public static Checkpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.EndsWith('\n'))
        {
            throw new NoteFormatException("Checkpoint text must end with a newline.");
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            throw new NoteFormatException("Checkpoint needs an origin, a size and a root hash line.");
        }

        if (lines[0].Length == 0)
        {
            throw new NoteFormatException("Checkpoint origin line is empty.");
        }

        var sizeText = lines[1];
        if (sizeText.Length == 0 || sizeText.Length > 19 || !sizeText.All(char.IsAsciiDigit) || (sizeText.Length > 1 && sizeText[0] == '0')
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new NoteFormatException("Checkpoint size line is not a decimal number without leading zeros.");
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException e)
        {
            throw new NoteFormatException("Checkpoint root hash line is not base64.", e);
        }

        if (root.Length != MerkleHash.Size || Convert.ToBase64String(root) != lines[2])
        {
            throw new NoteFormatException("Checkpoint root hash is not 32 bytes in canonical base64.");
        }

        var extensions = lines[3..];
        if (extensions.Any(e => e.Length == 0))
        {
            throw new NoteFormatException("Checkpoint extension lines must not be empty.");
        }

        return new Checkpoint(lines[0], size, root, extensions);
    }
}
