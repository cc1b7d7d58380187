using EvalHarness.Core.Evaluators;
using EvalHarness.Core.Models;
using Spectre.Console;

namespace EvalHarness.Cli;

/// <summary>
/// The start-of-run model lifecycle check (see <see cref="ModelLifecycle"/>): info and warning lines on the console, a
/// refusal as one exit-2 line before anything is sent or any run folder is created.
/// </summary>
internal static class LifecycleCheck
{
    /// <param name="network">
    /// False for <c>--dry-run</c>: it sends nothing and needs no API key, so only configured shutdown dates are checked.
    /// </param>
    public static async Task<IReadOnlyDictionary<string, LifecycleVerdict>> RunAsync(
        HarnessContext context, IReadOnlyList<ModelSettings> models, IAnsiConsole console, bool network, CancellationToken ct)
    {
        var targets = new List<(ModelSettings, Uri?, string, string)>();
        foreach (var m in models)
        {
            if (network && m.CheckModelList)
            {
                var (url, key, endpoint) = await context.ResolveEndpointAsync(m, ct);
                targets.Add((m, url, key, endpoint));
            }
            else
            {
                targets.Add((m, null, "", m.IsSimulator ? "the simulator" : "its endpoint"));
            }
        }
        var (verdicts, info) = await ModelLifecycle.CheckAsync(targets, network, TimeProvider.System, ct);
        foreach (var line in info) console.MarkupLine($"[grey]info:[/] {Markup.Escape(line)}");
        foreach (var v in verdicts.Where(v => v.Warns)) console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(v.Message)}");
        var refused = verdicts.Where(v => v.Refuses).Select(v => v.Message).ToList();
        if (refused.Count > 0) throw new EvalInputException(string.Join("; also ", refused));
        var byName = new Dictionary<string, LifecycleVerdict>(StringComparer.Ordinal);
        foreach (var v in verdicts) byName[v.Model] = v;
        return byName;
    }
}
