using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace EvalHarness.Cli.Console;

/// <summary>
/// <c>--help</c> with an Examples section on every verb: the default help (System.CommandLine's <see cref="HelpAction"/>)
/// followed by the verb's examples. Installed once on the root's help option, which every verb shares.
/// </summary>
internal static class HelpExamples
{
    /// <summary>Examples per verb path ("" = the root, "history accept" = a sub-verb).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ByVerb = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [""] =
        [
            "evalharness run                                   # the default suite on the built-in simulator",
            "evalharness init                                  # a commented starter evalsettings.json",
            "evalharness run --models gpt-4.1-nano --dry-run   # tokens and cost upper bound; nothing sent",
            "evalharness <verb> --help                         # options and examples of a verb",
        ],
        ["run"] =
        [
            "evalharness run                                                # default suite, simulator models",
            "evalharness run --models gpt-4.1-nano --evals niah,mrcr --limit 20",
            "evalharness run --suite standard --dry-run                     # samples, tokens, cost upper bound",
            "evalharness run --eval niah -o niah.context_lengths=1000,8000 --seed 7 --out results/try",
            "evalharness run --resume results/<run-id>                      # continue an interrupted run",
            "evalharness run --shard 2/4 --out shards/2                     # shard 2 of 4; then `evalharness merge`",
            "evalharness run --plain > run.log                              # plain progress lines (automatic when redirected)",
            "evalharness run --cache                                        # identical requests answered from results/cache.db",
            "evalharness run --batch --models gpt-4.1-mini                  # Batch API at half price; Ctrl-C, then --resume re-attaches",
        ],
        ["list"] =
        [
            "evalharness list",
            "evalharness list --config my-settings.json",
        ],
        ["prompts"] =
        [
            "evalharness prompts --eval niah --out niah.jsonl",
            "evalharness prompts --eval mrcr -o bins=4096-8192 --limit 5 --out mrcr.jsonl",
        ],
        ["score"] =
        [
            "evalharness score --eval niah --samples niah.jsonl --responses responses.jsonl",
            "evalharness score --eval ifeval --input-data input_data.jsonl --responses input_response_data.jsonl",
        ],
        ["serve"] =
        [
            "evalharness serve --port 8089",
            "evalharness serve --set Simulator:Faults:ServerErrorRate=0.1",
        ],
        ["compare"] =
        [
            "evalharness compare results/<run-a> results/<run-b>",
            "evalharness compare results/<run> --baseline gpt-4.1          # models of one run folder",
            "evalharness compare results/<baseline> results/<candidate> --gate",
        ],
        ["gate"] =
        [
            "evalharness gate results/<tonight> --baseline results/<last-night>",
            "evalharness gate results/<tonight> --baseline-history 3 --delta niah=0.02,mrcr=0.05",
        ],
        ["history"] =
        [
            "evalharness history                       # list runs, newest first",
            "evalharness history accept <run-id>",
            "evalharness history import results/*",
        ],
        ["history list"] = ["evalharness history list --suite nightly", "evalharness history list --db other/history.db"],
        ["history accept"] = ["evalharness history accept 20260301-020000-nightly-ab12"],
        ["history unaccept"] = ["evalharness history unaccept 20260301-020000-nightly-ab12"],
        ["history import"] = ["evalharness history import results/*"],
        ["cache"] =
        [
            "evalharness cache                         # entries, bytes and path of the response cache",
            "evalharness cache clear",
        ],
        ["cache info"] = ["evalharness cache info --path other/cache.db"],
        ["cache clear"] = ["evalharness cache clear --set Cache:Path=cache-experiments.db"],
        ["trend"] =
        [
            "evalharness trend results/2026-03-*",
            "evalharness trend --history --suite nightly --out trend.html",
        ],
        ["merge"] =
        [
            "evalharness merge shards/1 shards/2 shards/3 shards/4 --out results/merged",
            "evalharness merge shards/* --out results/merged --no-history",
        ],
        ["report"] =
        [
            "evalharness report results/<run-id>",
            "evalharness report results/<run-a> results/<run-b> --out both.html",
        ],
        ["init"] =
        [
            "evalharness init                          # writes ./evalsettings.json",
            "evalharness init --out my-settings.json --force",
        ],
    };

    /// <summary>Wraps the root's help action so every verb's help ends with its examples; <paramref name="maxWidth"/> = COLUMNS.</summary>
    public static void Install(RootCommand root, int? maxWidth)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help })
            {
                if (maxWidth is { } w) help.MaxWidth = w;
                option.Action = new WithExamples(help);
            }
        }
    }

    /// <summary>The verb path of the command help was asked for: "" for the root, else e.g. "history accept".</summary>
    public static string VerbPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? r = parse.CommandResult; r is CommandResult c && c.Parent is not null; r = r.Parent) names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }

    private sealed class WithExamples(HelpAction inner) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var result = inner.Invoke(parseResult);
            if (ByVerb.TryGetValue(VerbPath(parseResult), out var examples))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var e in examples) output.WriteLine("  " + e);
                output.WriteLine();
            }
            return result;
        }
    }
}
