using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SensorChain.Cloud.Tests.Support;

/// <summary>A real HTTP endpoint on 127.0.0.1 (free port) that records every request and answers <see cref="Status"/>.</summary>
public sealed class HookListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HookListener(WebApplication app) => _app = app;

    public sealed record Received(string Method, string Path, string Body, string? Authorization, string? ContentType);

    public Channel<Received> Requests { get; } = Channel.CreateUnbounded<Received>();

    public int Status { get; set; } = StatusCodes.Status200OK;

    public string Url { get; private set; } = string.Empty;

    public static async Task<HookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var listener = new HookListener(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            await listener.Requests.Writer.WriteAsync(new Received(context.Request.Method, context.Request.Path, body,
                context.Request.Headers.Authorization.FirstOrDefault(), context.Request.ContentType));
            context.Response.StatusCode = listener.Status;
        });
        await app.StartAsync();
        listener.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return listener;
    }

    /// <summary>The next request, or a failure after <paramref name="seconds"/>.</summary>
    public async Task<Received> NextAsync(int seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Requests.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
