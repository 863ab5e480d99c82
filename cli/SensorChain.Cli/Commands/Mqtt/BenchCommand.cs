using System.CommandLine;

namespace SensorChain.Cli.Commands.Mqtt;

/// <summary><c>sensorchain bench mqtt</c>: end-to-end throughput and latency through a real Mosquitto.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var patients = new Option<int>("--patients") { Description = "Virtual patients (one key and chain each).", DefaultValueFactory = _ => 200 };
        var seconds = new Option<int>("--seconds") { Description = "Seconds of data per patient (one full-kit batch per second).", DefaultValueFactory = _ => 30 };
        var broker = new Option<string?>("--broker") { Description = "Broker URL (mqtt://host:port). Default: start a local Mosquitto with deploy/local/mosquitto.sh and stop it afterwards." };
        var connections = new Option<int>("--connections") { Description = "Publisher connections the patients are spread over.", DefaultValueFactory = _ => 50 };
        var slots = new Option<int>("--slots") { Description = "Ingester connections (shared-subscription slots).", DefaultValueFactory = _ => 8 };
        var maxGroup = new Option<int>("--max-group") { Description = "Most batches the ingester commits in one SQLite transaction (group commit; each is acknowledged after its commit).", DefaultValueFactory = _ => 64 };
        var pipeline = new Option<BenchPipeline>("--pipeline") { Description = "verify: decode, signature, group-committed raw store (the transport's cost); full: the cloud's IngestService into SQLite with FHIR mapping.", DefaultValueFactory = _ => BenchPipeline.Verify };
        var mqtt = new Command("mqtt", "Publishes pre-signed full-kit batches through the broker to a verifying SQLite ingester in its own process; prints CPU per component, where the time goes and a RESULT line.")
        {
            patients, seconds, broker, connections, slots, maxGroup, pipeline,
        };
        mqtt.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new MqttBenchSettings(parse.GetValue(patients), parse.GetValue(seconds), parse.GetValue(broker), parse.GetValue(connections), parse.GetValue(slots), parse.GetValue(maxGroup), parse.GetValue(pipeline));
            if (settings.Validate() is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return 2;
            }

            return await MqttBench.RunAsync(settings, Console.Out, cancellationToken);
        });
        return new Command("bench", "Load drivers that print measured figures.") { mqtt, BenchIngestCommand.Create() };
    }
}
