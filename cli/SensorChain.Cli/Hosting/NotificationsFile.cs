using System.Text.Json;
using SensorChain.Clinical.Notifications;

namespace SensorChain.Cli.Hosting;

/// <summary>
/// Reads the alarm notification settings of <c>sensorchain cloud run --notifications FILE</c>: who is reached by
/// e-mail or webhook, the SMTP relay and the dashboard link. Errors name the file and the field.
/// </summary>
/// <example>
/// <code>
/// { "dashboardBaseUrl": "https://vitals.example.org/",
///   "smtp": { "host": "127.0.0.1", "port": 25, "from": "alerts@example.org" },
///   "contacts": [ { "id": "dr.dave", "email": "dave@example.org", "webhook": "https://pager.example.org/hook", "webhookSecret": "…" } ] }
/// </code>
/// </example>
internal static class NotificationsFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Loads and checks the file.</summary>
    /// <exception cref="InvalidDataException">The file is missing, not JSON, or a field is wrong (the message says which).</exception>
    public static NotificationOptions Load(string path)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Notification settings {path}: cannot read the file ({ex.Message}).", ex);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Notification settings {path}: not valid JSON at {ex.Path} (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }

        if (document is null)
        {
            throw new InvalidDataException($"Notification settings {path}: the file holds no settings object.");
        }

        var contacts = new List<ClinicianContact>();
        foreach (var (c, i) in (document.Contacts ?? []).Select((c, i) => (c, i)))
        {
            if (c is null || string.IsNullOrWhiteSpace(c.Id))
            {
                throw new InvalidDataException($"Notification settings {path}: contacts[{i}].id is required (the roster name of the clinician).");
            }

            if (c.Webhook is { } hook && (!hook.IsAbsoluteUri || (hook.Scheme != Uri.UriSchemeHttps && hook.Scheme != Uri.UriSchemeHttp)))
            {
                throw new InvalidDataException($"Notification settings {path}: contacts[{i}].webhook must be an absolute http(s) URL.");
            }

            if (c.Webhook is not null && string.IsNullOrEmpty(c.WebhookSecret))
            {
                throw new InvalidDataException($"Notification settings {path}: contacts[{i}].webhookSecret is required with a webhook (bodies are HMAC-signed).");
            }

            if (c.Email is not null && document.Smtp is null)
            {
                throw new InvalidDataException($"Notification settings {path}: contacts[{i}].email needs an smtp section.");
            }

            contacts.Add(new ClinicianContact(c.Id, c.Email, c.Webhook, c.WebhookSecret));
        }

        if (document.MaxAttempts is < 1 or > 100)
        {
            throw new InvalidDataException($"Notification settings {path}: maxAttempts must be between 1 and 100.");
        }

        var options = new NotificationOptions { Contacts = contacts, Smtp = document.Smtp, MaxAttempts = document.MaxAttempts ?? 5 };
        return document.DashboardBaseUrl is { } url ? options with { DashboardBaseUrl = url } : options;
    }

    private sealed record Document(Uri? DashboardBaseUrl, SmtpSettings? Smtp, IReadOnlyList<Contact?>? Contacts, int? MaxAttempts);

    private sealed record Contact(string? Id, string? Email, Uri? Webhook, string? WebhookSecret);
}
