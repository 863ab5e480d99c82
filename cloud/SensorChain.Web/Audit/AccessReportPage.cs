using System.Globalization;
using System.Net;
using System.Text;

namespace SensorChain.Web.Audit;

/// <summary>The printable per-patient access report (HTML with print CSS).</summary>
public static class AccessReportPage
{
    /// <summary>Renders the report for <paramref name="patientId"/>.</summary>
    public static string Render(string patientId, string patientName, IReadOnlyList<AuditRecord> records, DateTimeOffset generatedAt, long? brokenAt)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Access report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;color:#111;margin:2rem;}table{border-collapse:collapse;width:100%;font-size:.9rem}")
            .Append("th,td{border:1px solid #666;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#e8e8e8}")
            .Append(".denied{color:#8b0000;font-weight:600}.hash{font-family:monospace;font-size:.75rem;word-break:break-all}")
            .Append("@media print{body{margin:0}button{display:none}thead{display:table-header-group}tr{page-break-inside:avoid}a{color:#000;text-decoration:none}}")
            .Append("</style></head><body>");
        html.Append("<h1>Who accessed my data</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>Patient: <strong>{E(patientName)}</strong> (record {E(patientId)})<br>Generated {generatedAt:yyyy-MM-dd HH:mm} UTC · {records.Count} entries · ")
            .Append(brokenAt is null ? "audit chain verified intact" : $"<span class=\"denied\">audit chain broken at record {brokenAt}</span>")
            .Append("</p><button type=\"button\" onclick=\"window.print()\">Print</button>");
        html.Append("<table><thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">Who</th><th scope=\"col\">Role</th><th scope=\"col\">What</th><th scope=\"col\">Action</th><th scope=\"col\">Purpose</th><th scope=\"col\">Outcome</th><th scope=\"col\">Chain hash</th></tr></thead><tbody>");
        foreach (var r in records)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{r.Recorded:yyyy-MM-dd HH:mm:ss}</td><td>{E(r.Entry.ActorName)}</td><td>{E(r.Entry.ActorRole)}</td><td>{E(r.Entry.What)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{r.Entry.Action}</td><td>{E(r.Entry.Purpose)}</td>")
                .Append(r.Entry.Allowed ? "<td>allowed</td>" : "<td class=\"denied\">denied</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"hash\">#{r.Sequence} {E(r.Hash[..16])}…</td></tr>");
        }

        html.Append("</tbody></table></body></html>");
        return html.ToString();
    }
}
