using EvalHarness.Core.Evaluators;

namespace EvalHarness.Core.Tests.Architecture;

public sealed class NamespaceLayeringTests(ITestOutputHelper output)
{
    [Fact]
    public void Core_namespaces_have_no_cycle()
    {
        var graph = NamespaceGraph.Read(typeof(EvalInputException).Assembly.Location, "EvalHarness.Core");
        foreach (var (from, to) in graph.Edges)
        {
            output.WriteLine($"{(from.Length == 0 ? "(root)" : from)} -> {string.Join(", ", to.Keys.Select(k => k.Length == 0 ? "(root)" : k))}");
        }

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(c =>
            string.Join(" <-> ", c) + ": " + string.Join("; ", c.SelectMany(a => graph.Edges.TryGetValue(a, out var to)
                ? to.Where(t => c.Contains(t.Key)).Select(t => t.Value) : [])))));
    }
}
