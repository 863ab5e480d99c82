using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SensorChain.Web;

/// <summary>Serves the embedded front end (index.html, styles and the esbuild bundle) at <c>/</c>.</summary>
public static class StaticAssets
{
    private static readonly Assembly Assembly = typeof(StaticAssets).Assembly;

    /// <summary>Maps <c>/</c> and <c>/assets/…</c>.</summary>
    public static IEndpointRouteBuilder MapStaticAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Serve("wwwroot/index.html")).AllowAnonymous();
        endpoints.MapGet("/assets/{**path}", (string path) => Serve("wwwroot/" + path)).AllowAnonymous();
        return endpoints;
    }

    /// <summary>True when the named embedded asset exists (e.g. <c>wwwroot/dist/app.js</c>).</summary>
    public static bool Exists(string name) => Assembly.GetManifestResourceInfo(name) is not null;

    private static IResult Serve(string name)
    {
        var stream = Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return TypedResults.NotFound();
        }

        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".map" => "application/json",
            _ => "application/octet-stream",
        };
        return TypedResults.Stream(stream, type);
    }
}
