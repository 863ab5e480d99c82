using System.Globalization;
using SensorChain.FirmwareSim;
using Xunit.Abstractions;

namespace SensorChain.Clinical.Tests.Scenarios;

public sealed class ScenarioSuiteTests(ITestOutputHelper output)
{
    private const int Seconds = 150;
    private static readonly long[] Seeds = [1, 2, 3, 4, 5];

    [Fact]
    public void Every_scenario_raises_what_it_must_and_nothing_it_must_not()
    {
        var failures = new List<string>();
        output.WriteLine("scenario              seed  detected                                   missed   false    time-to-alert (s after onset)");
        foreach (var scenario in Scenario.All)
        {
            foreach (var seed in Seeds)
            {
                var raised = ScenarioRun.FirstRaise(scenario, seed, Seconds);
                var detected = scenario.MustRaise.Where(raised.ContainsKey).ToList();
                var missed = scenario.MustRaise.Where(c => !raised.ContainsKey(c)).ToList();
                var wrong = scenario.MustNotRaise.Where(raised.ContainsKey).ToList();
                var onset = scenario.Onset.TotalSeconds;
                var tta = string.Join(" ", detected.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c}={raised[c] - onset:F0}")));
                output.WriteLine($"{scenario.Id,-21} {seed,4}  {string.Join(",", detected),-42} {string.Join(",", missed),-8} {string.Join(",", wrong),-8} {tta}");
                failures.AddRange(missed.Select(c => $"{scenario.Id}/{seed}: missed {c}"));
                failures.AddRange(wrong.Select(c => $"{scenario.Id}/{seed}: false {c} at {raised[c]:F0}s ({ScenarioRun.Details[(scenario.Id, seed, c)]})"));
                if (scenario.Id == "stable" && raised.Count > 0)
                {
                    failures.Add($"stable/{seed}: raised {string.Join(",", raised.Keys)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }
}
