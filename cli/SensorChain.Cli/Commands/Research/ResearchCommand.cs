using System.CommandLine;
using SensorChain.Ingest.Sqlite;
using SensorChain.Web.Consent;
using SensorChain.Web.Research;
using SensorChain.Web.Storage;

namespace SensorChain.Cli.Commands.Research;

/// <summary><c>sensorchain research export --data DIR --out FILE</c>: de-identified FHIR NDJSON of the patients who consented to research.</summary>
internal static class ResearchCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder (cloud.db, web.db, research.key).", DefaultValueFactory = _ => "./.sensorchain" };
        var output = new Option<string>("--out") { Description = "NDJSON file to write.", Required = true };
        var export = new Command("export", "Writes HIPAA Safe Harbor de-identified FHIR NDJSON for patients with research consent.") { data, output };
        export.SetAction(async (parse, cancellationToken) =>
        {
            var dir = Path.GetFullPath(parse.GetValue(data)!);
            var webDb = Path.Combine(dir, "web.db");
            var cloudDb = Path.Combine(dir, SqliteIngestStore.DefaultFileName);
            foreach (var required in new[] { webDb, cloudDb })
            {
                if (!File.Exists(required))
                {
                    await Console.Error.WriteLineAsync($"{required} not found: --data must name a folder written by 'sensorchain demo' or the cloud.");
                    return 2;
                }
            }

            var time = TimeProvider.System;
            var database = new WebDatabase(webDb);
            var consents = new ConsentStore(database, new NullConsentLedger(), time);
            var policy = new AccessPolicy(consents, time);
            var exporter = new ResearchExporter(new SafeHarbor(ResearchKey.LoadOrCreate(dir)), time);
            await using var store = await SqliteIngestStore.OpenAsync(dir, time, cancellationToken);
            var target = Path.GetFullPath(parse.GetValue(output)!);
            var temp = target + ".tmp";
            ResearchExportSummary summary;
            await using (var writer = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false)))
            {
                summary = await exporter.ExportAsync(store, policy, new PatientProfileStore(database), writer, cancellationToken);
            }

            File.Move(temp, target, overwrite: true);
            Console.WriteLine($"wrote {target}: {summary.Patients} patients, {summary.Observations} observations; " +
                $"left out {summary.SkippedNoConsent} without research consent and {summary.SkippedOtherTypes} of other types.");
            return 0;
        });
        return new Command("research", "De-identified research data.") { export };
    }
}
