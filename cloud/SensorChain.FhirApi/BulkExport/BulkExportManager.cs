using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SensorChain.Fhir.Serialization;
using SensorChain.FhirApi.Access;
using SensorChain.Ingest.Access;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;

namespace SensorChain.FhirApi.BulkExport;

/// <summary>
/// Runs FHIR Bulk Data exports in the background: one NDJSON file per resource type, holding the current version of
/// every resource changed at or after <c>_since</c> and not after the transaction time, leaving out patients whose
/// data the requester may not have (asked once per patient and category, action Execute).
/// </summary>
public sealed class BulkExportManager : IDisposable
{
    private readonly ConcurrentDictionary<string, (BulkExportJob Job, Task Run)> _jobs = new(StringComparer.Ordinal);
    private readonly IIngestStore _store;
    private readonly IPatientDataAccess _access;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _root;
    private readonly bool _ownsRoot;

    /// <summary>Creates the manager.</summary>
    public BulkExportManager(IIngestStore store, IPatientDataAccess access, TimeProvider time, FhirApiOptions options, ILogger<BulkExportManager>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _access = access;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _ownsRoot = options.ExportDirectory is null;
        _root = options.ExportDirectory ?? Path.Combine(Path.GetTempPath(), "sensorchain-export-" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>Starts an export; returns at once.</summary>
    public BulkExportJob Start(BulkExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = Guid.NewGuid().ToString("N");
        var job = new BulkExportJob(id, request, _time.GetUtcNow(), Path.Combine(_root, id));
        _jobs[id] = (job, Task.Run(() => RunAsync(job, job.Cancellation.Token)));
        return job;
    }

    /// <summary>A job by id, or null (unknown or cancelled).</summary>
    public BulkExportJob? Find(string id) => _jobs.TryGetValue(id, out var entry) ? entry.Job : null;

    /// <summary>Cancels a job and deletes its files. False when the id is not known.</summary>
    public async Task<bool> CancelAsync(string id)
    {
        if (!_jobs.TryRemove(id, out var entry))
        {
            return false;
        }

        await entry.Job.Cancellation.CancelAsync();
        await entry.Run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        DeleteFolder(entry.Job.Directory);
        entry.Job.Dispose();
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var id in _jobs.Keys)
        {
            CancelAsync(id).GetAwaiter().GetResult();
        }

        if (_ownsRoot)
        {
            DeleteFolder(_root);
        }
    }

    private async Task RunAsync(BulkExportJob job, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(job.Directory);
            var access = FhirRequestAccess.For(_access, job.Request.PrincipalId, PatientDataAction.Execute, "bulk export");
            foreach (var type in job.Request.Types)
            {
                var name = type + ".ndjson";
                var path = Path.Combine(job.Directory, name);
                long count = 0;
                await using (var file = File.Create(path))
                {
                    await foreach (var record in _store.ExportAsync(type, job.Request.Since, ct))
                    {
                        if (record.LastUpdated > job.TransactionTime)
                        {
                            continue;
                        }

                        var resource = FhirRecords.ToResource(record);
                        if (!await access.AllowsAsync(resource, ct))
                        {
                            job.AddWritten(0, 1);
                            continue;
                        }

                        await file.WriteAsync(FhirJson.SerializeToUtf8Bytes(resource), ct);
                        file.WriteByte((byte)'\n');
                        count++;
                        if (count % 1000 == 0)
                        {
                            job.AddWritten(1000, 0);
                        }
                    }
                }

                job.AddWritten(count % 1000, 0);
                job.AddFile(new BulkExportFile(type, name, path, count));
            }

            job.Complete();
            BulkExportLog.Finished(_logger, job.Id, job.Written, job.Files.Count, job.Withheld);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            job.Fail("cancelled");
        }
#pragma warning disable CA1031 // a failed export is reported on its status URL, never thrown into the thread pool
        catch (Exception ex)
#pragma warning restore CA1031
        {
            BulkExportLog.Failed(_logger, job.Id, ex);
            job.Fail($"The export failed: {ex.GetType().Name}.");
        }
    }

    private static void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a file still open by a download is removed with the temp folder later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
