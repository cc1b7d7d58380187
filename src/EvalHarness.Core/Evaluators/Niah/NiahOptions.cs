using EvalHarness.Core.Text.Haystack;

namespace EvalHarness.Core.Evaluators.Niah;

public enum NiahTask { Single, MultiKey, MultiValue, MultiQuery }

public enum NiahValueType { Numbers, Words, Uuids }

/// <summary>The resolved options of one NIAH request (see the option list on <see cref="NiahEvaluator"/>).</summary>
public sealed record NiahOptions
{
    public required string Preset { get; init; }
    public required IReadOnlyList<int> ContextLengths { get; init; }

    /// <summary>Target depths in percent; empty means a random depth per sample (the <c>ruler</c> preset).</summary>
    public required IReadOnlyList<double> Depths { get; init; }

    public required int SamplesPerCell { get; init; }
    public required NiahTask Task { get; init; }
    public required NiahValueType KeyType { get; init; }
    public required NiahValueType ValueType { get; init; }
    public required int Keys { get; init; }
    public required int ValuesPerKey { get; init; }
    public required int Queries { get; init; }

    /// <summary>Built-in haystack, or null when <see cref="HaystackDir"/> is set.</summary>
    public HaystackKind? HaystackKind { get; init; }
    public string? HaystackDir { get; init; }

    /// <summary>haystack=needle: the haystack is made of distractor needles for other keys.</summary>
    public bool DistractorHaystack { get; init; }
    public required bool RandomSpread { get; init; }
    public required int MaxOutputTokens { get; init; }

    /// <summary>Sampling temperature (spec default 0); null leaves it to the model's configuration (temperature=model).</summary>
    public double? Temperature { get; init; }
    public required NiahTemplate Template { get; init; }

    public string HaystackLabel =>
        HaystackDir is not null ? "files" : DistractorHaystack ? "needle" : HaystackKind!.Value.ToString().ToLowerInvariant();

    public static readonly IReadOnlyList<int> SmokeLengths = [1000, 4000, 16000];
    public static readonly IReadOnlyList<int> Gpt41Lengths = [1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 512000, 1000000];
    public static readonly IReadOnlyList<int> RulerLengths = [4096, 8192, 16384, 32768, 65536, 131072];

    /// <summary>gkamradt's grid: numpy round(linspace(1000, 128000, 15)) (round half to even).</summary>
    public static IReadOnlyList<int> ClassicLengths { get; } = Linspace(1000, 128000, 15).Select(v => (int)v).ToArray();

    public static IReadOnlyList<double> ClassicDepths { get; } = Linspace(0, 100, 15);

    public static NiahOptions Parse(EvalRequest request)
    {
        var preset = (request.GetString("preset") ?? "smoke").ToLowerInvariant();
        IReadOnlyList<int> lengths;
        IReadOnlyList<double> depths;
        var samples = 1;
        switch (preset)
        {
            case "smoke":
                lengths = SmokeLengths;
                depths = [0, 50, 100];
                break;
            case "gpt41":
                lengths = Gpt41Lengths;
                depths = Enumerable.Range(0, 11).Select(i => i * 10.0).ToArray();
                break;
            case "gpt41-128k":
                lengths = Gpt41Lengths.Where(l => l <= 128000).ToArray();
                depths = Enumerable.Range(0, 11).Select(i => i * 10.0).ToArray();
                break;
            case "classic":
                lengths = ClassicLengths;
                depths = ClassicDepths;
                break;
            case "ruler":
                lengths = RulerLengths;
                depths = [];
                samples = 20;
                break;
            default:
                throw new EvalInputException($"niah option 'preset': unknown '{preset}' (smoke, gpt41, gpt41-128k, classic, ruler)");
        }

        lengths = request.GetIntList("context_lengths") ?? lengths;
        var depthList = request.GetIntList("depths") ?? request.GetIntList("depth_percents");
        if (depthList is not null) depths = depthList.Select(d => (double)d).ToArray();
        samples = request.GetInt("samples_per_cell", samples);

        if (lengths.Count == 0) throw new EvalInputException("niah option 'context_lengths': empty");
        foreach (var l in lengths)
        {
            if (l is < 200 or > 10_000_000) throw new EvalInputException($"niah option 'context_lengths': {l} is outside 200..10000000");
        }
        foreach (var d in depths)
        {
            if (d is < 0 or > 100) throw new EvalInputException($"niah option 'depths': {d} is outside 0..100");
        }
        if (samples is < 1 or > 100_000) throw new EvalInputException($"niah option 'samples_per_cell': {samples} is outside 1..100000");

        var task = ParseEnum(request, "task", NiahTask.Single, ("single", NiahTask.Single), ("multikey", NiahTask.MultiKey),
            ("multivalue", NiahTask.MultiValue), ("multiquery", NiahTask.MultiQuery));
        var keyType = ParseEnum(request, "key_type", NiahValueType.Words, ValueTypes);
        var valueType = ParseEnum(request, "value_type", NiahValueType.Numbers, ValueTypes);

        // Task defaults follow RULER's niah_multikey/multivalue/multiquery (4 needles); explicit counts override them.
        var (dk, dv, dq) = task switch
        {
            NiahTask.MultiKey => (4, 1, 1),
            NiahTask.MultiValue => (1, 4, 1),
            NiahTask.MultiQuery => (4, 1, 4),
            _ => (1, 1, 1),
        };
        var keys = request.GetInt("n_keys", dk);
        var values = request.GetInt("n_values", dv);
        var queries = request.GetInt("n_queries", Math.Min(dq, keys));
        if (keys < 1 || values < 1 || queries < 1) throw new EvalInputException("niah options n_keys, n_values, n_queries must be >= 1");
        if (queries > keys) throw new EvalInputException($"niah: n_queries ({queries}) must not exceed n_keys ({keys})");
        if (keys * values > 200) throw new EvalInputException("niah: at most 200 needles (n_keys x n_values)");
        if (keyType == NiahValueType.Words && keys > NiahVocabulary.KeyAdjectives.Length * NiahVocabulary.KeyNouns.Length / 2)
            throw new EvalInputException("niah: too many word keys");
        if (valueType == NiahValueType.Words && keys * values > NiahVocabulary.ValueWords.Length / 2)
            throw new EvalInputException($"niah: value_type=words allows at most {NiahVocabulary.ValueWords.Length / 2} needles");

        var haystack = request.GetString("haystack");
        var dir = request.GetString("haystack_dir");
        HaystackKind? kind = null;
        var distractor = false;
        if (haystack is not null && haystack.StartsWith("files:", StringComparison.OrdinalIgnoreCase)) dir = haystack["files:".Length..].Trim();
        else if (haystack is null && dir is not null) { } // haystack_dir alone means files
        else if (string.Equals(haystack, "files", StringComparison.OrdinalIgnoreCase)) { }
        else
        {
            kind = (haystack ?? "essay").ToLowerInvariant() switch
            {
                "essay" => Text.Haystack.HaystackKind.Essay,
                "noise" => Text.Haystack.HaystackKind.Noise,
                "needle" => null,
                _ => throw new EvalInputException($"niah option 'haystack': unknown '{haystack}' (essay, noise, needle, files:<dir>)"),
            };
            dir = null;
            distractor = kind is null;
        }
        if (kind is null && !distractor && string.IsNullOrEmpty(dir)) throw new EvalInputException("niah option 'haystack': files needs a directory (files:<dir> or haystack_dir)");

        var spread = (request.GetString("multi_needle_spread") ?? "even").ToLowerInvariant() switch
        {
            "even" => false,
            "random" => true,
            var s => throw new EvalInputException($"niah option 'multi_needle_spread': unknown '{s}' (even, random)"),
        };
        var maxOut = request.GetInt("max_output_tokens", 128);
        if (maxOut < 1) throw new EvalInputException("niah option 'max_output_tokens' must be >= 1");
        var templateFile = request.GetString("template_file");
        double? temperature = 0;
        if (request.GetString("temperature") is { } t)
        {
            if (string.Equals(t, "model", StringComparison.OrdinalIgnoreCase)) temperature = null;
            else if (double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var tv) && tv is >= 0 and <= 2)
                temperature = tv;
            else throw new EvalInputException($"niah option 'temperature': '{t}' is not a number in 0..2 or 'model'");
        }

        return new NiahOptions
        {
            Preset = preset,
            ContextLengths = lengths,
            Depths = depths,
            SamplesPerCell = samples,
            Task = task,
            KeyType = keyType,
            ValueType = valueType,
            Keys = keys,
            ValuesPerKey = values,
            Queries = queries,
            HaystackKind = kind,
            HaystackDir = dir,
            DistractorHaystack = distractor,
            RandomSpread = spread,
            MaxOutputTokens = maxOut,
            Temperature = temperature,
            Template = templateFile is null ? NiahTemplate.BuiltIn : NiahTemplate.Load(templateFile),
        };
    }

    /// <summary>Allowed shortfall below the target: 0.5% of it, at most 256 tokens.</summary>
    public static int Tolerance(int target) => Math.Min(256, target / 200);

    private static readonly (string, NiahValueType)[] ValueTypes =
        [("numbers", NiahValueType.Numbers), ("words", NiahValueType.Words), ("uuids", NiahValueType.Uuids)];

    private static T ParseEnum<T>(EvalRequest request, string name, T fallback, params (string Name, T Value)[] choices)
    {
        var s = request.GetString(name);
        if (s is null) return fallback;
        foreach (var (n, v) in choices)
        {
            if (string.Equals(n, s, StringComparison.OrdinalIgnoreCase)) return v;
        }
        throw new EvalInputException($"niah option '{name}': unknown '{s}' ({string.Join(", ", choices.Select(c => c.Name))})");
    }

    private static double[] Linspace(double start, double stop, int n) =>
        Enumerable.Range(0, n).Select(i => Math.Round(start + (stop - start) * i / (n - 1), MidpointRounding.ToEven)).ToArray();
}
