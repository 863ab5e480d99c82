using System.Globalization;
using System.Text;

namespace SensorChain.Ledger.Tiles;

/// <summary>
/// A C2SP tlog-tiles resource path: <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> or <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>,
/// with N written as zero-padded groups of three digits, all but the last prefixed with <c>x</c> (e.g. x001/x234/067).
/// </summary>
/// <param name="Level">Tile level (0..63), or -1 for an entry bundle.</param>
/// <param name="Index">Tile index N.</param>
/// <param name="Width">Number of hashes / entries (256 for a full tile).</param>
public readonly record struct TilePath(int Level, long Index, int Width)
{
    /// <summary>Hashes or entries in a full tile.</summary>
    public const int FullWidth = 256;

    /// <summary>True for an entry bundle.</summary>
    public bool IsEntries => Level < 0;

    /// <summary>Formats the path (without a leading slash).</summary>
    public override string ToString()
    {
        var builder = new StringBuilder("tile/");
        builder.Append(IsEntries ? "entries" : Level.ToString(CultureInfo.InvariantCulture)).Append('/');
        builder.Append(FormatIndex(Index));
        if (Width < FullWidth)
        {
            builder.Append(".p/").Append(Width.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>N as x-prefixed groups of three digits.</summary>
    public static string FormatIndex(long index)
    {
        var digits = index.ToString(CultureInfo.InvariantCulture);
        var padded = digits.PadLeft((digits.Length + 2) / 3 * 3, '0');
        var groups = new List<string>();
        for (var i = 0; i < padded.Length; i += 3)
        {
            groups.Add(padded.Substring(i, 3));
        }

        for (var i = 0; i < groups.Count - 1; i++)
        {
            groups[i] = "x" + groups[i];
        }

        return string.Join('/', groups);
    }

    /// <summary>Parses a path such as <c>tile/0/x001/234.p/12</c>; false on anything else.</summary>
    public static bool TryParse(string? path, out TilePath tile)
    {
        tile = default;
        if (path is null || path.Length > 128)
        {
            return false;
        }

        path = path.TrimStart('/');
        if (!path.StartsWith("tile/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path[5..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        int level;
        if (rest[..slash] == "entries")
        {
            level = -1;
        }
        else if (!int.TryParse(rest[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out level) || level > 63
                 || rest[..slash] != level.ToString(CultureInfo.InvariantCulture))
        {
            return false;
        }

        var indexText = rest[(slash + 1)..];
        var width = FullWidth;
        var partial = indexText.IndexOf(".p/", StringComparison.Ordinal);
        if (partial >= 0)
        {
            var widthText = indexText[(partial + 3)..];
            if (!int.TryParse(widthText, NumberStyles.None, CultureInfo.InvariantCulture, out width) || width < 1 || width > 255
                || widthText != width.ToString(CultureInfo.InvariantCulture))
            {
                return false;
            }

            indexText = indexText[..partial];
        }

        var groups = indexText.Split('/');
        long index = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            var last = i == groups.Length - 1;
            if (!last)
            {
                if (group.Length != 4 || group[0] != 'x')
                {
                    return false;
                }

                group = group[1..];
            }

            if (group.Length != 3 || !group.All(char.IsAsciiDigit))
            {
                return false;
            }

            if (index > (long.MaxValue / 1000) - 1)
            {
                return false;
            }

            index = (index * 1000) + int.Parse(group, CultureInfo.InvariantCulture);
        }

        tile = new TilePath(level, index, width);
        return FormatIndex(index) == indexText;
    }
}
