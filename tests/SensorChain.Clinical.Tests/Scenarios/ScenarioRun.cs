using SensorChain.Clinical.Detection;
using SensorChain.FirmwareSim;

namespace SensorChain.Clinical.Tests.Scenarios;

/// <summary>Runs the detectors over a simulated patient, 1-s windows, and records first raise times.</summary>
internal static class ScenarioRun
{
    public const long Start = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    public static System.Collections.Concurrent.ConcurrentDictionary<(string, long, string), string> Details { get; } = new();

    public static Dictionary<string, double> FirstRaise(Scenario scenario, long seed, int seconds)
    {
        var patient = new VirtualPatient(seed, scenario, Start);
        var detector = new PatientDetector("p-" + seed);
        var raised = new Dictionary<string, double>();
        for (var s = 0; s < seconds; s++)
        {
            var t = Start + s * 1000L;
            foreach (var e in detector.Process(t, 1000, patient.RenderWindow(t, 1000)))
            {
                if (e.Present && !raised.ContainsKey(e.Condition))
                {
                    raised[e.Condition] = (e.At.ToUnixTimeMilliseconds() - Start) / 1000.0;
                    Details[(scenario.Id, seed, e.Condition)] = e.Detail;
                }
            }
        }

        return raised;
    }
}
