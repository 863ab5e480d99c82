using System.Globalization;
using System.IO.Compression;

namespace SensorChain.Clinical.Io;

/// <summary>Reads numeric columns from CSV files (plain, or gzip when the name ends in <c>.gz</c>).</summary>
public static class SignalCsv
{
    /// <summary>Opens a file for reading text, decompressing when the name ends in <c>.gz</c>.</summary>
    public static StreamReader OpenText(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, bufferSize: 1 << 16);
    }

    /// <summary>Opens a file for writing text, compressing when the name ends in <c>.gz</c>.</summary>
    public static StreamWriter CreateText(string path)
    {
        Stream stream = File.Create(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionLevel.Fastest);
        }

        return new StreamWriter(stream, bufferSize: 1 << 16) { NewLine = "\n" };
    }

    /// <summary>Reads the column named <paramref name="column"/> (header row required) as doubles.</summary>
    /// <exception cref="FormatException">The column is missing or a value is not a number (line number given).</exception>
    public static double[] ReadColumn(string path, string column)
    {
        using var reader = OpenText(path);
        var header = reader.ReadLine() ?? throw new FormatException($"{path}: empty file, expected a header row.");
        var names = header.Split(',');
        var index = Array.FindIndex(names, n => string.Equals(n.Trim().Trim('"'), column, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new FormatException($"{path}: no column '{column}' in header '{header}'.");
        }

        var values = new List<double>(1 << 16);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var field = Field(line.AsSpan(), index);
            if (field.IsEmpty)
            {
                values.Add(double.NaN);
                continue;
            }

            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"{path}:{lineNumber}: column '{column}' value '{field.ToString()}' is not a number.");
            }

            values.Add(value);
        }

        return [.. values];
    }

    /// <summary>The <paramref name="index"/>-th comma-separated field of a line (unquoted CSV), or empty.</summary>
    public static ReadOnlySpan<char> Field(ReadOnlySpan<char> line, int index)
    {
        for (var i = 0; i < index; i++)
        {
            var comma = line.IndexOf(',');
            if (comma < 0)
            {
                return [];
            }

            line = line[(comma + 1)..];
        }

        var end = line.IndexOf(',');
        return (end < 0 ? line : line[..end]).Trim();
    }
}
