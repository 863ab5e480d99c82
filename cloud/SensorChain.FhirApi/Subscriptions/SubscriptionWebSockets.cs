using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace SensorChain.FhirApi.Subscriptions;

/// <summary>
/// The R4 websocket channel: a client connects, sends <c>bind &lt;subscription id&gt;</c> (its own subscriptions only),
/// gets <c>bound &lt;id&gt;</c>, then <c>ping &lt;id&gt;</c> on every match and fetches the news with a search.
/// </summary>
public sealed class SubscriptionWebSockets
{
    private readonly SubscriptionService _service;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<WebSocket, SemaphoreSlim>> _bound = new(StringComparer.Ordinal);

    internal SubscriptionWebSockets(SubscriptionService service) => _service = service;

    /// <summary>Serves one connection of <paramref name="principalId"/> until it closes.</summary>
    public async Task RunAsync(WebSocket socket, string principalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var gate = new SemaphoreSlim(1, 1);
        var boundTo = new List<string>();
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
                    break;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, received.Count).Trim();
                var id = text.StartsWith("bind ", StringComparison.Ordinal) ? text[5..].Trim() : null;
                string reply;
                if (id is null)
                {
                    reply = "error expected 'bind <subscription id>'";
                }
                else if (_service.FindWebSocket(id, principalId) is null)
                {
                    reply = $"error {id} is not an active websocket subscription of yours";
                }
                else
                {
                    _bound.GetOrAdd(id, _ => new())[socket] = gate;
                    boundTo.Add(id);
                    reply = "bound " + id;
                }

                await SendAsync(socket, gate, reply, cancellationToken);
            }
        }
        catch (WebSocketException)
        {
            // The client went away.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var id in boundTo)
            {
                if (_bound.TryGetValue(id, out var sockets))
                {
                    sockets.TryRemove(socket, out _);
                }
            }

            gate.Dispose();
        }
    }

    /// <summary>Sends <c>ping &lt;id&gt;</c> to every socket bound to the subscription.</summary>
    internal async Task PingAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        if (!_bound.TryGetValue(subscriptionId, out var sockets))
        {
            return;
        }

        foreach (var (socket, gate) in sockets)
        {
            try
            {
                await SendAsync(socket, gate, "ping " + subscriptionId, cancellationToken);
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                sockets.TryRemove(socket, out _);
            }
        }
    }

    private static async Task SendAsync(WebSocket socket, SemaphoreSlim gate, string text, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}
