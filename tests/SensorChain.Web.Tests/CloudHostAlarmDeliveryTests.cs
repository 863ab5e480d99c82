using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SensorChain.Cli.Hosting;
using SensorChain.Clinical.Alarms;
using SensorChain.Clinical.Detection;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;
using SensorChain.Protocol;
using SensorChain.TestSupport;
using SensorChain.Web.Accounts;

namespace SensorChain.Web.Tests;

/// <summary>
/// In the cloud host an alarm reaches the doctor's webhook (from the notifications file) and fires a FHIR
/// <c>DetectedIssue</c> subscription, both over real HTTP on 127.0.0.1.
/// </summary>
public sealed class CloudHostAlarmDeliveryTests
{
    private const string Patient = "pat-host-0001";

    [Fact]
    public async Task An_alarm_reaches_the_doctors_webhook_and_a_DetectedIssue_subscription()
    {
        using var dir = new TempDirectory();
        using var receiver = new Receiver();
        var settings = Path.Combine(dir.Path, "notifications.json");
        await File.WriteAllTextAsync(settings, $$"""
            { "dashboardBaseUrl": "http://127.0.0.1:5080/",
              "contacts": [ { "id": "dr.dave", "webhook": "{{receiver.Url}}hook", "webhookSecret": "s3cret" } ] }
            """);
        await using var app = await CloudHost.BuildAsync(
            new CloudHostOptions { DataDirectory = Path.Combine(dir.Path, "cloud"), Urls = "http://127.0.0.1:0", Notifications = NotificationsFile.Load(settings) },
            CancellationToken.None);
        await app.StartAsync();
        try
        {
            var users = await DemoSeeder.SeedAsync(app.Services, [Patient], CancellationToken.None);
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var dave = users.Single(u => u.Username == "dr.dave");
            var token = await (await http.PostAsJsonAsync("/api/token", new { username = dave.Username, password = dave.Password, scope = "user/*.read user/Subscription.write" }))
                .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            var subscription = new Subscription
            {
                Status = "requested",
                Reason = "alerts for my patient",
                Criteria = $"DetectedIssue?patient={Patient}",
                Channel = new SubscriptionChannel { Type = "rest-hook", Endpoint = receiver.Url + "fhir", Payload = FhirJson.MediaType },
            };
            using var post = new HttpRequestMessage(HttpMethod.Post, "/fhir/Subscription") { Content = new StringContent(FhirJson.Serialize(subscription), Encoding.UTF8, FhirJson.MediaType) };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
            using var created = await http.SendAsync(post);
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

            var alarms = app.Services.GetRequiredService<AlarmManager>();
            var raised = alarms.Report(new ConditionEvent(Patient, ClinicalCondition.Desaturation, true, AlertSeverity.High, TimeProvider.System.GetUtcNow(), "SpO2 86 %"))!;

            var fhirCall = await receiver.WaitForAsync(r => r.Path.StartsWith("/fhir/", StringComparison.Ordinal));
            Assert.Equal("PUT", fhirCall.Method);
            Assert.Equal($"/fhir/DetectedIssue/{raised.AlarmId:N}", fhirCall.Path);
            Assert.Equal("final", FhirJson.Deserialize<DetectedIssue>(fhirCall.Body).Status);

            var hook = await receiver.WaitForAsync(r => r.Path == "/hook");
            Assert.Equal("POST", hook.Method);
            Assert.Contains(hook.Headers, h => h.Key.Contains("Signature", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("SpO2", hook.Body, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private sealed record Request(string Method, string Path, Dictionary<string, string> Headers, string Body);

    private sealed class Receiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<Request> _requests = new();
        private readonly Task _loop;

        public Receiver()
        {
            var port = LoopbackPorts.Next();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string Url { get; }

        public async Task<Request> WaitForAsync(Func<Request, bool> match)
        {
            for (var i = 0; i < 300; i++)
            {
                if (_requests.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"No matching request in 30 s; got: {string.Join(", ", _requests.Select(r => r.Method + " " + r.Path))}");
        }

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

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty);
                _requests.Enqueue(new Request(context.Request.HttpMethod, context.Request.Url!.AbsolutePath.TrimEnd('/'), headers, body));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
    }
}
