namespace SensorChain.Protocol;

/// <summary>Why a byte string is not a well-formed v1 batch.</summary>
public enum BatchErrorCode
{
    /// <summary>The input ends before a field is complete.</summary>
    Truncated,
    /// <summary>The input does not start with "SC".</summary>
    BadMagic,
    /// <summary>A version other than 1.</summary>
    UnsupportedVersion,
    /// <summary>A reserved field is not zero.</summary>
    ReservedNotZero,
    /// <summary>A length or count is beyond the format's limits.</summary>
    LimitExceeded,
    /// <summary>A field holds a value the format does not allow.</summary>
    InvalidValue,
    /// <summary>A field is encoded in a non-canonical way (overlong varint, high-S signature, unsorted channels).</summary>
    NonCanonical,
    /// <summary>Bytes remain between the last channel and the signature.</summary>
    TrailingBytes,
}
