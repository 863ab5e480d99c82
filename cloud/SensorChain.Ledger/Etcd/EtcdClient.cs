using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace SensorChain.Ledger.Etcd;

/// <summary>
/// A small etcd v3 client over the JSON gateway (<c>/v3/kv/*</c>, <c>/v3/lease/*</c>) with base64 keys and values,
/// int64 fields as strings, short timeouts and endpoint rotation on failure. No naming policy is applied to JSON
/// (etcd silently ignores camelCased fields such as <c>ttl</c>).
/// </summary>
public sealed class EtcdClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _endpoints;
    private int _current;

    /// <summary>Creates a client for the comma-separated <paramref name="endpoints"/>, preferring the first.</summary>
    public EtcdClient(string endpoints, TimeSpan? timeout = null)
    {
        _endpoints = endpoints.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(e => new Uri(e)).ToList();
        if (_endpoints.Count == 0)
        {
            throw new ArgumentException("No etcd endpoint given.", nameof(endpoints));
        }

        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 64 })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(2),
        };
    }

    /// <summary>Base64 of UTF-8 text.</summary>
    public static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>Base64 of bytes.</summary>
    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    /// <summary>The key just past every key starting with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix)
    {
        var bytes = Encoding.UTF8.GetBytes(prefix);
        bytes[^1]++;
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Puts a key; returns the new revision.</summary>
    public async Task<long> PutAsync(string key, byte[] value, long lease, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["key"] = B64(key), ["value"] = B64(value) };
        if (lease != 0)
        {
            body["lease"] = lease.ToString(CultureInfo.InvariantCulture);
        }

        var response = await CallAsync("/v3/kv/put", body, cancellationToken);
        return Long(response["header"]?["revision"]);
    }

    /// <summary>Reads one key or a prefix (<paramref name="prefix"/> true), optionally at an old revision; sorted by create revision.</summary>
    public async Task<(IReadOnlyList<EtcdKeyValue> Kvs, long Revision)> RangeAsync(string key, bool prefix, long revision, long limit, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["key"] = B64(key) };
        if (prefix)
        {
            body["range_end"] = PrefixEnd(key);
            body["sort_target"] = "CREATE";
            body["sort_order"] = "ASCEND";
        }

        if (revision > 0)
        {
            body["revision"] = revision.ToString(CultureInfo.InvariantCulture);
        }

        if (limit > 0)
        {
            body["limit"] = limit.ToString(CultureInfo.InvariantCulture);
        }

        var response = await CallAsync("/v3/kv/range", body, cancellationToken);
        return (ReadKvs(response["kvs"]), Long(response["header"]?["revision"]));
    }

    /// <summary>Runs a transaction built from raw gateway JSON; returns (succeeded, header revision, responses).</summary>
    public async Task<(bool Succeeded, long Revision, JsonArray Responses)> TxnAsync(JsonArray compare, JsonArray success, JsonArray failure, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["compare"] = compare, ["success"] = success, ["failure"] = failure };
        var response = await CallAsync("/v3/kv/txn", body, cancellationToken);
        return (response["succeeded"]?.GetValue<bool>() ?? false, Long(response["header"]?["revision"]), response["responses"] as JsonArray ?? []);
    }

    /// <summary>Grants a lease of <paramref name="ttlSeconds"/>; returns its id.</summary>
    public async Task<long> LeaseGrantAsync(int ttlSeconds, CancellationToken cancellationToken)
    {
        var response = await CallAsync("/v3/lease/grant", new JsonObject { ["TTL"] = ttlSeconds.ToString(CultureInfo.InvariantCulture) }, cancellationToken);
        return Long(response["ID"]);
    }

    /// <summary>Refreshes a lease; returns the remaining TTL (0 or less: the lease is gone).</summary>
    public async Task<long> LeaseKeepAliveAsync(long lease, CancellationToken cancellationToken)
    {
        var response = await CallAsync("/v3/lease/keepalive", new JsonObject { ["ID"] = lease.ToString(CultureInfo.InvariantCulture) }, cancellationToken);
        return Long(response["result"]?["TTL"]);
    }

    /// <summary>Revokes a lease (its keys are deleted).</summary>
    public Task LeaseRevokeAsync(long lease, CancellationToken cancellationToken) =>
        CallAsync("/v3/lease/revoke", new JsonObject { ["ID"] = lease.ToString(CultureInfo.InvariantCulture) }, cancellationToken);

    /// <summary>A compare clause on a key's version (0 = absent).</summary>
    public static JsonObject CompareVersion(string key, long version) =>
        new() { ["key"] = B64(key), ["result"] = "EQUAL", ["target"] = "VERSION", ["version"] = version.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A compare clause on a key's modification revision.</summary>
    public static JsonObject CompareModRevision(string key, long revision) =>
        new() { ["key"] = B64(key), ["result"] = "EQUAL", ["target"] = "MOD", ["mod_revision"] = revision.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A compare clause on a key's value.</summary>
    public static JsonObject CompareValue(string key, byte[] value) =>
        new() { ["key"] = B64(key), ["result"] = "EQUAL", ["target"] = "VALUE", ["value"] = B64(value) };

    /// <summary>A put operation for a transaction.</summary>
    public static JsonObject PutOp(string key, byte[] value, long lease = 0)
    {
        var put = new JsonObject { ["key"] = B64(key), ["value"] = B64(value) };
        if (lease != 0)
        {
            put["lease"] = lease.ToString(CultureInfo.InvariantCulture);
        }

        return new JsonObject { ["request_put"] = put };
    }

    /// <summary>A delete operation for a transaction (raw key bytes).</summary>
    public static JsonObject DeleteOp(byte[] key) => new() { ["request_delete_range"] = new JsonObject { ["key"] = B64(key) } };

    /// <summary>A range operation for a transaction.</summary>
    public static JsonObject RangeOp(string key) => new() { ["request_range"] = new JsonObject { ["key"] = B64(key) } };

    /// <summary>Parses kvs from a range response.</summary>
    public static IReadOnlyList<EtcdKeyValue> ReadKvs(JsonNode? kvs)
    {
        var list = new List<EtcdKeyValue>();
        if (kvs is JsonArray array)
        {
            foreach (var kv in array)
            {
                list.Add(new EtcdKeyValue(
                    Convert.FromBase64String(kv?["key"]?.GetValue<string>() ?? string.Empty),
                    Convert.FromBase64String(kv?["value"]?.GetValue<string>() ?? string.Empty),
                    Long(kv?["create_revision"]),
                    Long(kv?["mod_revision"])));
            }
        }

        return list;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static long Long(JsonNode? node) => node switch
    {
        null => 0,
        JsonValue v when v.TryGetValue<string>(out var s) => long.Parse(s, CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        _ => 0,
    };

    private async Task<JsonObject> CallAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < _endpoints.Count * 2; attempt++)
        {
            var index = Volatile.Read(ref _current) % _endpoints.Count;
            try
            {
                using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync(new Uri(_endpoints[index], path), content, cancellationToken);
                var json = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) ?? [];
                if (!response.IsSuccessStatusCode)
                {
                    var message = json["error"]?.ToString() ?? json["message"]?.ToString() ?? response.StatusCode.ToString();
                    if ((int)response.StatusCode >= 500 || message.Contains("leader", StringComparison.OrdinalIgnoreCase) || message.Contains("timed out", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new HttpRequestException(message);
                    }

                    throw new EtcdException($"etcd {path}: {message}");
                }

                return json;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
            {
                last = e;
                Interlocked.CompareExchange(ref _current, index + 1, index);
            }
        }

        throw new EtcdException($"No etcd member answered {path}.", last!);
    }
}
