using System.Collections;
using SensorChain.FirmwareSim.Models;
using SensorChain.Protocol;

namespace SensorChain.FirmwareSim;

/// <summary>
/// N virtual patients with distinct seeds and a configurable scenario mix, for fleet mode and load tests. Patients are
/// cheap (a few hundred bytes; samples are computed on demand), and patient i is the same for the same
/// (base seed, mix, i) whatever the fleet size is. Scenarios are assigned deterministically in proportion to the
/// weights, interleaved (largest-remainder order), so any prefix of the fleet holds a fair mix.
/// </summary>
public sealed class VirtualFleet : IReadOnlyList<VirtualPatient>
{
    private readonly VirtualPatient[] _patients;

    /// <summary>Builds <paramref name="count"/> patients.</summary>
    /// <param name="count">How many patients (0..1,000,000).</param>
    /// <param name="startUnixMs">The run's start (scenario onsets count from here).</param>
    /// <param name="baseSeed">Seed of the whole fleet; patient seeds derive from it.</param>
    /// <param name="mix">Scenario weights; default: every patient <c>stable</c>.</param>
    public VirtualFleet(int count, long startUnixMs, long baseSeed = 1, IReadOnlyList<ScenarioShare>? mix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1_000_000);
        mix ??= [new ScenarioShare(Scenario.Stable, 1)];
        if (mix.Count == 0 || mix.Any(s => s.Scenario is null || !(s.Weight > 0) || double.IsInfinity(s.Weight)))
        {
            throw new ArgumentException("The scenario mix needs at least one entry, each with a scenario and a positive finite weight.", nameof(mix));
        }

        Mix = mix;
        BaseSeed = baseSeed;
        var total = mix.Sum(s => s.Weight);
        var credit = new double[mix.Count];
        _patients = new VirtualPatient[count];
        for (var i = 0; i < count; i++)
        {
            // Smooth weighted round-robin: every entry earns its share; the richest is served and pays one round.
            var best = 0;
            for (var j = 0; j < mix.Count; j++)
            {
                credit[j] += mix[j].Weight / total;
                if (credit[j] > credit[best])
                {
                    best = j;
                }
            }

            credit[best] -= 1;
            _patients[i] = new VirtualPatient(SeedOf(baseSeed, i), mix[best].Scenario, startUnixMs);
        }
    }

    /// <summary>The fleet's seed.</summary>
    public long BaseSeed { get; }

    /// <summary>The scenario mix.</summary>
    public IReadOnlyList<ScenarioShare> Mix { get; }

    /// <inheritdoc />
    public int Count => _patients.Length;

    /// <inheritdoc />
    public VirtualPatient this[int index] => _patients[index];

    /// <summary>All patients on one scenario.</summary>
    public static VirtualFleet Uniform(int count, Scenario scenario, long startUnixMs, long baseSeed = 1) =>
        new(count, startUnixMs, baseSeed, [new ScenarioShare(scenario, 1)]);

    /// <summary>The seed of patient <paramref name="index"/> in a fleet with <paramref name="baseSeed"/> (distinct per index).</summary>
    public static long SeedOf(long baseSeed, int index) =>
        unchecked((long)DeterministicNoise.Hash(baseSeed, 0x464C_4545, 0) + index);

    /// <summary>Renders one window for every patient (index-aligned with the fleet).</summary>
    public IReadOnlyList<ChannelBlock>[] RenderWindow(long startUnixMs, uint durationMs)
    {
        var result = new IReadOnlyList<ChannelBlock>[_patients.Length];
        Parallel.For(0, _patients.Length, i => result[i] = _patients[i].RenderWindow(startUnixMs, durationMs));
        return result;
    }

    /// <inheritdoc />
    public IEnumerator<VirtualPatient> GetEnumerator() => ((IEnumerable<VirtualPatient>)_patients).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
