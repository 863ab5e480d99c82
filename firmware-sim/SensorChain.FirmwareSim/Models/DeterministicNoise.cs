namespace SensorChain.FirmwareSim.Models;

/// <summary>
/// Stateless, seeded noise: every value is a hash of (seed, stream, index), so any sample can be computed on its own
/// and the output is a pure function of the seed and the time (SplitMix64 finaliser, Steele et al. 2014).
/// </summary>
internal static class DeterministicNoise
{
    private const ulong Golden = 0x9E37_79B9_7F4A_7C15;

    /// <summary>A well-mixed 64-bit hash of the three inputs.</summary>
    public static ulong Hash(long seed, long stream, long index)
    {
        var z = Mix(unchecked((ulong)seed + ((ulong)stream * Golden)));
        return Mix(unchecked(z + ((ulong)index * 0xD1B5_4A32_D192_ED03) + Golden));
    }

    /// <summary>Uniform in [0, 1).</summary>
    public static double Uniform(long seed, long stream, long index) => (Hash(seed, stream, index) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Approximately standard normal (Irwin–Hall sum of four 16-bit uniforms, scaled to unit variance).</summary>
    public static double Gaussian(long seed, long stream, long index)
    {
        var h = Hash(seed, stream, index);
        var sum = (double)(h & 0xFFFF) + ((h >> 16) & 0xFFFF) + ((h >> 32) & 0xFFFF) + (h >> 48);
        return ((sum / 65536.0) - 2.0) * 1.7320508075688772;
    }

    /// <summary>Unit-variance noise band-limited by linear interpolation between Gaussian knots at <paramref name="rateHz"/>.</summary>
    public static double Smooth(long seed, long stream, double tSeconds, double rateHz)
    {
        var x = tSeconds * rateHz;
        var i = Math.Floor(x);
        var f = x - i;
        var k = (long)i;
        var a = Gaussian(seed, stream, k);
        var b = Gaussian(seed, stream, k + 1);
        return a + ((b - a) * f);
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9;
            z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB;
            return z ^ (z >> 31);
        }
    }
}
