using SensorChain.Transport;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary>What the benchmark's ingester process runs for each message, and what it reports afterwards.</summary>
internal interface IBenchIngester : IDisposable
{
    long Stored { get; }

    long Duplicates { get; }

    long Rejected { get; }

    /// <summary>Thread CPU time summed over threads per step (zero where a pipeline does not time its steps).</summary>
    (TimeSpan Decode, TimeSpan Verify, TimeSpan Store, long Commits) Phases { get; }

    /// <summary>Stopwatch ticks when each (patient, second) was stored, 0 if never: [patient * seconds + second].</summary>
    ReadOnlySpan<long> StoredTicks { get; }

    Task Handle(ReceivedBatch received, CancellationToken cancellationToken);

    /// <summary>Stops accepting work after what is queued is stored.</summary>
    void Close();

    /// <summary>Rows in the store, and how many devices have a complete, correctly linked chain 0..seconds-1.</summary>
    (long Rows, int CompleteChains) CheckChains();
}
