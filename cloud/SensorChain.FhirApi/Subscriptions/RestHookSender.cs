using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;

namespace SensorChain.FhirApi.Subscriptions;

/// <summary>
/// The R4 rest-hook channel: without payload an empty POST to the endpoint; with payload the resource is PUT to
/// <c>[endpoint]/[type]/[id]</c>. channel.header lines (<c>Name: value</c>) are sent as HTTP headers. Failures are
/// retried with exponential backoff (<see cref="FhirApiOptions.SubscriptionRetryDelay"/> doubling) up to
/// <see cref="FhirApiOptions.SubscriptionMaxAttempts"/> attempts.
/// </summary>
internal sealed class RestHookSender(FhirApiOptions options, TimeProvider clock, ILogger logger) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Delivers one notification; null on success, else what went wrong on the last attempt.</summary>
    public async Task<string?> SendAsync(ActiveSubscription subscription, Resource resource, CancellationToken ct)
    {
        var channel = subscription.Resource.Channel;
        string? reason = null;
        for (var attempt = 1; attempt <= options.SubscriptionMaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(options.SubscriptionRetryDelay * Math.Pow(2, attempt - 2), clock, ct);
            }

            using var request = Request(channel, resource);
            try
            {
                using var response = await _http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    return null;
                }

                reason = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}");
            }
            catch (HttpRequestException ex)
            {
                reason = ex.HttpRequestError.ToString();
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                reason = "timed out";
            }

            SubscriptionLog.AttemptFailed(logger, subscription.Id, attempt, reason);
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"rest-hook delivery to {channel.Endpoint} failed after {options.SubscriptionMaxAttempts} attempts (last: {reason}).");
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Request(SubscriptionChannel channel, Resource resource)
    {
        var endpoint = channel.Endpoint!.TrimEnd('/');
        HttpRequestMessage request;
        if (string.IsNullOrEmpty(channel.Payload))
        {
            request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        }
        else
        {
            request = new HttpRequestMessage(HttpMethod.Put, $"{endpoint}/{resource.ResourceType}/{Uri.EscapeDataString(resource.Id ?? string.Empty)}")
            {
                Content = new ByteArrayContent(FhirJson.SerializeToUtf8Bytes(resource)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(channel.Payload);
        }

        foreach (var line in channel.Header ?? [])
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            request.Headers.TryAddWithoutValidation(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }

        return request;
    }
}
