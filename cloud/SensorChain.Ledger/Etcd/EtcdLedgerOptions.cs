namespace SensorChain.Ledger.Etcd;

/// <summary>Settings of one organization's ledger node on the shared etcd cluster.</summary>
public sealed record EtcdLedgerOptions
{
    /// <summary>Log origin (shared by all nodes of the consortium).</summary>
    public required string Origin { get; init; }

    /// <summary>This node's name (unique in the consortium), e.g. the organization.</summary>
    public required string NodeName { get; init; }

    /// <summary>Comma-separated etcd client URLs, this node's own member first.</summary>
    public required string Endpoints { get; init; }

    /// <summary>How often followers poll for new checkpoints and the sequencer for submissions.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Sequencer lease TTL: a dead sequencer is replaced after about this long.</summary>
    public int LeaseTtlSeconds { get; init; } = 2;

    /// <summary>Most pending submissions folded into one checkpoint.</summary>
    public int MaxSubmissionsPerCheckpoint { get; init; } = 512;

    /// <summary>Least time between checkpoints marked for witnessing.</summary>
    public TimeSpan WitnessInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>etcd key prefix of this log.</summary>
    public string Prefix => "/sensorchain/ledger/" + Origin + "/";
}
