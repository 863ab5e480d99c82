using System.Net.Http.Json;
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

    public string DataDirectory => _dir.Path;

    /// <summary>A bearer token for a demo user with the given scopes.</summary>
    public async Task<string> TokenAsync(HttpClient http, string username, string scope)
    {
        var response = await http.PostAsJsonAsync("/api/token", new { username, password = User(username).Password, scope });
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public DemoCredential User(string username) => Users.Single(u => u.Username == username);

    /// <param name="scenario">What the batch feeder sends.</param>
    /// <param name="compose">Extra services (given the data folder), registered after the web app.</param>
    /// <param name="map">Extra endpoints.</param>
    /// <param name="auditCheckpointInterval">Audit records between checkpoints.</param>
    public static async Task<WebTestHost> StartAsync(Scenario? scenario = null, Func<IServiceCollection, string, Task>? compose = null,
        Action<WebApplication>? map = null, int auditCheckpointInterval = 50)
    {
        var dir = new TempDirectory();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSensorChainWeb(o =>
        {
            o.DataDirectory = dir.Path;
            o.AuditCheckpointInterval = auditCheckpointInterval;
        });
        if (compose is not null)
        {
            await compose(builder.Services, dir.Path);
        }

        var app = builder.Build();
        app.MapSensorChainWeb();
        map?.Invoke(app);
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
