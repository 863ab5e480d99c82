using System.CommandLine;
using SensorChain.Cli;

var root = new RootCommand("SensorChain: vital signs from the bedside to the doctor, signed, verified and auditable.");
foreach (var command in CommandCatalog.All())
{
    CommandTree.AddOrMerge(root, command);
}

return await root.Parse(args).InvokeAsync();
