using System.Buffers.Binary;
using System.Text;

namespace SensorChain.Ledger.Notes;

/// <summary>
/// A C2SP signed note: UTF-8 text ending in a newline, a blank line, then one or more signature lines.
/// Parsing is strict and throws <see cref="NoteFormatException"/> naming the problem.
/// </summary>
public sealed class SignedNote
{
    /// <summary>Largest note accepted.</summary>
    public const int MaxLength = 1 << 16;

    /// <summary>Creates a note from its text and signatures.</summary>
    public SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        if (string.IsNullOrEmpty(text) || !text.EndsWith('\n'))
        {
            throw new NoteFormatException("Note text must end with a newline.");
        }

        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text (ends with a newline).</summary>
    public string Text { get; }

    /// <summary>The signature lines in order.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>A copy with one more signature line (replacing an earlier line with the same name and key ID).</summary>
    public SignedNote With(NoteSignature signature)
    {
        var list = Signatures.Where(s => s.KeyName != signature.KeyName || s.KeyId != signature.KeyId).ToList();
        list.Add(signature);
        return new SignedNote(Text, list);
    }

    /// <summary>The full note: text, blank line, signature lines.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            builder.Append(signature.ToLine());
        }

        return builder.ToString();
    }

    /// <summary>Parses a signed note.</summary>
    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (note.Length > MaxLength)
        {
            throw new NoteFormatException($"Signed note is longer than {MaxLength} characters.");
        }

        if (note.Contains('\r', StringComparison.Ordinal))
        {
            throw new NoteFormatException("Signed note contains a carriage return.");
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new NoteFormatException("Signed note has no blank line before its signatures.");
        }

        var text = note[..(split + 1)];
        var rest = note[(split + 2)..];
        if (!rest.EndsWith('\n'))
        {
            throw new NoteFormatException("Signed note does not end with a newline.");
        }

        var signatures = new List<NoteSignature>();
        foreach (var line in rest[..^1].Split('\n'))
        {
            signatures.Add(ParseLine(line));
        }

        if (signatures.Count == 0)
        {
            throw new NoteFormatException("Signed note has no signature lines.");
        }

        return new SignedNote(text, signatures);
    }

    private static NoteSignature ParseLine(string line)
    {
        if (!line.StartsWith("\u2014 ", StringComparison.Ordinal))
        {
            throw new NoteFormatException("Signature line does not start with an em dash and a space.");
        }

        var body = line[2..];
        var space = body.LastIndexOf(' ');
        if (space <= 0)
        {
            throw new NoteFormatException("Signature line has no key name.");
        }

        var name = body[..space];
        if (!NoteKeys.IsValidKeyName(name))
        {
            throw new NoteFormatException("Signature line has an invalid key name.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(body[(space + 1)..]);
        }
        catch (FormatException e)
        {
            throw new NoteFormatException("Signature line is not valid base64.", e);
        }

        if (bytes.Length < 5)
        {
            throw new NoteFormatException("Signature line is too short to hold a key ID and a signature.");
        }

        return new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4..]);
    }
}
