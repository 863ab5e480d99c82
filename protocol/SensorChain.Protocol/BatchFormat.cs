namespace SensorChain.Protocol;

/// <summary>Constants and limits of wire format v1 (see docs/protocol.md).</summary>
public static class BatchFormat
{
    /// <summary>First two bytes of every batch: ASCII "SC".</summary>
    public const ushort Magic = 0x5343;

    /// <summary>The only version this code reads and writes.</summary>
    public const byte Version = 1;

    /// <summary>Bytes before the first channel.</summary>
    public const int HeaderSize = 2 + 1 + 1 + DeviceId.Size + 8 + BatchHash.Size + 8 + 4 + SaltSize + 1;

    /// <summary>Length of the random per-batch salt.</summary>
    public const int SaltSize = 16;

    /// <summary>Length of the ECDSA P-256 P1363 signature that ends every batch.</summary>
    public const int SignatureSize = 64;

    /// <summary>Largest batch accepted: 1 MiB.</summary>
    public const int MaxBatchBytes = 1 << 20;

    /// <summary>Most channels in one batch.</summary>
    public const int MaxChannels = 32;

    /// <summary>Most samples in one channel of one batch.</summary>
    public const int MaxSamplesPerChannel = 100_000;

    /// <summary>Longest UCUM unit string.</summary>
    public const int MaxUnitLength = 16;

    /// <summary>Longest batch window: one hour.</summary>
    public const uint MaxDurationMs = 3_600_000;

    /// <summary>Highest sample rate: 100 kHz, in millihertz.</summary>
    public const uint MaxSampleRateMilliHz = 100_000_000;

    /// <summary>Smallest and largest decimal exponent.</summary>
    public const sbyte MinExponent = -9;

    /// <summary>Largest decimal exponent.</summary>
    public const sbyte MaxExponent = 9;
}
