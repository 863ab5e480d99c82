using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SensorChain.Clinical.Alarms;
using SensorChain.Clinical.Detection;
using SensorChain.Clinical.Notifications;
using SensorChain.Ingest.Access;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Clinical.Tests.Notifications;

public sealed class NotificationCompositionTests
{
    [Fact]
    public async Task Composed_services_deliver_a_raised_alarm_to_the_rosters_webhook_and_keep_history_in_the_data_directory()
    {
        using var dir = new TempDirectory();
        using var receiver = new WebhookReceiver(_ => 200);
        var services = new ServiceCollection();
        services.AddSensorChainClinical(new AlarmOptions { Roster = ["dr-a"], DataDirectory = dir.Path });
        services.AddSensorChainNotifications(new NotificationOptions
        {
            Contacts = [new ClinicianContact("dr-a", Webhook: receiver.Url, WebhookSecret: "s3cret")],
        });
        await using var provider = services.BuildServiceProvider();
        Assert.IsType<OpenPatientDataAccess>(provider.GetRequiredService<IPatientDataAccess>());
        Assert.IsType<SqliteDeadLetterStore>(provider.GetRequiredService<IDeadLetterStore>());
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var h in hosted)
        {
            await h.StartAsync(CancellationToken.None);
        }

        var manager = provider.GetRequiredService<AlarmManager>();
        var feed = provider.GetRequiredService<AlarmFeed>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (feed.SubscriberCount == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        var raised = manager.Report(new ConditionEvent("p-5", ClinicalCondition.Bradycardia, true, AlertSeverity.Medium, DateTimeOffset.UnixEpoch, "HR 38"))!;
        while (receiver.Requests.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        foreach (var h in hosted)
        {
            await h.StopAsync(CancellationToken.None);
        }

        var (_, body) = Assert.Single(receiver.Requests);
        Assert.Equal(raised.AlarmId.ToString("N"), JsonDocument.Parse(body).RootElement.GetProperty("alarm").GetString());
        Assert.True(File.Exists(Path.Combine(dir.Path, "alarms.db")));
        Assert.IsType<SqliteAlarmHistoryStore>(manager.Store);
    }
}
