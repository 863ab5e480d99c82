namespace SensorChain.Clinical.Notifications;

/// <summary>The SMTP relay notifications are sent through.</summary>
public sealed record SmtpSettings
{
    /// <summary>Relay host name.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Relay port.</summary>
    public int Port { get; init; } = 25;

    /// <summary>Use TLS (STARTTLS) to the relay.</summary>
    public bool EnableSsl { get; init; }

    /// <summary>Sender address.</summary>
    public string From { get; init; } = "alerts@sensorchain.invalid";

    /// <summary>User name for SMTP AUTH, or null.</summary>
    public string? UserName { get; init; }

    /// <summary>Password for SMTP AUTH, or null.</summary>
    public string? Password { get; init; }
}
