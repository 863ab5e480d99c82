namespace SensorChain.Protocol;

/// <summary>ZigZag mapping of signed to unsigned integers (small magnitudes give small varints).</summary>
public static class ZigZag
{
    /// <summary>Maps 0, −1, 1, −2 … to 0, 1, 2, 3 ….</summary>
    public static ulong Encode(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>Inverse of <see cref="Encode"/>.</summary>
    public static long Decode(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
