using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.Cloud.Tests.Support;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;
using SensorChain.FhirApi.Subscriptions;
using SensorChain.Ingest.Access;
using SensorChain.Ingest.Mapping;
using SensorChain.Ingest.Pipeline;

namespace SensorChain.Cloud.Tests.Api;

/// <summary>R4 Subscriptions: rest-hook to a real HTTP listener, websocket with a real client, consent on every delivery.</summary>
public abstract partial class FhirApiSuite<THost>
{
    [Fact]
    public async Task Rest_hook_puts_each_matching_observation_and_stops_when_consent_is_revoked()
    {
        await using var hook = await HookListener.StartAsync();
        var subscription = await SubscribeAsync($"Observation?patient={Host.OtherPatientId}&code=http://loinc.org|8867-4", "rest-hook",
            hook.Url + "/hook", "application/fhir+json", ["Authorization: Bearer hook-secret"]);
        try
        {
            var (_, created) = await PostAsync(NewObservation("sub-" + Guid.NewGuid().ToString("N")));
            var received = await hook.NextAsync();
            Assert.Equal("PUT", received.Method);
            Assert.Equal($"/hook/Observation/{created!.Id}", received.Path);
            Assert.Equal("Bearer hook-secret", received.Authorization);
            Assert.Equal(created.Id, FhirJson.Deserialize<Observation>(received.Body).Id);
            Assert.Contains(Host.Access.Requests, r => r.Action == PatientDataAction.Notify && r.PatientId == Host.OtherPatientId && r.PrincipalId == "anonymous");

            var other = NewObservation("sub-rr-" + Guid.NewGuid().ToString("N")) with { Code = CodeableConcept.Of(FhirSystems.Loinc, "9279-1", "Respiratory rate") };
            await PostAsync(other);
            Host.Access.Denied[(Host.OtherPatientId, PatientDataCategory.Vitals)] = true;
            var subscriptions = Host.Services.GetRequiredService<SubscriptionService>();
            await subscriptions.PublishAsync(NewObservation("sub-denied") with { Id = "denied-" + Guid.NewGuid().ToString("N") }, CancellationToken.None);
            await WaitUntilAsync(() => Host.Access.Requests.Count(r => r.Action == PatientDataAction.Notify && r.What.Contains(subscription.Id!, StringComparison.Ordinal)) >= 2);
            Host.Access.Denied.Clear();
            var (_, allowedAgain) = await PostAsync(NewObservation("sub-again-" + Guid.NewGuid().ToString("N")));
            var next = await hook.NextAsync();
            Assert.Equal($"/hook/Observation/{allowedAgain!.Id}", next.Path);
        }
        finally
        {
            Host.Access.Denied.Clear();
            using var delete = await Host.Client.DeleteAsync(new Uri($"/fhir/Subscription/{subscription.Id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        var (_, off) = await GetAsync($"/fhir/Subscription/{subscription.Id}");
        Assert.Equal("off", Assert.IsType<Subscription>(off).Status);
    }

    [Fact]
    public async Task Rest_hook_retries_with_backoff_then_shows_the_error_on_the_subscription()
    {
        await using var hook = await HookListener.StartAsync();
        hook.Status = 500;
        var subscription = await SubscribeAsync($"Observation?patient={Host.OtherPatientId}", "rest-hook", hook.Url + "/broken", null, null);
        await PostAsync(NewObservation("fail-" + Guid.NewGuid().ToString("N")));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var received = await hook.NextAsync();
            Assert.Equal("POST", received.Method);
            Assert.Equal(string.Empty, received.Body);
        }

        Subscription? current = null;
        await WaitUntilAsync(async () =>
        {
            var (_, resource) = await GetAsync($"/fhir/Subscription/{subscription.Id}");
            current = resource as Subscription;
            return current?.Status == "error";
        });
        Assert.Contains("failed after 3 attempts", current!.Error, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", current.Error, StringComparison.Ordinal);
        Assert.Equal("2", current.Meta!.VersionId);
        Assert.False(hook.Requests.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Websocket_client_binds_and_gets_a_ping_per_match()
    {
        var subscription = await SubscribeAsync($"Observation?patient={Host.PatientId}&code=8867-4", "websocket", null, null, null);
        using var socket = new ClientWebSocket();
        var ws = new UriBuilder(Host.BaseUrl) { Scheme = "ws" }.Uri + "/$subscription-websocket";
        await socket.ConnectAsync(new Uri(ws), CancellationToken.None);
        await SendTextAsync(socket, "bind nope");
        Assert.StartsWith("error nope", await ReceiveTextAsync(socket), StringComparison.Ordinal);
        await SendTextAsync(socket, "bind " + subscription.Id);
        Assert.Equal("bound " + subscription.Id, await ReceiveTextAsync(socket));

        // An accepted batch reaches the subscriptions through the ingest handler the FHIR API registers.
        var handler = Host.Services.GetServices<IAcceptedBatchHandler>().Single(h => h.Name == "fhir-subscriptions");
        var enrollment = (await Host.Store.FindDeviceAsync(Host.Gateway.Device, CancellationToken.None))!;
        var signed = SensorChain.Protocol.BatchCodec.Decode(Host.Gateway.Next().Bytes);
        var heartRate = BatchFhirMapper.ObservationId(Host.Gateway.Device, 6, SensorCodes.HeartRate);
        var spo2 = BatchFhirMapper.ObservationId(Host.Gateway.Device, 6, SensorCodes.SpO2);
        await handler.HandleAsync(new AcceptedBatch(signed, enrollment, Host.Time.GetUtcNow(), [spo2, heartRate]), CancellationToken.None);
        Assert.Equal("ping " + subscription.Id, await ReceiveTextAsync(socket));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        using var delete = await Host.Client.DeleteAsync(new Uri($"/fhir/Subscription/{subscription.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
    }

    [Fact]
    public async Task Unsupported_subscriptions_are_422_with_the_reason()
    {
        foreach (var (criteria, type, endpoint, says) in new[]
        {
            ("Medication?code=1", "rest-hook", "http://127.0.0.1:1/x", "criteria resource type"),
            ("Observation?flavour=mint", "rest-hook", "http://127.0.0.1:1/x", "flavour"),
            ("Observation?patient=1", "email", "mailto:a@example.org", "channel.type"),
            ("Observation?patient=1", "rest-hook", "not a url", "channel.endpoint"),
        })
        {
            using var content = new StringContent(FhirJson.Serialize(Subscription(criteria, type, endpoint, null, null)), Encoding.UTF8, FhirJson.MediaType);
            using var response = await Host.Client.PostAsync(new Uri("/fhir/Subscription", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var outcome = FhirJson.Deserialize<OperationOutcome>(await response.Content.ReadAsStringAsync());
            Assert.Contains(says, outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        }
    }

    private static Subscription Subscription(string criteria, string type, string? endpoint, string? payload, IReadOnlyList<string>? headers) => new()
    {
        Status = "requested",
        Reason = "test",
        Criteria = criteria,
        Channel = new SubscriptionChannel { Type = type, Endpoint = endpoint, Payload = payload, Header = headers },
    };

    private async Task<Subscription> SubscribeAsync(string criteria, string type, string? endpoint, string? payload, IReadOnlyList<string>? headers)
    {
        using var content = new StringContent(FhirJson.Serialize(Subscription(criteria, type, endpoint, payload, headers)), Encoding.UTF8, FhirJson.MediaType);
        using var response = await Host.Client.PostAsync(new Uri("/fhir/Subscription", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var created = FhirJson.Deserialize<Subscription>(body);
        Assert.Equal("active", created.Status);
        return created;
    }

    private static async Task WaitUntilAsync(Func<bool> condition) => await WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 400; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The condition did not hold within 20 s.");
    }

    private static Task SendTextAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
