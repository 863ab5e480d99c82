using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SensorChain.Ingest.Pipeline;

namespace SensorChain.TimeSeries;

/// <summary>Registers the time-series sink as an ingest handler (it only enqueues, so it never blocks ingest).</summary>
public static class TimeSeriesServiceCollectionExtensions
{
    /// <summary>The environment variable the cloud host reads when no <c>--influx</c> URL is given.</summary>
    public const string UrlVariable = "SENSORCHAIN_INFLUX_URL";

    /// <summary>Adds a <see cref="TimeSeriesSink"/> writing to <paramref name="options"/>' server, as singleton and <see cref="IAcceptedBatchHandler"/>.</summary>
    public static IServiceCollection AddSensorChainTimeSeries(this IServiceCollection services, TimeSeriesSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(sp => new TimeSeriesSink(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, options,
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILogger<TimeSeriesSink>>()));
        services.AddSingleton<IAcceptedBatchHandler>(sp => sp.GetRequiredService<TimeSeriesSink>());
        return services;
    }
}
