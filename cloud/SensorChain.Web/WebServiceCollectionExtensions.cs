using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SensorChain.Ingest.Access;
using SensorChain.Ingest.Pipeline;
using SensorChain.Ingest.Storage;
using SensorChain.Web.Access;
using SensorChain.Web.Accounts;
using SensorChain.Web.Audit;
using SensorChain.Web.Clinical;
using SensorChain.Web.Consent;
using SensorChain.Web.Live;
using SensorChain.Web.Storage;

namespace SensorChain.Web;

/// <summary>Registers the web app: storage, accounts and authentication, consent, audit, live hub, alerts.</summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// Adds the web app. Registers <see cref="LiveHub"/> as an <see cref="IAcceptedBatchHandler"/>, and, when no
    /// <see cref="IAlertSource"/> was registered before this call, the fallback <see cref="VitalsAlertDetector"/> too.
    /// Replace <see cref="IAlertSource"/>, <see cref="INews2Source"/>, <see cref="IConsentLedger"/> or <see cref="IAuditAnchor"/>
    /// by registering your own implementation (before or after this call). Registers <see cref="WebPatientDataAccess"/> as
    /// the <see cref="IPatientDataAccess"/>, replacing any registered before (e.g. <see cref="OpenPatientDataAccess"/>).
    /// </summary>
    public static IServiceCollection AddSensorChainWeb(this IServiceCollection services, Action<SensorChainWebOptions>? configure = null)
    {
        services.AddOptions<SensorChainWebOptions>().Configure(o => configure?.Invoke(o))
            .Validate(o => o.PasswordIterations >= PasswordHashing.MinimumIterations, "PasswordIterations must be at least 100000.");
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton(sp => new WebDatabase(sp.GetRequiredService<IOptions<SensorChainWebOptions>>().Value.DatabasePath));
        services.AddSingleton<AccountStore>();
        services.AddSingleton<ConsentStore>();
        services.AddSingleton<PatientProfileStore>();
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<PatientAccessGate>();
        services.AddHttpContextAccessor();
        // The one consent-and-audit seam of FHIR, subscriptions and notifications: replaces OpenPatientDataAccess.
        services.RemoveAll<IPatientDataAccess>();
        services.AddSingleton<IPatientDataAccess, WebPatientDataAccess>();
        services.AddSingleton<LiveHub>();
        // The fallback alert rules run only when no real alert source (e.g. the clinical module) was registered first.
        var fallbackAlerts = !services.Any(d => d.ServiceType == typeof(IAlertSource));
        if (fallbackAlerts)
        {
            services.AddSingleton<InMemoryAlertSource>();
            services.AddSingleton<VitalsAlertDetector>();
            services.AddSingleton<IAlertSource>(sp => sp.GetRequiredService<InMemoryAlertSource>());
        }

        services.TryAddSingleton<INews2Source, VitalsNews2Source>();
        // Trends from the ingest store when the host registered one (they survive a restart), else from memory.
        services.TryAddSingleton<ITrendSource>(sp => sp.GetService<IIngestStore>() is { } store
            ? new StoreTrendSource(store, sp.GetRequiredService<LiveHub>(), sp.GetRequiredService<TimeProvider>())
            : new MemoryTrendSource(sp.GetRequiredService<LiveHub>()));
        services.TryAddSingleton<IConsentLedger, NullConsentLedger>();
        services.TryAddSingleton<IAuditAnchor, NullAuditAnchor>();
        services.AddSingleton<IAcceptedBatchHandler>(sp => sp.GetRequiredService<LiveHub>());
        if (fallbackAlerts)
        {
            services.AddSingleton<IAcceptedBatchHandler>(sp => sp.GetRequiredService<VitalsAlertDetector>());
        }


        services.AddAuthentication(WebAuthentication.Scheme)
            .AddPolicyScheme(WebAuthentication.Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? WebAuthentication.BearerScheme
                    : WebAuthentication.CookieScheme)
            .AddCookie(WebAuthentication.CookieScheme, o =>
            {
                o.Cookie.Name = WebAuthentication.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                // A session of a user who was since disabled or given another role ends at the next request.
                o.Events.OnValidatePrincipal = context =>
                {
                    var current = context.Principal?.Current();
                    var account = current is null ? null : context.HttpContext.RequestServices.GetRequiredService<AccountStore>().Find(current.Id);
                    if (account is null || account.Disabled || account.Role != current!.Role)
                    {
                        context.RejectPrincipal();
                    }

                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(WebAuthentication.BearerScheme, null);
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(WebAuthentication.CookieScheme)
            .Configure<IOptions<SensorChainWebOptions>>((cookie, web) =>
                cookie.Cookie.SecurePolicy = web.Value.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        services.AddAuthorization();
        return services;
    }
}
