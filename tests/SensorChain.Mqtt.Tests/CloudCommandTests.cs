using SensorChain.TestSupport;

namespace SensorChain.Mqtt.Tests;

public sealed class CloudCommandTests
{
    [Fact]
    public async Task Negative_takeover_grace_is_refused_with_a_message_naming_the_option()
    {
        var result = await CliProcess.RunAsync(["cloud", "run", "--broker", "mqtt://127.0.0.1:1", "--takeover-grace", "-1"], TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--takeover-grace", result.StandardError);
    }

    [Fact]
    public async Task Takeover_grace_from_the_environment_that_is_not_a_number_is_refused()
    {
        var result = await CliProcess.RunAsync(["cloud", "run", "--broker", "mqtt://127.0.0.1:1"], TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["SENSORCHAIN_TAKEOVER_GRACE"] = "soon" });
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("SENSORCHAIN_TAKEOVER_GRACE", result.StandardError);
    }

    [Theory]
    [InlineData("--connections", "0")]
    [InlineData("--connections", "65")]
    [InlineData("--keep-alive", "2")]
    public async Task Connections_or_keep_alive_out_of_range_is_refused_with_a_message_naming_the_option(string option, string value)
    {
        var result = await CliProcess.RunAsync(["cloud", "run", "--broker", "mqtt://127.0.0.1:1", option, value], TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(option, result.StandardError);
    }
}
