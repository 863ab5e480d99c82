using SensorChain.Clinical.News2;

namespace SensorChain.Clinical.Tests.News2;

public sealed class News2ScorerTests
{
    [Theory]
    [InlineData(8, 3)]
    [InlineData(9, 1)]
    [InlineData(11, 1)]
    [InlineData(12, 0)]
    [InlineData(20, 0)]
    [InlineData(21, 2)]
    [InlineData(24, 2)]
    [InlineData(25, 3)]
    public void Respiration_rate_boundaries_follow_the_RCP_chart(double value, int score) => Assert.Equal(score, News2Scorer.RespirationRate(value));

    [Theory]
    [InlineData(91, 3)]
    [InlineData(92, 2)]
    [InlineData(93, 2)]
    [InlineData(94, 1)]
    [InlineData(95, 1)]
    [InlineData(96, 0)]
    public void SpO2_scale_1_boundaries(double value, int score) => Assert.Equal(score, News2Scorer.SpO2(value, SpO2Scale.Scale1, false));

    [Theory]
    [InlineData(83, false, 3)]
    [InlineData(84, false, 2)]
    [InlineData(85, false, 2)]
    [InlineData(86, false, 1)]
    [InlineData(87, false, 1)]
    [InlineData(88, false, 0)]
    [InlineData(92, false, 0)]
    [InlineData(97, false, 0)]
    [InlineData(93, true, 1)]
    [InlineData(94, true, 1)]
    [InlineData(95, true, 2)]
    [InlineData(96, true, 2)]
    [InlineData(97, true, 3)]
    public void SpO2_scale_2_boundaries(double value, bool oxygen, int score) => Assert.Equal(score, News2Scorer.SpO2(value, SpO2Scale.Scale2, oxygen));

    [Theory]
    [InlineData(90, 3)]
    [InlineData(91, 2)]
    [InlineData(100, 2)]
    [InlineData(101, 1)]
    [InlineData(110, 1)]
    [InlineData(111, 0)]
    [InlineData(219, 0)]
    [InlineData(220, 3)]
    public void Systolic_boundaries(double value, int score) => Assert.Equal(score, News2Scorer.SystolicBp(value));

    [Theory]
    [InlineData(40, 3)]
    [InlineData(41, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 0)]
    [InlineData(90, 0)]
    [InlineData(91, 1)]
    [InlineData(110, 1)]
    [InlineData(111, 2)]
    [InlineData(130, 2)]
    [InlineData(131, 3)]
    public void Pulse_boundaries(double value, int score) => Assert.Equal(score, News2Scorer.Pulse(value));

    [Theory]
    [InlineData(35.0, 3)]
    [InlineData(35.1, 1)]
    [InlineData(36.0, 1)]
    [InlineData(36.1, 0)]
    [InlineData(38.0, 0)]
    [InlineData(38.1, 1)]
    [InlineData(39.0, 1)]
    [InlineData(39.1, 2)]
    public void Temperature_boundaries(double value, int score) => Assert.Equal(score, News2Scorer.Temperature(value));

    [Fact]
    public void A_single_red_parameter_calls_for_urgent_review_and_7_for_emergency()
    {
        var single = News2Scorer.Score(new News2Inputs(16, 98, 120, 135, 37));
        Assert.Equal(3, single.Total);
        Assert.True(single.HasRedScore);
        Assert.Equal(News2Response.LowMediumSingleRed, single.Response);

        var urgent = News2Scorer.Score(new News2Inputs(22, 94, 120, 100, 37)); // 2 + 1 + 0 + 1 + 0
        Assert.Equal(4, urgent.Total);
        Assert.Equal(News2Response.Low, urgent.Response);
        Assert.Equal(News2Response.Urgent, News2Scorer.Score(new News2Inputs(22, 93, 120, 100, 37)).Response);
        Assert.Equal(News2Response.Emergency, News2Scorer.Score(new News2Inputs(25, 93, 120, 115, 37)).Response);
    }
}
