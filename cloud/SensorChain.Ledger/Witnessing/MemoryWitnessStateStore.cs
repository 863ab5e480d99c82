using System.Collections.Concurrent;

namespace SensorChain.Ledger.Witnessing;

/// <summary>Witness state in memory (tests, benchmarks).</summary>
public sealed class MemoryWitnessStateStore : IWitnessStateStore
{
    private readonly ConcurrentDictionary<string, WitnessState> _states = new();

    /// <inheritdoc />
    public WitnessState? Get(string origin) => _states.GetValueOrDefault(origin);

    /// <inheritdoc />
    public void Set(string origin, WitnessState state) => _states[origin] = state;
}
