using System.Security.Cryptography;
using SensorChain.FirmwareSim;
using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Storage;
using SensorChain.Protocol;

namespace SensorChain.Web.Tests.Support;

/// <summary>
/// In-test producer: renders 1-s windows from the firmware simulator, signs them with a device key (protocol
/// BatchCodec) and hands each as an <see cref="AcceptedBatch"/> to the web app's handlers, as the ingester would.
/// </summary>
public sealed class BatchFeeder : IAsyncDisposable
{
    private readonly IReadOnlyList<IAcceptedBatchHandler> _handlers;
    private readonly DeviceKey _key = DeviceKey.Create();
    private readonly DeviceEnrollment _enrollment;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private ulong _sequence;
    private BatchHash _previous;
    private long _windowStartMs;

    public BatchFeeder(IEnumerable<IAcceptedBatchHandler> handlers, string patientId, Scenario scenario)
    {
        _handlers = handlers.ToList();
        _enrollment = new DeviceEnrollment(_key.Id, _key.PublicKeySpki, patientId, DateTimeOffset.UtcNow);
        _windowStartMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000;
        Patient = new VirtualPatient(7, scenario, _windowStartMs);
    }

    /// <summary>The simulated patient windows are rendered from; swap it to start a scenario event.</summary>
    public VirtualPatient Patient { get; set; }

    /// <summary>Start of the next window (virtual time).</summary>
    public long NextWindowStartMs => Interlocked.Read(ref _windowStartMs);

    /// <summary>Batches handed to the handlers.</summary>
    public int Sent { get; private set; }

    /// <summary>Feeds one batch now.</summary>
    public async Task FeedOneAsync(CancellationToken cancellationToken)
    {
        var start = Interlocked.Read(ref _windowStartMs);
        var channels = Patient.RenderWindow(start, 1000);
        var batch = new SensorBatch(_key.Id, _sequence, _previous, start, 1000, RandomNumberGenerator.GetBytes(16), channels);
        var signed = BatchCodec.Sign(batch, _key);
        var accepted = new AcceptedBatch(signed, _enrollment, DateTimeOffset.UtcNow, []);
        foreach (var handler in _handlers)
        {
            await handler.HandleAsync(accepted, cancellationToken);
        }

        _previous = signed.Hash;
        _sequence++;
        Interlocked.Add(ref _windowStartMs, 1000);
        Sent++;
    }

    /// <summary>Feeds a batch every <paramref name="interval"/> in the background.</summary>
    public void Start(TimeSpan interval)
    {
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await FeedOneAsync(_stop.Token);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
        _key.Dispose();
    }
}
