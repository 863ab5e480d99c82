using SensorChain.TestSupport;

namespace SensorChain.Mqtt.Tests;

public sealed class SimFleetCommandTests
{
    [Theory]
    [InlineData("--patients", "0", "--patients")]
    [InlineData("--mix", "stable,nosuch", "nosuch")]
    [InlineData("--mix", "stable=-1", "stable")]
    [InlineData("--duration", "0", "--duration")]
    public async Task Bad_fleet_options_are_refused_naming_what_was_wrong(string option, string value, string named)
    {
        string[] arguments = ["sim", "fleet", "--broker", "mqtt://127.0.0.1:1", "--data", Path.Combine(Path.GetTempPath(), "unused-fleet"), option, value];
        var result = await CliProcess.RunAsync(option == "--patients" ? arguments : [.. arguments, "--patients", "2"], TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(named, result.StandardError, StringComparison.Ordinal);
    }
}
