using Microsoft.Extensions.Logging;

namespace SensorChain.TimeSeries;

/// <summary>Source-generated log messages of the sink. Never logs point contents (they carry patient pseudonyms).</summary>
internal static partial class TimeSeriesLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Time-series write of {Points} points failed ({Reason}); retrying in {DelayMs} ms")]
    public static partial void WriteFailed(ILogger logger, int points, string reason, long delayMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Time-series server rejected {Points} points with HTTP {Status}; they are dropped")]
    public static partial void WriteRejected(ILogger logger, int points, int status);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Time-series buffer full: {Dropped} points dropped so far")]
    public static partial void BufferFull(ILogger logger, long dropped);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Time-series writes recovered after {Failures} failed attempts")]
    public static partial void Recovered(ILogger logger, int failures);
}
