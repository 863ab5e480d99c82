namespace SensorChain.Ledger.Notes;

/// <summary>A signed note, checkpoint, key or proof file that does not follow its format; the message names what is wrong.</summary>
public sealed class NoteFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public NoteFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NoteFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public NoteFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
