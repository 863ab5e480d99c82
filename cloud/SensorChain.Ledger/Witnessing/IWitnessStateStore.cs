namespace SensorChain.Ledger.Witnessing;

/// <summary>Durable memory of a witness: per log origin, the last checkpoint it cosigned.</summary>
public interface IWitnessStateStore
{
    /// <summary>The state for <paramref name="origin"/>, or null before the first cosignature.</summary>
    WitnessState? Get(string origin);

    /// <summary>Durably records the new state before the cosignature is released.</summary>
    void Set(string origin, WitnessState state);
}
