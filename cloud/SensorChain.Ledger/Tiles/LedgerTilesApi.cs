using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace SensorChain.Ledger.Tiles;

/// <summary>Serves a ledger per C2SP tlog-tiles: <c>/checkpoint</c>, <c>/tile/…</c> hash tiles and entry bundles.</summary>
public static class LedgerTilesApi
{
    /// <summary>Maps the read API of <paramref name="ledger"/> under <paramref name="prefix"/>.</summary>
    public static IEndpointRouteBuilder MapLedgerTilesApi(this IEndpointRouteBuilder endpoints, ILedger ledger, string prefix = "")
    {
        var group = endpoints.MapGroup(prefix);
        group.MapGet("/checkpoint", async Task<Results<ContentHttpResult, NotFound>> (CancellationToken ct) =>
        {
            var note = await ledger.LatestCheckpointAsync(ct);
            return note is null ? TypedResults.NotFound() : TypedResults.Text(note.ToString(), "text/plain; charset=utf-8");
        });
        group.MapGet("/tile/{**path}", async Task<Results<FileContentHttpResult, NotFound, BadRequest<string>>> (string path, CancellationToken ct) =>
        {
            if (!TilePath.TryParse("tile/" + path, out var tile))
            {
                return TypedResults.BadRequest("Not a tlog-tiles path.");
            }

            var bytes = tile.IsEntries
                ? await ledger.ReadEntryBundleAsync(tile.Index, tile.Width, ct)
                : await ledger.ReadTileAsync(tile.Level, tile.Index, tile.Width, ct);
            return bytes is null ? TypedResults.NotFound() : TypedResults.File(bytes, "application/octet-stream");
        });
        return endpoints;
    }
}
