using System.Collections.Concurrent;
using System.Net;
using SensorChain.TestSupport;

namespace SensorChain.Clinical.Tests.Notifications;

/// <summary>A real HTTP endpoint on 127.0.0.1 (HttpListener) that answers with a chosen status per request.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<int, int> _status;
    private readonly Task _loop;
    private int _count;

    public WebhookReceiver(Func<int, int> statusForRequestNumber, Action<int>? onRequest = null)
    {
        _status = statusForRequestNumber;
        OnRequest = onRequest;
        var port = LoopbackPorts.Next();
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public Action<int>? OnRequest { get; }

    public ConcurrentQueue<(Dictionary<string, string> Headers, byte[] Body)> Requests { get; } = new();

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var n = Interlocked.Increment(ref _count);
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue((headers, body.ToArray()));
            OnRequest?.Invoke(n);
            context.Response.StatusCode = _status(n);
            context.Response.Close();
        }
    }

}
