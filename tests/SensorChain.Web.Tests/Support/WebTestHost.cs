using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SensorChain.FirmwareSim;
using SensorChain.Ingest.Pipeline;
using SensorChain.TestSupport;
using SensorChain.Web.Accounts;

namespace SensorChain.Web.Tests.Support;

/// <summary>The web app on Kestrel at 127.0.0.1 with a free port, a fresh data folder, the demo users and a batch feeder.</summary>
public sealed class WebTestHost : IAsyncDisposable
{
    public const string PatientId = "pat-test-0001";

    private readonly TempDirectory _dir;

    private WebTestHost(TempDirectory dir, WebApplication app, IReadOnlyList<DemoCredential> users, BatchFeeder feeder)
    {
        _dir = dir;
        App = app;
        Users = users;
        Feeder = feeder;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    public IReadOnlyList<DemoCredential> Users { get; }

    public BatchFeeder Feeder { get; }

    public IServiceProvider Services => App.Services;

    public DemoCredential User(string username) => Users.Single(u => u.Username == username);

    public static async Task<WebTestHost> StartAsync(Scenario? scenario = null)
    {
        var dir = new TempDirectory();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSensorChainWeb(o => o.DataDirectory = dir.Path);
        var app = builder.Build();
        app.MapSensorChainWeb();
        await app.StartAsync();
        var users = await DemoSeeder.SeedAsync(app.Services, [PatientId, "pat-test-0002"], CancellationToken.None);
        var feeder = new BatchFeeder(app.Services.GetServices<IAcceptedBatchHandler>(), PatientId, scenario ?? Scenario.Stable);
        return new WebTestHost(dir, app, users, feeder);
    }

    public async ValueTask DisposeAsync()
    {
        await Feeder.DisposeAsync();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
