using FsCheck;
using FsCheck.Fluent;
using SensorChain.Ledger.Tiles;

namespace SensorChain.Ledger.Tests;

public sealed class TilePathTests
{
    [Theory]
    [InlineData(0, 1234067, 256, "tile/0/x001/x234/067")]
    [InlineData(1, 5, 17, "tile/1/005.p/17")]
    [InlineData(-1, 1000, 256, "tile/entries/x001/000")]
    public void Paths_format_and_parse_per_tlog_tiles(int level, long index, int width, string text)
    {
        Assert.Equal(text, new TilePath(level, index, width).ToString());
        Assert.True(TilePath.TryParse(text, out var parsed));
        Assert.Equal(new TilePath(level, index, width), parsed);
    }

    [Theory]
    [InlineData("tile/0/1")]
    [InlineData("tile/0/x001")]
    [InlineData("tile/0/001.p/256")]
    [InlineData("tile/0/001.p/0")]
    [InlineData("tile/00/001")]
    [InlineData("tile/0/x000/001/002")]
    [InlineData("tile/64/001")]
    public void Non_canonical_paths_are_rejected(string text) => Assert.False(TilePath.TryParse(text, out _));

    [Fact]
    public void Parser_round_trips_and_never_throws()
    {
        Prop.ForAll<string>(s => { _ = TilePath.TryParse(s, out _); return true; }).QuickCheckThrowOnFailure();
        Prop.ForAll<long, byte>((n, w) =>
        {
            var path = new TilePath(0, Math.Abs(n % 1_000_000_000_000), Math.Max(1, (int)w));
            return TilePath.TryParse(path.ToString(), out var back) && back == path;
        }).QuickCheckThrowOnFailure();
    }
}
