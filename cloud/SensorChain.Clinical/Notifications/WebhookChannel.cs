using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SensorChain.Clinical.Notifications;

/// <summary>
/// POSTs a small JSON document per notification to the clinician's webhook. The body is signed: header
/// <c>X-SensorChain-Timestamp</c> (Unix seconds) and <c>X-SensorChain-Signature: v1=&lt;hex HMAC-SHA256(secret,
/// timestamp + "." + body)&gt;</c>, so a receiver can check origin, integrity and freshness (reject old timestamps).
/// The body carries ids, condition code, priority and a dashboard link, not the measured values.
/// </summary>
public sealed class WebhookChannel(HttpClient http, TimeProvider time) : INotificationChannel
{
    /// <summary>Header with the signing time (Unix seconds).</summary>
    public const string TimestampHeader = "X-SensorChain-Timestamp";

    /// <summary>Header with the signature.</summary>
    public const string SignatureHeader = "X-SensorChain-Signature";

    /// <summary>Header with the delivery id (idempotency key: retries repeat it).</summary>
    public const string DeliveryHeader = "X-SensorChain-Delivery";

    /// <inheritdoc />
    public string Name => "webhook";

    /// <inheritdoc />
    public bool CanReach(ClinicianContact recipient) => recipient.Webhook is not null && !string.IsNullOrEmpty(recipient.WebhookSecret);

    /// <summary>The signature value for a body signed at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>The JSON body of a notification.</summary>
    public static byte[] Body(AlarmNotification notification)
    {
        var c = notification.Change;
        var json = new JsonObject
        {
            ["delivery"] = notification.DeliveryId,
            ["event"] = c.Kind.ToString(),
            ["alarm"] = c.AlarmId.ToString("N"),
            ["sequence"] = c.Sequence,
            ["patient"] = c.PatientId,
            ["condition"] = c.Condition,
            ["severity"] = c.Severity.ToString(),
            ["state"] = c.State.ToString(),
            ["at"] = c.At.ToString("O", CultureInfo.InvariantCulture),
            ["recipient"] = notification.Recipient.Id,
            ["link"] = notification.Link.ToString(),
        };
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <inheritdoc />
    public async Task SendAsync(AlarmNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var to = notification.Recipient;
        if (to.Webhook is null || string.IsNullOrEmpty(to.WebhookSecret))
        {
            throw new InvalidOperationException($"Clinician {to.Id} has no webhook with a secret.");
        }

        var body = Body(notification);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, to.Webhook) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Sign(to.WebhookSecret, timestamp, body));
        request.Headers.Add(DeliveryHeader, notification.DeliveryId);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }
}
