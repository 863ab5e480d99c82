using SensorChain.Protocol;

namespace SensorChain.FirmwareSim.Tests;

public sealed class ContinuityTests
{
    public static TheoryData<string> Scenarios() => [.. Scenario.All.Select(s => s.Id)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Two_one_second_windows_equal_one_two_second_window(string id)
    {
        var p = Sim.Patient(Scenario.Parse(id), seed: 11);
        foreach (var startSecond in new[] { 0, 9, 10, 39 })
        {
            var start = Sim.Start + (startSecond * 1000L);
            var whole = p.RenderWindow(start, 2000);
            var first = p.RenderWindow(start, 1000);
            var second = p.RenderWindow(start + 1000, 1000);
            AssertJoined(whole, first, second, 1000);
        }
    }

    [Fact]
    public void Quarter_second_windows_join_into_the_full_second()
    {
        var p = Sim.Patient(Scenario.Fall, seed: 3);
        var start = Sim.Start + 10_000;
        var whole = p.RenderWindow(start, 1000);
        var a = p.RenderWindow(start, 500);
        var b = p.RenderWindow(start + 500, 250);
        var c = p.RenderWindow(start + 750, 250);
        AssertJoined(whole, Join(a, b, 500), c, 750);
    }

    private static IReadOnlyList<ChannelBlock> Join(IReadOnlyList<ChannelBlock> a, IReadOnlyList<ChannelBlock> b, uint split)
    {
        var kinds = a.Select(x => x.Kind).Union(b.Select(x => x.Kind)).Order();
        return [.. kinds.Select(k =>
        {
            var x = a.SingleOrDefault(c => c.Kind == k);
            var y = b.SingleOrDefault(c => c.Kind == k);
            var template = x ?? y!;
            var values = (x?.Values ?? []).Concat(y?.Values ?? []).ToArray();
            var offsets = template.IsSpot ? (x?.OffsetsMs ?? []).Concat((y?.OffsetsMs ?? []).Select(o => o + split)).ToArray() : null;
            return template with { Values = values, OffsetsMs = offsets, Quality = (x?.Quality ?? 0) | (y?.Quality ?? 0) };
        })];
    }

    private static void AssertJoined(IReadOnlyList<ChannelBlock> whole, IReadOnlyList<ChannelBlock> first, IReadOnlyList<ChannelBlock> second, uint split)
    {
        var joined = Join(first, second, split);
        Assert.Equal(whole.Select(c => c.Kind), joined.Select(c => c.Kind));
        foreach (var expected in whole)
        {
            var actual = joined.Single(c => c.Kind == expected.Kind);
            Assert.Equal(expected.Quality, actual.Quality);
            if (expected.Quality.HasFlag(SignalQuality.Detached) && expected.Kind != SensorKind.Ppg)
            {
                // Oximeter numerics of a window that is partly finger-off are withheld as a whole (documented).
                Assert.Empty(expected.Values);
                continue;
            }

            Assert.Equal(expected.Values, actual.Values);
            Assert.Equal(expected.OffsetsMs, actual.OffsetsMs);
            Assert.Equal(expected.SampleRateMilliHz, actual.SampleRateMilliHz);
        }
    }
}
