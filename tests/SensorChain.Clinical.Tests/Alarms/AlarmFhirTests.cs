using SensorChain.Clinical.Alarms;
using SensorChain.Clinical.Detection;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;
using SensorChain.Protocol;
using SensorChain.TestSupport;

namespace SensorChain.Clinical.Tests.Alarms;

/// <summary>Alarm Flags, DetectedIssues and Communications pass the independent FHIR R4 validator.</summary>
public sealed class AlarmFhirTests
{
    [Fact]
    public async Task Alarm_resources_through_their_lifecycle_pass_the_FHIR_validator()
    {
        var time = new ManualTimeProvider(DateTimeOffset.Parse("2026-11-22T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var manager = new AlarmManager(time, new AlarmFeed(), new AlarmOptions { Roster = ["dr-a", "dr-b"], AcknowledgeTimeout = TimeSpan.FromMinutes(2) });
        var raised = manager.Report(new ConditionEvent("p-7", ClinicalCondition.Desaturation, true, AlertSeverity.High, time.GetUtcNow(), "SpO2 86 %"))!;
        var open = manager.Find(raised.AlarmId)!;
        time.Advance(TimeSpan.FromMinutes(3));
        var escalated = manager.Tick().Single(c => c.Kind == AlarmChangeKind.Escalated);
        var cleared = manager.Clear(raised.AlarmId, "dr-b");
        var closed = manager.Find(raised.AlarmId)!;

        Resource[] resources =
        [
            AlarmFhir.ToFlag(open), AlarmFhir.ToDetectedIssue(open), AlarmFhir.ToCommunication(raised),
            AlarmFhir.ToCommunication(escalated), AlarmFhir.ToFlag(closed) with { Id = "closed" }, AlarmFhir.ToDetectedIssue(closed) with { Id = "closed" },
        ];
        Assert.Equal("inactive", ((Flag)resources[4]).Status);
        Assert.Equal("mitigated", ((DetectedIssue)resources[5]).Status);
        Assert.Equal("stat", ((Communication)resources[2]).Priority);
        Assert.Equal(AlarmChangeKind.Cleared, cleared.Kind);

        using var dir = new TempDirectory();
        var files = resources.Select((r, i) =>
        {
            var path = Path.Combine(dir.Path, $"{i}-{r.ResourceType}.json");
            File.WriteAllText(path, FhirJson.Serialize(r));
            return path;
        }).ToArray();
        var (exitCode, output) = await FhirValidator.ValidateAsync(false, files);
        Assert.True(exitCode == 0, output);
    }
}
