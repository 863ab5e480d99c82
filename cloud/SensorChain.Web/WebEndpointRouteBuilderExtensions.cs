using Microsoft.AspNetCore.Routing;
using SensorChain.Web.Accounts;
using SensorChain.Web.Audit;
using SensorChain.Web.Clinical;
using SensorChain.Web.Consent;
using SensorChain.Web.Patients;

namespace SensorChain.Web;

/// <summary>Maps the web app: the front end at <c>/</c>, its JSON and SSE APIs under <c>/api</c>, the access report under <c>/report</c>.</summary>
public static class WebEndpointRouteBuilderExtensions
{
    /// <summary>Maps every endpoint of the web app.</summary>
    public static IEndpointRouteBuilder MapSensorChainWeb(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaticAssets();
        endpoints.MapAccountsApi();
        endpoints.MapAdminApi();
        endpoints.MapPatientsApi();
        endpoints.MapConsentApi();
        endpoints.MapAuditApi();
        endpoints.MapAlertsApi();
        return endpoints;
    }
}
