namespace EvalHarness.Core.Evaluators;

/// <summary>Adding an evaluator = one folder + one line here.</summary>
public static class EvaluatorRegistry
{
    private static readonly IReadOnlyList<(string Name, Func<IEvaluator> Create)> Factories =
    [
        ("niah", () => new Niah.NiahEvaluator()),
        ("mrcr", () => new Mrcr.MrcrEvaluator()),
        ("graphwalks", () => new Graphwalks.GraphwalksEvaluator()),
    ];

    public static IReadOnlyList<string> Names => Factories.Select(f => f.Name).ToList();

    public static IEvaluator Create(string name)
    {
        foreach (var (n, create) in Factories)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return create();
        }
        throw new EvalInputException($"unknown eval '{name}' (known: {string.Join(", ", Names)})");
    }
}

/// <summary>Implemented by evaluators that read files, so the manifest can record what was read.</summary>
public interface IDatasetProvenance
{
    IReadOnlyList<DatasetFile> DatasetFiles { get; }
}

public sealed record DatasetFile(string Path, string Sha256, string? Version);
