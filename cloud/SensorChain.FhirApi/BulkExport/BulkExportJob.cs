namespace SensorChain.FhirApi.BulkExport;

/// <summary>One asynchronous $export: its request, progress, and the files written so far.</summary>
public sealed class BulkExportJob : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<BulkExportFile> _files = [];

    internal BulkExportJob(string id, BulkExportRequest request, DateTimeOffset transactionTime, string directory)
    {
        Id = id;
        Request = request;
        TransactionTime = transactionTime;
        Directory = directory;
    }

    /// <summary>Job id (in the status URL).</summary>
    public string Id { get; }

    /// <summary>What was asked.</summary>
    public BulkExportRequest Request { get; }

    /// <summary>The export holds resources as of this time.</summary>
    public DateTimeOffset TransactionTime { get; }

    /// <summary>Folder of the output files.</summary>
    public string Directory { get; }

    /// <summary>Cancelled by DELETE.</summary>
    internal CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Current state.</summary>
    public BulkExportStatus Status { get; private set; }

    /// <summary>The failure, when <see cref="Status"/> is Failed.</summary>
    public string? Error { get; private set; }

    /// <summary>Resources written so far.</summary>
    public long Written { get; private set; }

    /// <summary>Resources left out because the requester has no consent for the patient's data.</summary>
    public long Withheld { get; private set; }

    /// <summary>Files finished so far.</summary>
    public IReadOnlyList<BulkExportFile> Files
    {
        get
        {
            lock (_gate)
            {
                return [.. _files];
            }
        }
    }

    /// <summary>A short progress text for <c>X-Progress</c>.</summary>
    public string Progress
    {
        get
        {
            lock (_gate)
            {
                return $"{_files.Count} of {Request.Types.Count} types, {Written} resources";
            }
        }
    }

    internal void AddWritten(long written, long withheld)
    {
        lock (_gate)
        {
            Written += written;
            Withheld += withheld;
        }
    }

    internal void AddFile(BulkExportFile file)
    {
        lock (_gate)
        {
            _files.Add(file);
        }
    }

    internal void Complete() => Status = BulkExportStatus.Completed;

    internal void Fail(string error)
    {
        Error = error;
        Status = BulkExportStatus.Failed;
    }

    /// <inheritdoc />
    public void Dispose() => Cancellation.Dispose();
}
