namespace SensorChain.Web;

/// <summary>Settings of the web app (accounts, consent, audit, dashboard).</summary>
public sealed class SensorChainWebOptions
{
    /// <summary>The data folder: the app keeps <c>web.db</c> and <c>research.key</c> here.</summary>
    public string DataDirectory { get; set; } = ".sensorchain";

    /// <summary>Password hashing iterations (PBKDF2-HMAC-SHA256). At least 100,000.</summary>
    public int PasswordIterations { get; set; } = 100_000;

    /// <summary>Lifetime of bearer tokens issued by <c>POST /api/token</c>.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Audit records between two checkpoints handed to <see cref="Audit.IAuditAnchor"/>.</summary>
    public int AuditCheckpointInterval { get; set; } = 50;

    /// <summary>Mark the session cookie Secure (set true behind TLS).</summary>
    public bool SecureCookies { get; set; }

    /// <summary>Path of the SQLite database.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "web.db");
}
