namespace SensorChain.Web.Accounts;

/// <summary>Authentication scheme names of the web app.</summary>
public static class WebAuthentication
{
    /// <summary>Chooses bearer when an Authorization header is present, else the cookie.</summary>
    public const string Scheme = "SensorChain";

    /// <summary>The session cookie.</summary>
    public const string CookieScheme = "SensorChainCookie";

    /// <summary>Opaque bearer tokens.</summary>
    public const string BearerScheme = BearerTokenHandler.SchemeName;

    /// <summary>Name of the session cookie.</summary>
    public const string CookieName = "sensorchain.session";
}
