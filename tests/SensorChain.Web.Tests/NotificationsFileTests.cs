using SensorChain.Cli.Hosting;
using SensorChain.TestSupport;

namespace SensorChain.Web.Tests;

/// <summary><c>cloud run --notifications FILE</c>: a good file is read whole, a bad one is refused naming the field.</summary>
public sealed class NotificationsFileTests
{
    [Fact]
    public void A_complete_file_gives_contacts_smtp_and_dashboard_link()
    {
        using var dir = new TempDirectory();
        var path = Write(dir, """
            { "dashboardBaseUrl": "https://vitals.example.org/", "maxAttempts": 3,
              "smtp": { "host": "127.0.0.1", "port": 2525, "from": "alerts@example.org" },
              "contacts": [ { "id": "dr.dave", "email": "dave@example.org" },
                            { "id": "on-call", "webhook": "https://pager.example.org/hook", "webhookSecret": "k" } ] }
            """);
        var options = NotificationsFile.Load(path);
        Assert.Equal(new Uri("https://vitals.example.org/"), options.DashboardBaseUrl);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(2525, options.Smtp!.Port);
        Assert.Equal("dave@example.org", options.ContactFor("dr.dave")!.Email);
        Assert.Equal("k", options.ContactFor("on-call")!.WebhookSecret);
    }

    [Theory]
    [InlineData("""{ "contacts": [ { "email": "a@example.org" } ], "smtp": {} }""", "contacts[0].id")]
    [InlineData("""{ "contacts": [ { "id": "x", "webhook": "ftp://example.org/h", "webhookSecret": "k" } ] }""", "contacts[0].webhook")]
    [InlineData("""{ "contacts": [ { "id": "x", "webhook": "https://example.org/h" } ] }""", "contacts[0].webhookSecret")]
    [InlineData("""{ "contacts": [ { "id": "x", "email": "a@example.org" } ] }""", "smtp section")]
    [InlineData("""{ "maxAttempts": 0 }""", "maxAttempts")]
    [InlineData("""{ "contacts": [ null ] }""", "contacts[0].id")]
    [InlineData("""{ "contacts": [ { "id": 5 } ] }""", "not valid JSON")]
    [InlineData("""null""", "no settings object")]
    public void A_bad_file_is_refused_with_the_field_named(string json, string expected)
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<InvalidDataException>(() => NotificationsFile.Load(Write(dir, json)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_the_file()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "absent.json");
        var ex = Assert.Throws<InvalidDataException>(() => NotificationsFile.Load(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    private static string Write(TempDirectory dir, string json)
    {
        var path = Path.Combine(dir.Path, "notifications.json");
        File.WriteAllText(path, json);
        return path;
    }
}
