using System.Globalization;
using SensorChain.FirmwareSim;

namespace SensorChain.Cli.Commands.Fleet;

/// <summary>Parses <c>--mix stable=3,fall=1</c> (a bare name weighs 1) into the fleet's scenario shares.</summary>
internal static class FleetMix
{
    public static bool TryParse(string text, out IReadOnlyList<ScenarioShare> mix, out string error)
    {
        var shares = new List<ScenarioShare>();
        mix = shares;
        error = string.Empty;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            var weight = 1.0;
            if (!Scenario.TryParse(name, out var scenario))
            {
                error = $"--mix: unknown scenario '{name}'. Use one of: {Scenario.ValidNames}.";
                return false;
            }

            if (eq >= 0 && (!double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !(weight > 0) || double.IsInfinity(weight)))
            {
                error = $"--mix: the weight of '{name}' must be a positive number, got '{part[(eq + 1)..]}'.";
                return false;
            }

            shares.Add(new ScenarioShare(scenario, weight));
        }

        if (shares.Count == 0)
        {
            error = "--mix needs at least one scenario, e.g. stable=3,fall=1.";
            return false;
        }

        return true;
    }
}
