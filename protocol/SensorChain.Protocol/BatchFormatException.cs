namespace SensorChain.Protocol;

/// <summary>Thrown by <see cref="BatchCodec.Decode"/> for malformed input; carries the typed <see cref="BatchError"/>.</summary>
public sealed class BatchFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public BatchFormatException(BatchError error)
        : base(error?.ToString())
    {
        Error = error!;
    }

    /// <summary>Parameterless constructor for serializers.</summary>
    public BatchFormatException()
        : this(new BatchError(BatchErrorCode.InvalidValue, "batch", 0, "Malformed batch."))
    {
    }

    /// <summary>Message-only constructor.</summary>
    public BatchFormatException(string message)
        : this(new BatchError(BatchErrorCode.InvalidValue, "batch", 0, message))
    {
    }

    /// <summary>Message and inner exception.</summary>
    public BatchFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new BatchError(BatchErrorCode.InvalidValue, "batch", 0, message);
    }

    /// <summary>The typed error.</summary>
    public BatchError Error { get; }
}
