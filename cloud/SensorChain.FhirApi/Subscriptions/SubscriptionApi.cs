using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SensorChain.Fhir;
using SensorChain.Fhir.Serialization;
using SensorChain.FhirApi.Access;
using SensorChain.Ingest.Mapping;

namespace SensorChain.FhirApi.Subscriptions;

/// <summary>
/// <c>POST /fhir/Subscription</c> (rest-hook or websocket; read and vread are the generic ones),
/// <c>DELETE /fhir/Subscription/{id}</c> (status off), and the websocket endpoint <c>GET /fhir/$subscription-websocket</c>.
/// </summary>
internal static class SubscriptionApi
{
    public const string WebSocketPath = "/$subscription-websocket";

    public static void MapSubscriptions(RouteGroupBuilder group)
    {
        group.MapPost("/Subscription", Create);
        group.MapDelete("/Subscription/{id}", Delete);
        group.Map(WebSocketPath, WebSocket);
    }

    internal static async Task<FhirResult> Create(HttpContext context, SubscriptionService subscriptions, FhirApiOptions options, CancellationToken ct)
    {
        var (requested, error) = await FhirRequestBody.ReadAsync<Subscription>(context.Request, options, ct);
        if (requested is null)
        {
            return error!;
        }

        if (Problem(requested) is { } problem)
        {
            return FhirResult.Outcome(StatusCodes.Status422UnprocessableEntity, "processing", problem.Message, problem.Expression);
        }

        var criteria = SubscriptionCriteria.TryParse(requested.Criteria, out var criteriaError);
        if (criteria is null)
        {
            return FhirResult.Outcome(StatusCodes.Status422UnprocessableEntity, "processing", "Subscription." + criteriaError, "Subscription.criteria");
        }

        var stored = await subscriptions.CreateAsync(requested, criteria, FhirRequestAccess.PrincipalOf(context.User), ct);
        return FhirApi.Versioned(stored, FhirRecords.ToResource(stored), context, StatusCodes.Status201Created)
            .WithHeader("Location", $"{FhirApi.BaseUrl(context)}/Subscription/{stored.Id}/_history/{stored.VersionId}");
    }

    internal static async Task<FhirResult> Delete(string id, HttpContext context, SubscriptionService subscriptions, CancellationToken ct)
    {
        if (subscriptions.FindOwned(id) is { } owner && owner != FhirRequestAccess.PrincipalOf(context.User))
        {
            return FhirResult.Outcome(StatusCodes.Status403Forbidden, "forbidden", $"Subscription/{id} belongs to another user.");
        }

        return await subscriptions.StopAsync(id, ct)
            ? FhirResult.Outcome(StatusCodes.Status200OK, "informational", $"Subscription/{id} is off; no more notifications.", severity: "information")
            : FhirResult.Outcome(StatusCodes.Status404NotFound, "not-found", $"Subscription/{id} is not an active subscription.");
    }

    internal static async Task<IResult> WebSocket(HttpContext context, SubscriptionService subscriptions)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return FhirResult.Outcome(StatusCodes.Status400BadRequest, "not-supported",
                "This is the Subscription websocket endpoint: connect with a WebSocket (the host must call app.UseWebSockets()) and send 'bind <id>'.");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await subscriptions.WebSockets.RunAsync(socket, FhirRequestAccess.PrincipalOf(context.User), context.RequestAborted);
        return TypedResults.Empty;
    }

    private static (string Message, string Expression)? Problem(Subscription s)
    {
        if (s.Status is not ("requested" or "active"))
        {
            return ($"Subscription.status must be requested (or active), not '{s.Status}'.", "Subscription.status");
        }

        switch (s.Channel.Type)
        {
            case "rest-hook":
                if (!Uri.TryCreate(s.Channel.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                {
                    return ($"Subscription.channel.endpoint '{s.Channel.Endpoint}' is not an absolute http(s) URL.", "Subscription.channel.endpoint");
                }

                break;
            case "websocket":
                break;
            default:
                return ($"Subscription.channel.type '{s.Channel.Type}' is not supported (rest-hook, websocket).", "Subscription.channel.type");
        }

        if (s.Channel.Payload is { Length: > 0 } payload && payload.Split(';')[0].Trim() is not (FhirJson.MediaType or "application/json"))
        {
            return ($"Subscription.channel.payload '{payload}' is not supported ({FhirJson.MediaType} or none).", "Subscription.channel.payload");
        }

        if (s.Channel.Header?.FirstOrDefault(h => h.IndexOf(':', StringComparison.Ordinal) <= 0) is { } header)
        {
            return ($"Subscription.channel.header '{header}' is not 'Name: value'.", "Subscription.channel.header");
        }

        return null;
    }
}
