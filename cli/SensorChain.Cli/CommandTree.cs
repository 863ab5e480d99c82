using System.CommandLine;

namespace SensorChain.Cli;

/// <summary>Builds the command tree, merging groups that several areas contribute to (<c>bench</c>, <c>sim</c>, …).</summary>
internal static class CommandTree
{
    /// <summary>Adds <paramref name="command"/> under <paramref name="parent"/>, merging into a same-named group.</summary>
    public static void AddOrMerge(Command parent, Command command)
    {
        var existing = parent.Subcommands.FirstOrDefault(c => c.Name == command.Name);
        if (existing is null)
        {
            parent.Subcommands.Add(command);
            return;
        }

        if (command.Action is not null || existing.Action is not null && command.Subcommands.Count == 0)
        {
            throw new InvalidOperationException($"Two commands named '{command.Name}' under '{parent.Name}'.");
        }

        foreach (var child in command.Subcommands.ToList())
        {
            AddOrMerge(existing, child);
        }
    }
}
