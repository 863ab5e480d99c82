using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SensorChain.Fhir;
using SensorChain.FhirApi.Access;
using SensorChain.Ingest.Access;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Storage;

namespace SensorChain.FhirApi.Subscriptions;

/// <summary>
/// R4 Subscriptions: keeps the active ones (stored as FHIR resources, reloaded on first use), matches every published
/// resource against their criteria, and delivers on one worker per subscription so a slow endpoint never blocks ingest
/// or other subscribers. Before every delivery it asks <see cref="IPatientDataAccess"/> (action Notify) for the
/// subscription's owner and the resource's patient, so a revoked consent stops deliveries at once.
/// </summary>
public sealed class SubscriptionService : IAsyncDisposable
{
    /// <summary>Extension holding the owner's principal id on a stored Subscription.</summary>
    public const string OwnerExtension = "https://sensorchain.example/fhir/StructureDefinition/subscription-owner";

    private readonly ConcurrentDictionary<string, ActiveSubscription> _active = new(StringComparer.Ordinal);
    private readonly IIngestStore _store;
    private readonly IPatientDataAccess _access;
    private readonly TimeProvider _time;
    private readonly FhirApiOptions _options;
    private readonly ILogger _logger;
    private readonly RestHookSender _restHook;
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private bool _loaded;

    /// <summary>Creates the service.</summary>
    public SubscriptionService(IIngestStore store, IPatientDataAccess access, TimeProvider time, FhirApiOptions options, ILogger<SubscriptionService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _access = access;
        _time = time;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _restHook = new RestHookSender(options, options.SubscriptionRetryClock ?? time, _logger);
        WebSockets = new SubscriptionWebSockets(this);
    }

    /// <summary>The websocket channel (bind-with-id, ping per match).</summary>
    public SubscriptionWebSockets WebSockets { get; }

    /// <summary>True when at least one subscription is active (publishers may skip work otherwise).</summary>
    public bool HasActive => !_loaded || !_active.IsEmpty;

    /// <summary>Stores, activates and starts serving a new Subscription owned by <paramref name="ownerId"/>.</summary>
    public async Task<FhirResourceRecord> CreateAsync(Subscription requested, SubscriptionCriteria criteria, string ownerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requested);
        await EnsureLoadedAsync(cancellationToken);
        var resource = requested with
        {
            Id = Guid.NewGuid().ToString("N"),
            Meta = null,
            Status = "active",
            Error = null,
            Extension = [.. (requested.Extension ?? []).Where(e => e.Url != OwnerExtension), new Extension { Url = OwnerExtension, ValueString = ownerId }],
        };
        var stored = await _store.UpsertResourceAsync(FhirRecords.From(resource, _time.GetUtcNow()), cancellationToken);
        Start(new ActiveSubscription(resource, ownerId, criteria, _options.SubscriptionQueueLimit, OnDropped));
        return stored;
    }

    /// <summary>Sets a subscription to <c>off</c> and stops its deliveries; false when it is not active.</summary>
    public async Task<bool> StopAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        if (!_active.TryRemove(id, out var subscription))
        {
            return false;
        }

        await subscription.Stop.CancelAsync();
        await SaveStatusAsync(subscription, "off", null, cancellationToken);
        subscription.Dispose();
        return true;
    }

    /// <summary>Matches a new or changed resource (Observation, DetectedIssue, Flag) against every active subscription.</summary>
    public async ValueTask PublishAsync(Resource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        await EnsureLoadedAsync(cancellationToken);
        foreach (var subscription in _active.Values)
        {
            if (subscription.Criteria.Matches(resource))
            {
                // Never blocks ingest: a full queue drops its oldest notification (OnDropped logs it).
                subscription.Queue.Writer.TryWrite(resource);
            }
        }
    }

    private void OnDropped(ActiveSubscription subscription) => SubscriptionLog.Dropped(_logger, subscription.Id);

    /// <summary>The owner of an active subscription, or null.</summary>
    public string? FindOwned(string id) => _active.TryGetValue(id, out var s) ? s.OwnerId : null;

    /// <summary>The active subscription <paramref name="id"/> owned by <paramref name="ownerId"/> with a websocket channel, or null.</summary>
    internal ActiveSubscription? FindWebSocket(string id, string ownerId) =>
        _active.TryGetValue(id, out var s) && s.OwnerId == ownerId && s.Resource.Channel.Type == "websocket" ? s : null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _active.Values)
        {
            await subscription.Stop.CancelAsync();
            subscription.Queue.Writer.TryComplete();
            await subscription.Worker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            subscription.Dispose();
        }

        _active.Clear();
        _restHook.Dispose();
        _loadGate.Dispose();
    }

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            if (_loaded)
            {
                return;
            }

            await foreach (var record in _store.ExportAsync("Subscription", null, cancellationToken))
            {
                if (FhirRecords.ToResource(record) is Subscription { Status: "active" } s
                    && s.Extension?.FirstOrDefault(e => e.Url == OwnerExtension)?.ValueString is { } owner
                    && SubscriptionCriteria.TryParse(s.Criteria, out _) is { } criteria)
                {
                    Start(new ActiveSubscription(s, owner, criteria, _options.SubscriptionQueueLimit, OnDropped));
                }
            }

            _loaded = true;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    private void Start(ActiveSubscription subscription)
    {
        _active[subscription.Id] = subscription;
        subscription.Worker = Task.Run(() => DeliverAllAsync(subscription, subscription.Stop.Token));
    }

    private async Task DeliverAllAsync(ActiveSubscription subscription, CancellationToken ct)
    {
        try
        {
            await foreach (var resource in subscription.Queue.Reader.ReadAllAsync(ct))
            {
                if (FhirRequestAccess.PatientOf(resource) is { } patient)
                {
                    var allowed = await _access.AuthorizeAsync(new PatientDataAccessRequest(subscription.OwnerId, patient,
                        FhirRequestAccess.CategoryOf(resource), PatientDataAction.Notify, $"Subscription/{subscription.Id} notification {resource.ResourceType}"), ct);
                    if (!allowed)
                    {
                        Interlocked.Increment(ref subscription.Suppressed);
                        SubscriptionLog.Suppressed(_logger, subscription.Id);
                        continue;
                    }
                }

                if (subscription.Resource.Channel.Type == "websocket")
                {
                    await WebSockets.PingAsync(subscription.Id, ct);
                }
                else if (await _restHook.SendAsync(subscription, resource, ct) is { } error)
                {
                    SubscriptionLog.SetToError(_logger, subscription.Id, error);
                    _active.TryRemove(subscription.Id, out _);
                    await SaveStatusAsync(subscription, "error", error, CancellationToken.None);
                    return;
                }

                Interlocked.Increment(ref subscription.Delivered);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task SaveStatusAsync(ActiveSubscription subscription, string status, string? error, CancellationToken cancellationToken)
    {
        subscription.Resource = subscription.Resource with { Status = status, Error = error };
        await _store.UpsertResourceAsync(FhirRecords.From(subscription.Resource, _time.GetUtcNow()), cancellationToken);
    }
}
