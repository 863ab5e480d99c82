using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SensorChain.FhirApi;

/// <summary>
/// Answers a request whose stored data failed its integrity check (a store throws <see cref="InvalidDataException"/>,
/// e.g. a batch Observation whose raw batch no longer hashes to its stored hash) with a 500 OperationOutcome that says
/// so, instead of a bare error, and logs it for the operator (the message names ids and batch numbers, no content).
/// </summary>
internal static partial class StoredDataIntegrityFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (InvalidDataException ex)
        {
            Log(context.HttpContext, ex.Message);
            return FhirResult.Outcome(StatusCodes.Status500InternalServerError, "exception",
                "Stored data failed its integrity check and is not served: " + ex.Message);
        }
    }

    /// <summary>Logs an integrity failure met while answering <paramref name="context"/>'s request.</summary>
    public static void Log(HttpContext context, string reason)
    {
        var logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("SensorChain.FhirApi") ?? NullLogger.Instance;
        Failed(logger, context.Request.Path, reason);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Stored data failed its integrity check on {Path}: {Reason}")]
    private static partial void Failed(ILogger logger, string path, string reason);
}
