using System.Globalization;
using System.Text.Json.Nodes;

namespace EvalHarness.Interop.Tests;

/// <summary>All interop tests share one collection: they run one after the other, so timings are not skewed by each other.</summary>
[CollectionDefinition(Name)]
public sealed class InteropCollection : ICollectionFixture<RealServers>
{
    public const string Name = "real llama-server";
}

/// <summary>Writes the working folder's <c>evalsettings.json</c>: models that point at real servers, and the tiny suite.</summary>
internal static class InteropSettings
{
    /// <summary>
    /// Every eval with the smallest inputs it accepts (the limit caps each eval at a few samples). NIAH's prompts are
    /// 1K and 4K o200k tokens: the Llama tokenizer of the tiny model counts more, but both fit a slot of the server.
    /// </summary>
    public static readonly string[] AllEvalsArguments =
    [
        "--evals", "niah,mrcr,graphwalks,ifeval", "--limit", "2",
        "-o", "niah.context_lengths=1000,4000", "-o", "niah.depths=50",
        "-o", "mrcr.bins=4096-8192", "-o", "mrcr.samples_per_bin=2",
        "-o", "graphwalks.token_targets=2000", "-o", "graphwalks.samples_per_target=2",
        "-o", "ifeval.source=builtin",
    ];

    public static string Write(string directory, params (string Name, LlamaServer Server, int MaxOutputTokens)[] models)
    {
        var entries = new JsonObject();
        foreach (var (name, server, maxOutput) in models)
        {
            entries[name] = new JsonObject
            {
                ["BaseUrl"] = server.BaseUrl,
                ["Model"] = server.Alias,
                ["ApiKeyRef"] = "none",
                ["Concurrency"] = LlamaServer.Slots,
                ["MaxOutputTokens"] = maxOutput,
                ["TimeoutSeconds"] = 120,
            };
        }
        var settings = new JsonObject
        {
            ["Models"] = entries,
            ["Engine"] = new JsonObject { ["RetryBaseDelayMs"] = 250, ["RetryMaxDelayMs"] = 2000 },
        };
        var path = Path.Combine(directory, "evalsettings.json");
        File.WriteAllText(path, settings.ToJsonString());
        return path;
    }

    public static string Inv(this int value) => value.ToString(CultureInfo.InvariantCulture);
}
