using System.Threading.Channels;
using SensorChain.Web.Accounts;
using SensorChain.Web.Consent;

namespace SensorChain.Web.Live;

/// <summary>One open live stream of one viewer for one patient. Ends (with <see cref="Revoked"/> set) when consent no longer allows it.</summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<LiveFrameView> _channel = Channel.CreateBounded<LiveFrameView>(
        new BoundedChannelOptions(32) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Action<LiveSubscription> _onDispose;

    internal LiveSubscription(WebUser user, string patientId, Action<LiveSubscription> onDispose)
    {
        User = user;
        PatientId = patientId;
        _onDispose = onDispose;
    }

    /// <summary>The viewer.</summary>
    public WebUser User { get; }

    /// <summary>The patient.</summary>
    public string PatientId { get; }

    /// <summary>True once the stream was closed because access ended.</summary>
    public bool Revoked { get; private set; }

    /// <summary>Frames for this viewer; completes when access ends.</summary>
    public ChannelReader<LiveFrameView> Frames => _channel.Reader;

    internal void Offer(LiveFrame frame, IReadOnlySet<DataCategory> allowed)
    {
        var waves = frame.Waves.Where(w => allowed.Contains(w.Category)).Select(w => new LiveWaveView(w.Name, w.Unit, w.RateHz, w.Values)).ToList();
        var vitals = frame.Vitals.Filtered(allowed.Contains(DataCategory.Vitals), allowed.Contains(DataCategory.Glucose));
        _channel.Writer.TryWrite(new LiveFrameView(frame.StartUnixMs, frame.DurationMs, frame.Sequence, waves, vitals));
    }

    internal void Revoke()
    {
        Revoked = true;
        _channel.Writer.TryComplete();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _onDispose(this);
    }
}
