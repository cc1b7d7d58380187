namespace EvalHarness.Core.Evaluators.IfEval;

/// <summary>Pass counts behind one accuracy figure.</summary>
internal readonly record struct PassCount(int Passed, int Total)
{
    public double Accuracy => Total == 0 ? 0 : (double)Passed / Total;
}

/// <summary>
/// The four IFEval metrics (spec §2.5) plus per-category and per-id instruction accuracy, from per-prompt results.
/// Repeated ids within a prompt count once per occurrence, as in the reference.
/// </summary>
internal sealed class IfEvalMetrics
{
    private IfEvalMetrics(PassCount ps, PassCount @is, PassCount pl, PassCount il,
        IReadOnlyDictionary<string, (PassCount Strict, PassCount Loose)> byId,
        IReadOnlyDictionary<string, (PassCount Strict, PassCount Loose)> byCategory)
    {
        PromptStrict = ps;
        InstructionStrict = @is;
        PromptLoose = pl;
        InstructionLoose = il;
        ById = byId;
        ByCategory = byCategory;
    }

    public PassCount PromptStrict { get; }

    public PassCount InstructionStrict { get; }

    public PassCount PromptLoose { get; }

    public PassCount InstructionLoose { get; }

    /// <summary>Instruction accuracy per id, ordinal-sorted by id.</summary>
    public IReadOnlyDictionary<string, (PassCount Strict, PassCount Loose)> ById { get; }

    /// <summary>Instruction accuracy per category (the id text before ':'), ordinal-sorted.</summary>
    public IReadOnlyDictionary<string, (PassCount Strict, PassCount Loose)> ByCategory { get; }

    public static IfEvalMetrics From(IEnumerable<IfEvalPromptResult> results)
    {
        int prompts = 0, promptStrict = 0, promptLoose = 0, instructions = 0, instStrict = 0, instLoose = 0;
        var byId = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var byCategory = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            prompts++;
            if (r.PromptStrict) promptStrict++;
            if (r.PromptLoose) promptLoose++;
            for (int i = 0; i < r.InstructionIds.Count; i++)
            {
                instructions++;
                if (r.Strict[i]) instStrict++;
                if (r.Loose[i]) instLoose++;
                Add(byId, r.InstructionIds[i], r.Strict[i], r.Loose[i]);
                Add(byCategory, IfEvalRegistry.Category(r.InstructionIds[i]), r.Strict[i], r.Loose[i]);
            }
        }
        return new IfEvalMetrics(
            new(promptStrict, prompts), new(instStrict, instructions), new(promptLoose, prompts), new(instLoose, instructions),
            Freeze(byId), Freeze(byCategory));
    }

    private static void Add(SortedDictionary<string, int[]> table, string key, bool strict, bool loose)
    {
        if (!table.TryGetValue(key, out var c)) table[key] = c = new int[3];
        c[0]++;
        if (strict) c[1]++;
        if (loose) c[2]++;
    }

    private static IReadOnlyDictionary<string, (PassCount, PassCount)> Freeze(SortedDictionary<string, int[]> table)
    {
        var result = new SortedDictionary<string, (PassCount, PassCount)>(StringComparer.Ordinal);
        foreach (var (key, c) in table) result[key] = (new PassCount(c[1], c[0]), new PassCount(c[2], c[0]));
        return result;
    }
}
