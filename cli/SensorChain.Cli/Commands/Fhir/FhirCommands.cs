using System.CommandLine;
using SensorChain.Ingest.Export;
using SensorChain.Ingest.Sqlite;

namespace SensorChain.Cli.Commands.Fhir;

/// <summary><c>sensorchain fhir …</c>: FHIR utilities over the cloud store.</summary>
internal static class FhirCommands
{
    public static Command Create()
    {
        var fhir = new Command("fhir", "FHIR utilities over the cloud store.");
        fhir.Subcommands.Add(ExportCommand());
        return fhir;
    }

    private static Command ExportCommand()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = $"Data folder holding {SqliteIngestStore.DefaultFileName}.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "File to write.", Required = true };
        var format = new Option<string>("--format") { Description = "bundle (one FHIR Bundle of type collection) or ndjson (one resource per line).", DefaultValueFactory = _ => "bundle" };
        format.AcceptOnlyFromAmong("bundle", "ndjson");
        var type = new Option<string?>("--type") { Description = "Only resources of this type (e.g. Observation)." };
        var command = new Command("export", "Writes every stored resource (current versions) as a FHIR Bundle or NDJSON.") { data, output, format, type };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var dataDir = parseResult.GetValue(data)!;
            var file = parseResult.GetValue(output)!;
            var database = Path.Combine(dataDir.FullName, SqliteIngestStore.DefaultFileName);
            if (!File.Exists(database))
            {
                await Console.Error.WriteLineAsync($"sensorchain fhir export: no cloud database at {database} (run the demo with --data {dataDir.FullName} first).");
                return 2;
            }

            await using var store = new SqliteIngestStore(database);
            await store.InitializeAsync(cancellationToken);
            var directory = Path.GetDirectoryName(file.FullName);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var temp = file.FullName + ".tmp";
            long count;
            await using (var stream = File.Create(temp))
            {
                count = parseResult.GetValue(format) == "ndjson"
                    ? await FhirExporter.WriteNdjsonAsync(store, stream, cancellationToken, parseResult.GetValue(type))
                    : await FhirExporter.WriteBundleAsync(store, stream, TimeProvider.System.GetUtcNow(), cancellationToken, parseResult.GetValue(type));
            }

            File.Move(temp, file.FullName, overwrite: true);
            Console.WriteLine($"Exported {count} resources to {file.FullName}.");
            return 0;
        });
        return command;
    }
}
